"""Which terms a paper is about: glossary concepts and frequent words, the two languages merged.

Emerging terms and the recap's groups both need "the terms of a paper" for thousands of papers in
well under a second, so a paper's title and summary are cut into *units* once (Latin words lower-cased
and made singular, Hangul words without a trailing particle) and a glossary concept is found as a run of
units: its Korean forms (spaced or not), its English forms and its abbreviations all name one term,
labelled 한국어(English). Latin words that no concept covers count as words of their own (GRPO, zero-shot),
minus stop words; Hangul words only through the glossary, since on their own they mostly follow how the
summaries were written (보였습니다, 첫째) rather than what the papers are about.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.core.models import Paper
from reader.index.glossary_mining import korean_key, singular

if TYPE_CHECKING:
    from reader.index.glossary import Entry

_UNIT_RE = re.compile(r"[가-힣]+|[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
# Endings dropped from a Hangul word (longest first) when two syllables or more remain: 모델을 -> 모델.
_ENDINGS = tuple(sorted(
    "을 를 이 가 은 는 의 에 와 과 도 로 만 들 으로 에서 에게 까지 부터 처럼 보다 에는 에도 과의 와의 에서의 "
    "에서는 으로는 이라는 라는 이며 이고 하는 하여 해서 하고 했다 한다 된다 되는 되어 적인 적으로 "
    "들을 들이 들의 들은 이다 입니다".split(),
    key=len, reverse=True))
_STOP_UNITS = frozenset(
    "a an and are as at be by for from has have in is it of on or that the this to was were will with we our "
    "these those which their its into can also using use used based via new than more such both over not "
    "show shows propose proposed paper method methods approach model models result results however while "
    "http https www com org io github html pdf arxiv huggingface url code et al "  # the links summaries write out
    "towards toward improving enhancing evaluating evaluation benchmarking study survey task data dataset "
    "performance framework efficient learning large language network generation system technique reference "
    "본 이 그 및 등 수 것 더 또 우리 연구 논문 방법 제안 결과 성능 기반 사용 활용 통해 위해 대한 있는 "
    "있습니다 또한 이러한 기존 다양한 새로운 접근 방식 가능 문제 개선 향상 실험 제시 모델 데이터 이를 "
    "이는 보여줍니다 합니다 있으며 있도록 가지 하지만 그러나 따라 함께 같은 위한 각 두 높은 주요 대해 "
    "모두 이후 가장 매우 특히 하며 않고 통한 대규모".split())
MAX_FORM_UNITS = 8
Spellings = dict[str, Counter[str]]  # a word's unit -> how often each spelling of it was written


@dataclass(frozen=True)
class Term:
    """A term as it is counted and shown."""

    key: str  # what counts as one term: "c:" + a glossary concept, "w:" + a unit
    label: str  # 한국어(English) for a concept, the commonest spelling for a word
    query: str  # what to search for to chart it (the glossary adds a concept's other forms)


@lru_cache(maxsize=200_000)
def unit(word: str) -> str:
    """A word as it is compared: Latin lower-cased and singular, Hangul without its particle or ending."""
    if "가" <= word[0] <= "힣":
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                return word[: -len(ending)]
        return word
    return singular(word.lower())


def units(text: str) -> list[tuple[str, str]]:
    """(unit, word as written) of every word of ``text``, in order."""
    return [(unit(word), word) for word in _UNIT_RE.findall(text)]


class TermFinder:
    """Finds the terms of papers: the glossary's concepts (longest run of units first), then words."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._labels: dict[str, str] = {}
        self._queries: dict[str, str] = {}
        self._forms: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)  # first unit -> forms
        concepts: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            concepts[entry.concept or "k:" + korean_key(entry.korean)].append(entry)
        for concept, group in sorted(concepts.items()):
            key = "c:" + concept
            best = max(group, key=lambda entry: (entry.papers, entry.korean))
            english = best.english[0] if best.english else (best.abbreviations[0] if best.abbreviations else "")
            self._labels[key] = f"{best.korean}({english})" if english else best.korean
            self._queries[key] = best.korean
            for entry in group:
                for form in (entry.korean, korean_key(entry.korean), *entry.english, *entry.abbreviations):
                    self._add_form(form, key)
        for candidates in self._forms.values():
            candidates.sort(key=lambda item: (-len(item[0]), item[1]))

    def _add_form(self, form: str, key: str) -> None:
        form_units = tuple(found for found, _word in units(form))
        if form_units and len(form_units) <= MAX_FORM_UNITS and (form_units, key) not in self._forms[form_units[0]]:
            self._forms[form_units[0]].append((form_units, key))

    def terms_of(self, paper: Paper, spellings: Spellings | None = None) -> set[str]:
        """The keys of the paper's terms; ``spellings`` counts how each word unit was written."""
        found: set[str] = set()
        for text in (paper.title, *(section.text for section in paper.sections)):
            found.update(self._terms_of_text(units(text), spellings))
        return found

    def _terms_of_text(self, text_units: Sequence[tuple[str, str]], spellings: Spellings | None,
                       ) -> Iterable[str]:
        plain = [found for found, _word in text_units]
        position = 0
        while position < len(plain):
            step = 1
            for form_units, key in self._forms.get(plain[position], ()):
                if tuple(plain[position:position + len(form_units)]) == form_units:
                    yield key
                    step = len(form_units)
                    break
            else:
                word_unit, written = text_units[position]
                if _is_word(word_unit):
                    yield "w:" + word_unit
                    if spellings is not None:
                        spellings.setdefault(word_unit, Counter())[written] += 1
            position += step

    def term(self, key: str, spellings: Spellings | None = None) -> Term:
        """The label and search text of a key terms_of gave."""
        if key in self._labels:
            return Term(key, self._labels[key], self._queries[key])
        word_unit = key[2:]
        if "가" <= word_unit[0] <= "힣":  # the word without its particle: 평가 for 평가를, 평가는
            return Term(key, word_unit, word_unit)
        written = sorted((spellings or {}).get(word_unit, Counter()).items(), key=lambda item: (-item[1], item[0]))
        label = written[0][0] if written else word_unit
        return Term(key, label, label)


def _is_word(word_unit: str) -> bool:
    if word_unit in _STOP_UNITS or word_unit.isdigit():
        return False
    if "가" <= word_unit[0] <= "힣":  # Korean terms come through the glossary; a plain Hangul word is mostly
        return False  # an ending that changes with the writing style (보였습니다, 기록했습니다), not a topic
    return len(word_unit) >= 3 or (len(word_unit) == 2 and word_unit.isalnum())


@dataclass(frozen=True)
class Emerging:
    """A term whose share of the entries grew from one period to the next."""

    term: Term
    papers: int  # entries of the period with the term
    before: int  # entries of the period before with it
    growth: float  # how many times its share grew (counts smoothed by one, so a new term has a finite growth)

    def as_json(self) -> dict[str, object]:
        """The `trends --emerging --json` object (``query``: what to search for to chart it)."""
        return {"term": self.term.label, "papers": self.papers, "before": self.before, "growth": self.growth,
                "query": self.term.query}


MIN_PAPERS = 3  # fewer entries than this in the period: noise, not a trend...
MIN_SHARE = 0.005  # ...nor in fewer than this share of them (a big library has many rare words)


def emerging(finder: TermFinder, current: Sequence[Paper], before: Sequence[Paper], limit: int) -> list[Emerging]:
    """The terms whose share of entries grew most from ``before`` to ``current``; ties by count, then label."""
    spellings: Spellings = defaultdict(Counter)
    now = Counter(key for paper in current for key in finder.terms_of(paper, spellings))
    then = Counter(key for paper in before for key in finder.terms_of(paper))
    total_now, total_then = len(current), len(before)
    min_papers = max(MIN_PAPERS, math.ceil(MIN_SHARE * total_now))
    grown = []
    for key, papers in now.items():
        if papers < min_papers:
            continue
        growth = ((papers + 1) / (total_now + 1)) / ((then[key] + 1) / (total_then + 1))
        if growth > 1:
            grown.append((round(growth, 2), papers, key))
    grown.sort(key=lambda item: (-item[0], -item[1], item[2]))
    results = []
    for growth, papers, key in grown[:limit]:
        results.append(Emerging(finder.term(key, spellings), papers, then[key], growth))
    return results
