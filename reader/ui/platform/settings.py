"""Preferences and window state, kept in an INI file inside the library's data directory.

Keeping the file next to the library (not in the user's global Qt settings) means a test or a
``--data-dir`` run never reads or overwrites the settings of the user's real library.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from reader.library import DEFAULT_SOURCE
from reader.ui.platform.i18n import LANGUAGE_CHOICES as LANGUAGES
from reader.ui.platform.theme import Theme

SETTINGS_FILE = "settings.ini"
DEFAULT_READ_DELAY_S = 1.5
DEFAULT_FONT_POINT_SIZE = 0  # 0: the detail pane's own default


class ReadMode(Enum):
    """When a shown paper counts as read."""

    IMMEDIATELY = "immediately"
    AFTER_DELAY = "after_delay"
    NEVER = "never"


class Settings:
    """Typed access to the few values the window keeps between runs.

    Preferences (what the user chose in a dialog) and window state (where things were left)
    live in separate INI groups so resetting one never loses the other.
    """

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._qsettings.fileName()

    def sync(self) -> None:
        """Write pending values to disk now (Qt otherwise writes lazily)."""
        self._qsettings.sync()

    # --- preferences -------------------------------------------------------------------

    @property
    def read_mode(self) -> ReadMode:
        value = self._qsettings.value("preferences/read_mode", ReadMode.AFTER_DELAY.value)
        try:
            return ReadMode(str(value))
        except ValueError:
            return ReadMode.AFTER_DELAY

    @read_mode.setter
    def read_mode(self, mode: ReadMode) -> None:
        self._qsettings.setValue("preferences/read_mode", mode.value)

    @property
    def read_delay_s(self) -> float:
        return self._float("preferences/read_delay_s", DEFAULT_READ_DELAY_S, minimum=0.0)

    @read_delay_s.setter
    def read_delay_s(self, seconds: float) -> None:
        self._qsettings.setValue("preferences/read_delay_s", float(seconds))

    @property
    def allow_remote_images(self) -> bool:
        return self._bool("preferences/allow_remote_images", False)

    @allow_remote_images.setter
    def allow_remote_images(self, allowed: bool) -> None:
        self._qsettings.setValue("preferences/allow_remote_images", bool(allowed))

    @property
    def language(self) -> str:
        """``system`` (follow the locale), ``ko`` or ``en``."""
        value = str(self._qsettings.value("preferences/language", "system"))
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, language: str) -> None:
        self._qsettings.setValue("preferences/language", language if language in LANGUAGES else "system")

    @property
    def theme(self) -> Theme:
        try:
            return Theme(str(self._qsettings.value("preferences/theme", Theme.SYSTEM.value)))
        except ValueError:
            return Theme.SYSTEM

    @theme.setter
    def theme(self, theme: Theme) -> None:
        self._qsettings.setValue("preferences/theme", theme.value)

    @property
    def digest_source(self) -> str:
        """The archive "Check for New Digests" reads days from."""
        value = str(self._qsettings.value("preferences/digest_source", "") or "").strip()
        return value or DEFAULT_SOURCE

    @digest_source.setter
    def digest_source(self, url: str) -> None:
        url = url.strip()
        self._qsettings.setValue("preferences/digest_source", "" if url == DEFAULT_SOURCE else url)

    @property
    def fetch_from_hub(self) -> bool:
        """The fetch dialog's source: Hugging Face Daily Papers itself (True) or a digest archive."""
        return self._bool("preferences/fetch_from_hub", False)

    @fetch_from_hub.setter
    def fetch_from_hub(self, value: bool) -> None:
        self._qsettings.setValue("preferences/fetch_from_hub", bool(value))

    @property
    def chat_endpoint(self) -> str:
        """The OpenAI-compatible API that writes Korean summaries ('' = the library's default, a local Ollama).
        Its API key is never kept here: the system keyring or $DAILY_PAPERS_API_KEY."""
        return str(self._qsettings.value("preferences/chat_endpoint", "") or "").strip()

    @chat_endpoint.setter
    def chat_endpoint(self, url: str) -> None:
        self._qsettings.setValue("preferences/chat_endpoint", url.strip())

    @property
    def chat_model(self) -> str:
        return str(self._qsettings.value("preferences/chat_model", "") or "").strip()

    @chat_model.setter
    def chat_model(self, name: str) -> None:
        self._qsettings.setValue("preferences/chat_model", name.strip())

    @property
    def background_check(self) -> bool:
        """Look for new days on start and every few hours while the window is open (off unless chosen)."""
        return self._bool("preferences/background_check", False)

    @background_check.setter
    def background_check(self, value: bool) -> None:
        self._qsettings.setValue("preferences/background_check", bool(value))

    @property
    def keep_starred_pdfs(self) -> bool:
        """Keep the PDFs of starred and queued papers in the data directory (off unless chosen)."""
        return self._bool("preferences/keep_starred_pdfs", False)

    @keep_starred_pdfs.setter
    def keep_starred_pdfs(self, value: bool) -> None:
        self._qsettings.setValue("preferences/keep_starred_pdfs", bool(value))

    @property
    def last_check(self) -> float:
        """When the background check last ran (seconds since the epoch; 0: never)."""
        try:
            return float(str(self._qsettings.value("state/last_check", 0) or 0))
        except (TypeError, ValueError):
            return 0.0

    @last_check.setter
    def last_check(self, when: float) -> None:
        self._qsettings.setValue("state/last_check", when)

    # --- window state --------------------------------------------------------------------

    def restore_layout(self, window: QMainWindow, splitter: QSplitter) -> bool:
        """Geometry, toolbars and pane sizes of the last run; False on the very first start."""
        geometry = self._bytes("window/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        if (state := self._bytes("window/state")) is not None:
            window.restoreState(state)
        if (sizes := self._bytes("window/splitter")) is not None:
            splitter.restoreState(sizes)
        return geometry is not None

    def save_layout(self, window: QMainWindow, splitter: QSplitter) -> None:
        self._qsettings.setValue("window/geometry", window.saveGeometry())
        self._qsettings.setValue("window/state", window.saveState())
        self._qsettings.setValue("window/splitter", splitter.saveState())

    @property
    def selected_view(self) -> str | None:
        value = self._qsettings.value("window/view")
        return str(value) if value else None

    @selected_view.setter
    def selected_view(self, view_text: str) -> None:
        self._qsettings.setValue("window/view", view_text)

    @property
    def selected_paper(self) -> str | None:
        """Key ``date/arxiv_id`` of the paper shown last."""
        value = self._qsettings.value("window/paper")
        return str(value) if value else None

    @selected_paper.setter
    def selected_paper(self, key: str | None) -> None:
        self._qsettings.setValue("window/paper", key or "")

    @property
    def sort(self) -> tuple[int, bool] | None:
        """(column, descending) of the paper list, or None before the user chose one."""
        value = self._qsettings.value("window/sort")
        if not value:
            return None
        column, _, direction = str(value).partition(":")
        try:
            return int(column), direction == "desc"
        except ValueError:
            return None

    @sort.setter
    def sort(self, column_and_descending: tuple[int, bool]) -> None:
        column, descending = column_and_descending
        self._qsettings.setValue("window/sort", f"{column}:{'desc' if descending else 'asc'}")

    @property
    def hide_read(self) -> bool:
        return self._bool("window/hide_read", False)

    @hide_read.setter
    def hide_read(self, hidden: bool) -> None:
        self._qsettings.setValue("window/hide_read", bool(hidden))

    @property
    def keep_starred_visible(self) -> bool:
        """Starred papers stay listed while read ones are hidden."""
        return self._bool("window/keep_starred", False)

    @keep_starred_visible.setter
    def keep_starred_visible(self, kept: bool) -> None:
        self._qsettings.setValue("window/keep_starred", bool(kept))

    @property
    def search_exact(self) -> bool:
        """The search field's Exact mode: words as typed, without their glossary forms in the other language."""
        return self._bool("window/search_exact", False)

    @search_exact.setter
    def search_exact(self, exact: bool) -> None:
        self._qsettings.setValue("window/search_exact", bool(exact))

    @property
    def font_point_size(self) -> float:
        return self._float("window/font_point_size", DEFAULT_FONT_POINT_SIZE, minimum=0.0)

    @font_point_size.setter
    def font_point_size(self, size: float) -> None:
        self._qsettings.setValue("window/font_point_size", float(size))

    # --- helpers: INI values come back as strings -----------------------------------------

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qsettings.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _float(self, key: str, default: float, minimum: float) -> float:
        value = self._qsettings.value(key, default)
        if not isinstance(value, str | int | float):
            return default  # e.g. a list, which an INI file gives for "1, 2"
        try:
            return max(minimum, float(value))
        except ValueError:
            return default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
