"""The window's start loads the prebuilt Korean catalogue only: never lrelease, English when there is none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from reader.ui.platform import i18n

KOREAN_TS = i18n.translations_dir() / "daily_papers_ko.ts"


@pytest.fixture
def shipped(monkeypatch, tmp_path: Path) -> Path:
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / KOREAN_TS.name).write_bytes(KOREAN_TS.read_bytes())
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    monkeypatch.setattr(i18n, "compile_catalogue", lambda *_args: pytest.fail("lrelease ran at start"))
    return folder


def test_without_a_compiled_catalogue_the_window_is_english(qapp, shipped: Path, tmp_path: Path, caplog) -> None:
    try:
        assert i18n.install_translators(qapp, "ko", cache_dir=tmp_path / "data" / "translations") == "en"
        assert QApplication.translate("Shortcuts", "&File") == "&File"
        assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"  # not Korean Qt buttons either
    finally:
        i18n.remove_translators(qapp)
        QLocale.setDefault(QLocale.system())
    assert "the window is in English" in caplog.text
    assert not (tmp_path / "data").exists()


def test_an_older_compiled_catalogue_is_loaded_as_it_is(qapp, shipped: Path, caplog) -> None:
    real_qm = KOREAN_TS.with_suffix(".qm")
    if not real_qm.exists():
        pytest.skip("scripts/setup.sh has not compiled the catalogue in this checkout")
    stale = shipped / real_qm.name
    stale.write_bytes(real_qm.read_bytes())
    os.utime(stale, (1_000_000, 1_000_000))  # older than the .ts
    assert i18n.catalogue_file("ko") == stale
    assert "older than" in caplog.text
