"""The facade the window and the command line use: sources, scanning, search, read/starred state.

Nothing outside this module touches Whoosh or sqlite directly. A Library object belongs to
one thread; a background worker opens its own Library on the same data directory (sqlite in
WAL mode and Whoosh's snapshot readers make that safe).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.core.errors import InvalidQueryError, LibraryError
from reader.core.models import Flags, Paper, Problem, SearchHit, Span
from reader.datadir import UpdateLock, atomic_write_text, builtin_seeds_dir, resolve_data_dir
from reader.index.catalogue import Catalogue, FileRecord, PaperRow, iter_chunks
from reader.state.store import StateStore

if TYPE_CHECKING:
    from reader.index.query import Query
    from reader.index.search_index import SearchIndex

log = logging.getLogger("reader.library")

LIBRARY_FILE = "library.json"
LIBRARY_VERSION = 1
BUILTIN_SEEDS = "builtin:seeds"
EntryT = TypeVar("EntryT", Paper, PaperRow)  # what the list queries return: full papers or light rows
FILES_PER_COMMIT = 200  # index in chunks so new days appear while a large library is still being read


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the library list: a digest file or a folder searched recursively for *.md."""

    path: str
    builtin: bool = False


@dataclass(frozen=True, slots=True)
class UpdateProgress:
    """Sent during Library.update() after each file."""

    done: int
    total: int
    path: str


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """What an update did, and every problem the library currently has."""

    files: int
    changed: int
    unchanged: int
    removed: int
    papers: int
    skipped: int  # files that gave no paper at all because of a problem
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class DayInfo:
    """One day of the sidebar."""

    date: str
    total: int
    unread: int
    starred: int


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits best first, and how many entries matched in all."""

    hits: list[SearchHit]
    total: int


class Library:
    """One data directory: library list, catalogue, search index and read/starred state."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"cannot create the data directory {self.data_dir}: {error.strerror}") from error
        self._catalogue = Catalogue(self.data_dir / "catalogue.sqlite")
        self._state = StateStore(self.data_dir / "state.sqlite")
        self._opened_index: SearchIndex | None = None  # see _index

    @property
    def _index(self) -> SearchIndex:
        return self._open_index()

    def _open_index(self) -> SearchIndex:
        """The search index, opened (and Whoosh imported) on first use.

        Browsing never needs it, so the window starts without importing Whoosh or opening its
        segments: about a fifth of the start-up time. The first search or update pays instead.
        """
        if self._opened_index is None:
            from reader.index.search_index import SearchIndex

            self._opened_index = SearchIndex(self.data_dir / "index")
            if self._opened_index.was_reset:
                self._catalogue.clear()  # everything is re-parsed and re-indexed by the next update
        return self._opened_index

    @property
    def warnings(self) -> list[str]:
        """Messages the user should see once (e.g. a corrupt state file that was set aside)."""
        return list(self._state.warnings)

    def close(self) -> None:
        """Release files and connections."""
        if self._opened_index is not None:
            self._opened_index.close()
        self._catalogue.close()
        self._state.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- sources -------------------------------------------------------------

    def _library_file(self) -> dict:
        """library.json as written by _save_sources; the default list when there is none yet."""
        path = self.data_dir / LIBRARY_FILE
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(document["sources"], list):
                raise TypeError("'sources' is not a list")
            return document
        except FileNotFoundError:
            return {"sources": [BUILTIN_SEEDS]}
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise LibraryError(f"{path}: unreadable library list ({error}); fix or delete it") from error

    def sources(self) -> list[Source]:
        """The library list; by default only the bundled seeds."""
        entries = self._library_file()["sources"]
        return [
            Source(str(builtin_seeds_dir()), builtin=True) if entry == BUILTIN_SEEDS else Source(entry)
            for entry in entries
        ]

    def add_sources(self, paths: Iterable[Path | str]) -> list[Source]:
        """Add files or folders (already present ones are kept once); returns the new list."""
        current = self.sources()
        known = {source.path for source in current}
        for raw in paths:
            path = Path(raw).expanduser()
            if not path.exists():
                raise LibraryError(f"{raw}: no such file or folder")
            resolved = str(path.resolve())
            if resolved not in known:
                current.append(Source(resolved))
                known.add(resolved)
        self._save_sources(current)
        return current

    def remove_source(self, path: Path | str) -> None:
        """Drop a source; its papers leave at the next update, their read/starred state stays."""
        target = str(Path(path).expanduser().resolve())
        current = self.sources()
        remaining = [source for source in current if source.path != target]
        if len(remaining) == len(current):
            raise LibraryError(f"{path}: not in the library")
        self._save_sources(remaining)

    def seeds_hidden(self) -> bool:
        """True when the user chose to hide the bundled seeds (they stay in the list, unscanned)."""
        return bool(self._library_file().get("seeds_hidden", False))

    def set_seeds_hidden(self, hidden: bool) -> None:
        """Hide or show the bundled seeds; their papers leave or return at the next update."""
        self._save_sources(self.sources(), seeds_hidden=hidden)

    def source_paper_counts(self) -> dict[str, int]:
        """Papers read from each source's files at the last update (by source path; 0 when none)."""
        records = self._catalogue.files().values()
        return {
            source.path: sum(record.paper_count for record in records if _is_under(record.path, [source.path]))
            for source in self.sources()
        }

    def _save_sources(self, sources: list[Source], seeds_hidden: bool | None = None) -> None:
        entries = [BUILTIN_SEEDS if source.builtin else source.path for source in sources]
        hidden = self.seeds_hidden() if seeds_hidden is None else seeds_hidden
        document = {"version": LIBRARY_VERSION, "sources": entries, "seeds_hidden": hidden}
        atomic_write_text(self.data_dir / LIBRARY_FILE, json.dumps(document, ensure_ascii=False, indent=2))

    # -- scanning and indexing -----------------------------------------------

    def update(
        self,
        progress: Callable[[UpdateProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Bring catalogue and index in line with the sources: new and changed files are parsed,
        unchanged ones skipped, deleted ones dropped. Slow on a big library: keep it off the GUI thread."""
        from reader.core.parse import read_digest  # only updates parse: the window starts without the parser

        with UpdateLock(self.data_dir / "update.lock"):
            self._open_index()  # first: a reset index empties the catalogue, so every file counts as changed
            sources = self.sources()
            if self.seeds_hidden():  # kept in the list, not scanned: their papers leave the catalogue
                sources = [source for source in sources if not source.builtin]
            files, scan_problems = _scan(sources)
            known = self._catalogue.files()
            removed = [path for path in known if path not in files]
            changed = [path for path, stat in files.items() if _is_changed(known.get(path), stat)]
            builtin_roots = [source.path for source in sources if source.builtin]

            self._apply([], removed)
            done = len(files) - len(changed)
            for chunk in iter_chunks(changed, FILES_PER_COMMIT):
                if should_stop and should_stop():
                    break
                parsed = []
                for path in chunk:
                    digest = read_digest(Path(path))
                    mtime_ns, size = files[path]
                    record = FileRecord(path, mtime_ns, size, len(digest.papers), digest.problems)
                    parsed.append((record, _is_under(path, builtin_roots), list(digest.papers)))
                    done += 1
                    if progress:
                        progress(UpdateProgress(done, len(files), path))
                self._apply(parsed, [])
            self._catalogue.set_meta("scan_problems", json.dumps([[p.path, p.reason] for p in scan_problems]))

        records = self._catalogue.files().values()
        return UpdateReport(
            files=len(files),
            changed=len(changed),
            unchanged=len(files) - len(changed),
            removed=len(removed),
            papers=self._catalogue.paper_count(),
            skipped=sum(1 for record in records if record.paper_count == 0 and record.problems),
            problems=tuple(self.problems()),
        )

    def _apply(self, parsed: list[tuple[FileRecord, bool, list[Paper]]], removed: list[str]) -> None:
        """Index first, catalogue second (see reader.index.catalogue for why this order)."""
        if not parsed and not removed:
            return
        replaced = removed + [record.path for record, _builtin, _papers in parsed]
        self._index.update(replaced, (paper for _record, _builtin, papers in parsed for paper in papers))
        self._catalogue.replace_files(parsed, removed)

    def problems(self) -> list[Problem]:
        """Every current problem: unreadable sources first, then per file in path order."""
        scan_problems = json.loads(self._catalogue.get_meta("scan_problems", "[]"))
        scan = [Problem(path, 0, reason) for path, reason in scan_problems]
        return scan + self._catalogue.file_problems()

    # -- browsing --------------------------------------------------------------

    def days(self) -> list[DayInfo]:
        """Every day with its counts, newest first (one aggregate query, whatever the library's size)."""
        return [DayInfo(*counts) for counts in self._catalogue.day_counts(self._state.path)]

    def papers(self, date: str | None = None, starred: bool = False, unread: bool = False) -> list[Paper]:
        """One Paper per (date, arXiv id) entry: newest day first, then by votes."""
        return self._with_flags(self._catalogue.papers(date=date), starred, unread)

    def rows(self, date: str | None = None, starred: bool = False, unread: bool = False) -> list[PaperRow]:
        """What a list shows of the entries papers() returns, in the same order, without their summaries.

        This is what lets a window list 100,000 papers: one query, no JSON decoding, small tuples;
        the full Paper of the row being read comes from paper().
        """
        return self._with_flags(self._catalogue.rows(date=date), starred, unread)

    def _with_flags(self, entries: list[EntryT], starred: bool, unread: bool) -> list[EntryT]:
        """The entries that are starred and/or unread, as asked, in their order."""
        if starred:
            starred_ids = self._state.starred_ids()
            entries = [entry for entry in entries if entry.arxiv_id in starred_ids]
        if unread:
            read_ids = self._state.read_ids()
            entries = [entry for entry in entries if entry.arxiv_id not in read_ids]
        return entries

    def paper(self, arxiv_id: str, date: str) -> Paper | None:
        """The full entry listed on `date` for this paper, or None."""
        return self._catalogue.paper(date, normalise_arxiv_id(arxiv_id))

    def papers_for(self, arxiv_id: str) -> list[Paper]:
        """Every day this paper is listed on."""
        return self._catalogue.papers(arxiv_id=normalise_arxiv_id(arxiv_id))

    # -- search ----------------------------------------------------------------

    def search(self, query: str, limit: int | None = 20) -> SearchResult:
        """Korean-aware search over title, authors and summary; raises InvalidQueryError."""
        from reader.index.query import parse_query  # Whoosh is imported on first use, see _index

        parsed = parse_query(query)
        shadowed = set(self._catalogue.shadowed())
        fetch = None if limit is None else limit + len(shadowed)
        raw_hits, total = self._index.search(parsed, fetch)
        hits = []
        for raw in raw_hits:
            if (raw.source, raw.date, raw.arxiv_id) in shadowed:
                total -= 1
                continue
            paper = self._catalogue.get(raw.source, raw.date, raw.arxiv_id)
            if paper is not None:
                hits.append(SearchHit(paper, raw.score, tuple(_spans(parsed, paper))))
        return SearchResult(hits[:limit] if limit is not None else hits, max(total, len(hits)))

    def highlight(self, query: str, text: str, field: str = "body") -> list[tuple[int, int]]:
        """Spans of `text` that `query` matches, for highlighting; none for an invalid query."""
        from reader.index.query import parse_query

        try:
            return parse_query(query).highlight(field, text)
        except InvalidQueryError:
            return []

    # -- state -----------------------------------------------------------------

    def flags(self, arxiv_id: str) -> Flags:
        """Read/starred state of one paper."""
        return self._state.get(normalise_arxiv_id(arxiv_id))

    def all_flags(self) -> dict[str, Flags]:
        """State of every paper that has a flag set."""
        return self._state.all()

    def set_starred(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Star or unstar; durable when this returns."""
        self._state.set_starred([normalise_arxiv_id(i) for i in arxiv_ids], value)

    def set_read(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Mark read or unread; durable when this returns."""
        self._state.set_read([normalise_arxiv_id(i) for i in arxiv_ids], value)

    def merge_flags(self, flags: dict[str, Flags]) -> None:
        """Fold in imported state: a star or read mark from either side wins, nothing is cleared."""
        self._state.merge(flags)


def normalise_arxiv_id(arxiv_id: str) -> str:
    """`2411.12275v2` and ` 2411.12275 ` name the same paper as `2411.12275`."""
    text = arxiv_id.strip()
    head, _sep, version = text.rpartition("v")
    return head if head and version.isdigit() and head[-1].isdigit() else text


def _spans(query: Query, paper: Paper) -> Iterable[Span]:
    for start, end in query.highlight("title", paper.title):
        yield Span("title", 0, start, end)
    for index, name in enumerate(paper.authors):
        for start, end in query.highlight("authors", name):
            yield Span("authors", index, start, end)
    for index, section in enumerate(paper.sections):
        for start, end in query.highlight("body", section.text):
            yield Span("section", index, start, end)


def _scan(sources: list[Source]) -> tuple[dict[str, tuple[int, int]], list[Problem]]:
    """Every digest file of the sources with (mtime_ns, size), and sources that cannot be read."""
    files: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    for source in sources:
        root = Path(source.path)
        if root.is_dir():
            candidates = _walk_markdown(root, problems)
        elif root.exists():
            candidates = [root]
        else:
            problems.append(Problem(source.path, 0, "source not found (moved or deleted?); its papers are hidden"))
            continue
        for path in candidates:
            try:
                stat = path.stat()
            except OSError as error:
                problems.append(Problem(str(path), 0, f"cannot read: {error.strerror}"))
                continue
            files[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return files, problems


def _walk_markdown(root: Path, problems: list[Problem]) -> list[Path]:
    """*.md files below root, skipping hidden folders (.git) and not following folder links (no loops)."""
    found: list[Path] = []

    def report(error: OSError) -> None:
        problems.append(Problem(str(error.filename), 0, f"cannot read folder: {error.strerror}"))

    for folder, subfolders, names in os.walk(root, onerror=report):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        found.extend(Path(folder, name) for name in sorted(names) if name.lower().endswith(".md"))
    return found


def _is_changed(record: FileRecord | None, stat: tuple[int, int]) -> bool:
    return record is None or (record.mtime_ns, record.size) != stat


def _is_under(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
