"""The facade the window and the command line use: sources, scanning, search, read/starred state.

Nothing outside this module touches Whoosh or sqlite directly. A Library object belongs to
one thread; a background worker opens its own Library on the same data directory (sqlite in
WAL mode and Whoosh's snapshot readers make that safe).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reader.core import arxiv
from reader.core.errors import InvalidQueryError, LibraryError
from reader.core.fs import UpdateLock
from reader.core.models import DayInfo, Flags, Paper, PaperRow, Problem, SearchHit, SearchResult, Source, Span
from reader.core.reports import FetchProgress, FetchReport, ImportReport, UpdateProgress, UpdateReport
from reader.library.source_list import SourceList
from reader.sources.folders import is_under, scan_sources
from reader.stores.catalogue import Catalogue, FileRecord, iter_chunks
from reader.stores.datadir import resolve_data_dir
from reader.stores.reading_state import StateStore

if TYPE_CHECKING:
    from urllib.request import OpenerDirector

    from reader.index.query import Query
    from reader.index.search_index import SearchIndex

log = logging.getLogger("reader.library")

EntryT = TypeVar("EntryT", Paper, PaperRow)  # what the list queries return: full papers or light rows
FILES_PER_COMMIT = 200  # index in chunks so new days appear while a large library is still being read


class Library:
    """One data directory: library list, catalogue, search index and read/starred state."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"cannot create the data directory {self.data_dir}: {error.strerror}") from error
        self._source_list = SourceList(self.data_dir)
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

    def sources(self) -> list[Source]:
        """The library list; by default only the bundled seeds."""
        return self._source_list.sources()

    def add_sources(self, paths: Iterable[Path | str]) -> list[Source]:
        """Add files or folders (already present ones are kept once); returns the new list."""
        return self._source_list.add(paths)

    def remove_source(self, path: Path | str) -> None:
        """Drop a source; its papers leave at the next update, their read/starred state stays."""
        self._source_list.remove(path)

    def seeds_hidden(self) -> bool:
        """True when the user chose to hide the bundled seeds (they stay in the list, unscanned)."""
        return self._source_list.seeds_hidden()

    def set_seeds_hidden(self, hidden: bool) -> None:
        """Hide or show the bundled seeds; their papers leave or return at the next update."""
        self._source_list.set_seeds_hidden(hidden)

    def source_paper_counts(self) -> dict[str, int]:
        """Papers read from each source's files at the last update (by source path; 0 when none)."""
        records = self._catalogue.files().values()
        return {
            source.path: sum(record.paper_count for record in records if is_under(record.path, [source.path]))
            for source in self.sources()
        }

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
            found = scan_sources(source.path for source in sources)
            files, scan_problems = found.files, found.problems
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
                    parsed.append((record, is_under(path, builtin_roots), list(digest.papers)))
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
        return self._catalogue.paper(date, arxiv.normalise(arxiv_id))

    def papers_for(self, arxiv_id: str) -> list[Paper]:
        """Every day this paper is listed on."""
        return self._catalogue.papers(arxiv_id=arxiv.normalise(arxiv_id))

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
        return self._state.get(arxiv.normalise(arxiv_id))

    def all_flags(self) -> dict[str, Flags]:
        """State of every paper that has a flag set."""
        return self._state.all()

    def set_starred(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Star or unstar; durable when this returns."""
        self._state.set_starred([arxiv.normalise(i) for i in arxiv_ids], value)

    def set_read(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Mark read or unread; durable when this returns."""
        self._state.set_read([arxiv.normalise(i) for i in arxiv_ids], value)

    def merge_flags(self, flags: dict[str, Flags]) -> None:
        """Fold in imported state: a star or read mark from either side wins, nothing is cleared."""
        self._state.merge(flags)

    def export_state(self) -> dict[str, Any]:
        """Every paper with a flag set, as the JSON document `state export` writes."""
        from reader.stores.carry import export_state

        return export_state(self._state)

    def import_state(self, data: Any) -> ImportReport:
        """Merge an exported state in (a star or read mark from either side wins); raises StateError."""
        from reader.stores.carry import import_state

        return import_state(self._state, data, self._catalogue.arxiv_ids())

    # -- exports and fetching --------------------------------------------------

    def export(self, papers: list[Paper], fmt: str, date: str | None = None, query: str | None = None) -> str:
        """The document `export` writes for these papers: `fmt` is one of EXPORT_FORMATS; the day or
        query names the selection in a reading list's heading (neither: the starred papers)."""
        from reader.exports.formats import export_papers
        from reader.exports.reading_list import describe_scope

        return export_papers(papers, self.all_flags(), fmt, describe_scope(date, query))

    def fetch(
        self,
        source: str,
        since: date | None = None,
        until: date | None = None,
        *,
        progress: Callable[[FetchProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        timeout_s: float = 15.0,
        opener: OpenerDirector | None = None,
    ) -> FetchReport:
        """Fetch a digest archive's missing days into the data directory and follow that folder.

        The caller runs update() afterwards when report.fetched > 0 (the window does that in its own
        update worker). Defaults: since = the day after the newest known day, until = today (UTC).
        """
        from reader.sources.archive import fetch_days
        from reader.sources.archive_layout import check_source, default_since, source_folder

        base = check_source(source)
        folder = source_folder(self.data_dir, base)
        today = datetime.now(UTC).date()
        if since is None:
            known_days = self.days()
            since = default_since(folder, known_days[0].date if known_days else None, today)
        report = fetch_days(base, folder, since, until or today, progress=progress, should_stop=should_stop,
                            timeout_s=timeout_s, opener=opener)
        if report.fetched and str(folder.resolve()) not in {entry.path for entry in self.sources()}:
            self.add_sources([folder])
        return report

    def fetch_folder(self, source: str) -> Path:
        """Where fetch() keeps the days of this source (inside the data directory)."""
        from reader.sources.archive_layout import source_folder

        return source_folder(self.data_dir, source)

    def default_fetch_start(self, source: str, today: date) -> date:
        """The first day a fetch of this source asks for when no --since is given."""
        from reader.sources.archive_layout import default_since

        known_days = self.days()
        return default_since(self.fetch_folder(source), known_days[0].date if known_days else None, today)

    def scan(self) -> tuple[frozenset[tuple[str, int, int]], set[str]]:
        """How the digests on disk look now, (path, mtime_ns, size) per file, and the folders holding them:
        the window's watcher compares the first between two looks and watches the second. Any thread."""
        hidden = self.seeds_hidden()
        found = scan_sources(source.path for source in self.sources() if not (hidden and source.builtin))
        return frozenset((path, *stat) for path, stat in found.files.items()), found.folders


def _spans(query: Query, paper: Paper) -> Iterable[Span]:
    for start, end in query.highlight("title", paper.title):
        yield Span("title", 0, start, end)
    for index, name in enumerate(paper.authors):
        for start, end in query.highlight("authors", name):
            yield Span("authors", index, start, end)
    for index, section in enumerate(paper.sections):
        for start, end in query.highlight("body", section.text):
            yield Span("section", index, start, end)


def _is_changed(record: FileRecord | None, stat: tuple[int, int]) -> bool:
    return record is None or (record.mtime_ns, record.size) != stat
