"""What the sidebar costs the GUI thread on a big library: new days arriving, and a count change.

Builds a sidebar of ``--days`` days (3,700 is ~100,000 papers), then 10 times inserts 200 newer
days (what one commit of an update brings: FILES_PER_COMMIT files of a day each) and changes one
day's count (a star or read mark),
timing each call and the paint after it. Prints one JSON object of medians and maxima in ms.

    python -m bench.sidebar_counts [--days 3700]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.library import DayInfo
from reader.library.facade import FILES_PER_COMMIT  # noqa: E402
from reader.ui.models.sidebar_tree import SidebarModel
from reader.ui.models.view import View  # noqa: E402
from reader.ui.panes.sidebar import Sidebar  # noqa: E402

NEW_DAYS = FILES_PER_COMMIT  # the days one commit of an update adds to an archive of daily files
ROUNDS = 10


def measure(n_days: int) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    first = datetime.date(2015, 1, 1)
    days = [DayInfo(str(first + datetime.timedelta(days=i)), 27, 27, 0) for i in range(n_days)][::-1]
    model = SidebarModel()
    view = Sidebar(model)
    view.resize(230, 800)
    view.show()
    shown = NEW_DAYS * ROUNDS
    model.set_days(days[shown:])
    view.select_view(View("day", days[shown].date))
    app.processEvents()
    inserts, paints, counts = [], [], []
    for newest in range(shown - NEW_DAYS, -1, -NEW_DAYS):
        started = time.perf_counter()
        model.set_days(days[newest:])
        inserted = time.perf_counter()
        app.processEvents()
        inserts.append(inserted - started)
        paints.append(time.perf_counter() - inserted)
        one_read = [DayInfo(d.date, d.total, d.unread - 1, 0) if i == 5 else d for i, d in enumerate(days[newest:])]
        started = time.perf_counter()
        model.set_days(one_read)
        counts.append(time.perf_counter() - started)
        app.processEvents()
    view.close()

    def ms(values: list[float]) -> dict[str, float]:
        return {"median_ms": round(1000 * statistics.median(values), 1), "max_ms": round(1000 * max(values), 1)}

    return {"days": n_days, "insert_new_days": ms(inserts), "paint_after_insert": ms(paints),
            "count_change": ms(counts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=3700)
    print(json.dumps(measure(parser.parse_args().days)))


if __name__ == "__main__":
    main()
