"""Frozen domain values shared by every layer.

They carry plain data only, so a background thread can hand them to the GUI thread
and the CLI can serialise them without knowing where they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

HF_SITE = "https://huggingface.co"


@dataclass(frozen=True, slots=True)
class Media:
    """The one thumbnail or video a digest shows for a paper."""

    kind: Literal["image", "video"]
    url: str  # absolute; site-relative paths are resolved against HF_SITE


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the Korean summary, in digest order."""

    label: str | None  # "What's New", "고찰", ...; None for a plain bullet
    text: str  # Markdown as written (nested bullets and numbered lines kept)


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper as listed in one digest: a (date, arXiv id) entry.

    The same arXiv id on two days gives two Paper values that share one read/starred state.
    """

    arxiv_id: str  # identity, without version suffix: "2411.12275"
    date: str  # YYYY-MM-DD of the digest section the paper is listed under
    title: str  # as written, Markdown-looking characters and LaTeX included
    url: str  # the link target of the title, as written
    votes: int | None  # None for "Vote: -" or no vote line
    authors: tuple[str, ...] = ()
    authors_truncated: bool = False  # the digest cut the author list ("+")
    media: Media | None = None
    sections: tuple[Section, ...] = ()
    source: str = ""  # path of the digest file
    line: int = 0  # 1-based line of the paper's heading in the source

    @property
    def key(self) -> str:
        """Unique key of this entry within one source file."""
        return f"{self.date}/{self.arxiv_id}"

    @property
    def summary_text(self) -> str:
        """All section texts, for search and previews."""
        return "\n".join(section.text for section in self.sections)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a digest, reported as ``file:line: reason``.

    ``reason`` is the English text, which the command line prints. ``code`` and ``args`` say the same for a front
    end in another language: the window looks the code up in a table of its own texts and fills in the
    arguments as ``{0}``, ``{1}``... (``reason == template.format(*args)`` for the code's English template).
    An empty code means only the English text is known (a problem from an older catalogue, for one). Problems
    are equal when path, line and reason are: the code says nothing the reason does not.
    """

    path: str
    line: int  # 0 when the problem concerns the whole file
    reason: str
    code: str = field(default="", compare=False)
    args: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def coded(cls, path: str, line: int, code: str, template: str, *args: str) -> Problem:
        """The problem ``code`` with its English ``template`` filled in with ``args`` (``{0}``, ``{1}``...)."""
        return cls(path, line, template.format(*args), code, args)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}" if self.line else f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Digest:
    """The result of parsing one file: the papers that loaded and the problems met."""

    path: str
    papers: tuple[Paper, ...] = ()
    problems: tuple[Problem, ...] = ()
    encoding: str = "utf-8"

    @property
    def dates(self) -> tuple[str, ...]:
        """Distinct digest dates in file order."""
        return tuple(dict.fromkeys(paper.date for paper in self.papers))


@dataclass(frozen=True, slots=True)
class Flags:
    """Per-user state of one arXiv id."""

    starred: bool = False
    read: bool = False
    dismissed: bool = False  # "not interested": For you ranks it last and learns from it


@dataclass(frozen=True, slots=True)
class Annotations:
    """What the reader added to a paper, for exports and the --json objects: its tags (sorted) and note."""

    tags: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """A highlight: characters [start, end) of one field of a paper matched the query."""

    field: Literal["title", "authors", "section"]
    index: int  # author index or section index; 0 for the title
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A paper found by a search, with its score and the spans the UI highlights."""

    paper: Paper
    score: float
    spans: tuple[Span, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits best first, and how many entries matched in all."""

    hits: list[SearchHit]
    total: int


class PaperRow(NamedTuple):
    """What a list row shows of one entry: no summary, media or full author list.

    A tuple rather than a frozen dataclass: 100,000 of them are built in one go when the
    "All papers" view opens, and a tuple is built several times faster and is smaller.
    """

    arxiv_id: str
    date: str
    title: str
    votes: int | None
    first_authors: str  # the first few names (the catalogue's SHORT_AUTHORS), ", "-joined
    author_count: int
    authors_truncated: int  # 1: the digest cut the author list ("+")
    source: str
    line: int

    @property
    def key(self) -> str:
        """Same key as Paper.key."""
        return f"{self.date}/{self.arxiv_id}"


@dataclass(frozen=True, slots=True)
class DayInfo:
    """One day of the sidebar."""

    date: str
    total: int
    unread: int
    starred: int


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the library list: a digest file or a folder searched recursively for *.md."""

    path: str
    builtin: bool = False
