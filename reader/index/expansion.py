"""What the glossary adds to a query: a term's other Korean forms, its English forms and abbreviations.

A word, a run of words or a phrase of the query that names a glossary concept (spacing, case and
plurals aside) becomes an OR-group: the term as typed, or any other form of the concept as a
phrase. Words that name a term together are taken as that term: adjacent, spacing free (in exact
mode they stay separate words, each anywhere). ``강화학습`` -> 강화학습 OR "reinforcement learning" OR
RL; ``large language models`` -> "large language models" OR "large language model" (whole or plural)
OR "대규모 언어 모델" OR "대형 언어 모델" OR LLM; ``chain of thought`` is found with its stop word.
Field restrictions carry over (``title:강화학습``); excluded words are not expanded.

How the forms match: Korean forms by the Hangul rules (across spaces); English forms as phrases
whose last word is whole or plural (``model`` finds models, not modeling); abbreviations as
acronyms (``RL`` finds RL, RLs; not RLHF).

Abbreviations flood nothing: an ambiguous abbreviation (one written for unrelated long forms) is in
no concept, so it is never expanded from or to; a typed abbreviation expands only when it is typed
as one (``RL``, ``LLMs``; not ``rl``); a Korean form expands only to the concepts that hold at least
half of its papers; at most ``MAX_FORMS`` forms are added per concept, most papers first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reader.index.analysis import split_groups
from reader.index.clauses import Clause, make_clause
from reader.index.glossary import Entry, EntryRow, entries_from_rows
from reader.index.glossary_mining import abbreviation_key, english_key, is_abbreviation, korean_key

MAX_FORMS = 8
MAX_SPAN = 6  # words of a query that may name one term together
KOREAN_SHARE = 0.5


@dataclass(frozen=True)
class Concept:
    korean: tuple[str, ...]
    english: tuple[str, ...]
    abbreviations: tuple[str, ...]


class Glossary:
    """The glossary's entries indexed by Korean form, English key and abbreviation, for query expansion."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        korean: dict[str, list[tuple[str, int]]] = defaultdict(list)
        forms: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            concept = entry.concept or f"{entry.english}|{entry.abbreviations}"
            forms[concept].append(entry)
            korean[korean_key(entry.korean)].append((concept, entry.papers))
        self.concepts: dict[str, Concept] = {}
        self._english: dict[str, str] = {}
        self._abbreviations: dict[str, str] = {}
        any_case: dict[str, set[str]] = defaultdict(set)
        for concept, members in forms.items():
            members.sort(key=lambda entry: -entry.papers)
            first = members[0]
            self.concepts[concept] = Concept(tuple(dict.fromkeys(entry.korean for entry in members)),
                                             first.english, first.abbreviations)
            for english in first.english:
                self._english.setdefault(english_key(english), concept)
            for abbreviation in first.abbreviations:
                self._abbreviations.setdefault(abbreviation_key(abbreviation), concept)
                any_case[abbreviation_key(abbreviation).upper()].add(concept)
        # An abbreviation typed in other capitals (NERF for NeRF) when only one concept has it in any case.
        for key, owners in any_case.items():
            if len(owners) == 1:
                self._abbreviations.setdefault(key, owners.pop())
        self._korean: dict[str, list[str]] = {}
        for key, found in korean.items():
            total = sum(papers for _concept, papers in found)
            self._korean[key] = [concept for concept, papers in found if papers >= KOREAN_SHARE * total]

    @classmethod
    def from_rows(cls, rows: Iterable[EntryRow]) -> Glossary:
        """The glossary of stored entries (:func:`reader.index.glossary.build_rows`)."""
        return cls(entries_from_rows(rows))

    def __len__(self) -> int:
        return len(self.concepts)

    def lookup(self, text: str, typed: str | None = None) -> list[str]:
        """The concepts a typed form names: Korean (spaces aside), English (case, plural) or an abbreviation
        typed as one (``typed`` keeps its case)."""
        groups = split_groups(text)
        if not groups:
            return []
        if all(kind == "hangul" for kind, _ in groups):
            return self._korean.get(korean_key(text), [])
        if any(kind == "hangul" for kind, _ in groups):
            return []
        raw = (typed or text).strip()
        if len(groups) == 1 and is_abbreviation(raw):
            concept = self._abbreviations.get(abbreviation_key(raw)) or self._abbreviations.get(
                abbreviation_key(raw).upper())
            if concept is not None:
                return [concept]
        concept = self._english.get(english_key(" ".join(token for _kind, token in groups)))
        return [concept] if concept is not None else []

    def alternatives(self, concepts: list[str], typed: str, field: str | None) -> list[Clause]:
        """The other forms of these concepts as clauses (the typed form itself left out)."""
        # The typed form itself is left out, except an English one: its normal form matches hyphens and plurals.
        seen = {key for key in [_form_key(typed)] if not key.startswith("e:")}
        clauses: list[Clause] = []
        for concept in concepts:
            found = self.concepts[concept]
            forms = [*found.korean[:MAX_FORMS], *found.english[:MAX_FORMS], *found.abbreviations[:MAX_FORMS]]
            for form in forms[: 3 * MAX_FORMS]:
                if _form_key(form) in seen:
                    continue
                seen.add(_form_key(form))
                clause = make_clause(form, field, is_phrase=True, whole_last_word=True)
                if clause is not None:
                    clauses.append(clause)
        return clauses


def _form_key(text: str) -> str:
    groups = split_groups(text)
    if groups and all(kind == "hangul" for kind, _ in groups):
        return "k:" + korean_key(text)
    if len(groups) == 1 and is_abbreviation(text.strip()):
        return "a:" + abbreviation_key(text.strip())
    return "e:" + english_key(" ".join(token for _kind, token in groups))


Option = tuple[Clause, ...]


def expand(required: list[list[Option]], glossary: Glossary, stops: dict[int, list[str]] | None = None
           ) -> list[list[Option]]:
    """The query's OR-groups with the glossary's alternatives added (see the module docstring).

    Consecutive plain words (each its own group, one field) that together name a term, longest first,
    become one group: the words as one phrase (adjacent, spacing free), or any other form of the term.
    ``stops``: the stop words the parser dropped before group i (``of`` in ``chain of thought``). Any other
    single clause (a word or a phrase) gets the alternatives of its own term.
    """
    stops = stops or {}
    expanded: list[list[Option]] = []
    i = 0
    while i < len(required):
        span, text = _named_span(required, i, glossary, stops)
        if span:
            field = required[i][0][0].field
            literal = make_clause(text, field, is_phrase=True)
            alternatives = glossary.alternatives(glossary.lookup(text), text, field)
            expanded.append([(literal,) if literal else tuple(group[0][0] for group in required[i : i + span]),
                             *((alternative,) for alternative in alternatives)])
            i += span
            continue
        group = list(required[i])
        for option in required[i]:
            if len(option) == 1:
                clause = option[0]
                concepts = glossary.lookup(clause.text, typed=clause.text)
                if concepts:
                    alternatives = glossary.alternatives(concepts, clause.text, clause.field)
                    group += [(alternative,) for alternative in alternatives]
        expanded.append(group)
        i += 1
    return expanded


def _named_span(required: list[list[Option]], start: int, glossary: Glossary,
                stops: dict[int, list[str]]) -> tuple[int, str]:
    """How many plain words from ``start`` (two or more) name a glossary term together, and their text;
    (0, "") when none do."""
    words: list[str] = []
    field: str | None = None
    for offset, group in enumerate(required[start : start + MAX_SPAN]):
        if len(group) != 1 or len(group[0]) != 1 or group[0][0].is_phrase:
            break
        if offset and group[0][0].field != field:
            break
        field = group[0][0].field
        words.append(" ".join([*(stops.get(start + offset, []) if offset else []), group[0][0].text]))
    for length in range(len(words), 1, -1):
        text = " ".join(words[:length])
        if glossary.lookup(text):
            return length, text
    return 0, ""
