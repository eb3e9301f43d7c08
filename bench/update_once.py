"""One ``Library.update()`` of the synthetic bench library on a fresh data directory, for instruction counts.

    valgrind --tool=callgrind python -m bench.update_once --papers 5000          # the update
    valgrind --tool=callgrind python -m bench.update_once --papers 5000 --none   # start-up alone, to subtract

Wall-clock time on a shared machine moves by tens of percent between identical runs; the instructions an
update executes (callgrind's ``Ir``) do not. The process ends with ``os._exit`` so that the interpreter's
teardown is not counted. The digests are bench.scale's (written once under bench/out/).
"""

from __future__ import annotations

import argparse
import os
import shutil

from bench.scale import OUT_DIR, synthetic_library
from reader.library import Library


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--none", action="store_true", help="open the library but do not update it")
    args = parser.parse_args(argv)
    digests = synthetic_library(OUT_DIR / f"scale-{args.papers}-seed0", args.papers, 0)
    data = OUT_DIR / "update-once-data"  # emptied first in both runs, so its cost is subtracted too
    shutil.rmtree(data, ignore_errors=True)
    with Library(data) as library:
        library.add_sources([digests])
        library.remove_source(next(source.path for source in library.sources() if source.builtin))
        if not args.none:
            library.update()
        os._exit(0)


if __name__ == "__main__":
    main()
