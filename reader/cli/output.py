"""What the commands print: paper lines for a terminal, the `show` block, and the --json paper objects."""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata

from reader.core.contract import paper_json
from reader.core.errors import ReaderError
from reader.core.models import Flags, Paper
from reader.library import Annotations, Library, UpdateProgress

# What a terminal would act on instead of show: C0/C1 controls (ESC starts a sequence that can retitle
# or clear the terminal) except newline and tab, DEL, and the bidirectional overrides, isolates and
# marks that can make a title read backwards. Digest text is untrusted.
_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text with every character a terminal would interpret shown as an escape (`\x1b`, `\u202e`)."""
    return _UNSAFE_FOR_TERMINAL.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"), text)


def print_papers(library: Library, papers: list[Paper], as_json: bool, scores: list[float] | None = None) -> None:
    all_flags = library.all_flags()
    if as_json:
        organised = library.annotations({paper.arxiv_id for paper in papers})
        objects = [paper_json(paper, all_flags.get(paper.arxiv_id, Flags()),
                              *_tags_and_note(organised.get(paper.arxiv_id))) for paper in papers]
        if scores is not None:
            for obj, score in zip(objects, scores, strict=True):
                obj["score"] = round(score, 4)
        json.dump(objects, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    for paper in papers:
        flags = all_flags.get(paper.arxiv_id, Flags())
        marks = ("★" if flags.starred else " ") + (" " if flags.read else "•")
        votes = "-" if paper.votes is None else str(paper.votes)
        print(f"{paper.date}  {votes:>4}  {marks}  {paper.arxiv_id:<10}  {_clip(terminal_safe(paper.title), 90)}")


def _tags_and_note(organised: Annotations | None) -> tuple[tuple[str, ...], str | None]:
    return (organised.tags, organised.note) if organised else ((), None)


def note_unlisted(library: Library, arxiv_ids: list[str], kept: str = "its state is kept") -> None:
    """After a mark was saved: a note on stderr for each paper the library does not list (yet). The note needs
    the catalogue, which may be rebuilding or unreadable: then there is none, the mark stays saved."""
    try:
        unlisted = [arxiv_id for arxiv_id in arxiv_ids if not library.papers_for(arxiv_id)]
    except ReaderError:
        unlisted = []
    for arxiv_id in unlisted:
        print(f"daily-papers: note: {arxiv_id} is not in the library (yet); {kept}", file=sys.stderr)


def describe(papers: list[Paper], flags: Flags) -> str:
    """A readable block for `show`: the first listing in full, the other days named; terminal-safe."""
    paper = papers[0]
    authors = ", ".join(paper.authors) + (", …" if paper.authors_truncated else "")
    lines = [
        _one_line(paper.title),
        _one_line(paper.url),
        f"arXiv {paper.arxiv_id} · {', '.join(p.date for p in papers)} · votes "
        f"{'-' if paper.votes is None else paper.votes} · {'starred' if flags.starred else 'not starred'}, "
        f"{'read' if flags.read else 'unread'}",
    ]
    if authors:
        lines.append(f"Authors: {_one_line(authors)}")
    if paper.media:
        lines.append(f"{paper.media.kind.capitalize()}: {_one_line(paper.media.url)}")
    for section in paper.sections:
        lines.append("")
        lines.append(f"[{section.label}] {section.text}" if section.label else f"- {section.text}")
    lines.append(f"\nSource: {_one_line(paper.source)}:{paper.line}")
    return terminal_safe("\n".join(lines))


def _one_line(text: str) -> str:
    """A field that must stay on its line: a newline in it is shown as an escape too."""
    return text.replace("\n", "\\n").replace("\r", "\\r")


def _clip(text: str, width: int) -> str:
    """Cut to `width` terminal columns; Hangul takes two columns each."""
    used = 0
    out: list[str] = []
    for char in text:
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            return "".join(out) + "…"
        out.append(char)
    return text




class TerminalProgress:
    """`index` on a terminal: one line on stderr, rewritten at most a few times a second, then cleared."""

    INTERVAL_S = 0.25

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._shown_at = 0.0
        self._first_done: int | None = None  # files already unchanged when the first parse was reported

    @classmethod
    def when_interactive(cls) -> TerminalProgress | None:
        """A progress callback when stderr is a terminal; None (print nothing extra) when it is not."""
        return cls() if sys.stderr.isatty() else None

    def __call__(self, step: UpdateProgress) -> None:
        now = time.monotonic()
        if step.merging:  # the last word before the report: finish() clears it
            sys.stderr.write(f"\rmerging the search index: {step.merging:,} papers\x1b[K")
            sys.stderr.flush()
            return
        if self._first_done is None:
            self._first_done = step.done - 1
        last = step.done == step.total
        if not last and now - self._shown_at < self.INTERVAL_S:
            return
        self._shown_at = now
        parsed = step.done - self._first_done
        rate = parsed / max(now - self._started, 1e-6)
        eta = (step.total - step.done) / rate if rate else 0.0
        line = (f"indexing: {step.done:,}/{step.total:,} files, {step.papers:,} papers, "
                f"{rate:,.0f} files/s, ETA {int(eta) // 60}:{int(eta) % 60:02d}")
        sys.stderr.write("\r" + line + "\x1b[K" + ("\r\x1b[K" if last else ""))
        sys.stderr.flush()

    def finish(self) -> None:
        """The update is over: the line is cleared for its report."""
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
