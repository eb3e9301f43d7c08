"""For you, in the facade: the "not interested" mark, the ranking learned from stars and it, similar papers.

A mixin of :class:`~reader.library.facade.Library`, so the facade file stays small. numpy (the model) is
imported on first use, so the window starts without it. The tf-idf matrix is
built from the catalogue (and the glossary's concepts) once per catalogue state and kept, and a build after
an update reads only the new or changed papers' text (the rest comes from the last build's term counts,
_last_counts); a star or a "not interested" only refits the profile, which takes milliseconds. The window's
For you lives in a child process with a Library of its own (reader/library/recommend_child.py), so neither
ever runs in the window's process.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import arxiv
from reader.core.errors import ReaderError
from reader.core.models import Paper
from reader.features.recommend_reasons import MIN_STARS, REASON_TEMPLATES, Reason
from reader.stores.reading_state import StateStore

if TYPE_CHECKING:
    from reader.features.recommend import ForYou
    from reader.features.recommend_text import Corpus, TermCounts
    from reader.index.expansion import Glossary
    from reader.library.organise_counts import EntryT
    from reader.stores.catalogue import Catalogue
    from reader.stores.glossary import GlossaryStore

__all__ = ["MIN_STARS", "REASON_TEMPLATES", "Corpus", "ForYou", "Reason", "Recommendation", "RecommendMixin",
           "refit"]

log = logging.getLogger("reader.library")

# The last build's term counts, by data directory: the next build (after an update, in any Library of this
# process) reads only the papers that are new or changed. One kept.
_last_counts: dict[Path, TermCounts] = {}
_last_counts_lock = threading.Lock()


@dataclass(frozen=True)
class Recommendation:
    """One (date, paper) entry of For you: its score (higher is better) and why."""

    paper: Paper
    score: float
    reasons: tuple[Reason, ...]


def refit(corpus: Corpus, marks: tuple[frozenset[str], frozenset[str]]) -> ForYou:
    """For you over a matrix already built, for new marks: what a star or a "not interested" costs (no Library)."""
    from reader.features.recommend import ForYou

    return ForYou(corpus, *marks)


class RecommendMixin:
    """The For you methods of Library."""

    _state: StateStore
    data_dir: Path
    _for_you_corpus: tuple[object, Corpus] | None = None  # (what it was built from, the corpus)
    _for_you_model: ForYou | None = None  # the last fit: used again while its corpus and marks are the same

    if TYPE_CHECKING:  # what Library itself provides
        @property
        def _catalogue(self) -> Catalogue: ...
        @property
        def _glossary_store(self) -> GlossaryStore: ...
        def _glossary(self) -> Glossary: ...
        def papers(self, date: str | None = None, starred: bool = False, unread: bool = False) -> list[Paper]: ...
        def papers_for(self, arxiv_id: str) -> list[Paper]: ...
        def hidden_count(self) -> int: ...
        def without_muted(self, entries: Sequence[EntryT]) -> list[EntryT]: ...

    def set_dismissed(self, arxiv_ids: Iterable[str], value: bool = True) -> None:
        """Mark papers "not interested" (or take the mark back); durable when this returns."""
        self._state.set_dismissed([arxiv.normalise(i) for i in arxiv_ids], value)

    def dismissed_ids(self) -> set[str]:
        """The papers marked "not interested"."""
        return self._state.dismissed_ids()

    def for_you_marks(self) -> tuple[frozenset[str], frozenset[str]]:
        """What For you learns from: the starred ids and the "not interested" ones."""
        return frozenset(self._state.starred_ids()), frozenset(self._state.dismissed_ids())

    def for_you(self, corpus: Corpus | None = None,
                marks: tuple[frozenset[str], frozenset[str]] | None = None) -> ForYou:
        """For you over `corpus` (default: this library's, reused while the catalogue is unchanged) and `marks`
        (default: the reader's marks as they stand now, see for_you_marks); fitted again only when either changed."""
        corpus, marks = corpus or self.for_you_corpus(), marks or self.for_you_marks()
        last = self._for_you_model
        if last is None or last.corpus is not corpus or (last.starred, last.dismissed) != marks:
            last = self._for_you_model = refit(corpus, marks)  # ~0.25 s at 100,000 papers
        return last

    def for_you_corpus(self) -> Corpus:
        """The library's papers as For you's matrix; built again only when the catalogue or glossary changed."""
        catalogue = self._catalogue
        built_from = (id(catalogue), catalogue.generation(), self._glossary_generation())
        if self._for_you_corpus is None or self._for_you_corpus[0] != built_from:
            self._for_you_corpus = (built_from, self._build_corpus())
        return self._for_you_corpus[1]

    def recommend(self, date: str | None = None, limit: int | None = None,
                  exclude: Collection[str] = ()) -> list[Recommendation]:
        """Every (date, paper) entry not marked "not interested" (nor in `exclude`, nor muted unless show_muted),
        best first."""
        model = self.for_you()
        hidden = model.dismissed | {arxiv.normalise(i) for i in exclude}
        entries = self.without_muted([paper for paper in self.papers(date=date) if paper.arxiv_id not in hidden])
        entries.sort(key=lambda paper: (*model.order_key(paper.arxiv_id), paper.date))
        chosen = entries if limit is None else entries[:limit]
        return [Recommendation(paper, model.score(paper.arxiv_id), tuple(model.reasons(paper.arxiv_id)))
                for paper in chosen]

    def similar(self, arxiv_id: str, limit: int = 5) -> list[tuple[Paper, float]]:
        """The papers most like this one, best first (each at its latest listing the mute filters do not hide,
        unless show_muted), the paper itself left out."""
        model = self.for_you(marks=(frozenset(), frozenset()))
        muted = self.hidden_count()  # asked for as many more as may be left out
        found: list[tuple[Paper, float]] = []
        for other, similarity in model.similar(arxiv.normalise(arxiv_id), limit + muted):
            listings = self.without_muted(self.papers_for(other))
            if listings:
                found.append((max(listings, key=lambda paper: paper.date), similarity))
            if len(found) == limit:
                break
        return found

    def _glossary_generation(self) -> str:
        try:
            return self._glossary_store.generation()
        except ReaderError:
            return ""

    def _build_corpus(self) -> Corpus:
        """One document per arXiv id (its first listing's text), with the glossary concepts it writes."""
        from reader.features.recommend_text import Corpus, Document, TermMatrix

        texts = self._catalogue.paper_texts()
        votes = {arxiv_id: count for arxiv_id, _title, _summary, count in texts if count is not None}
        concepts, labels = self._concepts_of_papers()
        documents = [Document(arxiv_id, title, summary, concepts.get(arxiv_id, ()))
                     for arxiv_id, title, summary, _count in texts]
        with _last_counts_lock:
            previous = _last_counts.get(self.data_dir)
        matrix = TermMatrix(documents, previous)
        with _last_counts_lock:
            _last_counts.clear()
            _last_counts[self.data_dir] = matrix.term_counts
        return Corpus(matrix, votes, {arxiv_id: title for arxiv_id, title, _summary, _count in texts}, labels)

    def _concepts_of_papers(self) -> tuple[dict[str, list[str]], dict[str, str]]:
        """The glossary concepts each paper writes ("강화학습(RL)"), and how a reason names each concept."""
        try:
            glossary = self._glossary()
            evidence = self._glossary_store.evidence()
        except ReaderError as error:  # For you works without the glossary, only less well across languages
            log.info("For you without the glossary: %s", error)
            return {}, {}
        # A few hundred distinct forms among the 460,000 evidence rows of 100,000 papers: each looked up once
        # (the loop 1.8 s -> 0.2 s there).
        concept_of: dict[tuple[str, str, str], str | None] = {}
        concepts: dict[str, list[str]] = {}
        for paper, korean, _context, english, abbreviation in evidence:
            forms = (korean, english, abbreviation)
            if forms not in concept_of:
                concept_of[forms] = _first_concept(glossary, forms)
            if (key := concept_of[forms]) is not None:
                concepts.setdefault(paper, []).append(key)
        labels: dict[str, str] = {}
        for key, concept in glossary.concepts.items():
            other = (concept.abbreviations or concept.english or ("",))[0]
            if concept.korean:
                labels[key] = f"{concept.korean[0]}({other})" if other else concept.korean[0]
            elif other:
                labels[key] = other
        return concepts, labels


def _first_concept(glossary: Glossary, forms: tuple[str, str, str]) -> str | None:
    """The concept of a piece of evidence: that of its Korean form, else its English, else its abbreviation."""
    for form in forms:
        found = glossary.lookup(form, form) if form else []
        if found:
            return found[0]
    return None
