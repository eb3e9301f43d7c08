"""Digest text -> HTML with the search's hits marked: Python-Markdown for summaries, escaped plain text for
titles and names. No Qt; paper_html.py sanitises what comes out of here and builds the page.

Hits are marked with private-use sentinel characters *before* conversion, so a hit can straddle
Markdown syntax; after conversion each sentinel pair becomes ``<span class="hit">`` around the text runs
between them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown import Markdown

Highlighter = Callable[[str], list[tuple[int, int]]]
"""Gives the [start, end) spans of a plain text that the active search matches."""

_HIT_START = "\ue000"
_HIT_END = "\ue001"
# Private-use sentinels, plus the STX/ETX placeholders Python-Markdown uses internally: digest text must
# never contain them, or it could forge a hit or confuse the converter.
_RESERVED_CHARS = re.compile("[\ue000\ue001\x00\x02\x03]")


_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,3}[.)])[ \t]+(?P<rest>.*)$")


def normalise_markdown(text: str) -> str:
    """Adapt digest list habits to Python-Markdown.

    Digests nest with two spaces (Markdown wants four), number lines as ``1)`` and start a list straight
    after a paragraph line (Markdown wants a blank line). Other lines lose their indentation so it is never
    mistaken for a code block.
    """
    out: list[str] = []
    indents: list[int] = []  # indentation of each open list level
    in_list = False
    last_kind = ""
    previous_blank = True
    for raw in text.splitlines():
        line = raw.expandtabs(4)
        item = _LIST_ITEM.match(line)
        if not line.strip():
            out.append("")
            previous_blank = True
            continue
        if item is None:
            if previous_blank:
                in_list, indents = False, []
            out.append(line.strip())
        else:
            width = len(item["indent"])
            while indents and width < indents[-1]:
                indents.pop()
            if not indents or width > indents[-1]:
                indents.append(width)
            kind = "bullet" if item["marker"] in "-*+" else "number"
            # A blank line ends a paragraph before a list, and lets sane_lists start a list of the other kind.
            if not previous_blank and (not in_list or kind != last_kind):
                out.append("")
            last_kind = kind
            marker = item["marker"].replace(")", ".")
            out.append(f"{'    ' * (len(indents) - 1)}{marker} {item['rest']}")
            in_list = True
        previous_blank = False
    return "\n".join(out)


def escape_source(text: str) -> str:
    """Make raw HTML in digest text show as text, and turn bare http(s) URLs into Markdown autolinks."""
    text = re.sub(r"<(?!https?://[^<>\s]*>)", "&lt;", text, flags=re.IGNORECASE)

    def autolink(match: re.Match[str]) -> str:
        url = match.group(0)
        trimmed = url.rstrip(".,;:!?")
        return f"<{trimmed}>{url[len(trimmed):]}"

    # Hangul and CJK punctuation end a URL: particles are written straight after it ("https://x.io에서").
    return re.sub(
        r"(?<![(<\[\w/\"'=])https?://[^\s<>()\[\]\"'\u3000-\u303f\u3131-\u318e\uac00-\ud7a3]+",
        autolink,
        text,
        flags=re.IGNORECASE,
    )


def prepare_markdown() -> None:
    """Import Python-Markdown and build the converter (~60 ms), so that the first paper shown does not wait.

    The window calls this on a background thread after its first paint. Imports are guarded by
    Python's import lock; should the GUI thread render meanwhile, each thread builds a converter
    and one of the two is kept, which is harmless. This thread never converts anything.
    """
    _markdown_converter()


@cache
def _markdown_converter() -> Markdown:
    """One converter for every section: building one per call costs more than converting.

    Python-Markdown is imported here, on the first paper shown, so the window's first paint
    does not wait for it. The extension is given as an instance: named by a string, Markdown
    scans every installed package's entry points for it (~50 ms). The pane renders on the GUI
    thread only, so sharing one is safe.
    """
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension

    return markdown.Markdown(output_format="html", extensions=[SaneListExtension()])


def markdown_html(source: str) -> str:
    """Markdown with sentinels -> HTML with hit spans (still unsanitised)."""
    normalised = normalise_markdown(escape_source(source))
    converted = _markdown_converter().reset().convert(normalised)
    return sentinels_to_spans(converted)


def unwrap_first_paragraph(fragment: str) -> str:
    """A bullet's text sits in the <li> itself, not in a <p> that adds paragraph spacing."""
    fragment = fragment.strip()
    if fragment.startswith("<p>"):
        end = fragment.find("</p>")
        return fragment[3:end] + fragment[end + 4 :]
    return fragment


def marked_text(text: str, highlight: Highlighter | None) -> str:
    """Plain text (never Markdown) -> escaped HTML with hit spans: ``A*`` and ``$^{2}$`` stay literal."""
    return sentinels_to_spans(html.escape(marked_source(text, highlight), quote=False))


def marked_source(text: str, highlight: Highlighter | None) -> str:
    """The text with sentinel characters around every highlighted span (overlaps merged)."""
    text = _RESERVED_CHARS.sub("", text)
    if highlight is None:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(highlight(text)):
        start, end = max(0, start), min(len(text), end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[str] = []
    position = 0
    for start, end in merged:
        pieces += [text[position:start], _HIT_START, text[start:end], _HIT_END]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


_TAG = re.compile(r"(<[^>]*>)")
_SENTINEL = re.compile(f"([{_HIT_START}{_HIT_END}])")


def sentinels_to_spans(fragment: str) -> str:
    """Replace sentinels by ``<span class="hit">`` around each text run inside a hit.

    Spans wrap text runs only, closing before and reopening after every tag, so a hit that straddles
    ``**bold**`` or a link never produces mis-nested markup. Sentinels that ended up inside a tag (a
    hit within a URL) still switch the hit state and are removed from the tag.
    """
    in_hit = False
    out: list[str] = []
    for token in _TAG.split(fragment):
        if token.startswith("<"):
            for char in _SENTINEL.findall(token):
                in_hit = char == _HIT_START
            out.append(_SENTINEL.sub("", token))
            continue
        for piece in _SENTINEL.split(token):
            if piece in (_HIT_START, _HIT_END):
                in_hit = piece == _HIT_START
            elif piece:
                out.append(f'<span class="hit">{piece}</span>' if in_hit else piece)
    return "".join(out)
