"""The detail pane: one paper rendered as safe HTML, with its header actions.

The pane never navigates and never loads anything by itself: links go through ``links.open_external``
(http/https only, to the user's browser), ``dpr-date:`` links become ``date_link_activated``, and the
only resource the browser widget loads is the paper's own cached thumbnail, when the user allowed remote
images (the media cache fetches it from public addresses only).

Digest text is untrusted and a summary can be built to stall any formatter (tests/hostile). A summary that
``paper_html.formats_quickly`` is formatted at once; any other is formatted on a thread of its own with a
time budget (background/bounded_jobs.py) while the pane shows the paper's header with "Formatting the
summary…". Every render has a generation: a result for a paper no longer on show is dropped. The header
buttons always act on ``paper()``, and ``shown_key()`` names the paper whose page is in the browser: the
two never differ, whatever the summary did.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QMenu, QTextBrowser, QToolButton, QVBoxLayout, QWidget

from reader.core import arxiv
from reader.core.models import Flags, Paper
from reader.ui.background.bounded_jobs import BoundedJobs, Interrupted
from reader.ui.panes import digest_markdown, paper_html
from reader.ui.panes.digest_markdown import Highlighter
from reader.ui.panes.glossary_note import GlossaryFinder, GlossaryNote
from reader.ui.panes.link_menu import link_menu
from reader.ui.platform import links, theme

if TYPE_CHECKING:
    from reader.ui.platform.media_cache import MediaCache

QueryHighlighter = Callable[[str, str], list[tuple[int, int]]]
"""(query, text) -> spans of text the query matches; the window passes ``Library.highlight``."""

MIN_POINT_SIZE = 6.0
MAX_POINT_SIZE = 40.0
FORMAT_BUDGET_S = 1.0  # a summary formatted off the GUI thread for longer than this is shown as plain text

log = logging.getLogger("reader.ui.panes.detail_pane")


class DetailBrowser(QTextBrowser):
    """A QTextBrowser that follows no link and loads no resource except images handed to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.image_loader: Callable[[QUrl], QImage | None] | None = None

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: A002 - Qt's parameter name
        """Refuse file:, qrc:, relative and remote resources; only ``image_loader`` may supply images.

        The base class would read local files and Qt resources named by the (untrusted) document. An
        image request always gets an image (a blank one when refused): given nothing, Qt's image handler
        falls back to reading the name as a file path itself.
        """
        image_type = QTextDocument.ResourceType.ImageResource
        if type not in (image_type, image_type.value):
            return None
        url = name if isinstance(name, QUrl) else QUrl(name)
        image = self.image_loader(url) if self.image_loader is not None else None
        return image if image is not None else _blank_image()


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image


class DetailPane(QWidget):
    """Shows one paper; the window owns state changes and reacts to the signals."""

    star_toggled = Signal(str, bool)  # arXiv id, new starred value (the user clicked Star)
    status_message = Signal(str)  # a short note for the status bar
    date_link_activated = Signal(str)  # YYYY-MM-DD of an "also on" link
    font_point_size_changed = Signal(float)  # new size after a zoom; 0.0 means the default size

    def __init__(
        self,
        parent: QWidget | None = None,
        highlighter: QueryHighlighter | None = None,
        media_cache: MediaCache | None = None,
    ) -> None:
        super().__init__(parent)
        self._highlighter = highlighter
        self._media_cache: MediaCache | None = None
        self._allow_remote_images = False
        self._shown = False  # nothing rendered before the first show_paper(): the window's first frame is blank
        self._paper: Paper | None = None
        self._local_pdf: Callable[[str], Path | None] | None = None  # see set_local_pdf
        self._flags = Flags()
        self._star_enabled = True  # see set_star_enabled
        self._also_on: tuple[str, ...] = ()
        self._query: str | None = None
        self._font_point_size = 0.0
        self._shown_key: str | None = None  # the paper whose page is in the browser
        self._summary: tuple[tuple[object, ...], str] | None = None  # (what it was made from, summary HTML)
        self._render_generation = 0  # of the summary being formatted off the GUI thread
        self._pending_scroll = 0
        self._pending_source: tuple[object, ...] = ()
        self._formatter = BoundedJobs(self, FORMAT_BUDGET_S)
        self._formatter.finished.connect(self._on_summary_formatted)

        self.open_arxiv_button = self._button(self.tr("Open on arXiv"), "openArxivButton", self.open_arxiv)
        self.open_pdf_button = self._button(self.tr("Open PDF"), "openPdfButton", self.open_pdf)
        self.open_hf_button = self._button(
            self.tr("Open on Hugging Face"), "openHfButton", self.open_hugging_face
        )
        self.star_button = self._button(self.tr("Star"), "starButton", None)
        self.star_button.setCheckable(True)
        self.star_button.toggled.connect(self._on_star_toggled)
        self.copy_link_button = self._button(self.tr("Copy link"), "copyLinkButton", self.copy_link)

        self.browser = DetailBrowser(self)
        self.browser.setObjectName("detailBrowser")
        self.browser.setAccessibleName(self.tr("Paper details"))
        self.browser.image_loader = self._load_image
        self.browser.anchorClicked.connect(self._on_anchor_clicked)
        self.browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.browser.customContextMenuRequested.connect(self._show_context_menu)
        self.glossary_note = GlossaryNote(self.browser, self)  # words found through the glossary
        self._default_point_size = self.browser.document().defaultFont().pointSizeF()

        header = QHBoxLayout()
        for button in (self.open_arxiv_button, self.open_pdf_button, self.open_hf_button,
                       self.star_button, self.copy_link_button):
            header.addWidget(button)
        header.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.glossary_note.label)
        layout.addWidget(self.browser, 1)

        for button in self._buttons():
            button.setEnabled(False)
        self._sync_star_button(False)
        if media_cache is not None:
            self.set_media_cache(media_cache)

    # --- public API -------------------------------------------------------------------------------

    def paper(self) -> Paper | None:
        """The paper on show, if any: the one the header buttons act on."""
        return self._paper

    def shown_key(self) -> str | None:
        """``Paper.key`` of the paper whose page the browser holds (None: none); always that of ``paper()``."""
        return self._shown_key

    def is_formatting(self) -> bool:
        """True while the paper's summary is formatted off the GUI thread (the page says so meanwhile)."""
        return self._formatter.is_busy()

    def show_paper(
        self,
        paper: Paper | None,
        flags: Flags = Flags(),
        also_on: Iterable[str] = (),
        highlight_query: str | None = None,
    ) -> None:
        """Show a paper (None: an empty pane), highlighting what ``highlight_query`` matches."""
        same_paper = paper is not None and self._paper is not None and paper.key == self._paper.key
        self._shown = True
        self._paper, self._flags, self._also_on = paper, flags, tuple(also_on)
        self._query = highlight_query.strip() if highlight_query and highlight_query.strip() else None
        for button in self._buttons():
            button.setEnabled(paper is not None and (button is not self.star_button or self._star_enabled))
        self._sync_star_button(flags.starred)
        self._render(keep_scroll=same_paper)
        self._show_glossary_note()

    def set_star_enabled(self, enabled: bool, reason: str = "") -> None:
        """Offer the Star button or not (a read-only library cannot save a star); ``reason`` is its tooltip then."""
        self._star_enabled = enabled
        self.star_button.setEnabled(enabled and self._paper is not None)
        self.star_button.setToolTip("" if enabled else reason)

    def set_starred(self, starred: bool) -> None:
        """Reflect a star change made elsewhere (the `s` key, the list) without emitting star_toggled."""
        if self._paper is None or self._flags.starred == starred:
            return
        self._flags = Flags(starred=starred, read=self._flags.read)
        self._sync_star_button(starred)
        self._render(keep_scroll=True)

    def set_highlighter(self, highlighter: QueryHighlighter | None, glossary: GlossaryFinder | None = None) -> None:
        """Use another highlighter (e.g. after the library was reopened, or Exact Search was switched), and
        ``glossary`` to name the words found through the glossary (None: none are)."""
        self._highlighter = highlighter
        self.glossary_note.set_finder(glossary)
        self._render(keep_scroll=True)
        self._show_glossary_note()

    def context_menu(self, position: QPoint) -> QMenu:
        """The right-click menu at ``position`` of the page (viewport coordinates): link entries on a web link."""
        return link_menu(self.browser, position, self._open, self._copy_url)

    def set_media_cache(self, media_cache: MediaCache) -> None:
        """Where thumbnails come from; the window hands it over after its first paint (Qt Network)."""
        self._media_cache = media_cache
        media_cache.ready.connect(self._on_image_ready)
        if self._allow_remote_images:
            self._render(keep_scroll=True)

    def set_allow_remote_images(self, allowed: bool) -> None:
        """Show thumbnails (fetched once into the media cache) instead of placeholder links."""
        if allowed != self._allow_remote_images:
            self._allow_remote_images = allowed
            self._render(keep_scroll=True)

    def font_point_size(self) -> float:
        """The zoomed size, or 0.0 when the pane uses its default size."""
        return self._font_point_size

    def default_point_size(self) -> float:
        """The size the pane's text has when not zoomed."""
        return self._default_point_size

    @Slot(float)
    def set_font_point_size(self, size: float) -> None:
        """Set the body text size in points; 0 (or less) restores the default. Headings scale with it."""
        size = 0.0 if size <= 0 else min(max(size, MIN_POINT_SIZE), MAX_POINT_SIZE)
        document = self.browser.document()
        font = document.defaultFont()
        font.setPointSizeF(size or self._default_point_size)
        document.setDefaultFont(font)
        if size != self._font_point_size:
            self._font_point_size = size
            self.font_point_size_changed.emit(size)

    @Slot()
    def zoom_in(self) -> None:
        self.set_font_point_size(self._effective_point_size() + 1)

    @Slot()
    def zoom_out(self) -> None:
        self.set_font_point_size(max(MIN_POINT_SIZE, self._effective_point_size() - 1))

    @Slot()
    def zoom_reset(self) -> None:
        self.set_font_point_size(0.0)

    @Slot()
    def open_arxiv(self) -> None:
        if self._paper is not None:
            self._open(arxiv.abs_url(self._paper.arxiv_id))

    def set_local_pdf(self, lookup: Callable[[str], Path | None]) -> None:
        """Open PDF opens the copy kept in the data directory (Keep PDF) when `lookup(arxiv_id)` finds one."""
        self._local_pdf = lookup

    @Slot()
    def open_pdf(self) -> None:
        if self._paper is None:
            return
        local = self._local_pdf(self._paper.arxiv_id) if self._local_pdf else None
        if local is None:
            self._open(arxiv.pdf_url(self._paper.arxiv_id))
        elif links.open_kept_file(str(local)):  # the system's PDF viewer
            self.status_message.emit(self.tr("Opened the PDF kept here: {path}").format(path=local))
        else:
            self.status_message.emit(self.tr("Could not open {path}").format(path=local))

    @Slot()
    def open_hugging_face(self) -> None:
        if self._paper is not None:
            self._open(arxiv.hf_url(self._paper.arxiv_id))

    @Slot()
    def copy_link(self) -> None:
        """Put the arXiv page's URL on the clipboard (the stable link people paste into chats and notes)."""
        if self._paper is None:
            return
        url = arxiv.abs_url(self._paper.arxiv_id)
        QGuiApplication.clipboard().setText(url)
        self.status_message.emit(self.tr("Copied {url}").format(url=url))

    # --- internals --------------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: Callable[[], None] | None) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(text)
        button.setObjectName(name)
        button.setAutoRaise(True)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def _buttons(self) -> tuple[QToolButton, ...]:
        return (self.open_arxiv_button, self.open_pdf_button, self.open_hf_button,
                self.star_button, self.copy_link_button)

    def _sync_star_button(self, starred: bool) -> None:
        self.star_button.blockSignals(True)
        self.star_button.setChecked(starred)
        self.star_button.blockSignals(False)
        self.star_button.setText(self.tr("★ Starred") if starred else self.tr("☆ Star"))
        self.star_button.setAccessibleName(self.tr("Starred") if starred else self.tr("Star"))

    @Slot(bool)
    def _on_star_toggled(self, starred: bool) -> None:
        if self._paper is None:
            return
        self._flags = Flags(starred=starred, read=self._flags.read)
        self._sync_star_button(starred)
        self._render(keep_scroll=True)
        self.star_toggled.emit(self._paper.arxiv_id, starred)

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        menu.aboutToHide.connect(menu.deleteLater)  # once its chosen action has run
        menu.popup(self.browser.viewport().mapToGlobal(position))  # no nested event loop

    def _copy_url(self, url: QUrl) -> None:
        shown = links.display_url(url)
        QGuiApplication.clipboard().setText(url.toString())
        self.status_message.emit(self.tr("Copied {url}").format(url=shown))

    def _show_glossary_note(self) -> None:
        """The note on glossary matches, for a paper small enough to look through here (see glossary_note.py)."""
        paper = self._paper
        small = paper is not None and paper_html.formats_quickly(paper)
        texts = [paper.title, *(section.text for section in paper.sections)] if paper is not None and small else []
        if paper is not None:
            self.glossary_note.watch_hover()
        self.glossary_note.show_for(texts, self._query)

    def _open(self, url: QUrl | str) -> None:
        """Hand a URL to the browser, or say why not."""
        shown = links.display_url(url)
        if not links.is_external_url(url):
            self.status_message.emit(self.tr("Blocked link: {url}").format(url=shown))
        elif not links.open_external(url):
            self.status_message.emit(self.tr("Could not open {url} in the browser").format(url=shown))
        else:
            self.status_message.emit(self.tr("Opened {url}").format(url=shown))

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == paper_html.DATE_SCHEME:
            date = url.path()
            if paper_html.is_date(date):
                self.date_link_activated.emit(date)
                return
        self._open(url)

    def _render(self, keep_scroll: bool) -> None:
        if not self._shown:
            return
        position = self.browser.verticalScrollBar().value() if keep_scroll else 0
        paper = self._paper
        if paper is None:
            self._formatter.cancel()
            self._set_page(None, paper_html.render_message_html(self.tr("No paper selected"), self._palette_colours()),
                           position)
            return
        source = self._summary_source(paper)
        summary = self._summary[1] if self._summary is not None and self._summary[0] == source else None
        if summary is None and self._formatter.is_busy() and self._pending_source == source:
            self._pending_scroll = position  # a star or a theme change while this very summary is formatted
        else:
            self._formatter.cancel()  # whatever it was formatting is for an older state of the pane
            if summary is None and paper_html.formats_quickly(paper):
                summary = self._format_now(paper)
            if summary is None:
                self._format_later(paper, source, position)
        if summary is None:
            summary = paper_html.pending_summary_html(QCoreApplication.translate)
        self._set_page(paper, self._page(paper, summary), position)

    def _summary_source(self, paper: Paper) -> tuple[object, ...]:
        """What the summary's HTML depends on: a star or the theme changes the page, not the summary."""
        return (paper, self._query, self._highlighter)

    def _format_now(self, paper: Paper) -> str:
        """The summary's HTML, made on this thread (small summaries only); plain text when formatting fails."""
        highlight = self._highlight_function()
        try:
            summary = paper_html.summary_html(paper, highlight, QCoreApplication.translate)
        except Exception:  # noqa: BLE001 - never leave the previous paper's page on show
            log.exception("could not format the summary of %s", paper.key)
            summary = paper_html.plain_summary_html(paper, None, QCoreApplication.translate,
                                                    paper_html.PlainReason.FAILED)
        self._summary = (self._summary_source(paper), summary)
        return summary

    def _format_later(self, paper: Paper, source: tuple[object, ...], position: int) -> None:
        """Format the summary on a thread with a time budget; the page is made again when it is done."""
        digest_markdown.prepare_markdown()  # imported here, once: an import is never interrupted
        highlight, translate = self._highlight_function(), QCoreApplication.translate

        def fallback(error: BaseException) -> str:
            reason = paper_html.PlainReason.TOO_SLOW
            if not isinstance(error, Interrupted):
                reason = paper_html.PlainReason.FAILED
                log.error("could not format the summary of %s: %s: %s", paper.key, type(error).__name__, error)
            return paper_html.plain_summary_html(paper, highlight, translate, reason)

        self._pending_scroll, self._pending_source = position, source
        self._render_generation = self._formatter.submit(
            lambda: paper_html.summary_html(paper, highlight, translate), fallback)

    @Slot(int, object)
    def _on_summary_formatted(self, generation: int, summary: object) -> None:
        paper = self._paper
        if generation != self._render_generation or paper is None:
            return  # made for a paper, query or highlighter no longer on show
        if not isinstance(summary, str):  # the thread did not stop when asked: plain text, made here
            summary = paper_html.plain_summary_html(paper, None, QCoreApplication.translate,
                                                    paper_html.PlainReason.TOO_SLOW)
        self._summary = (self._pending_source, summary)
        self._set_page(paper, self._page(paper, summary), self._pending_scroll)

    def _page(self, paper: Paper, summary: str) -> str:
        try:
            return paper_html.render_paper_html(
                paper,
                self._flags,
                self._also_on,
                self._highlight_function(),
                self._palette_colours(),
                allow_remote_images=self._allow_remote_images and self._media_cache is not None,
                translate=QCoreApplication.translate,
                summary=summary,
            )
        except Exception:  # noqa: BLE001 - the header of a hostile paper: still say which paper this is
            log.exception("could not render %s", paper.key)
            return paper_html.render_message_html(
                self.tr("This paper cannot be shown: {key}").format(key=paper.key[:200]), self._palette_colours())

    def _set_page(self, paper: Paper | None, page: str, position: int) -> None:
        self.browser.setHtml(page)
        self._shown_key = paper.key if paper is not None else None
        self.browser.verticalScrollBar().setValue(position)

    def _highlight_function(self) -> Highlighter | None:
        query, highlighter = self._query, self._highlighter
        if query is None or highlighter is None:
            return None
        return lambda text: highlighter(query, text)

    def _palette_colours(self) -> dict[str, str]:
        """Colours from the widget palette, so the pane follows light and dark themes."""
        return theme.detail_palette(self.palette())  # the browser inherits it; its own may not be updated yet

    def _effective_point_size(self) -> float:
        return self._font_point_size or self._default_point_size

    def _load_image(self, url: QUrl) -> QImage | None:
        """The paper's own cached thumbnail, scaled to the pane; starts a download when it is not cached yet.

        Only the thumbnail of the digest's media line is ever loaded: an image a summary names is not.
        """
        media = self._paper.media if self._paper is not None else None
        if not self._allow_remote_images or self._media_cache is None or not links.is_external_url(url):
            return None
        if media is None or media.kind != "image" or QUrl(media.url).toString() != url.toString():
            return None
        address = media.url  # as the media cache names it in `ready`
        image = self._media_cache.load_image(address)
        if image is None:
            self._media_cache.fetch(address)
            return None
        width = max(64, self.browser.viewport().width() - 32)
        return image if image.width() <= width else image.scaledToWidth(width)

    @Slot(str)
    def _on_image_ready(self, url: str) -> None:
        media = self._paper.media if self._paper is not None else None
        if self._allow_remote_images and media is not None and media.url == url:
            self._render(keep_scroll=True)

    def changeEvent(self, event: QEvent) -> None:
        """Re-render when the theme changes, since the colours are baked into the stylesheet."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render(keep_scroll=True)
