"""Your own library from the window: Add Folder, the Library dialog (remove, hide the seeds), drag-and-drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from reader.library import Library

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_DATES = {"2024-04-02", "2024-07-04", "2024-08-01", "2024-08-22", "2024-11-20"}
WAIT_MS = 60_000  # an update runs in a child process: generous, the test ends as soon as it lands


def redated_digest(day: str, seed: str = "2024-04-02") -> str:
    """A real seed digest moved to `day`, so the archive's days do not collide with the bundled seeds."""
    text = (SEEDS / f"{seed}.md").read_text(encoding="utf-8")
    return text.replace(f"## Daily Papers ({seed})", f"## Daily Papers ({day})")


def write_archive(root: Path, days: list[str]) -> Path:
    """A folder laid out like the public archive: paper_logs/YYYY/MM/DD.md."""
    for day in days:
        year, month, dom = day.split("-")
        path = root / "paper_logs" / year / month / f"{dom}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redated_digest(day), encoding="utf-8")
    return root / "paper_logs"


def days_of(window) -> set[str]:
    return set(window.sidebar_model.day_dates())


def test_add_folder_indexes_an_archive_and_its_days_appear(open_window, qtbot, tmp_path: Path, monkeypatch) -> None:
    archive = write_archive(tmp_path / "daily_papers_ko", ["2024-12-02", "2025-01-07"])
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(archive))
    window.commands["add_folder"].trigger()
    qtbot.waitUntil(lambda: {"2024-12-02", "2025-01-07"} <= days_of(window), timeout=WAIT_MS)
    assert days_of(window) >= SEED_DATES
    assert str(archive.resolve()) in [source.path for source in window.library.sources()]
    qtbot.waitUntil(lambda: str(archive.resolve()) in window.library_tools.watcher.watched_folders())


def test_add_files_takes_single_digests(open_window, qtbot, tmp_path: Path, monkeypatch) -> None:
    archive = write_archive(tmp_path / "mine", ["2025-02-03"])
    window = open_window()
    digest = archive / "2025" / "02" / "03.md"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(digest)], ""))
    window.commands["add_files"].trigger()
    qtbot.waitUntil(lambda: "2025-02-03" in days_of(window), timeout=WAIT_MS)


@pytest.fixture
def data_dir_with_archive(seeded_data_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    archive = write_archive(tmp_path / "archive", ["2025-01-07"])
    with Library(seeded_data_dir) as library:
        library.add_sources([archive])
        library.update()
    return seeded_data_dir, archive


def test_library_dialog_lists_sources_with_counts_and_removes_one(open_window, qtbot, data_dir_with_archive) -> None:
    data_dir, archive = data_dir_with_archive
    window = open_window(data_dir)
    archive_ids = [paper.arxiv_id for paper in window.library.papers(date="2025-01-07")]
    window.library.set_starred(archive_ids[:2])
    dialog = window.library_tools.library_dialog()
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = {table.item(row, 0).toolTip(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert rows[str(archive.resolve())] == str(len(archive_ids))
    assert "52" in rows.values()  # the bundled seeds

    assert dialog.select_source(str(archive.resolve()))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 1
    qtbot.waitUntil(lambda: "2025-01-07" not in days_of(window), timeout=WAIT_MS)
    assert days_of(window) >= SEED_DATES
    assert all(window.library.flags(arxiv_id).starred for arxiv_id in archive_ids[:2])  # stars kept
    assert archive.is_dir()  # the files themselves are never touched


def test_the_seeds_can_be_hidden_and_shown_again(open_window, qtbot, data_dir_with_archive) -> None:
    window = open_window(data_dir_with_archive[0])
    dialog = window.library_tools.library_dialog()
    qtbot.addWidget(dialog)
    assert dialog.select_source(next(s.path for s in window.library.sources() if s.builtin))
    assert not dialog.remove_button.isEnabled()  # the seeds are hidden, not removed
    dialog.hide_seeds.setChecked(True)
    qtbot.waitUntil(lambda: days_of(window) == {"2025-01-07"}, timeout=WAIT_MS)
    assert window.library.seeds_hidden()
    dialog.hide_seeds.setChecked(False)
    qtbot.waitUntil(lambda: days_of(window) >= SEED_DATES, timeout=WAIT_MS)


def drop_on(window, paths: list[Path]) -> bool:
    """Drag the paths over the window and drop them, as a file manager would; True if the drop was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    centre = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_dropping_a_folder_adds_it(open_window, qtbot, tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "dropped", ["2025-03-04"])
    window = open_window()
    assert drop_on(window, [archive])
    qtbot.waitUntil(lambda: "2025-03-04" in days_of(window), timeout=WAIT_MS)


def test_dropping_something_else_is_refused(open_window, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not a digest", encoding="utf-8")
    window = open_window()
    assert not drop_on(window, [other])
    assert len(window.library.sources()) == 1
