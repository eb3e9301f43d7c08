"""Help > About: version, where the library lives, and whose work the app and its digests are.

The bundled sample digests come from the public archive l-yohai/daily_papers_ko, licensed
CC BY-NC 4.0, which asks for attribution: the dialog credits it with links to the archive and
the licence. Links open through ``links.open_external`` like every other link in the app.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.ui.platform import links

DIGEST_ARCHIVE_URL = "https://github.com/l-yohai/daily_papers_ko"
CC_BY_NC_URL = "https://creativecommons.org/licenses/by-nc/4.0/"
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    # (name, licence, home page) of what the app ships with
    ("Qt / PySide6", "LGPL-3.0", "https://www.qt.io/qt-for-python"),
    ("Whoosh", "BSD-2-Clause", "https://github.com/mchaput/whoosh"),
    ("Python-Markdown", "BSD-3-Clause", "https://github.com/Python-Markdown/markdown"),
    ("nh3 / ammonia", "MIT, Apache-2.0", "https://github.com/messense/nh3"),
    ("platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
)


class AboutDialog(QDialog):
    """Rich text with links the user can reach by keyboard; About Qt for Qt's own notice."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About Daily Papers Reader"))
        self.text = QLabel(self._html(data_dir), self)
        self.text.setObjectName("about_text")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(False)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setAccessibleName(self.tr("About Daily Papers Reader"))
        self.text.linkActivated.connect(links.open_external)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.about_qt_button = QPushButton(self.tr("About &Qt"), self)
        buttons.addButton(self.about_qt_button, QDialogButtonBox.ButtonRole.HelpRole)
        self.about_qt_button.clicked.connect(lambda: QMessageBox.aboutQt(self))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _html(self, data_dir: Path) -> str:
        def link(url: str, text: str) -> str:
            return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'

        components = "".join(
            f"<li>{link(url, name)}: {html.escape(licence)}</li>" for name, licence, url in COMPONENTS
        )
        credit = self.tr(
            "The bundled sample digests are from {archive} by l-yohai, licensed under {licence}: "
            "free to share and adapt for non-commercial use, with credit."
        ).format(archive=link(DIGEST_ARCHIVE_URL, "daily_papers_ko"), licence=link(CC_BY_NC_URL, "CC BY-NC 4.0"))
        title = self.tr("Daily Papers Reader")
        summary = self.tr("Read the Korean Hugging Face Daily Papers digests offline.")
        licence = self.tr("The app is free software under the MIT licence.")
        built_with = self.tr("Built with (Qt {version}):").format(version=qVersion())
        where = self.tr("Library data: {path}").format(path=data_dir)
        return (
            f"<h2>{html.escape(title)} {html.escape(__version__)}</h2>"
            f"<p>{html.escape(summary)}</p><p>{html.escape(licence)}</p><p>{credit}</p>"
            f"<p>{html.escape(built_with)}</p><ul>{components}</ul><p>{html.escape(where)}</p>"
        )


def show_about(parent: QWidget, data_dir: Path) -> None:
    """Help > About."""
    dialog = AboutDialog(data_dir, parent)
    dialog.exec()
    dialog.deleteLater()
