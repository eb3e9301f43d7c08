"""The on-disk search index of papers: incremental updates and ranked search.

One Whoosh index in one directory. Each document is one (source file, date, arXiv id) entry and
stores only that identity; the library keeps the papers themselves. Every Whoosh exception is
turned into a :mod:`reader.core.errors` error here and goes no further.
"""

from __future__ import annotations

import gc
import logging
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    # Whoosh 2.7.4 has invalid escapes in regex literals; Python 3.11+ warns when compiling them.
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import columns, fields, index, scoring
    from whoosh.filedb.filestore import FileStorage
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
    from whoosh.collectors import TopCollector
    from whoosh.index import LockError
    from whoosh.searching import Searcher
    from whoosh.util.numeric import byte_to_length

from reader.core.errors import InvalidQueryError, LibraryError
from reader.core.models import Paper
from reader.index.analysis import KoreanText
from reader.index.query import Query
from reader.index.writer import PaperWriter

log = logging.getLogger(__name__)

# Bump when the schema or the token rules in analysis.py change: an index of another format is
# rebuilt from scratch instead of giving wrong answers.
INDEX_FORMAT = "korean-bigram-3"
_FORMAT_FILE = "reader-index-format.txt"
_LOCK_WAIT_S = 10.0
_EPOCH = date(1970, 1, 1).toordinal()
# Field boosts: a word in the title says more about a paper than the same word in its summary.
TITLE_BOOST, AUTHORS_BOOST, BODY_BOOST = 4.0, 2.0, 1.0
_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]


@dataclass(frozen=True)
class RawHit:
    """One matching index entry; the library turns it back into a Paper."""

    source: str
    date: str
    arxiv_id: str
    score: float


def make_schema() -> fields.Schema:
    """Identity, a date column for tie-breaks, and the three searchable texts."""
    return fields.Schema(
        source=fields.ID(),
        ident=fields.STORED(),
        day=fields.COLUMN(columns.NumericColumn("i", default=0)),
        title=KoreanText(field_boost=TITLE_BOOST),
        authors=KoreanText(field_boost=AUTHORS_BOOST),
        body=KoreanText(field_boost=BODY_BOOST),
    )


class _NewestFirstOnTies(scoring.BM25F):
    """BM25F whose equal scores are ordered newest date first, with field lengths from memory.

    The score is rounded to 4 decimals and the day number (< 10^6) added at 1e-11 each, so the
    date never reorders papers whose relevance differs. BM25 needs each matching document's field
    length; Whoosh reads it from disk per document and term, this model reads each segment's
    length column once (one instance lives as long as one searcher, whose segments never change).
    """

    use_final = True

    def __init__(self, days: list[int]) -> None:
        super().__init__()
        self._days = days
        self._lengths: dict[tuple[int, str], list[int] | None] = {}

    def final(self, searcher: Any, docnum: int, score: float) -> float:
        return round(score, 4) + self._days[docnum] * 1e-11

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: int = 1) -> Any:
        scorer = super().scorer(searcher, fieldname, text, qf)
        if hasattr(scorer, "dfl"):
            lengths = self._segment_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                scorer.dfl = lengths.__getitem__
        return scorer

    def _segment_lengths(self, reader: Any, fieldname: str) -> list[int] | None:
        key = (id(reader), fieldname)
        if key not in self._lengths:
            column = None
            perdoc = getattr(reader, "_perdoc", None)  # only single-segment readers have one
            if perdoc is not None and perdoc.has_column(_lenfield(fieldname)):
                column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._lengths[key] = None if column is None else [_BYTE_TO_LENGTH[b] or 1 for b in column]
        return self._lengths[key]


class SearchIndex:
    """The Whoosh index in ``directory``; created empty (``was_reset``) when missing or unusable."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.was_reset = False
        self._searcher: Any = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._storage = FileStorage(str(self.directory))
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
                    ix = index.open_dir(str(self.directory))
                    with ix.searcher() as searcher:
                        searcher.doc_count_all()
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
        ix = index.create_in(str(self.directory), make_schema())
        (self.directory / _FORMAT_FILE).write_text(INDEX_FORMAT + "\n", encoding="utf-8")
        return ix

    def update(self, remove_sources: Iterable[str], add: Iterable[Paper]) -> None:
        """Delete every entry of ``remove_sources``, then add ``add``: one writer, one commit."""
        remove_sources = list(remove_sources)
        papers = list(add)
        if not remove_sources and not papers:
            return
        writer = self._writer()
        gc_was_enabled = gc.isenabled()
        # A bulk add allocates millions of small objects that all survive; collecting them
        # repeatedly only costs time (about a third of indexing time).
        gc.disable()
        try:
            for source in remove_sources:
                writer.delete_by_term("source", source)
            for paper in papers:
                writer.add_paper(
                    stored={"ident": (paper.source, paper.date, paper.arxiv_id)},
                    columns={"day": _day_number(paper.date)},
                    ids={"source": paper.source},
                    texts={"title": paper.title, "authors": ", ".join(paper.authors), "body": paper.summary_text},
                )
            writer.commit()
        except Exception as error:
            _cancel(writer)
            raise LibraryError(f"Updating the search index failed: {error}") from error
        finally:
            if gc_was_enabled:
                gc.enable()

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
        try:
            searcher = self._current_searcher()
            # No block-quality skipping or matcher pruning: both make Whoosh undercount the total.
            collector = TopCollector(limit=limit or searcher.doc_count_all() or 1, usequality=False, replace=0)
            searcher.search_with_collector(query.whoosh(), collector)
            results = collector.results()
            hits = [RawHit(*searcher.stored_fields(docnum)["ident"], score=score) for score, docnum in results.top_n]
            return hits, len(results)
        except InvalidQueryError:
            raise
        except Exception as error:
            raise InvalidQueryError(f"The search failed: {error}") from error

    def _current_searcher(self) -> Any:
        """A searcher on the newest commit (another process may have written), reused otherwise."""
        if self._searcher is not None and self._searcher.up_to_date():
            return self._searcher
        self._close_searcher()
        reader = self._index.reader()
        days = list(reader.column_reader("day")) if reader.doc_count_all() else []
        self._searcher = Searcher(reader, weighting=_NewestFirstOnTies(days), fromindex=self._index)
        return self._searcher

    def doc_count(self) -> int:
        """Number of entries in the index."""
        try:
            return self._current_searcher().doc_count()
        except Exception as error:
            raise LibraryError(f"Cannot read the search index: {error}") from error

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
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


def _day_number(iso_date: str) -> int:
    try:
        return date.fromisoformat(iso_date).toordinal() - _EPOCH
    except ValueError:
        return 0


def _cancel(writer: PaperWriter) -> None:
    try:
        writer.cancel()
    except Exception as error:  # the original error matters more
        log.warning("cancelling the index writer failed: %s", error)
