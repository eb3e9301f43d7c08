"""The facade's glossary: the mined entries, and what the glossary did to a query, for a front end to show.

``glossary`` lists the entries mined while indexing (stored in ``glossary.sqlite``, see
reader.stores.glossary); ``search`` and ``highlight`` use them through ``_glossary``. A query is parsed once
for all the texts a pane highlights (``_parsed``: the detail pane asks per title, author and section).

``search`` expands a term to its other-language forms (강화학습: reinforcement learning, RL). A reader who
sees a paper listed without the word they typed needs to know why: the search field says which forms
were searched, and the detail pane marks the words found through one (``glossary_spans``). Hovering any
term the glossary knows shows its other forms, search or not (``glossary_term_at``).

A form counts as added when the glossary put it in the query, not the reader: the query parsed with the
glossary, minus what the reader typed (the same query parsed without it). A span counts as found through
the glossary when an added form matches it and nothing the reader typed does.
"""

from __future__ import annotations

import re
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import InvalidQueryError
from reader.stores.sqlite_files import cannot_write

if TYPE_CHECKING:
    from reader.index.clauses import Clause
    from reader.index.expansion import Glossary
    from reader.index.glossary import Entry
    from reader.index.query import Query
    from reader.stores.glossary import GlossaryStore

GlossaryForms = tuple[str, tuple[str, ...]]
"""A term as the query has it (``강화학습``) and the forms the glossary added (``reinforcement learning``, ``RL``)."""

GlossarySpan = tuple[int, int, str]
"""``[start, end)`` of a text, found through a form the glossary added, and the term as the query has it."""

GlossaryTerm = tuple[int, int, tuple[str, ...]]
"""``[start, end)`` of a text where a glossary term is written, and the term's other forms."""

_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
TERM_WORDS = 6  # words a glossary term may span (reader.index.expansion.MAX_SPAN)
PARTICLE_CHARS = 2  # syllables glued after a Korean term that may be a particle (강화학습을, 모델에서)
GLOSSARY_RECHECK_S = 1.0  # how long the glossary in use is taken as current before glossary.sqlite is asked again


class GlossaryTermsMixin:
    """Library methods of the glossary (see the module docstring)."""

    data_dir: Path
    _opened_glossary: GlossaryStore | None  # None until first used
    _glossary_in_use: tuple[float, Glossary] | None = None  # (when it was checked, the glossary)

    @property
    def _glossary_store(self) -> GlossaryStore:
        """The store, for the library's own use (an update writes through it): the next search asks it again."""
        self._glossary_in_use = None
        return self._opened_store()

    def _opened_store(self) -> GlossaryStore:
        from reader.index.glossary import build_rows, paper_evidence  # the glossary's rules: text only, no Whoosh
        from reader.stores.glossary import GlossaryStore
        path = self.data_dir / "glossary.sqlite"
        # The store hands the rules paper numbers for ids (build_rows only counts and joins a pair's papers).
        self._opened_glossary = self._opened_glossary or GlossaryStore(
            path, read_only=cannot_write(path), mine=paper_evidence, build=build_rows)  # type: ignore[arg-type]
        return self._opened_glossary

    def _glossary(self) -> Glossary:
        """The glossary, asked of glossary.sqlite at most once a second: the detail pane highlights a paper
        text by text, and each ask is a query. A change made through this Library is seen at once, one made by
        another process (the window's background update) within the second."""
        from reader.index.expansion import Glossary

        now = time.monotonic()
        if self._glossary_in_use is None or now - self._glossary_in_use[0] > GLOSSARY_RECHECK_S:
            self._glossary_in_use = (now, self._opened_store().cached(Glossary.from_rows))
        return self._glossary_in_use[1]

    def glossary(self, term: str | None = None) -> list[Entry]:
        """The bilingual glossary mined from the library, most papers first: all entries, or those of `term`."""
        from reader.index.glossary import listing
        return listing(self._glossary_store.entries(), term)

    def highlight(self, query: str, text: str, field: str = "body", exact: bool = False) -> list[tuple[int, int]]:
        """Spans of `text` that `query` matches (glossary forms too, unless `exact`); none for an invalid query."""
        try:
            return _parsed(query, None if exact else self._glossary()).highlight(field, text)
        except InvalidQueryError:
            return []

    def glossary_forms(self, query: str) -> list[GlossaryForms]:
        """The query's terms the glossary expands, in query order, each with the forms it added; none for an
        invalid query, in exact mode (the caller does not ask) or when the glossary knows no term of it."""
        _typed, added = self._added_clauses(query)
        return [(term, tuple(dict.fromkeys(clause.text for clause in clauses))) for term, clauses in added]

    def glossary_spans(self, query: str, text: str, field: str = "body") -> list[GlossarySpan]:
        """Spans of ``text`` (in ``field``) that only a form the glossary added matches, each with its term,
        in text order and not overlapping; none for an invalid query."""
        typed, added = self._added_clauses(query)
        typed_spans = [match.span() for clause in typed if clause.applies_to(field)
                       for match in clause.regex().finditer(text)]
        found: list[GlossarySpan] = []
        for term, clauses in added:
            for clause in clauses:
                if not clause.applies_to(field):
                    continue
                for match in clause.regex().finditer(text):
                    start, end = match.span()
                    if end > start and not _overlaps(start, end, typed_spans):
                        found.append((start, end, term))
        found.sort()
        spans: list[GlossarySpan] = []
        for span in found:
            if not spans or span[0] >= spans[-1][1]:
                spans.append(span)
        return spans

    def glossary_term_at(self, text: str, offset: int) -> GlossaryTerm | None:
        """The glossary term written around ``offset`` of ``text`` (the longest, in any of its forms; spacing,
        case, plurals and a glued particle aside), with its other forms; None where no term is written."""
        from reader.index.glossary_mining import english_key, korean_key

        glossary = self._glossary()
        if not len(glossary):
            return None
        words = [match.span() for match in _WORD_RE.finditer(text)]
        at = next((index for index, (start, end) in enumerate(words) if start <= offset < end), None)
        if at is None:
            return None
        found: tuple[int, int, str] | None = None  # start, end, concept
        for first in range(max(0, at - TERM_WORDS + 1), at + 1):
            for last in range(at, min(len(words), first + TERM_WORDS)):
                start, end = words[first][0], words[last][1]
                hangul_end = text[end - 1] >= "가" and text[end - 1] <= "힣"
                for cut in range(PARTICLE_CHARS + 1 if hangul_end else 1):
                    if end - cut <= words[last][0] or (cut and end - cut <= offset):
                        break
                    written = text[start : end - cut]
                    concepts = glossary.lookup(written, typed=written)
                    if concepts and (found is None or end - cut - start > found[1] - found[0]):
                        found = (start, end - cut, concepts[0])
        if found is None:
            return None
        start, end, concept = found
        forms = glossary.concepts[concept]
        written_keys = {korean_key(text[start:end]), english_key(text[start:end])}
        others = [form for form in (*forms.korean, *forms.english, *forms.abbreviations)
                  if korean_key(form) not in written_keys and english_key(form) not in written_keys]
        return start, end, tuple(dict.fromkeys(others))

    def _added_clauses(self, query: str) -> tuple[list[Clause], list[tuple[str, list[Clause]]]]:
        """The expanded query's clauses the reader typed, and per expanded term: the term, the clauses the
        glossary added for it (nothing for an invalid query)."""
        try:
            literal = _parsed(query, None)
            expanded = _parsed(query, self._glossary())
        except InvalidQueryError:
            return [], []
        typed_texts = {(clause.text, clause.field) for clause in literal.clauses()}
        typed: list[Clause] = []
        added: list[tuple[str, list[Clause]]] = []
        for group in expanded.required:
            term = " ".join(clause.text for clause in group[0])
            forms: list[Clause] = []
            for index, option in enumerate(group):
                for clause in option:
                    own = index == 0 or (clause.text, clause.field) in typed_texts or _same_words(clause.text, term)
                    (typed if own else forms).append(clause)
            if forms:
                added.append((term, forms))
        return typed, added


@lru_cache(maxsize=32)
def _parsed(query: str, glossary: Glossary | None) -> Query:
    """The query parsed with this glossary (None: exact); a new glossary object (it changed) parses again."""
    from reader.index.query import parse_query

    return parse_query(query, glossary)


def _same_words(form: str, term: str) -> bool:
    """``large language model`` for ``large language models``: the typed term's own English form, not another's."""
    from reader.index.glossary_mining import english_key

    return form.isascii() and term.isascii() and english_key(form) == english_key(term)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)
