"""Digest Markdown -> Paper values, in one pass over the lines.

The digests are machine-written Markdown with many small variations (the
digest-format guide lists them). Rather than a Markdown parser, a line classifier is used:
it is fast on a 100,000-paper library and keeps titles and summaries exactly as
written, which a Markdown round trip would not. Nothing here raises on bad input:
each oddity becomes a Problem with a line number the user can open.
"""

from __future__ import annotations

import ast
import datetime
import re
import unicodedata
from pathlib import Path
from typing import Literal

from reader.core.arxiv import ARXIV_URL
from reader.core.decode import read_text
from reader.core.models import HF_SITE, Digest, Media, Paper, Problem, Section

MAX_VOTES = 2**31 - 1
# What one file may add, so that one hostile file cannot slow every later command (a million duplicate
# headings made each command take 13 s and 700 MB): a real day has at most ~100 papers of ~3,000
# characters and no problems; the whole archive (5,500 papers) fits in one file many times over.
MAX_PAPERS_PER_FILE = 50_000
MAX_PROBLEMS_PER_FILE = 200
MAX_TITLE_CHARS = 1_000  # real titles are under 300
MAX_AUTHORS = 1_000  # names kept per paper (more are cut, as a "+" marks); real lists are under 100 (a few 500)
MAX_SUMMARY_CHARS = 200_000  # a paper's sections in all (labels too, ~60 times a real one); the rest is not read
NOT_A_DIGEST = "no '## Daily Papers (YYYY-MM-DD)' header; not a digest"

PROBLEMS: dict[str, str] = {
    "not-a-digest": NOT_A_DIGEST,
    "unclosed-code-block": "code block is never closed; the rest of the file was not read",
    "invalid-header-date": "invalid date {0} in header; its papers are skipped",
    "no-arxiv-link": "paper heading has no arXiv link; skipped",
    "duplicate-paper": "duplicate of line {0}; skipped",
    "bad-media-link": "media link {0} is not a plain http(s) URL; ignored",
    "bad-vote": "vote {0} is not a whole number from 0 to {1}; ignored",
    "internal-error": "internal error while parsing: {0}: {1}",
    "too-many-papers": "more than {0} papers in one file; the papers from here on were not read",
    "summary-too-long": "summary is longer than {0} characters; the rest of this paper's summary was not read",
    "more-problems": "{0} more problems in this file from here on are not listed",
    "title-too-long": "title is longer than {0} characters; cut",
    "too-many-authors": "more than {0} authors; the rest were not read",
}
"""Problem code -> English template (``{0}``... are the Problem's args): what the parser reports. Front ends
translate by code (reader/ui/platform/problem_text.py); the reason is the template filled in."""

_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_DAILY_HEADER = re.compile(r"Daily Papers \((.*)\)(?:[ \t]+#*)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_IMAGE = re.compile(r"!\[[^\]]*\]\((.*)\)\s*$")
# "[Watch Video](url)", or the same with the parentheses missing: "[Watch Video]url" (a URL with
# a scheme, or a site path; other text after "[Watch Video]" is not a media line).
_WATCH_VIDEO = re.compile(
    r"\[\s*Watch Video\s*\][ \t]*(?:\((.*)\)|((?:[A-Za-z][A-Za-z0-9+.-]*:|/)\S*))\s*$", re.IGNORECASE
)
_VIDEO_SRC = re.compile(r"<video\b[^>]*?\bsrc\s*=\s*([\"'])(.*?)\1", re.IGNORECASE)
_HTTP_URL = re.compile(r"(?i:https?)://[^\s\"'<>`\\]+")
_VOTE = re.compile(r"Votes?[ \t]*:[ \t]*(.*?)\s*$")
_AUTHORS = re.compile(r"Authors[ \t]*:[ \t]*(.*?)\s*$")
# "- ***Label***: text", "- **Label**: text", "- **Label:** text"; the closing asterisks need not
# balance the opening ones ("- ***Technical Details*: text" occurs in the archive).
_LABELLED = re.compile(r"[-*+][ \t]+\*\*\*?([^*\n]{1,80}?)(?::\*{1,3}|\*{1,3}[ \t]*:)[ \t]*(.*)$")
_BULLET = re.compile(r"([-*+])(?:[ \t]+(.*)|$)")
_LIST_ITEM = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_THEMATIC_BREAK = re.compile(r"(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}")


class _Draft:
    """A paper being read; becomes a Paper when its next heading arrives."""

    __slots__ = ("arxiv_id", "title", "url", "line", "votes", "authors", "truncated", "media",
                 "media_seen", "in_summary", "sections", "label", "lines", "indents", "budget", "cut")

    def __init__(self, arxiv_id: str, title: str, url: str, line: int) -> None:
        self.arxiv_id, self.title, self.url, self.line = arxiv_id, title, url, line
        self.votes: int | None = None
        self.authors: tuple[str, ...] = ()
        self.truncated = False
        self.media: Media | None = None
        self.media_seen = False
        self.in_summary = False  # True from the first summary list item on: no metadata after it
        self.sections: list[Section] = []
        self.label: str | None = None
        self.lines: list[str] | None = None  # the open section's lines; None before the first
        self.indents: list[int] = []  # indent widths of the open section's nested lists
        self.budget = MAX_SUMMARY_CHARS  # summary characters still read
        self.cut = False  # some of the summary was dropped (past the budget)

    def open_section(self, label: str | None, text: str) -> None:
        self.close_section()
        if self.budget < 0:
            self.cut = True
            return
        text = self._within_budget((label or "") + text)[len(label or "") :]
        self.label, self.lines, self.indents = label, [text] if text else [], []

    def add_line(self, text: str) -> None:
        if self.lines is None:
            self.open_section(None, text)
        elif self.budget < 0:
            self.cut = True
        else:
            self.lines.append(self._within_budget(text))

    def _within_budget(self, text: str) -> str:
        """``text`` as far as the budget allows (a line break counts one); once it is spent, nothing."""
        if len(text) > self.budget:
            self.cut = True
            text = text[: max(self.budget, 0)]
        self.budget -= len(text) + 1
        return text

    def close_section(self) -> None:
        if self.lines is not None:
            text = "\n".join(self.lines).strip()
            if text or self.label:
                self.sections.append(Section(self.label, text))
            self.lines = None

    def finish(self, date: str, source: str) -> Paper:
        self.close_section()
        return Paper(
            arxiv_id=self.arxiv_id, date=date, title=self.title, url=self.url, votes=self.votes,
            authors=self.authors, authors_truncated=self.truncated, media=self.media,
            sections=tuple(self.sections), source=source, line=self.line,
        )


def read_digest(path: Path) -> Digest:
    """Read, decode and parse one digest file; problems are returned, never raised."""
    decoded = read_text(path)
    source = str(path)
    if decoded.text is None:
        return Digest(source, problems=decoded.problems, encoding=decoded.encoding)
    try:
        digest = parse_digest(decoded.text, source)
    except Exception as error:  # noqa: BLE001 - last-resort guard: one bad file must not stop a rebuild
        detail = str(error)[:200] or "no details"
        problem = Problem.coded(source, 0, "internal-error", PROBLEMS["internal-error"], type(error).__name__, detail)
        return Digest(source, problems=(*decoded.problems, problem), encoding=decoded.encoding)
    problems = sorted((*decoded.problems, *digest.problems), key=lambda problem: problem.line)
    return Digest(source, digest.papers, tuple(problems), decoded.encoding)


def parse_digest(text: str, path: str) -> Digest:
    """Parse digest text (any line ends, any Unicode normal form) into papers and problems."""
    return _Parser(path).run(_normalise(text))


def _normalise(text: str) -> str:
    """One line end and composed Hangul, so search and line numbers behave on every copy."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


class _Parser:
    """State of one pass over a digest's lines."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.papers: list[Paper] = []
        self.problems: list[Problem] = []
        self.seen: dict[tuple[str, str], int] = {}
        self.date: str | None = None  # None outside digest content
        self.draft: _Draft | None = None
        self.header_found = False
        self.papers_left_out = False
        self.unlisted_problems = 0
        self.first_unlisted_line = 0

    def run(self, text: str) -> Digest:
        fence = ""
        fence_line = 0
        for number, line in enumerate(text.split("\n"), 1):
            stripped = line.strip()
            if fence:
                if stripped.startswith(fence) and not stripped.strip(fence[0]):
                    fence = ""
                if self.draft is not None:
                    self._summary_line(self.draft, line.rstrip(), number)
                continue
            if not stripped:
                continue
            first = stripped[0]
            if first == "#" and (match := _HEADING.match(line)):
                self._heading(len(match[1]), match[2] or "", number, line)
                continue
            if first in "`~" and (match := _FENCE.match(line)) and not _backticks_in_info(match, line):
                fence, fence_line = match[1], number
                if self.draft is not None:
                    self._summary_line(self.draft, line.rstrip(), number)
                continue
            if self.draft is not None:
                was_cut = self.draft.cut
                self._body(self.draft, line, stripped, number)
                if self.draft.cut and not was_cut:
                    self._problem(number, "summary-too-long", str(MAX_SUMMARY_CHARS))
        if fence:
            self._problem(fence_line, "unclosed-code-block")
        self._finish_paper()
        if not self.header_found:
            return Digest(self.path, problems=(Problem.coded(self.path, 0, "not-a-digest", NOT_A_DIGEST),))
        if self.unlisted_problems:
            self.problems.append(Problem.coded(self.path, self.first_unlisted_line, "more-problems",
                                               PROBLEMS["more-problems"], str(self.unlisted_problems)))
        return Digest(self.path, tuple(self.papers), tuple(self.problems))

    def _problem(self, line: int, code: str, *args: str) -> None:
        """Report a problem; past MAX_PROBLEMS_PER_FILE they are only counted (one problem says how many)."""
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem.coded(self.path, line, code, PROBLEMS[code], *args))
            return
        if not self.unlisted_problems:
            self.first_unlisted_line = line
        self.unlisted_problems += 1

    def _summary_line(self, draft: _Draft, text: str, number: int) -> None:
        """A line of summary text kept as written (code, a level 4-6 heading), within the summary's budget."""
        was_cut = draft.cut
        draft.add_line(text)
        if draft.cut and not was_cut:
            self._problem(number, "summary-too-long", str(MAX_SUMMARY_CHARS))

    def _finish_paper(self) -> None:
        if self.draft is not None and self.date is not None:
            self.papers.append(self.draft.finish(self.date, self.path))
        self.draft = None

    def _heading(self, level: int, text: str, number: int, line: str) -> None:
        """Headings delimit papers and digest content; levels 4-6 are summary text."""
        if level > 3:
            if self.draft is not None:
                self._summary_line(self.draft, line.strip(), number)
            return
        self._finish_paper()
        if level == 3:
            if self.date is not None:
                self._start_paper(self.date, text, number)
            return
        header = _DAILY_HEADER.fullmatch(text) if level == 2 else None
        if header is None:
            self.date = None  # README wrapper sections (License, Citation, ...) are not digest content
            return
        self.header_found = True
        self.date = _valid_date(header[1].strip())
        if self.date is None:
            self._problem(number, "invalid-header-date", repr(header[1].strip()[:40]))

    def _start_paper(self, date: str, heading: str, number: int) -> None:
        title, url = _title_link(heading)
        match = ARXIV_URL.fullmatch(url) if url is not None else None
        if title is None or url is None or match is None:
            self._problem(number, "no-arxiv-link")
            return
        arxiv_id = match[1]
        first = self.seen.get((date, arxiv_id), number)
        if first != number:
            self._problem(number, "duplicate-paper", str(first))
            return
        if len(self.papers) >= MAX_PAPERS_PER_FILE:
            if not self.papers_left_out:
                self._problem(number, "too-many-papers", str(MAX_PAPERS_PER_FILE))
            self.papers_left_out = True
            return
        if len(title) > MAX_TITLE_CHARS:
            self._problem(number, "title-too-long", str(MAX_TITLE_CHARS))
            title = title[:MAX_TITLE_CHARS]
        self.seen[date, arxiv_id] = number
        self.draft = _Draft(arxiv_id, title or arxiv_id, url, number)

    def _body(self, draft: _Draft, line: str, stripped: str, number: int) -> None:
        """One non-blank line inside a paper: metadata before the summary, then sections.

        Until the first summary list item (bullet or numbered line), a metadata line is metadata
        wherever it sits: an unrecognised line there (kept as unlabelled summary text) must not
        turn the vote, authors or media lines after it into summary text.
        """
        if not draft.in_summary and self._metadata(draft, stripped, number):
            return
        if stripped[0] in "-*_" and _THEMATIC_BREAK.fullmatch(stripped):
            return  # a separator between papers, not summary text
        if not draft.in_summary and _LIST_ITEM.match(stripped):
            draft.in_summary = True
        indent = len(line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4))
        if indent >= 2 and draft.lines is not None:
            if _LIST_ITEM.match(stripped):
                draft.add_line(_nested(draft.indents, indent, stripped))
            else:
                draft.add_line(stripped)
            return
        if stripped[0] in "-*+":
            if labelled := _LABELLED.match(stripped):
                draft.open_section(_label(labelled[1]), _list_literal(labelled[2].rstrip()))
                return
            if bullet := _BULLET.match(stripped):
                draft.open_section(None, (bullet[2] or "").rstrip())
                return
        draft.add_line(stripped)

    def _metadata(self, draft: _Draft, stripped: str, number: int) -> bool:
        """Media, vote and authors lines; False when the line is summary text."""
        first = stripped[0]
        if first == "!" and (image := _IMAGE.match(stripped)):
            self._media(draft, "image", image[1], number)
        elif first == "[" and (video := _WATCH_VIDEO.match(stripped)):
            self._media(draft, "video", video[1] if video[1] is not None else video[2], number)
        elif first == "<" and "<video" in stripped.lower():
            source = _VIDEO_SRC.search(stripped)
            self._media(draft, "video", source[2] if source else "", number)
        elif first == "V" and (vote := _VOTE.match(stripped)):
            draft.votes = self._votes(vote[1], number)
        elif first == "A" and (authors := _AUTHORS.match(stripped)):
            draft.authors, draft.truncated = _authors(authors[1])
            if len(draft.authors) > MAX_AUTHORS:
                self._problem(number, "too-many-authors", str(MAX_AUTHORS))
                draft.authors, draft.truncated = draft.authors[:MAX_AUTHORS], True
        else:
            return False
        return True

    def _media(self, draft: _Draft, kind: Literal["image", "video"], target: str, number: int) -> None:
        """The first media line wins (a Watch Video link and its <video> tag are one item)."""
        if draft.media_seen:
            return
        draft.media_seen = True
        url = _link_target(target)
        if not url:
            return
        if url.startswith("//"):
            url = "https:" + url
        elif url.startswith("/"):
            url = HF_SITE + url
        if _HTTP_URL.fullmatch(url):
            draft.media = Media(kind, url)
        else:
            self._problem(number, "bad-media-link", repr(url[:60]))

    def _votes(self, value: str, number: int) -> int | None:
        if value in ("-", ""):
            return None
        if value.isascii() and value.isdigit() and len(value) <= 10 and int(value) <= MAX_VOTES:
            return int(value)
        self._problem(number, "bad-vote", repr(value[:30]), str(MAX_VOTES))
        return None


def _backticks_in_info(fence: re.Match[str], line: str) -> bool:
    """A backtick fence's info string cannot hold backticks: "```x``` text" is inline code."""
    return fence[1][0] == "`" and "`" in line[fence.end() :]


def _valid_date(text: str) -> str | None:
    """The date if it is a real calendar date written YYYY-MM-DD."""
    if not _DATE.fullmatch(text):
        return None
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _title_link(heading: str) -> tuple[str | None, str | None]:
    """Title between the first '[' and the last '](' ; URL = target of that last link."""
    start = heading.find("[")
    end = heading.rfind("](")
    if start < 0 or end < start:
        return None, None
    close = heading.find(")", end + 2)
    if close < 0:
        return None, None
    target = heading[end + 2 : close]
    return heading[start + 1 : end].strip(), _link_target(target)


def _link_target(target: str) -> str:
    """A Markdown link destination without <>, surrounding spaces or a "title"."""
    target = target.strip()
    if target.startswith("<") and ">" in target:
        return target[1 : target.index(">")].strip()
    return target.split(None, 1)[0] if target else ""


def _label(text: str) -> str:
    return text.strip().replace("\u2019", "'")


def _list_literal(text: str) -> str:
    """A Python list literal value ['a', 'b'] becomes Markdown bullets; anything else stays."""
    if not (text.startswith("[") and text.endswith("]")):
        return text
    items = _literal_strings(text)
    if not items:
        return text
    return "\n".join(f"- {item}" for item in items)


def _literal_strings(text: str) -> list[str] | None:
    """Non-empty strings of a list literal, or None; literal_eval only, never eval."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        return None
    return [item.strip() for item in value if item.strip()]


def _authors(value: str) -> tuple[tuple[str, ...], bool]:
    """Names from a comma list or a list literal; a lone '+' marks a truncated list.

    Names after the '+' are kept: the digests list further real authors there, and
    dropping them would hide papers from an author search.
    """
    items = _literal_strings(value) if value.startswith("[") else None
    if items is None and value.startswith("["):
        items = [item.strip().strip("'\"") for item in value.strip("[]").split(",")]
    elif items is None:
        items = value.split(",")
    names: list[str] = []
    truncated = False
    for item in items:
        name = item.strip()
        if name.endswith("+") and (name == "+" or name[-2].isspace()):
            truncated = True
            name = name[:-1].strip()
        if name:
            names.append(name)
    if names and names[-1].startswith("and "):
        names[-1] = names[-1][4:].strip()
    return tuple(name for name in names if name), truncated


def _nested(indents: list[int], indent: int, item: str) -> str:
    """Re-indent a nested list item two spaces per level, so it renders as a sub-list."""
    while indents and indent < indents[-1]:
        indents.pop()
    if not indents or indent > indents[-1]:
        indents.append(indent)
    return "  " * len(indents) + item
