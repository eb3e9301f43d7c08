"""Digest text -> HTML with the search's hits marked: Python-Markdown for summaries, escaped plain text for
titles and names. No Qt; paper_html.py sanitises what comes out of here and builds the page.

Hits are marked with private-use sentinel characters *before* conversion, so a hit can straddle
Markdown syntax; after conversion each sentinel pair becomes ``<span class="hit">`` around the text runs
between them.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown import Markdown

Highlighter = Callable[[str], list[tuple[int, int]]]
"""Gives the [start, end) spans of a plain text that the active search matches."""

_HIT_START = "\ue000"
_HIT_END = "\ue001"
# Private-use sentinels, plus the STX/ETX placeholders Python-Markdown uses internally: digest text must
# never contain them, or it could forge a hit or confuse the converter. Also every other control character
# but tab and newline (an ESC or a bell means nothing on a page), and the bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069): an override makes "evil\u202egnp.exe" read as
# "evilexe.png". The marks U+200E/U+200F, which reorder nothing around them, stay.
_RESERVED_CHARS = re.compile("[\ue000\ue001\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,3}[.)])[ \t]+(?P<rest>.*)$")
# What opens a nested block at the start of a line: a list marker followed by a space, or a quote.
_CONTAINER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|>[ \t]*")

MAX_NESTING = 16
"""Lists and quotes deeper than this are not formatted: Python-Markdown recurses once per level (about
500 levels raise RecursionError) and Qt lays deep lists out slowly. Real digests nest two or three levels."""


def nesting_depth(text: str, limit: int = MAX_NESTING) -> int:
    """How deeply lists and block quotes nest in ``text`` (an upper bound; counting stops past ``limit``).

    A level is two columns of indentation or one more marker at the start of a line: ``- - - x`` is three
    lists in one line, which Markdown nests as deeply as three indented ones.
    """
    deepest = 0
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        depth = len(line[:indent].expandtabs(4)) // 2 if indent else 0
        position = 0
        while depth <= limit and (marker := _CONTAINER.match(stripped, position)) is not None:
            depth += 1
            position = marker.end()
        deepest = max(deepest, depth)
        if deepest > limit:
            break
    return deepest


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


# A Markdown code span: a run of backticks up to the next run of the same length, within one paragraph and
# one list item (Python-Markdown finds spans per block). Markdown escapes what is inside one itself.
_CODE_SPAN = re.compile(
    r"(?<![\\`])(`+)(?!`)(?:(?!\n[ \t]*(?:\n|(?:[-*+]|\d{1,9}[.)])[ \t]|>|#)).)+?(?<!`)\1(?!`)", re.DOTALL
)


def escape_source(text: str) -> str:
    """Make raw HTML in digest text show as text, and turn bare http(s) URLs into Markdown autolinks.

    Code spans are left as written: Markdown escapes their text itself, and an ``&lt;`` put there
    would show as ``&lt;``.
    """
    pieces: list[str] = []
    position = 0
    for span in _CODE_SPAN.finditer(text):
        pieces += [_escape_prose(text[position : span.start()]), span[0]]
        position = span.end()
    pieces.append(_escape_prose(text[position:]))
    return "".join(pieces)


def _escape_prose(text: str) -> str:
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
    """Import Python-Markdown (~60 ms), so that the first paper shown does not wait for it.

    The window calls this on a background thread after its first paint; the detail pane calls it before
    it hands a summary to a formatting thread (an import is never interrupted). Imports are guarded by
    Python's import lock, so calls from two threads are harmless.
    """
    import markdown  # noqa: F401
    from markdown.extensions import sane_lists  # noqa: F401


_converters = threading.local()


def _markdown_converter() -> Markdown:
    """This thread's converter: building one per call costs more than converting, and one converter must
    never be used by two threads at once (the detail pane formats large summaries on threads of its own).

    Python-Markdown is imported on first use, so the window's first paint does not wait for it. The
    extension is given as an instance: named by a string, Markdown scans every installed package's entry
    points for it (~50 ms).
    """
    converter: Markdown | None = getattr(_converters, "markdown", None)
    if converter is None:
        import markdown
        from markdown.extensions.sane_lists import SaneListExtension

        converter = markdown.Markdown(output_format="html", extensions=[SaneListExtension()])
        _converters.markdown = converter
    return converter


_IMAGE_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\b(src|alt)="([^"]*)"', re.IGNORECASE)


def images_to_links(fragment: str) -> str:
    """Images written in a summary become links: the pane loads only the paper's own thumbnail."""

    def link(match: re.Match[str]) -> str:
        attributes = {name.lower(): value for name, value in _ATTRIBUTE.findall(match[0])}
        source = attributes.get("src", "")
        return f'<a href="{source}">{attributes.get("alt") or source}</a>' if source else attributes.get("alt", "")

    return _IMAGE_TAG.sub(link, fragment)


def markdown_html(source: str) -> str:
    """Markdown with sentinels -> HTML with hit spans (still unsanitised; images turned into links).

    Raises RecursionError on input nested too deeply: callers check ``nesting_depth`` first.
    """
    normalised = normalise_markdown(escape_source(source))
    converter = _markdown_converter()
    try:
        converted = converter.reset().convert(normalised)
    except BaseException:
        _converters.markdown = None  # left half-way (an error, an interrupt): the next call builds a new one
        raise
    return sentinels_to_spans(images_to_links(converted))


def unwrap_first_paragraph(fragment: str) -> str:
    """A bullet's text sits in the <li> itself, not in a <p> that adds paragraph spacing."""
    fragment = fragment.strip()
    if fragment.startswith("<p>"):
        end = fragment.find("</p>")
        return fragment[3:end] + fragment[end + 4 :]
    return fragment


LONG_RUN = 200
"""Unbroken runs of text longer than this get a break opportunity every LONG_RUN // 2 characters: Qt lays a
long word out in time that grows with its square (40,000 characters: 0.16 s, 100,000: 0.8 s)."""
_LONG_RUN = re.compile(rf"[^\s\u200b]{{{LONG_RUN + 1},}}")


def break_long_runs(text: str) -> str:
    """Insert zero-width spaces into runs of non-space characters longer than LONG_RUN."""

    def split(match: re.Match[str]) -> str:
        run, step = match[0], LONG_RUN // 2
        return "\u200b".join(run[start : start + step] for start in range(0, len(run), step))

    return _LONG_RUN.sub(split, text)


def marked_text(text: str, highlight: Highlighter | None) -> str:
    """Plain text (never Markdown) -> escaped HTML with hit spans: ``A*`` and ``$^{2}$`` stay literal.

    Very long unbroken runs get break opportunities (see LONG_RUN), added after the hits are found.
    """
    return sentinels_to_spans(html.escape(break_long_runs(marked_source(text, highlight)), quote=False))


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
