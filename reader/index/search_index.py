"""The on-disk search index of papers: incremental updates and ranked search.

One Whoosh index in one directory. Each document is one (source file, date, arXiv id) entry and
stores only that identity; the library keeps the papers themselves. Every failure inside the index
(Whoosh's exceptions, damaged segment bytes, the file system, a held lock) becomes a
:class:`~reader.core.errors.LibraryError` with a plain sentence here and goes no further; only a
query the user must change is an :class:`~reader.core.errors.InvalidQueryError`.
"""

from __future__ import annotations

import gc
import logging
import pickle
import struct
import time
import warnings
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

with warnings.catch_warnings():
    # Whoosh 2.7.4 has invalid escapes in regex literals; Python 3.11+ warns when compiling them.
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import columns, fields, scoring
    from whoosh.collectors import Collector, TopCollector
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import IndexError as WhooshIndexError
    from whoosh.index import LockError
    from whoosh.searching import Searcher

from reader.core.collection import collection_paused
from reader.core.errors import InvalidQueryError, LibraryError
from reader.core.models import Paper
from reader.index import cost, counting, ranking
from reader.index import merge_policy as tiered
from reader.index.analysis import KoreanText, RunSuffixes, suffix_field
from reader.index.cancellation import SearchCancelledError
from reader.index.engine import DamagedIndexError, IdArray, Snapshot, UnsupportedQueryError
from reader.index.merge_policy import segments_to_merge, segments_to_merge_when_idle
from reader.index.query import Query
from reader.index.whoosh_internals import merge_policy, segment_ids, segment_sizes, stored_of_segments
from reader.index.writer import PaperWriter

EntryKey = tuple[str, str, str]  # (source, date, arxiv_id): a document's stored "ident"
PapersOf = Callable[[list[EntryKey]], "list[Paper] | None"]  # the papers of some entries, None if one is unknown
log = logging.getLogger(__name__)

# Bump when the schema or the token rules in analysis.py change: an index of another format is
# rebuilt from scratch instead of giving wrong answers (the library then reads every digest again).
# 4: position-free Hangul run suffixes in a companion field per text field; Hangul runs separated by
# anything but spaces are one position apart. 5: posting blocks hold arrays (ids, weights, and a positional
# field's positions packed by whoosh_internals.packed), read without a Python object per posting.
INDEX_FORMAT = "korean-bigram-5"
_FORMAT_FILE = "reader-index-format.txt"
_LOCK_WAIT_S = 10.0
_EPOCH = date(1970, 1, 1).toordinal()
# Field boosts: a word in the title says more about a paper than the same word in its summary.
TITLE_BOOST, AUTHORS_BOOST, BODY_BOOST = 4.0, 2.0, 1.0
# What reading damaged segment bytes raises (a truncated or overwritten posting list, column or
# term table): struct and pickle on bad bytes, zlib on a bad block, EOF on a short read. ValueError
# covers UnicodeDecodeError, the posting checks of whoosh_internals and DamagedIndexError.
_DAMAGE = (DamagedIndexError, struct.error, EOFError, pickle.UnpicklingError, zlib.error, ValueError)


@dataclass(frozen=True)
class RawHit:
    """One matching index entry; the library turns it back into a Paper."""

    source: str
    date: str
    arxiv_id: str
    score: float


def make_schema() -> fields.Schema:
    """Identity, a date column for tie-breaks, the three searchable texts and their run suffixes."""
    texts = {"title": TITLE_BOOST, "authors": AUTHORS_BOOST, "body": BODY_BOOST}
    return fields.Schema(
        source=fields.ID(),
        ident=fields.STORED(),
        day=fields.COLUMN(columns.NumericColumn("i", default=0)),
        **{name: KoreanText(field_boost=boost) for name, boost in texts.items()},
        **{suffix_field(name): RunSuffixes() for name in texts},
    )


class _NewestFirstOnTies(scoring.BM25F):  # type: ignore[misc]  # Whoosh is untyped
    """BM25F whose equal scores are ordered newest date first.

    The score is rounded to 4 decimals and the day number (< 10^6) added at 1e-11 each, so the
    date never reorders papers whose relevance differs. :mod:`reader.index.ranking` applies the
    same :meth:`final`; Whoosh's own collector uses it only for queries that module cannot run.
    """

    use_final = True

    def __init__(self) -> None:
        super().__init__()
        self.snapshot: Snapshot | None = None

    def final(self, searcher: Any, docnum: int, score: float) -> float:
        assert self.snapshot is not None
        return round(score, 4) + self.snapshot.days()[docnum] * 1e-11


class _RankingCollector(Collector):  # type: ignore[misc]  # Whoosh is untyped
    """Runs :mod:`reader.index.ranking` inside ``Searcher.search_with_collector``.

    ``top`` holds the best ``(final score, docnum)`` pairs and ``total`` the exact number of
    matches. A query tree ranking cannot evaluate goes through Whoosh's exact TopCollector.
    """

    def __init__(self, snapshot: Snapshot, limit: int | None) -> None:
        self.snapshot = snapshot
        self.limit = limit
        self.top: list[tuple[float, int]] = []
        self.total = 0

    def run(self) -> None:
        weighting = self.top_searcher.weighting
        try:
            root = ranking.build(self.q, self.snapshot)
        except UnsupportedQueryError:
            # No block-quality skipping or matcher pruning: both make Whoosh undercount the total.
            collector = TopCollector(limit=self.limit or self.top_searcher.doc_count_all() or 1,
                                     usequality=False, replace=0)
            collector.prepare(self.top_searcher, self.q, self.context)
            collector.run()
            results = collector.results()
            self.top, self.total = list(results.top_n), len(results)
            return
        self.total = len(root.matches)
        if self.total:
            self.top = ranking.top(root, self.limit or self.total,
                                   lambda docnum, score: weighting.final(None, docnum, score),
                                   len(self.snapshot.days()))


class SearchIndex:
    """The Whoosh index in ``directory``; created empty (``was_reset``) when missing or unusable."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.was_reset = False
        self._searcher: Any = None
        self._snapshot: Snapshot | None = None
        self._opened_reader: Any = None  # the reader that checked the index at open, for the first searcher
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Without mmap: Whoosh copies every compound segment's postings out of the mapping when a
            # reader opens (a 230 ms, 420 MB open at 100,000 papers); files are read where needed.
            self._storage = FileStorage(str(self.directory), supports_mmap=False)
            self._index = self._open_or_reset()
        except OSError as error:
            raise LibraryError(f"Cannot use the search index folder {self.directory}: {error}") from error

    def _open_or_reset(self) -> Any:
        format_file = self.directory / _FORMAT_FILE
        if format_file.is_file() and format_file.read_text(encoding="utf-8").strip() == INDEX_FORMAT:
            with warnings.catch_warnings():
                # Whoosh leaves the files of a failed open to the garbage collector.
                warnings.simplefilter("ignore", ResourceWarning)
                try:
                    ix = self._storage.open_index()
                    reader = ix.reader()
                    try:
                        reader.doc_count_all()
                    except Exception:
                        reader.close()
                        raise
                    # Kept for the first searcher: opening every segment twice cost ~7 ms at 100,000 papers.
                    self._opened_reader = reader
                    return ix
                except Exception as error:  # any damage means: rebuild
                    log.warning("search index in %s is unreadable (%s); rebuilding it", self.directory, str(error))
                gc.collect()
        return self._create()

    def _create(self) -> Any:
        self.was_reset = True
        for path in self.directory.iterdir():
            if path.name == _FORMAT_FILE or path.name.startswith(("MAIN", "_MAIN")):
                path.unlink()
        ix = self._storage.create_index(make_schema())
        (self.directory / _FORMAT_FILE).write_text(INDEX_FORMAT + "\n", encoding="utf-8")
        return ix

    def update(self, remove_sources: Iterable[str], add: Iterable[Paper]) -> None:
        """Delete every entry of ``remove_sources``, then add ``add``: one writer, one commit."""
        remove_sources = list(remove_sources)
        papers = list(add)
        if not remove_sources and not papers:
            return
        writer = self._writer()
        try:  # a bulk add makes millions of small objects that all survive: collecting them is a third of the time
            with collection_paused():
                if remove_sources:
                    # One searcher for all deletions: Whoosh opens a new one (every segment) per call,
                    # which made each chunk of a large first update slower than the one before.
                    with writer.searcher() as searcher:
                        for source in remove_sources:
                            writer.delete_by_term("source", source, searcher=searcher)
                for paper in papers:
                    writer.add_paper(
                        stored={"ident": (paper.source, paper.date, paper.arxiv_id)},
                        columns={"day": _day_number(paper.date)},
                        ids={"source": paper.source},
                        texts={"title": paper.title, "authors": ", ".join(paper.authors),
                               "body": paper.summary_text},
                    )
                # No merge here: the papers are searchable as soon as this commit is; merge_small() follows.
                writer.commit(mergetype=merge_policy(_no_merges))
        except Exception as error:
            _cancel(writer)
            raise _library_error("Updating the search index failed", error) from error

    def merge_small(self, papers_of: PapersOf | None = None) -> None:
        """The merges the policy (merge_policy.py) asks for after the newest commit, as a commit of their own.

        Run after an update's papers are in the catalogue, so a new day is on screen before its merge. Given
        ``papers_of`` (the papers of these entries, or None when one is missing), the chosen segments' files are
        indexed again instead: deleted and added back in one commit, the emptied segments dropped. Indexing a
        few hundred papers costs far less than reading back and writing again every posting of the small
        segments (~5,000 terms each, a Python step per term and segment): at 100,000 papers the eighth new day,
        which merges the seven before it, took 3.6 s with the postings merged, 1.4 s indexed again, on a busy
        2-core machine (bench/scale.py week_of_days).
        """
        sizes = segment_sizes(self._index)
        if len(sizes) < 2:
            return
        chosen = segments_to_merge(sizes[:-1], sizes[-1])
        if chosen:
            self._merge([*chosen, len(sizes) - 1], papers_of)  # with the newest, as if merged into its commit

    def merge_when_idle(self, papers_of: PapersOf | None = None, starting: Callable[[int], None] | None = None,
                        ) -> None:
        """The larger merges updates leave (merge_policy.segments_to_merge_when_idle), ``starting`` told the
        number of documents first (a first build's take a minute at 100,000). Past IDLE_MERGE_DOCS their
        postings are merged: indexing 100,000 papers again in one commit would hold them all in memory."""
        sizes = segment_sizes(self._index)
        chosen = segments_to_merge_when_idle(sizes)
        if chosen:
            documents = sum(sizes[i] for i in chosen)
            if starting:
                starting(documents)
            self._merge(chosen, papers_of if documents <= tiered.IDLE_MERGE_DOCS else None)

    def _merge(self, positions: list[int], papers_of: PapersOf | None) -> None:
        """Fold these segments (by commit order) into one: their papers indexed again, else their postings merged."""
        if papers_of is not None:
            idents = stored_of_segments(self._index, positions, "ident")
            sources = sorted({source for source, _date, _arxiv_id in idents})
            papers = papers_of(self._entries_of(sources))
            if papers is not None:
                self.update(sources, papers)
                return
        writer = self._writer()
        try:
            with collection_paused():
                writer.commit(mergetype=merge_policy(lambda _sizes, _new: positions))
        except Exception as error:
            _cancel(writer)
            raise _library_error("Merging the search index failed", error) from error

    def _entries_of(self, sources: list[str]) -> list[EntryKey]:
        """Every entry the index holds of these source files."""
        with self._index.searcher() as searcher:
            return [tuple(searcher.stored_fields(docnum)["ident"])
                    for source in sources for docnum in searcher.document_numbers(source=source)]

    def optimize(self) -> None:
        """Merge every segment into one (updates merge only small segments; see merge_policy.py)."""
        if len(segment_ids(self._index)) < 2:
            return
        writer = self._writer()
        try:
            with collection_paused():
                writer.commit(optimize=True)
        except Exception as error:
            _cancel(writer)
            raise _library_error("Optimizing the search index failed", error) from error

    def segment_ids(self) -> list[str]:
        """The ids of the index's segments, oldest first (a merged segment gets a new id)."""
        return segment_ids(self._index)

    def _writer(self) -> PaperWriter:
        """A writer, waiting briefly if another process (a second window) is writing."""
        deadline = time.monotonic() + _LOCK_WAIT_S
        while True:
            try:
                return PaperWriter(self._index, limitmb=512)
            except LockError:
                if time.monotonic() > deadline:
                    raise LibraryError(
                        "The search index is busy: another Daily Papers Reader is updating it. Try again later."
                    ) from None
                time.sleep(0.05)
            except Exception as error:
                raise LibraryError(f"Cannot write to the search index: {error}") from error

    def search(self, query: Query, limit: int | None) -> tuple[list[RawHit], int]:
        """Matching entries, best first (ties: newest date first), and the number of matches."""
        # Ranking allocates many short-lived lists and sets; the collector's passes over the large,
        # long-lived snapshot caches would cost a quarter of the search time at 100,000 papers.
        try:
            with collection_paused():
                searcher = self._current_searcher()
                assert self._snapshot is not None  # made with the searcher
                whoosh_query = query.whoosh()
                cost.check(whoosh_query, self._snapshot)
                collector = _RankingCollector(self._snapshot, limit)
                searcher.search_with_collector(whoosh_query, collector)
                hits = []
                for score, docnum in collector.top:
                    source, date, arxiv_id = searcher.stored_fields(docnum)["ident"]
                    hits.append(RawHit(source, date, arxiv_id, score))
                return hits, collector.total
        except (InvalidQueryError, SearchCancelledError):
            raise
        except Exception as error:
            raise _library_error("The search failed", error) from error

    def forget_matches(self) -> None:
        """Drop what the searcher has cached of postings and matches (see Snapshot.forget_matches)."""
        if self._snapshot is not None:
            self._snapshot.forget_matches()

    def matching_days(self, queries: Sequence[Query]) -> list[dict[int, int]]:
        """For each query, how many matching entries (hidden ones included) each day number (days since
        1970-01-01) has.

        What a trend counts per period: no scores, no stored fields, only the day column, so a
        term's dates over 100,000 papers cost about what finding its matches does. A trend's terms
        come together: a word that one counts anywhere and another in a phrase is read once.
        """
        try:
            found = self._matches(queries)
            assert self._snapshot is not None  # made with the searcher
            return [counting.per_day(docs, self._snapshot) for docs in found]
        except (InvalidQueryError, SearchCancelledError):
            raise
        except Exception as error:
            raise _library_error("The search failed", error) from error

    def matching_between(self, query: Query, first_day: int, last_day: int) -> list[tuple[str, str, str]]:
        """(source, date, arxiv_id) of every matching entry whose day number is in [first_day, last_day]."""
        try:
            (docs,) = self._matches([query])
            searcher = self._current_searcher()
            days = self._snapshot_days()
            found = [docnum for docnum in docs.tolist() if first_day <= days[docnum] <= last_day]
            return [tuple(searcher.stored_fields(docnum)["ident"]) for docnum in found]
        except (InvalidQueryError, SearchCancelledError):
            raise
        except Exception as error:
            raise _library_error("The search failed", error) from error

    def _snapshot_days(self) -> Any:
        self._current_searcher()
        assert self._snapshot is not None  # made with the searcher
        return self._snapshot.days()

    def _matches(self, queries: Sequence[Query]) -> list[IdArray]:
        """The document numbers each query matches, ascending, by the rules (and the cached postings) ranked
        search uses; unscored, so a phrase is checked only where nothing cheaper has matched (see counting.py)."""
        searcher = self._current_searcher()
        assert self._snapshot is not None
        whoosh_queries = [query.whoosh() for query in queries]
        for whoosh_query in whoosh_queries:
            cost.check(whoosh_query, self._snapshot)
        counting.read_shared(whoosh_queries, self._snapshot)
        found = []
        for whoosh_query in whoosh_queries:
            try:
                found.append(counting.matching_docs(whoosh_query, self._snapshot))
            except UnsupportedQueryError:
                found.append(np.array(sorted(searcher.docs_for_query(whoosh_query)), dtype=np.int64))
        return found

    def _current_searcher(self) -> Any:
        """A searcher on the newest commit (another process may have written), reused otherwise."""
        if self._searcher is not None and self._searcher.up_to_date():
            return self._searcher
        reader, self._opened_reader = self._opened_reader, None
        self._close_searcher()
        if reader is None or reader.generation() != self._index.latest_generation():
            if reader is not None:
                reader.close()  # another process has committed since the index was opened
            reader = self._index.reader()
        self._searcher = Searcher(reader, weighting=_NewestFirstOnTies(), fromindex=self._index)
        self._snapshot = Snapshot(self._searcher)
        self._searcher.weighting.snapshot = self._snapshot
        return self._searcher

    def doc_count(self) -> int:
        """Number of entries in the index."""
        try:
            count: int = self._current_searcher().doc_count()
            return count
        except Exception as error:
            raise _library_error("Cannot read the search index", error) from error

    def clear(self) -> None:
        """Remove every entry (the library re-adds everything after this)."""
        self._close_searcher()
        try:
            self._index.close()
            self._index = self._create()
        except Exception as error:
            raise LibraryError(f"Cannot clear the search index: {error}") from error

    def close(self) -> None:
        """Release the searcher's open files; the object must not be used afterwards."""
        self._close_searcher()
        self._index.close()

    def _close_searcher(self) -> None:
        if self._opened_reader is not None:
            self._opened_reader.close()
            self._opened_reader = None
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
            self._snapshot = None


def _no_merges(_sizes: object, _new_documents: int) -> list[int]:
    return []


def _day_number(iso_date: str) -> int:
    try:
        return date.fromisoformat(iso_date).toordinal() - _EPOCH
    except ValueError:
        return 0


def _library_error(action: str, error: Exception) -> LibraryError:
    """``action`` failed because of ``error``, said in a plain sentence."""
    detail = str(error) or type(error).__name__
    if isinstance(error, LibraryError):
        return error
    if isinstance(error, LockError):
        return LibraryError(f"{action}: the search index is busy: another Daily Papers Reader is updating it. "
                            "Try again later.")
    if isinstance(error, _DAMAGE):
        return LibraryError(f"{action}: the index is damaged ({detail}).")
    if isinstance(error, OSError):
        return LibraryError(f"{action}: the index files cannot be read or written ({detail}).")
    if isinstance(error, WhooshIndexError):
        return LibraryError(f"{action}: the index cannot be used ({detail}).")
    return LibraryError(f"{action}: {type(error).__name__}: {detail}")


def _cancel(writer: PaperWriter) -> None:
    try:
        writer.cancel()
    except Exception as error:  # the original error matters more
        log.warning("cancelling the index writer failed: %s", error)
