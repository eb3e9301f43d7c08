"""A separate process that writes flags to a StateStore, for the crash and concurrency tests.

It prints ``ready`` once the store is open, then, for every batch, one line per id *after*
the write call returned: a printed id is an acknowledged write that must survive a SIGKILL.
It exits 3 if it cannot read back its own write, so a lost write shows up as a failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from reader.stores.reading_state import StateStore


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("action", choices=["star", "read", "dismiss"])
    parser.add_argument("prefix", help="ids are PREFIX.NNNNN")
    parser.add_argument("start", type=int)
    parser.add_argument("stop", type=int)
    parser.add_argument("--batch", type=int, default=1, help="ids per set_* call")
    parser.add_argument("--wait-for", type=Path, help="open the store, then wait for this file to appear")
    args = parser.parse_args()

    store = StateStore(args.db)
    print("ready", flush=True)
    while args.wait_for and not args.wait_for.exists():
        time.sleep(0.001)

    write = {"star": store.set_starred, "read": store.set_read, "dismiss": store.set_dismissed}[args.action]
    flag = {"star": "starred", "read": "read", "dismiss": "dismissed"}[args.action]
    ids = [f"{args.prefix}.{number:05d}" for number in range(args.start, args.stop)]
    for first in range(0, len(ids), args.batch):
        batch = ids[first : first + args.batch]
        write(batch)
        if not getattr(store.get(batch[-1]), flag):
            print(f"lost my own write of {batch[-1]}", file=sys.stderr)
            return 3
        sys.stdout.write("".join(f"{arxiv_id}\n" for arxiv_id in batch))
        sys.stdout.flush()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
