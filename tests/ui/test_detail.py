"""The detail pane driven as a user would: buttons, links, star, zoom, and what it refuses to load."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from reader.core.models import Flags, Media, Paper, Section
from reader.ui.panes.detail_pane import DetailPane
from reader.ui.platform.media_cache import MediaCache

# The offscreen platform says this whenever a top-level widget is shown; it is not our misuse.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

THUMBNAIL = "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2404.00399.png"


def make_paper(**fields: object) -> Paper:
    values: dict[str, object] = {
        "arxiv_id": "2404.00399",
        "date": "2024-04-02",
        "title": "Aurora-M: 다국어 모델",
        "url": "https://arxiv.org/abs/2404.00399v2",
        "votes": 24,
        "authors": ("Yekun Chai", "Jason T Stillerman"),
        "sections": (Section("What's New", "150억 파라미터 다국어 모델을 소개한다."),),
    }
    values.update(fields)
    return Paper(**values)  # type: ignore[arg-type]


def word_spans(query: str, text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in re.finditer(re.escape(query), text)]


@pytest.fixture
def pane(qtbot) -> DetailPane:
    widget = DetailPane(highlighter=word_spans)
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_paper(make_paper(), Flags(), ["2024-08-01"])
    return widget


def png_bytes(width: int = 40, height: int = 20) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def anchor_point(browser: QTextBrowser, href: str) -> QPoint:
    """Viewport position of the first character of the link to ``href``."""
    block = browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                return browser.cursorRect(cursor).center()
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def click_link(qtbot, browser: QTextBrowser, href: str) -> None:
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(browser, href))


# --- header actions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "url"),
    [
        ("open_arxiv_button", "https://arxiv.org/abs/2404.00399"),
        ("open_pdf_button", "https://arxiv.org/pdf/2404.00399"),
        ("open_hf_button", "https://huggingface.co/papers/2404.00399"),
    ],
)
def test_buttons_open_the_paper_in_the_browser(
    qtbot, pane: DetailPane, opened_urls, button: str, url: str
) -> None:
    qtbot.mouseClick(getattr(pane, button), Qt.MouseButton.LeftButton)
    assert opened_urls == [url]


def test_copy_link_puts_the_arxiv_url_on_the_clipboard(qtbot, pane: DetailPane) -> None:
    QGuiApplication.clipboard().clear()
    with qtbot.waitSignal(pane.status_message) as note:
        qtbot.mouseClick(pane.copy_link_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "https://arxiv.org/abs/2404.00399"
    assert "https://arxiv.org/abs/2404.00399" in note.args[0]


def test_star_button_emits_and_shows_state(qtbot, pane: DetailPane) -> None:
    with qtbot.waitSignal(pane.star_toggled) as starred:
        qtbot.mouseClick(pane.star_button, Qt.MouseButton.LeftButton)
    assert starred.args == ["2404.00399", True]
    assert pane.star_button.isChecked() and "Starred" in pane.star_button.text()
    assert "★ Starred" in pane.browser.toPlainText()
    with qtbot.waitSignal(pane.star_toggled) as unstarred:
        qtbot.mouseClick(pane.star_button, Qt.MouseButton.LeftButton)
    assert unstarred.args == ["2404.00399", False]
    assert "★ Starred" not in pane.browser.toPlainText()


def test_set_starred_syncs_without_emitting(qtbot, pane: DetailPane) -> None:
    with qtbot.assertNotEmitted(pane.star_toggled):
        pane.set_starred(True)
    assert pane.star_button.isChecked()


def test_empty_pane_disables_actions(qtbot, pane: DetailPane, opened_urls) -> None:
    pane.show_paper(None)
    assert not pane.open_arxiv_button.isEnabled() and not pane.star_button.isEnabled()
    assert "No paper selected" in pane.browser.toPlainText()
    pane.open_arxiv()
    assert opened_urls == []


# --- links --------------------------------------------------------------------------------------------


def test_clicking_an_http_link_in_the_text_opens_the_browser(qtbot, pane: DetailPane, opened_urls) -> None:
    click_link(qtbot, pane.browser, "https://arxiv.org/abs/2404.00399")
    assert opened_urls == ["https://arxiv.org/abs/2404.00399"]


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "mailto:x@example.com", "secret.html"]
)
def test_clicking_an_unsafe_link_opens_nothing_and_says_so(
    qtbot, pane: DetailPane, opened_urls, href: str
) -> None:
    # Raw HTML straight into the browser: the renderer would already have removed these links.
    pane.browser.setHtml(f'<p><a href="{href}">dangerous link</a></p>')
    with qtbot.waitSignal(pane.status_message) as note:
        click_link(qtbot, pane.browser, href)
    assert opened_urls == []
    assert note.args[0].startswith("Blocked link:")
    assert "dangerous link" in pane.browser.toPlainText()  # no navigation happened


def test_keyboard_activation_of_an_unsafe_link_is_refused(qtbot, pane: DetailPane, opened_urls) -> None:
    pane.browser.setHtml('<p><a href="file:///etc/passwd">local file</a></p>')
    pane.browser.setFocus()
    qtbot.keyClick(pane.browser, Qt.Key.Key_Tab)
    with qtbot.waitSignal(pane.status_message) as note:
        qtbot.keyClick(pane.browser, Qt.Key.Key_Return)
    assert opened_urls == []
    assert note.args[0] == "Blocked link: file:///etc/passwd"


def test_also_on_date_link_selects_that_day(qtbot, pane: DetailPane, opened_urls) -> None:
    with qtbot.waitSignal(pane.date_link_activated) as activated:
        click_link(qtbot, pane.browser, "dpr-date:2024-08-01")
    assert activated.args == ["2024-08-01"]
    assert opened_urls == []


# --- nothing local is ever loaded ---------------------------------------------------------------------


def picture_size(browser: QTextBrowser, url: QUrl) -> tuple[int, int]:
    """Size of the image the document holds for ``url`` after painting (Qt may load it while painting)."""
    browser.viewport().grab()
    picture = browser.document().resource(QTextDocument.ResourceType.ImageResource, url)
    return (picture.width(), picture.height()) if picture is not None else (0, 0)


@pytest.mark.parametrize("kind", ["file-url", "absolute-path", "relative-path"])
def test_browser_never_loads_local_images(
    qtbot, pane: DetailPane, tmp_path: Path, monkeypatch, kind: str
) -> None:
    picture = tmp_path / "local.png"
    picture.write_bytes(png_bytes(40, 20))
    monkeypatch.chdir(tmp_path)
    source = {"file-url": QUrl.fromLocalFile(str(picture)).toString(), "absolute-path": str(picture),
              "relative-path": "local.png"}[kind]
    html = f'<p>before <img src="{source}"> after</p>'

    # Control: a stock QTextBrowser does read the file, so the pane's refusal is what the test measures.
    stock = QTextBrowser()
    qtbot.addWidget(stock)
    stock.setHtml(html)
    assert picture_size(stock, QUrl(source)) == (40, 20)

    pane.browser.setSearchPaths([str(tmp_path)])  # even with a search path
    pane.browser.setHtml(html)
    assert picture_size(pane.browser, QUrl(source)) == (1, 1)  # the blank stand-in, never the file


@pytest.mark.qt_log_ignore("QTextBrowser: No document for", "propagateSizeHints")
def test_browser_never_shows_a_local_documents_content(qtbot, pane: DetailPane, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>TOP SECRET CONTENT</p>", encoding="utf-8")
    pane.browser.setSource(QUrl.fromLocalFile(str(secret)))
    assert "TOP SECRET" not in pane.browser.toPlainText()


# --- highlight, zoom ----------------------------------------------------------------------------------


def test_search_query_is_highlighted(qtbot, pane: DetailPane) -> None:
    pane.show_paper(make_paper(), Flags(), [], highlight_query="모델")
    document = pane.browser.document()
    text = document.toPlainText()
    cursor = QTextCursor(document)
    cursor.setPosition(text.index("모델을") + 1)
    assert cursor.charFormat().background().color().alpha() > 0
    cursor.setPosition(text.index("파라미터") + 1)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush


def test_zoom_changes_the_font_size_and_reset_restores_it(qtbot, pane: DetailPane) -> None:
    document = pane.browser.document()
    default_size = document.defaultFont().pointSizeF()
    default_height = document.size().height()
    with qtbot.waitSignal(pane.font_point_size_changed) as changed:
        pane.zoom_in()
    pane.zoom_in()
    assert document.defaultFont().pointSizeF() == default_size + 2
    assert changed.args == [default_size + 1]
    assert document.size().height() > default_height
    pane.show_paper(make_paper(title="Another paper"))  # the zoom survives a new paper
    assert document.defaultFont().pointSizeF() == default_size + 2
    pane.zoom_out()
    assert document.defaultFont().pointSizeF() == default_size + 1
    with qtbot.waitSignal(pane.font_point_size_changed) as reset:
        pane.zoom_reset()
    assert reset.args == [0.0] and document.defaultFont().pointSizeF() == default_size


# --- media --------------------------------------------------------------------------------------------


def cache_file(data_dir: Path, url: str) -> Path:
    return data_dir / "media" / f"{hashlib.sha256(url.encode()).hexdigest()}.png"


@pytest.fixture
def cached_pane(qtbot, tmp_path: Path) -> tuple[DetailPane, MediaCache]:
    cache = MediaCache(tmp_path)
    target = cache_file(tmp_path, THUMBNAIL)
    target.parent.mkdir(parents=True)
    target.write_bytes(png_bytes(40, 20))
    widget = DetailPane(media_cache=cache)
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    widget.show_paper(make_paper(media=Media("image", THUMBNAIL)))
    return widget, cache


def thumbnail_size(pane: DetailPane) -> tuple[int, int]:
    return picture_size(pane.browser, QUrl(THUMBNAIL))


def has_image(pane: DetailPane) -> bool:
    block = pane.browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            if iterator.fragment().charFormat().isImageFormat():
                return True
            iterator += 1
        block = block.next()
    return False


def test_thumbnail_is_a_placeholder_link_by_default(cached_pane) -> None:
    pane, _cache = cached_pane
    assert f"Thumbnail: {THUMBNAIL}" in pane.browser.toPlainText()
    assert not has_image(pane)


def test_allowed_thumbnail_is_shown_from_the_cache(cached_pane) -> None:
    pane, _cache = cached_pane
    pane.set_allow_remote_images(True)
    assert has_image(pane) and thumbnail_size(pane) == (40, 20)
    pane.set_allow_remote_images(False)
    assert not has_image(pane)


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        content_type, body = self.routes.get(self.path, ("text/plain", b"missing"))
        self.send_response(200 if self.path in self.routes else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def image_server() -> Iterator[str]:
    """A tiny HTTP server on 127.0.0.1; the tests never reach the real network."""
    _Handler.routes = {
        "/thumb.png": ("image/png", png_bytes(30, 10)),
        "/big.png": ("image/png", png_bytes(30, 10) + b"\0" * 4096),
        "/page.png": ("text/html", b"<script>alert(1)</script>"),
        "/fake.png": ("image/png", b"not really a png"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_media_cache_downloads_an_image_once(qtbot, tmp_path: Path, image_server: str) -> None:
    cache = MediaCache(tmp_path, allowed_hosts={"127.0.0.1"})  # the test server; private hosts are refused otherwise
    url = f"{image_server}/thumb.png"
    with qtbot.waitSignal(cache.ready, timeout=10_000) as ready:
        assert cache.fetch(url)
    assert ready.args == [url]
    assert cache.cached_path(url) == cache_file(tmp_path, url)
    image = MediaCache(tmp_path).load_image(url)  # a later run finds it offline
    assert image is not None and image.width() == 30
    assert [path.name for path in (tmp_path / "media").iterdir()] == [cache_file(tmp_path, url).name]


@pytest.mark.parametrize(("path", "reason"), [("/big.png", "larger"), ("/page.png", "not an image"),
                                              ("/fake.png", "not a readable image"), ("/missing.png", "")])
def test_media_cache_refuses_bad_downloads(
    qtbot, tmp_path: Path, image_server: str, path: str, reason: str
) -> None:
    cache = MediaCache(tmp_path, max_bytes=1024, allowed_hosts={"127.0.0.1"})
    url = f"{image_server}{path}"
    with qtbot.waitSignal(cache.failed, timeout=10_000) as failed:
        cache.fetch(url)
    assert failed.args[0] == url and reason in failed.args[1]
    assert cache.cached_path(url) is None
    assert not cache.fetch(url)  # not retried in this session
    assert not list((tmp_path / "media").glob("*"))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x.png", "data:image/png;base64,AA", "/x.png"]
)
def test_media_cache_refuses_non_http_urls(tmp_path: Path, url: str) -> None:
    assert not MediaCache(tmp_path).fetch(url)


def test_pane_fetches_then_shows_an_allowed_thumbnail(qtbot, tmp_path: Path, image_server: str) -> None:
    cache = MediaCache(tmp_path, allowed_hosts={"127.0.0.1"})
    url = f"{image_server}/thumb.png"
    widget = DetailPane(media_cache=cache)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_paper(make_paper(media=Media("image", url)))
    assert cache.cached_path(url) is None  # nothing fetched while images are off
    with qtbot.waitSignal(cache.ready, timeout=10_000):
        widget.set_allow_remote_images(True)
    assert picture_size(widget.browser, QUrl(url)) == (30, 10)
