"""Preferences: what the user chose survives a restart and takes effect."""

from __future__ import annotations

from reader.ui.dialogs.preferences_dialog import DEFAULT_SIZE_STEP, PreferencesDialog
from reader.ui.platform import theme
from reader.ui.platform.settings import ReadMode, Settings
from reader.ui.platform.theme import Theme

ARCHIVE = "https://example.org/digests"


def choose(dialog: PreferencesDialog) -> None:
    dialog.read_mode.setCurrentIndex(dialog.read_mode.findData(ReadMode.AFTER_DELAY))
    dialog.delay.setValue(4.0)
    dialog.remote_images.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    dialog.theme.setCurrentIndex(dialog.theme.findData(Theme.DARK))
    dialog.font_size.setValue(15)
    dialog.digest_source.setText(ARCHIVE)


def test_preferences_survive_a_restart(open_window, qtbot, seeded_data_dir, restore_theme, monkeypatch) -> None:
    window = open_window(read_mode=ReadMode.NEVER)

    def choose_and_accept(dialog: PreferencesDialog) -> int:
        choose(dialog)
        dialog.accept()
        return 1

    with monkeypatch.context() as patch:
        patch.setattr(PreferencesDialog, "exec", choose_and_accept)  # the real dialog, without the modal loop
        window.commands["preferences"].trigger()
    qtbot.waitUntil(lambda: theme.is_dark(window.detail.browser.palette()), timeout=1000)  # applies at once
    window.close()

    settings = Settings(seeded_data_dir)  # a new run reads the same file
    assert (settings.read_mode, settings.read_delay_s, settings.allow_remote_images) == (
        ReadMode.AFTER_DELAY, 4.0, True
    )
    assert (settings.language, settings.theme, settings.font_point_size) == ("ko", Theme.DARK, 15.0)
    assert settings.digest_source == ARCHIVE

    reopened = open_window(read_mode=ReadMode.AFTER_DELAY, read_delay_s=4.0)
    assert reopened.detail.font_point_size() == 15.0
    again = PreferencesDialog(reopened.settings, reopened)
    qtbot.addWidget(again)
    assert again.language.currentData() == "ko" and again.theme.currentData() == Theme.DARK
    assert again.font_size.value() == 15 and again.digest_source.text() == ARCHIVE
    assert again.remote_images.isChecked() and again.delay.value() == 4.0
    fetch = reopened.library_tools.fetch_dialog()
    qtbot.addWidget(fetch)
    assert fetch.source_edit.text() == ARCHIVE  # Check for New Digests starts from the chosen archive


def test_text_size_applies_to_the_open_paper(open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    chosen_size = {"value": 18}

    def choose_and_accept(dialog: PreferencesDialog) -> int:
        dialog.font_size.setValue(chosen_size["value"])
        dialog.accept()
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", choose_and_accept)  # the real dialog, without the modal loop
    window.commands["preferences"].trigger()
    assert window.detail.browser.document().defaultFont().pointSizeF() == 18.0
    chosen_size["value"] = DEFAULT_SIZE_STEP
    window.commands["preferences"].trigger()
    assert window.settings.font_point_size == 0.0
    assert window.detail.font_point_size() == 0.0


def test_size_below_the_minimum_reads_default(open_window, qtbot) -> None:
    window = open_window()
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.font_size.setValue(DEFAULT_SIZE_STEP)
    assert dialog.font_size.text() == "Default"


def test_default_archive_is_not_stored(open_window, qtbot) -> None:
    window = open_window()
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.digest_source.clear()
    dialog.accept()
    from reader.library import DEFAULT_SOURCE

    assert window.settings.digest_source == DEFAULT_SOURCE


def test_language_note_appears_only_for_a_change(open_window, qtbot) -> None:
    window = open_window()
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.language_note.isVisible()  # English runs, System resolves to English here
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    assert dialog.language_note.isVisible()
