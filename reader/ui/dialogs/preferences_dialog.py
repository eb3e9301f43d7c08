"""File > Preferences: every choice the user makes once, in one dialog, saved in settings.ini.

Reading (when a paper counts as read, remote images), appearance (language, theme, text size) and
the archive "Check for New Digests" reads from. The theme applies at once; the language at the
next start, since every widget takes its texts when it is made.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.library import DEFAULT_SOURCE
from reader.ui.panes.detail_pane import MAX_POINT_SIZE, MIN_POINT_SIZE, DetailPane
from reader.ui.platform import theme as themes
from reader.ui.platform.application import running_application
from reader.ui.platform.i18n import resolve_language
from reader.ui.platform.settings import ReadMode, Settings

DEFAULT_SIZE_STEP = int(MIN_POINT_SIZE) - 1  # the spin box value that reads "Default"


class TextSizeBox(QSpinBox):
    """Text size in points, or "Default": the arrows step from the size the default stands for, not from the
    number that stands for "Default" (which would jump to the smallest size)."""

    def __init__(self, default_point_size: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.default_point_size = default_point_size
        self.setRange(DEFAULT_SIZE_STEP, int(MAX_POINT_SIZE))

    def stepBy(self, steps: int) -> None:
        if self.value() == DEFAULT_SIZE_STEP and steps:
            size = round(self.default_point_size) + steps
            self.setValue(min(max(size, int(MIN_POINT_SIZE)), int(MAX_POINT_SIZE)))
        else:
            super().stepBy(steps)

    def stepEnabled(self) -> QSpinBox.StepEnabledFlag:
        if self.value() == DEFAULT_SIZE_STEP:  # both ways from the default size
            return QSpinBox.StepEnabledFlag.StepUpEnabled | QSpinBox.StepEnabledFlag.StepDownEnabled
        return super().stepEnabled()


class PreferencesDialog(QDialog):
    """The settings made so far, grouped; OK saves them, Cancel changes nothing."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings

        self.read_mode = QComboBox(self)
        self.read_mode.addItem(self.tr("As soon as it is shown"), ReadMode.IMMEDIATELY)
        self.read_mode.addItem(self.tr("After it is shown for a moment"), ReadMode.AFTER_DELAY)
        self.read_mode.addItem(self.tr("Never (only with M)"), ReadMode.NEVER)
        self.read_mode.setCurrentIndex(self.read_mode.findData(settings.read_mode))
        self.delay = QDoubleSpinBox(self)
        self.delay.setRange(0.1, 60.0)
        self.delay.setSingleStep(0.5)
        self.delay.setSuffix(self.tr(" s"))
        self.delay.setValue(settings.read_delay_s)
        self.remote_images = QCheckBox(self.tr("Load images from the internet (kept for offline use)"), self)
        self.remote_images.setChecked(settings.allow_remote_images)

        self.language = QComboBox(self)
        self.language.addItem(self.tr("System default"), "system")
        self.language.addItem("한국어", "ko")  # language names are written in their own language
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(settings.language))
        self.language_note = QLabel(self.tr("The new language is used from the next start."), self)
        self.language_note.setWordWrap(True)
        self.theme = QComboBox(self)
        self.theme.addItem(self.tr("System"), themes.Theme.SYSTEM)
        self.theme.addItem(self.tr("Light"), themes.Theme.LIGHT)
        self.theme.addItem(self.tr("Dark"), themes.Theme.DARK)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme))
        self.font_size = TextSizeBox(_default_point_size(parent), self)
        self.font_size.setSpecialValueText(self.tr("Default"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(round(settings.font_point_size) or DEFAULT_SIZE_STEP)

        self.digest_source = QLineEdit(settings.digest_source, self)
        self.digest_source.setPlaceholderText(DEFAULT_SOURCE)
        self.digest_source.setToolTip(self.tr("Days are read from <archive>/YYYY/MM/DD.md"))

        reading = QFormLayout()
        reading.addRow(self.tr("Mark a paper &read:"), self.read_mode)
        reading.addRow(self.tr("&Moment:"), self.delay)
        reading.addRow(self.remote_images)
        appearance = QFormLayout()
        appearance.addRow(self.tr("&Language:"), self.language)
        appearance.addRow("", self.language_note)
        appearance.addRow(self.tr("&Theme:"), self.theme)
        appearance.addRow(self.tr("Paper &text size:"), self.font_size)
        digests = QFormLayout()
        digests.addRow(self.tr("&Archive:"), self.digest_source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for title, form in ((self.tr("Reading"), reading), (self.tr("Appearance"), appearance),
                            (self.tr("Check for New Digests"), digests)):
            group = QGroupBox(title, self)
            group.setLayout(form)
            layout.addWidget(group)
        layout.addWidget(buttons)
        self._name_controls()

        self.read_mode.currentIndexChanged.connect(self._update_enabled)
        self.language.currentIndexChanged.connect(self._update_language_note)
        self._update_enabled()
        self._update_language_note()
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        """Save every value, apply the theme at once; the window applies the rest (see MainWindow)."""
        settings = self._settings
        settings.read_mode = self.read_mode.currentData()
        settings.read_delay_s = self.delay.value()
        settings.allow_remote_images = self.remote_images.isChecked()
        settings.language = self.language.currentData()
        settings.theme = self.theme.currentData()
        size = self.font_size.value()
        settings.font_point_size = 0.0 if size == DEFAULT_SIZE_STEP else float(size)
        settings.digest_source = self.digest_source.text() or DEFAULT_SOURCE
        settings.sync()
        app = running_application()
        if app is not None:
            themes.apply_theme(app, settings.theme)
        super().accept()

    def _name_controls(self) -> None:
        """Names a screen reader announces (form labels are not read out as names by every reader)."""
        for control, name in (
            (self.read_mode, self.tr("Mark a paper read")),
            (self.delay, self.tr("Seconds before a shown paper counts as read")),
            (self.remote_images, self.remote_images.text()),
            (self.language, self.tr("Language")),
            (self.theme, self.tr("Theme")),
            (self.font_size, self.tr("Paper text size")),
            (self.digest_source, self.tr("Digest archive address")),
        ):
            control.setAccessibleName(name)

    def _update_enabled(self) -> None:
        self.delay.setEnabled(self.read_mode.currentData() == ReadMode.AFTER_DELAY)

    def _update_language_note(self) -> None:
        """Say that a language change waits for a restart, only when it would change something."""
        running = "ko" if QLocale().language() == QLocale.Language.Korean else "en"
        self.language_note.setVisible(resolve_language(self.language.currentData()) != running)


def _default_point_size(parent: QWidget | None) -> float:
    """The size "Default" stands for: the detail pane's own, else the application's font size."""
    pane = parent.findChild(DetailPane) if parent is not None else None
    if pane is not None:
        return pane.default_point_size()
    app = running_application()
    return app.font().pointSizeF() if app is not None else 10.0
