"""Fixtures for the window tests (pytest-qt, offscreen). Shared file: append, do not rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

UI_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A Qt warning logged during a window test fails it: warnings are how Qt reports misuse."""
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(UI_DIR):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            # The offscreen platform says this about every top-level window; it is not our misuse.
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs handed to the user's browser; QDesktopServices is patched in reader.ui.platform.links, the one gate."""
    from reader.ui.platform import links

    opened: list[str] = []

    class FakeDesktopServices:
        @staticmethod
        def openUrl(url: object) -> bool:  # noqa: N802 - Qt's name
            opened.append(url.toString() if hasattr(url, "toString") else str(url))
            return True

    monkeypatch.setattr(links, "QDesktopServices", FakeDesktopServices)
    return opened


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled seeds indexed once per session; each test gets a copy (indexing is the slow part)."""
    from reader.library import Library

    directory = tmp_path_factory.mktemp("seeded") / "data"
    library = Library(directory)
    try:
        library.update()
    finally:
        library.close()
    return directory


@pytest.fixture
def seeded_data_dir(_seeded_template: Path, tmp_path: Path) -> Path:
    """A data directory of this test only, already holding the indexed seeds (5 days, 52 papers)."""
    import shutil

    directory = tmp_path / "seeded"
    shutil.copytree(_seeded_template, directory)
    return directory


@pytest.fixture
def open_window(qtbot, seeded_data_dir: Path):
    """Factory: ``open_window(data_dir=None, read_mode=ReadMode.NEVER)`` shows a MainWindow, waits until it has started.

    Papers are not marked read by the timer unless a test asks for it, so counts stay predictable.
    Windows are closed (saving their state) and libraries closed at teardown.
    """
    from reader.library import Library
    from reader.ui.platform.settings import ReadMode, Settings
    from reader.ui.window.main_window import MainWindow

    libraries = []

    def open_(data_dir: Path | None = None, read_mode: ReadMode = ReadMode.NEVER, read_delay_s: float = 1.5):
        directory = data_dir or seeded_data_dir
        settings = Settings(directory)
        settings.read_mode = read_mode
        settings.read_delay_s = read_delay_s
        settings.sync()
        library = Library(directory)
        libraries.append(library)
        window = MainWindow(library)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        qtbot.waitUntil(window.is_started)  # the detail pane fills just after the first paint
        return window

    yield open_
    for library in libraries:
        library.close()


@pytest.fixture
def korean(qapp, tmp_path: Path):
    """Our Korean catalogue compiled from the .ts as it is now (not a .qm that may be older), for one test."""
    from PySide6.QtCore import QTranslator

    from reader.ui.platform import i18n

    compiled = tmp_path / "daily_papers_ko.qm"
    if not i18n.compile_catalogue(i18n.translations_dir() / "daily_papers_ko.ts", compiled):
        pytest.skip("pyside6-lrelease is not installed")
    translator = QTranslator(qapp)
    assert translator.load(str(compiled))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def restore_theme(qapp):
    """Themes are application-wide: put the default theme and style back for the next test."""
    from reader.ui.platform import theme

    style = qapp.style().name()
    yield
    theme.apply_theme(qapp, theme.Theme.SYSTEM)
    qapp.setStyle(style)
