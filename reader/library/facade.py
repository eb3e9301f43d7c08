"""The facade the window and the command line use: sources, scanning, search, read/starred state.

Nothing outside this module touches Whoosh or sqlite directly. A Library object belongs to
one thread; a background worker opens its own Library on the same data directory (sqlite in
WAL mode and Whoosh's snapshot readers make that safe).

The caches (catalogue, search index) never stand between the user and their own data: stars,
read marks and `state export` use the reading state alone, so they work when the catalogue cannot
be opened at all; a damaged catalogue is rebuilt (see reader.stores.catalogue_schema). A data
directory that cannot be written is read as it is: no update, no new marks, a warning saying so.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reader.core import arxiv
from reader.core.errors import LibraryError
from reader.core.fs import UpdateLock
from reader.core.models import DayInfo, Flags, Paper, PaperRow, Problem, SearchResult, Source
from reader.core.reports import FetchProgress, FetchReport, ImportReport, UpdateProgress, UpdateReport
from reader.library.counts import SmartCounts
from reader.library.file_changes import FileStat, identities_to_learn, is_changed
from reader.library.glossary_terms import GlossaryTermsMixin
from reader.library.insights import InsightsMixin
from reader.library.living import HUB_SOURCE, LivingSources
from reader.library.organise import Organising
from reader.library.recommend import RecommendMixin
from reader.library.search_totals import ShadowedEntries, search_entries
from reader.library.source_list import SourceList
from reader.library.stoppable_search import StoppableSearch
from reader.sources.folders import is_under, scan_sources
from reader.stores.catalogue import Catalogue, FileRecord, iter_chunks
from reader.stores.catalogue_schema import damaged_marker
from reader.stores.datadir import resolve_data_dir
from reader.stores.reading_state import StateStore
from reader.stores.sqlite_files import cannot_write

if TYPE_CHECKING:
    from urllib.request import OpenerDirector

    from reader.exports.zotero import ZoteroReport
    from reader.index.search_index import SearchIndex
    from reader.stores.glossary import GlossaryStore

log = logging.getLogger("reader.library")

EntryT = TypeVar("EntryT", Paper, PaperRow)  # what the list queries return: full papers or light rows
FILES_PER_COMMIT = 200  # index in chunks so new days appear while a large library is still being read


class Library(RecommendMixin, GlossaryTermsMixin, InsightsMixin, Organising, LivingSources, StoppableSearch):
    """One data directory: library list, catalogue, search index and read/starred state."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"cannot create the data directory {self.data_dir}: {error.strerror}") from error
        self._warnings: list[str] = []
        if not os.access(self.data_dir, os.W_OK):
            self._warnings.append(
                f"The data directory {self.data_dir} cannot be written: showing the library as it was last indexed. "
                "It is not updated, and stars or read marks cannot be saved.")
        self._source_list = SourceList(self.data_dir)
        self._state = StateStore(self.data_dir / "state.sqlite")
        self._opened_catalogue: Catalogue | None = None  # see _catalogue
        self._opened_index: SearchIndex | None = None  # see _index
        self._opened_glossary: GlossaryStore | None = None  # see _glossary_store
        self._shadowed = ShadowedEntries()
        try:  # now, so a rebuild's warning is in `warnings` from the start; a failure waits for first use
            self._open_catalogue()
        except LibraryError as error:
            log.info("the catalogue cannot be opened yet: %s", error)

    @property
    def _catalogue(self) -> Catalogue:
        """The catalogue; opened again on each use while it cannot be, so stars never depend on it, and
        when another process has replaced the file (rebuilt it), so this one reads the new file."""
        if self._opened_catalogue is not None and self._opened_catalogue.replaced():
            self._close_catalogue()
        if self._opened_catalogue is None:
            self._open_catalogue()
        assert self._opened_catalogue is not None
        return self._opened_catalogue

    def _open_catalogue(self, *, lock_held: bool = False, announce: bool = True) -> None:
        path = self.data_dir / "catalogue.sqlite"
        lock = None if lock_held else (lambda: UpdateLock(self.data_dir / "update.lock", timeout_s=30.0))
        catalogue = Catalogue(path, read_only=cannot_write(path), lock=lock)
        self._opened_catalogue = catalogue
        self._shadowed = ShadowedEntries()  # a new file starts its own generations
        if announce:
            self._warnings.extend(catalogue.warnings)
        if catalogue.read_only and os.access(self.data_dir, os.W_OK):
            self._warnings.append(f"The catalogue {path} cannot be written: the library is not updated.")

    @property
    def read_only(self) -> bool:
        """True when nothing can be saved here (the data directory or the state file is read-only)."""
        return self._state.read_only

    @property
    def _index(self) -> SearchIndex:
        return self._open_index()

    def _open_index(self) -> SearchIndex:
        """The search index, opened (and Whoosh imported) on first use.

        Browsing never needs it, so the window starts without importing Whoosh or opening its
        segments: about a fifth of the start-up time. The first search or update pays instead.
        An index reset empties the catalogue, a new catalogue empties the index: either way the
        next update reads every digest into both.
        """
        if self._opened_index is None:
            from reader.index.search_index import SearchIndex

            catalogue = self._catalogue
            index = SearchIndex(self.data_dir / "index")
            self._opened_index = index
            if not catalogue.read_only:
                if index.was_reset or self._glossary_store.was_reset:
                    catalogue.clear()  # everything is re-parsed, re-indexed and re-mined by the next update
                    self._glossary_store.clear()
                elif catalogue.index_is_stale():
                    index.clear()
                    self._glossary_store.clear()
                if catalogue.index_is_stale():
                    catalogue.set_index_stale(False)
        return self._opened_index

    @property
    def warnings(self) -> list[str]:
        """Messages the user should see once (a corrupt state file set aside, a catalogue rebuilt, ...)."""
        return [*self._warnings, *self._state.warnings]

    def optimize_index(self) -> None:
        """Merge the search index into one segment, for `index --optimize` (updates merge small segments only)."""
        if self._catalogue.read_only:
            raise LibraryError(f"Cannot optimize the search index: {self.data_dir} cannot be written.")
        with UpdateLock(self.data_dir / "update.lock"):
            self._index.optimize()

    def rebuild(self) -> None:
        """Drop the catalogue and the search index, so the next update() reads every digest again.

        For `index --rebuild`; a damaged catalogue (even one that cannot be opened) is replaced.
        """
        if self._state.read_only or not os.access(self.data_dir, os.W_OK):
            raise LibraryError(f"Cannot rebuild the caches: the data directory {self.data_dir} cannot be written.")
        marker = damaged_marker(self.data_dir / "catalogue.sqlite")
        with UpdateLock(self.data_dir / "update.lock"):
            if not marker.exists():
                try:
                    self._catalogue.clear()
                    self._catalogue.set_index_stale(True)
                except LibraryError as error:  # damaged or unusable: replace the file instead
                    log.warning("rebuilding a catalogue that cannot be used: %s", error)
                    try:
                        marker.write_text("rebuild asked for\n", "utf-8")
                    except OSError as os_error:
                        raise LibraryError(f"Cannot rebuild the catalogue: {os_error.strerror}") from os_error
            if marker.exists():
                self._close_catalogue()
                self._open_catalogue(lock_held=True, announce=False)  # asked for: no news to tell
            if self._opened_index is not None:
                self._opened_index.clear()
                self._glossary_store.clear()
                self._catalogue.set_index_stale(False)

    def close(self) -> None:
        """Release files and connections."""
        for opened in (self._opened_index, self._opened_glossary):
            if opened is not None:
                opened.close()
        self._close_catalogue()
        self._state.close()

    def _close_catalogue(self) -> None:
        if self._opened_catalogue is not None:
            self._opened_catalogue.close()
            self._opened_catalogue = None

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
        records = self._catalogue.files(with_problems=False).values()
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
        unchanged ones skipped, deleted ones dropped. Slow on a big library: keep it off the GUI thread.

        In a data directory that cannot be written nothing is changed: the report tells what the
        catalogue holds (and `warnings` says why)."""
        from reader.core.parse import read_digest  # only updates parse: the window starts without the parser

        if self._catalogue.read_only:
            return self._report(len(self._catalogue.files(with_problems=False)), 0, 0)
        with UpdateLock(self.data_dir / "update.lock"):
            self._open_index()  # first: a reset index empties the catalogue, so every file counts as changed
            sources = self.sources()
            if self.seeds_hidden():  # kept in the list, not scanned: their papers leave the catalogue
                sources = [source for source in sources if not source.builtin]
            found = scan_sources(source.path for source in sources)
            files = {path: FileStat(*scanned) for path, scanned in found.files.items()}
            known = self._catalogue.files(with_problems=False)
            removed = [path for path in known if path not in files]
            changed = [path for path, stat in files.items() if is_changed(known.get(path), stat)]
            builtin_roots = [source.path for source in sources if source.builtin]

            self._apply([], removed)
            self._catalogue.set_identities(identities_to_learn(known, files, set(changed)))
            done, papers_read = len(files) - len(changed), 0
            for chunk in iter_chunks(changed, FILES_PER_COMMIT):
                if should_stop and should_stop():
                    break
                parsed = []
                for path in chunk:
                    stat = files[path]  # taken before reading: a later change is seen by the next update
                    digest = read_digest(Path(path))
                    record = FileRecord(path, stat.mtime_ns, stat.size, len(digest.papers), digest.problems,
                                        stat.ctime_ns, stat.inode)
                    parsed.append((record, self._file_kind(path, builtin_roots), list(digest.papers)))
                    done += 1
                    papers_read += len(digest.papers)
                    if progress:
                        progress(UpdateProgress(done, len(files), path, papers_read))
                self._apply(parsed, [])
            self._catalogue.set_meta("scan_problems", json.dumps([[p.path, p.reason] for p in found.problems]))
            self._glossary_store.refresh()  # when the evidence changed
            if changed or removed:  # last: the new papers are listed and searchable before it
                self._index.merge_small(self._papers_of_entries)
            else:  # nothing to read: the idle moment for the larger merges updates leave (merge_policy.py)
                def merging(papers: int) -> None:
                    if progress:
                        progress(UpdateProgress(len(files), len(files), "", papers_read, merging=papers))

                self._index.merge_when_idle(self._papers_of_entries, merging)
        return self._report(len(files), len(changed), len(removed))

    def _papers_of_entries(self, entries: list[tuple[str, str, str]]) -> list[Paper] | None:
        """The catalogue's papers of these index entries, for a merge that indexes them again (None if one is
        missing: the index then merges their postings)."""
        papers = []
        for entry in entries:
            paper = self._catalogue.get(*entry)
            if paper is None:
                return None
            papers.append(paper)
        return papers

    def _report(self, files: int, changed: int, removed: int) -> UpdateReport:
        return UpdateReport(
            files=files,
            changed=changed,
            unchanged=files - changed,
            removed=removed,
            papers=self._catalogue.paper_count(),
            skipped=self._catalogue.skipped_file_count(),
            problems=tuple(self.problems()),
        )

    def _apply(self, parsed: list[tuple[FileRecord, int, list[Paper]]], removed: list[str]) -> None:
        """Index first, catalogue second (see reader.index.catalogue for why this order)."""
        if not parsed and not removed:
            return
        replaced = removed + [record.path for record, _builtin, _papers in parsed]
        papers = [paper for _record, _builtin, file_papers in parsed for paper in file_papers]
        self._index.update(replaced, papers)
        self._glossary_store.replace(replaced, papers)
        self._catalogue.replace_files(parsed, removed)

    def problems(self) -> list[Problem]:
        """Every current problem: unreadable sources first, then per file in path order."""
        scan_problems = json.loads(self._catalogue.get_meta("scan_problems", "[]"))
        scan = [Problem(path, 0, reason) for path, reason in scan_problems]
        return scan + self._catalogue.file_problems()

    # -- browsing --------------------------------------------------------------

    def days(self) -> list[DayInfo]:
        """Every day with its counts of entries, newest first (two aggregate queries, whatever the library's size
        or the number of flagged papers)."""
        return [DayInfo(*counts) for counts in self._catalogue.day_counts(self._state.reading_uri)]

    def smart_counts(self) -> SmartCounts:
        """Papers listed, unread and starred, each counted once however many days list it (two aggregate queries)."""
        return SmartCounts(*self._catalogue.smart_counts(self._state.reading_uri))

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

    def _search_index(self, query: str, limit: int | None = 20, exact: bool = False) -> SearchResult:
        """Korean-aware search over title, authors and summary; raises InvalidQueryError.

        Hits are visible entries only; `total` counts every visible entry that matches, so it equals
        ``len(search(query, limit=None).hits)`` whatever the limit. A term also matches its glossary forms
        (강화학습: reinforcement learning, RL) unless `exact`; an arXiv id or paper URL lists that paper first."""
        from reader.index import identity
        from reader.index.query import parse_query  # Whoosh is imported on first use, see _index

        named = self.papers_for(found) if (found := identity.named_id(query)) else []  # ids and URLs always parse
        parsed = parse_query(query, None if exact else self._glossary())
        result = search_entries(self._index, self._catalogue, self._shadowed, parsed, limit)
        return identity.first(named, result, parsed, limit) if named else result

    # -- state -----------------------------------------------------------------

    def flags(self, arxiv_id: str) -> Flags:
        """Read/starred state of one paper."""
        return self._state.get(arxiv.normalise(arxiv_id))

    def all_flags(self) -> dict[str, Flags]:
        """State of every paper that has a flag set."""
        return self._state.all()

    def flags_of(self, arxiv_ids: Iterable[str]) -> dict[str, Flags]:
        """State of these papers (by normalised id): what a star or read toggle changed, at a cost that does
        not grow with the number of flagged papers (all_flags() does)."""
        return self._state.get_many(arxiv_ids)

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

        try:
            listed: set[str] | None = self._catalogue.arxiv_ids()
        except LibraryError as error:  # the marks are what matters; the count of unlisted ones can wait
            log.warning("importing without the catalogue: %s", error)
            listed = None
        return import_state(self._state, data, listed)

    # -- exports and fetching --------------------------------------------------

    def export(self, papers: list[Paper], fmt: str, date: str | None = None, query: str | None = None) -> str:
        """The document `export` writes for these papers: `fmt` is one of EXPORT_FORMATS; the day or
        query names the selection in a reading list's heading (neither: the starred papers)."""
        from reader.exports.formats import export_papers
        from reader.exports.reading_list import describe_scope

        return export_papers(papers, self.all_flags(), fmt, describe_scope(date, query),
                             self.annotations(paper.arxiv_id for paper in papers))

    def citation(self, papers: list[Paper], fmt: str = "bibtex") -> str:
        """What "Copy citation" puts on the clipboard: the papers in `fmt`, one of CITATION_FORMATS."""
        from reader.exports.formats import CITATION_FORMATS, export_papers

        if fmt not in CITATION_FORMATS:
            raise ValueError(f"not a citation format: {fmt!r}")
        return export_papers(papers, {}, fmt)

    def send_to_zotero(self, papers: list[Paper], connector: str | None = None, *,
                       skip_existing: bool = True) -> ZoteroReport:
        """Save the papers in the running Zotero app with one connector request (see reader.exports.zotero);
        raises ZoteroError (a ReaderError) when Zotero is not running or refuses. Blocks: not on the GUI thread."""
        from reader.exports.zotero import DEFAULT_CONNECTOR, send_to_zotero

        return send_to_zotero(papers, connector or DEFAULT_CONNECTOR, skip_existing=skip_existing)

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
        """Fetch a digest archive's missing days (or the hub's, source "hf": reader.library.living) into the
        data directory and follow that folder. The caller runs update() afterwards when report.fetched > 0 (the
        window does that in its own update worker). Defaults: since = the day after the newest known day,
        until = today (UTC)."""
        if source == HUB_SOURCE:
            return self.fetch_hub(since, until, progress=progress, should_stop=should_stop, timeout_s=timeout_s)
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


def scan_folders(roots: Iterable[str | Path]) -> tuple[frozenset[tuple[str, int, int, int, int]], set[str]]:
    """How the digests below the roots look now, (path, mtime_ns, size, ctime_ns, inode) per file, and the
    folders walked: the window's watcher compares the first between two looks and watches the second.
    The same walk as update()'s, so both agree on what a digest file is. Any thread."""
    found = scan_sources(roots)
    return frozenset((path, *stat) for path, stat in found.files.items()), found.folders
