"""A separate process that tags papers or writes notes, for the organise crash and concurrency tests.

Like state_worker.py: ``ready`` once the store is open, then one line per id *after* its write call
returned (an acknowledged write that must survive SIGKILL); exit 3 if it cannot read back its own write.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from reader.stores.organise import OrganiseStore
from reader.stores.reading_state import StateStore


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("action", choices=["tag", "note"])
    parser.add_argument("prefix", help="ids are PREFIX.NNNNN")
    parser.add_argument("start", type=int)
    parser.add_argument("stop", type=int)
    parser.add_argument("--tag", default="t", help="the tag to add")
    parser.add_argument("--wait-for", type=Path, help="open the store, then wait for this file to appear")
    args = parser.parse_args()

    store = OrganiseStore(StateStore(args.db))
    print("ready", flush=True)
    while args.wait_for and not args.wait_for.exists():
        time.sleep(0.001)
    for number in range(args.start, args.stop):
        arxiv_id = f"{args.prefix}.{number:05d}"
        if args.action == "tag":
            store.add_tags([arxiv_id], [args.tag])
            ok = args.tag in store.tags_of([arxiv_id]).get(arxiv_id, ())
        else:
            store.set_note(arxiv_id, f"메모 {arxiv_id}\n" * 20)
            note = store.note(arxiv_id)
            ok = note is not None and note.text.startswith(f"메모 {arxiv_id}")
        if not ok:
            print(f"lost my own write of {arxiv_id}", file=sys.stderr)
            return 3
        sys.stdout.write(f"{arxiv_id}\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
