"""Paper -> safe HTML for the detail pane. Pure functions, no Qt, so it is tested without a QApplication.

Digest text is untrusted. It is rendered as Markdown (summaries) or as plain text (title, authors),
with the search's hits marked (digest_markdown.py), and the result goes through the nh3 allow-list
sanitiser. The only HTML added after sanitising is our own stylesheet.

The work is bounded (tests/hostile has the digests that need it): a summary too large or nested too
deeply to format is shown as plain text with a note, and plain text, titles and author lists are cut to
a size Qt lays out quickly. A summary is formatted and sanitised on its own (``summary_html``) without
images: the page's only image is the paper's own thumbnail. The pane formats a summary that is not
``formats_quickly`` on a thread of its own, with a time budget (detail_pane.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import PurePath

import nh3

from reader.core import arxiv
from reader.core.models import Flags, Paper, Section
from reader.library import title_text
from reader.ui.panes.digest_markdown import (
    MAX_NESTING,
    Highlighter,
    markdown_html,
    marked_source,
    marked_text,
    nesting_depth,
    unwrap_first_paragraph,
)

Translate = Callable[[str, str], str]
"""(context, English text) -> text in the UI language; the pane passes ``QCoreApplication.translate``.

Calls are written ``translate("Render", "...")`` so that pyside6-lupdate finds the strings here too.
"""


def untranslated(context: str, text: str) -> str:
    """The English text as written: the default when no translator is given (tests, no Qt)."""
    return text


DATE_SCHEME = "dpr-date"
"""Internal link scheme for "also on" dates; the pane handles it, it never reaches the browser."""

DEFAULT_PALETTE: dict[str, str] = {
    "text": "#1f1f1f",
    "background": "#ffffff",
    "link": "#0b57d0",
    "muted": "#5f6368",
    "box": "#f1f3f4",
    "highlight": "#ffe066",
    "highlight_text": "#000000",
}
"""Colour roles the stylesheet uses; the pane passes colours taken from its QPalette."""

MAX_TITLE_CHARS = 1_000
MAX_AUTHORS_CHARS = 4_000
MAX_FORMATTED_CHARS = 12_000
"""Summaries longer than this are shown as plain text (the longest in the bundled seeds is about 1,000)."""
MAX_LIST_ITEMS = 400
"""More list items than this are shown as plain text: Qt lays out a long list in time growing with its square."""
MAX_PLAIN_CHARS = 10_000
"""The plain-text fallback shows this much of a summary at most."""
QUICK_CHARS = 4_000
QUICK_BRACKETS = 100
"""A summary within both is formatted on the GUI thread; Python-Markdown's link parsing grows with the square of
the number of ``[`` (10,000 of them: 38 s), so anything larger is formatted on a thread with a time budget."""


class PlainReason(Enum):
    """Why a summary is shown as plain text."""

    TOO_LARGE = "too large"
    TOO_DEEP = "too deep"
    TOO_SLOW = "too slow"
    FAILED = "failed"


_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "ul", "ol", "li",
    "em", "strong", "b", "i", "code", "pre", "blockquote", "sub", "sup", "a",
}
_ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "img": {"src", "alt"}}
_ALLOWED_CLASSES = {
    "span": {"hit"},
    "div": {"media", "summary"},
    "p": {"meta", "authors", "also", "source", "empty", "plain", "note"},
    "h2": {"title"},
}


def date_link(date: str) -> str:
    """The in-pane link that selects another digest day."""
    return f"{DATE_SCHEME}:{date}"


def is_date(text: str) -> bool:
    """True for a YYYY-MM-DD string, the only payload a date link may carry."""
    return _DATE.fullmatch(text) is not None


def sanitize_html(fragment: str, allow_images: bool = False, internal_links: bool = False) -> str:
    """Reduce untrusted HTML to the allow-list: no scripts, styles, frames, handlers or local URLs.

    Links and images keep only absolute http/https URLs (relative ones are dropped, since the pane has no
    base); ``internal_links`` also keeps our own ``dpr-date:`` links, used for the final document only.
    """
    tags = _ALLOWED_TAGS | {"img"} if allow_images else _ALLOWED_TAGS
    schemes = {"http", "https", DATE_SCHEME} if internal_links else {"http", "https"}
    return nh3.clean(
        fragment,
        tags=tags,
        attributes={tag: attrs for tag, attrs in _ALLOWED_ATTRIBUTES.items() if tag in tags},
        allowed_classes=_ALLOWED_CLASSES,
        url_schemes=schemes,
        url_relative="deny",
        link_rel=None,
        strip_comments=True,
    )


def render_paper_html(
    paper: Paper,
    flags: Flags,
    also_on: Iterable[str] = (),
    highlight: Highlighter | None = None,
    palette: dict[str, str] | None = None,
    allow_remote_images: bool = False,
    translate: Translate = untranslated,
    summary: str | None = None,
) -> str:
    """The complete, sanitised HTML document the detail pane shows for one paper.

    Args:
        paper: the entry to show.
        flags: its read/starred state (a star is shown next to the metadata).
        also_on: dates the same arXiv id is listed on; the paper's own date and malformed values are ignored.
        highlight: spans of the active search in a plain text, or None when no search is active.
        palette: colours by role (keys of DEFAULT_PALETTE); missing or malformed entries use the defaults.
        allow_remote_images: show the thumbnail as an <img> (the pane serves it from the media cache)
            instead of a placeholder link. Videos are always links. The pane loads this image only, and
            only from a public address (platform/media_cache.py).
        translate: puts the few labels of the page into the UI language.
        summary: the summary's HTML made before (``summary_html``, ``plain_summary_html``,
            ``pending_summary_html``); None formats it here.

    Font size is not part of the HTML: the pane zooms by changing the document's default font.
    """
    if summary is None:
        summary = summary_html(paper, highlight, translate)
    parts = [
        f'<h2 class="title">{marked_text(_cut(title_text(paper.title), MAX_TITLE_CHARS), highlight)}</h2>',
        _meta_html(paper, flags, translate),
        _authors_html(paper, highlight, translate),
        _also_on_html(paper.date, also_on, translate),
        _media_html(paper, allow_remote_images, translate),
        f'<div class="summary">{summary}</div>',
        _source_html(paper, translate),
    ]
    body = sanitize_html("\n".join(part for part in parts if part), allow_remote_images, internal_links=True)
    return _document(body, palette)


def formats_quickly(paper: Paper) -> bool:
    """True when the summary is small and simple enough to format on the GUI thread (see QUICK_CHARS)."""
    size = brackets = 0
    for section in paper.sections:
        size += len(section.text) + len(section.label or "")
        if size > QUICK_CHARS:
            return False
        brackets += section.text.count("[")
    return brackets <= QUICK_BRACKETS


def plain_reason(sections: Sequence[Section]) -> PlainReason | None:
    """Why these sections cannot be formatted as Markdown, or None when they can (cheap to ask)."""
    size = 0
    for section in sections:
        size += len(section.text) + len(section.label or "")
        if size > MAX_FORMATTED_CHARS:
            return PlainReason.TOO_LARGE
    items = 0
    for section in sections:
        if nesting_depth(section.text) > MAX_NESTING:
            return PlainReason.TOO_DEEP
        items += 1 + section.text.count("\n")  # an upper bound of the list items
    return PlainReason.TOO_LARGE if items > MAX_LIST_ITEMS and _list_items(sections) > MAX_LIST_ITEMS else None


def summary_html(paper: Paper, highlight: Highlighter | None = None, translate: Translate = untranslated) -> str:
    """The paper's summary as sanitised HTML without images: Markdown, or plain text with a note saying why.

    Raises only what the interrupt of a formatting thread raises; a summary the converter fails on
    (RecursionError and the like) is shown as plain text.
    """
    reason = plain_reason(paper.sections)
    if reason is None:
        try:
            return sanitize_html(_sections_html(paper.sections, highlight, translate))
        except RecursionError:
            reason = PlainReason.TOO_DEEP
        except Exception:  # noqa: BLE001 - a converter's bug on odd input: the text is still shown
            reason = PlainReason.FAILED
    return plain_summary_html(paper, highlight, translate, reason)


def plain_summary_html(
    paper: Paper, highlight: Highlighter | None, translate: Translate, reason: PlainReason
) -> str:
    """The summary as escaped plain text (at most MAX_PLAIN_CHARS), after a note that says why."""
    notes = {
        PlainReason.TOO_LARGE: translate("Render", "Shown as plain text: too large to format."),
        PlainReason.TOO_DEEP: translate("Render", "Shown as plain text: nested too deeply to format."),
        PlainReason.TOO_SLOW: translate("Render", "Shown as plain text: took too long to format."),
        PlainReason.FAILED: translate("Render", "Shown as plain text: could not be formatted."),
    }
    pieces: list[str] = []
    total = 0
    for section in paper.sections:
        text = f"{section.label}: {section.text}" if section.label else section.text
        total += len(text) + 1
        room = MAX_PLAIN_CHARS - sum(len(piece) + 1 for piece in pieces)
        if room > 0:
            pieces.append(text[:room])
    note = notes[reason]
    shown = min(total, MAX_PLAIN_CHARS)
    if total > MAX_PLAIN_CHARS:
        cut = translate("Render", "Only the first {shown} of {total} characters are shown.")
        note += " " + cut.format(shown=f"{shown:,}", total=f"{total:,}")
    body = marked_text("\n".join(pieces), highlight)
    fragment = f'<p class="note">{_label(note)}</p><p class="plain">{body}</p>'
    return sanitize_html(fragment)


def pending_summary_html(translate: Translate = untranslated) -> str:
    """What the summary's place holds while a thread formats it."""
    return f'<p class="empty">{_label(translate("Render", "Formatting the summary…"))}</p>'


def _list_items(sections: Sequence[Section]) -> int:
    return sum(1 for section in sections for line in section.text.splitlines()
               if re.match(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", line))


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_message_html(message: str, palette: dict[str, str] | None = None) -> str:
    """A document holding one muted line, for "no paper selected" and similar states."""
    return _document(f'<p class="empty">{html.escape(message)}</p>', palette)


# --- header -------------------------------------------------------------------------------------------


def _label(text: str, **values: str) -> str:
    """A translated label with HTML-escaped text and trusted HTML ``values`` filled in."""
    return html.escape(text, quote=False).format(**values)


def _meta_html(paper: Paper, flags: Flags, translate: Translate) -> str:
    votes = "–" if paper.votes is None else str(paper.votes)
    abs_url = html.escape(arxiv.abs_url(paper.arxiv_id))
    items = [
        html.escape(paper.date),
        f'arXiv <a href="{abs_url}">{html.escape(paper.arxiv_id)}</a>',
        _label(translate("Render", "Votes: {votes}"), votes=votes),
    ]
    if flags.starred:
        items.append(_label(translate("Render", "★ Starred")))
    return f'<p class="meta">{" · ".join(items)}</p>'


def _authors_html(paper: Paper, highlight: Highlighter | None, translate: Translate) -> str:
    if not paper.authors:
        not_listed = translate("Render", "Authors: not listed in the digest")
        return f'<p class="authors">{_label(not_listed)}</p>'
    names = marked_text(_cut(", ".join(paper.authors[:MAX_AUTHORS_CHARS]), MAX_AUTHORS_CHARS), highlight)
    if paper.authors_truncated:
        text = translate("Render", "Authors: {names} … and more (list truncated in the digest)")
    else:
        text = translate("Render", "Authors: {names}")
    return f'<p class="authors">{_label(text, names=names)}</p>'


def _also_on_html(own_date: str, also_on: Iterable[str], translate: Translate) -> str:
    dates = sorted({date for date in also_on if is_date(date) and date != own_date})
    if not dates:
        return ""
    links = ", ".join(f'<a href="{date_link(date)}">{date}</a>' for date in dates)
    text = translate("Render", "Also on {dates}")
    return f'<p class="also">{_label(text, dates=links)}</p>'


def _media_html(paper: Paper, allow_remote_images: bool, translate: Translate) -> str:
    media = paper.media
    if media is None or not re.match(r"https?://", media.url, re.IGNORECASE):
        return ""
    url = html.escape(media.url)
    text = translate("Render", "Video: {link}") if media.kind == "video" else translate("Render", "Thumbnail: {link}")
    anchor = f'<a href="{url}">{url}</a>'
    link = f"<p>{_label(text, link=anchor)}</p>"
    if media.kind == "image" and allow_remote_images:
        alt = html.escape(translate("Render", "Thumbnail"))
        return f'<div class="media"><img src="{url}" alt="{alt}">{link}</div>'
    return f'<div class="media">{link}</div>'


def _source_html(paper: Paper, translate: Translate) -> str:
    if not paper.source:
        return ""
    name = html.escape(_cut(PurePath(paper.source).name, 300))
    if paper.line:
        text = _label(translate("Render", "From {file}, line {line}"), file=name, line=str(paper.line))
    else:
        text = _label(translate("Render", "From {file}"), file=name)
    return f'<p class="source">{text}</p>'


# --- summary ------------------------------------------------------------------------------------------


def _sections_html(sections: Sequence[Section], highlight: Highlighter | None, translate: Translate) -> str:
    """Labelled sections become headings; each run of unlabelled sections becomes one bullet list."""
    if not sections:
        empty = translate("Render", "No summary in the digest.")
        return f'<p class="empty">{_label(empty)}</p>'
    out: list[str] = []
    plain_run: list[str] = []
    for section in sections:
        body = markdown_html(marked_source(section.text, highlight))
        if section.label is None:
            plain_run.append(f"<li>{unwrap_first_paragraph(body)}</li>")
            continue
        if plain_run:
            out.append(f"<ul>{''.join(plain_run)}</ul>")
            plain_run = []
        out.append(f"<h3>{marked_text(section.label, highlight)}</h3>{body}")
    if plain_run:
        out.append(f"<ul>{''.join(plain_run)}</ul>")
    return "\n".join(out)


# --- document -----------------------------------------------------------------------------------------


def _document(body: str, palette: dict[str, str] | None) -> str:
    """Wrap sanitised HTML with our stylesheet; the only markup not produced by the sanitiser."""
    colours = dict(DEFAULT_PALETTE)
    for role, value in (palette or {}).items():
        if role in colours and _COLOUR.fullmatch(value):
            colours[role] = value
    css = f"""
body {{ color: {colours['text']}; background-color: {colours['background']}; }}
p, li {{ line-height: 150%; }}
h2 {{ margin-top: 4px; margin-bottom: 6px; }}
h3 {{ margin-top: 16px; margin-bottom: 4px; }}
a {{ color: {colours['link']}; }}
.hit {{ background-color: {colours['highlight']}; color: {colours['highlight_text']}; }}
.meta, .authors, .also, .source, .empty {{ color: {colours['muted']}; }}
.meta, .authors, .also {{ margin-top: 2px; margin-bottom: 2px; }}
.media {{ color: {colours['text']}; background-color: {colours['box']}; }}
.media {{ margin-top: 8px; margin-bottom: 8px; }}
.plain {{ white-space: pre-wrap; }}
.note {{ color: {colours['muted']}; font-style: italic; }}
"""
    return f"<html><head><style>{css}</style></head><body>{body}</body></html>"
