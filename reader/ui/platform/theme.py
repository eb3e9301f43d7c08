"""Light, dark or the system's scheme; the detail pane's colours; a font that reads Korean well.

Qt 6.8+ can ask the platform for a colour scheme (``QStyleHints.setColorScheme``), but many
platforms (X11 without a desktop theme plugin, offscreen, older Qt) ignore the request. The app
then sets a Fusion palette of its own, so Light and Dark always look like what was chosen.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

KOREAN_FONTS = ("Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "NanumGothic",
                "Source Han Sans K", "UnDotum")
"""UI fonts with Hangul designed alongside Latin, most widely installed first (Linux, Windows, macOS)."""

WCAG_AA = 4.5  # minimum contrast of body text with its background (WCAG 2.x, level AA)


class Theme(Enum):
    """The appearance chosen in Preferences."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_SCHEMES = {Theme.LIGHT: Qt.ColorScheme.Light, Theme.DARK: Qt.ColorScheme.Dark, Theme.SYSTEM: Qt.ColorScheme.Unknown}

_DARK_COLOURS = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#3d6fb6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.Light: "#4a4a4a",
    QPalette.ColorRole.Midlight: "#3e3e3e",
    QPalette.ColorRole.Mid: "#303030",
    QPalette.ColorRole.Dark: "#1a1a1a",
    QPalette.ColorRole.Shadow: "#000000",
}
_DISABLED_DARK = {
    QPalette.ColorRole.WindowText: "#7a7a7a",
    QPalette.ColorRole.Text: "#7a7a7a",
    QPalette.ColorRole.ButtonText: "#7a7a7a",
}


def dark_palette() -> QPalette:
    """A dark Fusion palette: body text on base is about 13:1, muted text above 4.5:1."""
    palette = QPalette()
    for role, colour in _DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DISABLED_DARK.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Make the application light, dark or follow the system, now and for widgets made later.

    The request goes to the platform first; when the platform does not honour it, an explicit
    palette does. Widgets see a PaletteChange, so the detail pane re-renders with the new colours.
    """
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+
        hints.setColorScheme(_SCHEMES[theme])
    if theme == Theme.SYSTEM:
        app.setPalette(QPalette())  # the platform's palette again
    elif hints.colorScheme() != _SCHEMES[theme] or is_dark(app.palette()) != (theme == Theme.DARK):
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")  # native styles (Windows Vista, macOS) ignore a custom dark palette
        app.setPalette(dark_palette() if theme == Theme.DARK else light_palette())
    for widget in app.allWidgets():
        if widget.styleSheet():  # a widget with its own style sheet keeps its old palette until re-polished
            widget.setStyleSheet(widget.styleSheet())


def detail_palette(palette: QPalette) -> dict[str, str]:
    """Colour roles for the stylesheet of panes/paper_html.py, taken from a widget palette and kept readable.

    Muted text (dates, authors) is a mix of text and background that still has WCAG AA contrast;
    the search highlight is a yellow on light themes and a dark amber on dark ones.
    """
    text = palette.color(QPalette.ColorRole.Text)
    background = palette.color(QPalette.ColorRole.Base)
    link = palette.color(QPalette.ColorRole.Link)
    dark = is_dark(palette)
    if contrast_ratio(link.name(), background.name()) < WCAG_AA:
        link = QColor("#8ab4f8" if dark else "#0b57d0")
    return {
        "text": text.name(),
        "background": background.name(),
        "link": link.name(),
        "muted": _readable_mix(text, background),
        "box": palette.color(QPalette.ColorRole.AlternateBase).name(),
        "highlight": "#7a5c00" if dark else "#ffe066",
        "highlight_text": "#ffffff" if dark else "#000000",
    }


def _readable_mix(text: QColor, background: QColor) -> str:
    """The colour furthest towards the background that still reads at WCAG AA."""
    for weight in (0.6, 0.7, 0.8, 0.9):
        mixed = QColor(
            round(text.red() * weight + background.red() * (1 - weight)),
            round(text.green() * weight + background.green() * (1 - weight)),
            round(text.blue() * weight + background.blue() * (1 - weight)),
        )
        if contrast_ratio(mixed.name(), background.name()) >= WCAG_AA:
            return mixed.name()
    return text.name()


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two ``#rrggbb`` colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def korean_font_family(available: list[str] | None = None) -> str | None:
    """The first installed font of KOREAN_FONTS, or None to keep the platform's (its fallback finds Hangul)."""
    families = set(available if available is not None else QFontDatabase.families())
    return next((family for family in KOREAN_FONTS if family in families), None)


def apply_korean_font(app: QGuiApplication) -> None:
    """Use a font with well-made Hangul for the whole UI, at the platform's size."""
    family = korean_font_family()
    if family is not None:
        font = QFont(app.font())
        font.setFamilies([family, *app.font().families()])
        app.setFont(font)
