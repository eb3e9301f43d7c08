"""The Korean UI: every visible string has a finished translation, and the window really shows it."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from reader.ui.platform import i18n

UI_SOURCES = i18n.ui_sources()
KOREAN_TS = i18n.translations_dir() / "daily_papers_ko.ts"
PLACEHOLDER = re.compile(r"\{\w*\}")

Message = tuple[str, str]  # (context, English source)


def read_catalogue(path: Path) -> dict[Message, list[str]]:
    """Each message of a .ts with its translations (one, or the numerus forms); [] when unfinished."""
    messages: dict[Message, list[str]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            messages[(name, message.findtext("source") or "")] = [f for f in forms if f.strip()] if finished else []
    return messages


@pytest.fixture(scope="module")
def strings_in_code(tmp_path_factory: pytest.TempPathFactory) -> dict[Message, list[str]]:
    """What pyside6-lupdate finds in reader/ui today: the strings the user can see."""
    command = i18n.tool_command("lupdate")
    if command is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh_ko.ts"
    subprocess.run([*command, "-silent", "-locations", "none", *map(str, UI_SOURCES), "-ts", str(fresh)],
                   check=True, capture_output=True)
    return read_catalogue(fresh)


def test_every_visible_string_has_a_finished_korean_translation(strings_in_code) -> None:
    korean = read_catalogue(KOREAN_TS)
    untranslated = sorted(message for message in strings_in_code if not korean.get(message))
    assert len(strings_in_code) > 200  # lupdate really read the UI (menus, dialogs, detail page)
    assert untranslated == [], "run `python -m reader.ui.platform.i18n --update`, then translate these in the .ts"


def test_lupdate_reads_every_module_and_finds_every_command_text(strings_in_code) -> None:
    """Commands are declared all over reader/ui with the typed QT_TRANSLATE_NOOP: lupdate must still see them."""
    from reader.ui.window import commands, main_window

    assert main_window.MainWindow  # imports every module that declares commands
    assert len(commands.COMMANDS) > 30

    assert {path.relative_to(UI_SOURCES[0].parent).parts[0] for path in UI_SOURCES} >= {
        "window", "panes", "models", "dialogs", "background", "platform"}
    texts = {text for command in commands.COMMANDS.values() for text in (command.text, command.help) if text}
    texts |= {menu.title for menu in commands.MENUS} | {text for _keys, text in commands.NATIVE_KEYS}
    missing = sorted(text for text in texts if (commands.CONTEXT, text) not in strings_in_code)
    assert missing == []


def test_translations_keep_placeholders_counts_and_mnemonics() -> None:
    for (context, source), forms in read_catalogue(KOREAN_TS).items():
        for text in forms:
            where = f"{context}: {source!r} -> {text!r}"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
            assert ("%n" in text) == ("%n" in source), where
            assert ("&" in text.replace("&&", "")) == ("&" in source.replace("&&", "")), where


def test_catalogue_compiles(tmp_path: Path) -> None:
    if i18n.tool_command("lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed")
    assert i18n.compile_catalogue(KOREAN_TS, tmp_path / "ko.qm")
    assert (tmp_path / "ko.qm").stat().st_size > 10_000


@pytest.mark.parametrize(
    ("choice", "system", "expected"),
    [("system", "ko_KR", "ko"), ("system", "en_GB", "en"), ("system", "de_DE", "en"),
     ("en", "ko_KR", "en"), ("ko", "en_US", "ko")],
)
def test_language_follows_the_system_unless_chosen(choice: str, system: str, expected: str) -> None:
    assert i18n.resolve_language(choice, QLocale(system)) == expected


@pytest.fixture
def korean_ui(qapp, tmp_path: Path):
    """The Korean translators installed for one test (as run_window does before building the window)."""
    assert i18n.install_translators(qapp, "ko", cache_dir=tmp_path / "translations") == "ko"
    yield
    i18n.remove_translators(qapp)
    QLocale.setDefault(QLocale.system())


def test_window_speaks_korean(korean_ui, open_window) -> None:
    window = open_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["파일(&F)", "편집(&E)", "보기(&V)", "이동(&G)", "논문(&P)", "도움말(&H)"]
    assert window.sidebar.model().index(0, 0).data() == "최신 날짜"
    assert window.paper_model.headerData(1, window.paper_list.horizontalHeader().orientation()) == "제목"
    html = window.detail.browser.toHtml()
    assert "추천: " in html and "저자: " in html
    assert window.search_bar.field.placeholderText().startswith("제목, 저자, 요약 검색")


def test_qt_standard_buttons_speak_korean(korean_ui, qtbot) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "취소"


def test_english_is_the_code_itself(qapp) -> None:
    assert i18n.install_translators(qapp, "en") == "en"
    assert QApplication.translate("Shortcuts", "&File") == "&File"


def test_a_checkout_without_qm_starts_in_english_without_compiling(monkeypatch, tmp_path: Path, caplog) -> None:
    """The window loads the .qm that scripts/setup.sh compiled; it never runs lrelease at start (~2.4 s)."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / KOREAN_TS.name).write_bytes(KOREAN_TS.read_bytes())
    monkeypatch.setattr(i18n, "translations_dir", lambda: shipped)
    monkeypatch.setattr(i18n, "compile_catalogue", lambda *_args: pytest.fail("compiled at start"))
    assert i18n.catalogue_file("ko", cache_dir=tmp_path / "data" / "translations") is None
    assert "no compiled ko catalogue" in caplog.text and not (tmp_path / "data").exists()
    assert i18n.catalogue_file("en", cache_dir=tmp_path / "data") is None
