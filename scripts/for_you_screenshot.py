"""A screenshot of the For you view with a paper's reason and similar papers, for the README.

    QT_QPA_PLATFORM=xcb DISPLAY=:N .venv/bin/python scripts/for_you_screenshot.py DATA_DIR \
        --star-titles "3D|Gaussian" --stars 6 --language ko --theme dark --out docs/for-you-ko-dark.png

Stars the first N papers (by date) whose English title matches the pattern, opens the main window on DATA_DIR
in the language and theme given, waits for For you to be fitted, selects the For you view and its top paper,
and grabs the window.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reader.library import Library
from reader.ui.models.view import View
from reader.ui.platform.settings import Settings
from reader.ui.platform.theme import Theme
from reader.ui.window.launch import prepare_appearance
from reader.ui.window.main_window import MainWindow


def wait(app: QApplication, until: object, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not until() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--star-titles", default=r"\b3D\b|Gaussian")
    parser.add_argument("--stars", type=int, default=6)
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--language", default="ko", choices=("ko", "en"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with Library(args.data_dir) as library:
        pattern = re.compile(args.star_titles)
        chosen = sorted({p.arxiv_id: p for p in library.papers() if pattern.search(p.title)}.values(),
                        key=lambda paper: paper.date)[: args.stars]
        library.set_starred([paper.arxiv_id for paper in chosen])
        library.set_read([paper.arxiv_id for paper in chosen])
    app = QApplication(sys.argv[:1])
    settings = Settings(args.data_dir)
    settings.language, settings.theme = args.language, Theme(args.theme)
    settings.sync()
    library = Library(args.data_dir)
    prepare_appearance(app, Settings(args.data_dir), args.data_dir)
    window = MainWindow(library)
    window.resize(1500, 900)
    window.show()
    wait(app, window.is_started)
    wait(app, lambda: window.for_you.model is not None)
    window.sidebar.select_view(View("for_you"))
    window.paper_list.select_row(0)
    wait(app, lambda: window.for_you.panel.similar.topLevelItemCount() > 0)
    for _ in range(50):
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(args.out))
    print(f"saved {args.out}")
    window.close()
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
