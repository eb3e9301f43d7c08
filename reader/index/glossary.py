"""A bilingual glossary mined from the library: which Korean forms, English forms and abbreviations name one term.

:func:`build` turns the evidence of every paper (:mod:`reader.index.glossary_mining`) into
:class:`Entry` values, one per Korean form of a concept; :mod:`reader.index.expansion` looks query
words up in them. :func:`paper_evidence` is what the library stores per paper while indexing.

**Concepts.** An English long form is the key of a concept (``large language model``: case, the
plural of its last word, hyphens and spaces do not matter). An abbreviation belongs to the concept
whose long form it was written with (``Large Language Models; LLMs``, ``SAM(Segment Anything
Model)``; its letters must be readable off the long form, see ``abbreviation_fits``); long forms
written with one abbreviation that share more than half their words are one concept (``large
language model``, ``large-scale language model``), and an abbreviation never written with a long form
is a concept of its own. An abbreviation written with unrelated long forms, none of them in
``DOMINANT_SHARE`` of its papers, is *ambiguous*: it belongs to no concept (it is shown with the
entries it was written with, and never expanded from or to).

**Korean forms.** A Korean form written inside the parenthesis (``LLM (대규모 언어 모델)``) is taken
as written. Before a parenthesis the summary gives a *context*: the Hangul words up to a particle,
a verb ending, a determiner or five words (``최근 대규모 언어 모델`` -> ``대규모 언어 모델``). A form of a
concept is

* a context that ``MIN_PAPERS`` papers write exactly (spacing and hyphens ignored), or
* an ending of the contexts (a whole number of words) that one paper writes exactly, that
  ``MIN_PAPERS`` papers' contexts end with, and that fewer than half of those papers extend by one
  more word shared by ``MIN_PAPERS`` papers (``위치 임베딩`` from ``위치 임베딩`` and ``회전 위치
  임베딩``);

and it must be as long as the English (``_long_enough``: ``강화 학습`` is not "reinforcement
learning from human feedback", however often ``인간 피드백을 통한 강화 학습(RLHF)`` is cut at the
particle). A form's ``papers`` are the distinct papers whose contexts end with it (or that write
it inside the parenthesis).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.models import Paper
from reader.index.glossary_mining import abbreviation_fits, abbreviation_key, english_key, korean_key, mine

MIN_PAPERS = 2
DOMINANT_SHARE = 0.75
EXTENDED_SHARE = 0.5
SIMILAR_WORDS = 0.5
_FUNCTION_WORDS = frozenset("a an the of for and or to in on with by via from as at".split())

# One stored piece of evidence: (paper id, Korean words, Korean is a context, English as written, abbreviation).
Row = tuple[str, str, bool, str, str]
Pair = tuple[str, bool, str, str]  # a distinct piece of evidence: (Korean, is a context, English, abbreviation)
Context = tuple[set[str], list[str], bool]  # (papers, Korean words, written inside the parenthesis)


@dataclass(frozen=True)
class Entry:
    """One Korean form of a concept: its English forms and abbreviations (most papers first), its paper count."""

    korean: str
    english: tuple[str, ...]
    abbreviations: tuple[str, ...]
    papers: int
    ambiguous: tuple[str, ...] = ()  # abbreviations written with this concept that stand for others too
    concept: str = ""  # what the entries of one concept share: "e:" + an English key, or "a:" + an abbreviation


class _Concepts:
    """Long forms joined through shared abbreviations (a union-find over English keys)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        if parent != key:
            parent = self.parent[key] = self.find(parent)
        return parent

    def join(self, first: str, second: str) -> None:
        self.parent[self.find(first)] = self.find(second)


def build(rows: Iterable[Row]) -> list[Entry]:
    """Every kept (Korean form, concept) pair, most papers first (see the module docstring)."""
    grouped: dict[Pair, set[str]] = defaultdict(set)
    for paper, korean, is_context, english, abbreviation in rows:
        grouped[korean, is_context, english, abbreviation].add(paper)
    return build_grouped(grouped)


def build_grouped(grouped: dict[Pair, set[str]]) -> list[Entry]:
    """:func:`build` of the distinct pieces of evidence, each with the papers that write it.

    A library repeats its pairs (대규모 언어 모델(LLM) in hundreds of papers), so everything here runs per
    distinct pair (the store groups them in SQL).
    """
    evidence = _merged_plurals(grouped)
    english_spellings: dict[str, Counter[str]] = defaultdict(Counter)  # English key -> as written
    english_papers: dict[str, set[str]] = defaultdict(set)
    abbreviation_spellings: dict[str, Counter[str]] = defaultdict(Counter)
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # abbreviation -> English -> papers
    for (_korean, _context, english, abbreviation), papers in evidence:
        if english:
            english_spellings[english_key(english)][english] += len(papers)
            english_papers[english_key(english)].update(papers)
        if abbreviation:
            abbreviation_spellings[abbreviation_key(abbreviation)][_singular_abbreviation(abbreviation)] += len(papers)
        if english and abbreviation and abbreviation_fits(abbreviation, english):
            links[abbreviation_key(abbreviation)][english_key(english)].update(papers)

    concepts = _Concepts()
    owner: dict[str, str] = {}  # abbreviation -> an English key of its concept (links of MIN_PAPERS papers)
    weak_owner: dict[str, str] = {}  # abbreviation -> the English key of its only links (one paper each)
    ambiguous: set[str] = set()
    for abbreviation, forms in links.items():
        groups = _similar_groups(forms)
        strong = [(members, papers) for members, papers in groups if len(papers) >= MIN_PAPERS]
        total = len(set().union(*(papers for _members, papers in groups)))
        members, papers = (strong or groups)[0]
        if len(groups) > 1 and len(papers) < DOMINANT_SHARE * total:
            ambiguous.add(abbreviation)
        elif strong:
            for member in members[1:]:
                concepts.join(member, members[0])
            owner[abbreviation] = members[0]
        else:
            weak_owner[abbreviation] = members[0]

    def concept_of(english: str, abbreviation: str) -> str | None:
        if english:
            return "e:" + concepts.find(english_key(english))
        key = abbreviation_key(abbreviation)
        if key in ambiguous:
            return None
        return "e:" + concepts.find(owner[key]) if key in owner else "a:" + key

    contexts: dict[str, list[Context]] = defaultdict(list)  # concept -> (papers, words, exact)
    korean_spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for (korean, is_context, english, abbreviation), papers in evidence:
        concept = concept_of(english, abbreviation) if korean else None
        if concept is None:
            continue
        words = _korean_words(korean)
        contexts[concept].append((papers, words, not is_context))
        for start in range(len(words) if is_context else 1):
            shown = " ".join(words[start:]).replace("- ", "-")
            korean_spellings[korean_key(shown)][shown] += len(papers)

    # An abbreviation written with one long form once (자연어 처리(NLP, Natural Language Processing)) is that
    # concept's when their Korean contexts agree (NLP(자연어 처리) elsewhere); otherwise see the bridges below.
    placed: set[str] = set()
    for abbreviation, english in weak_owner.items():
        alone, target = "a:" + abbreviation, "e:" + concepts.find(english)
        if alone in contexts and target in contexts and _endings(contexts[alone]) & _endings(contexts[target]):
            contexts[target] += contexts.pop(alone)
            placed.add(abbreviation)

    english_of: dict[str, list[str]] = defaultdict(list)
    for key in english_spellings:
        english_of["e:" + concepts.find(key)].append(key)
    abbreviations_of: dict[str, list[str]] = defaultdict(list)
    for abbreviation, english in owner.items():
        abbreviations_of["e:" + concepts.find(english)].append(abbreviation)
    for abbreviation in placed:
        abbreviations_of["e:" + concepts.find(weak_owner[abbreviation])].append(abbreviation)
    ambiguous_of: dict[str, set[str]] = defaultdict(set)
    for abbreviation in ambiguous:
        for english in links[abbreviation]:
            ambiguous_of["e:" + concepts.find(english)].add(abbreviation)

    def english_keys_of(concept: str) -> list[str]:
        keys = sorted(english_of.get(concept, [concept[2:]]), key=lambda key: (-len(english_papers[key]), key))
        # Other spellings of the long form count when several papers write them (not a one-off).
        return keys[:1] + [key for key in keys[1:] if len(english_papers[key]) >= MIN_PAPERS]

    kept: dict[str, dict[str, set[str]]] = {}  # concept -> Korean form -> papers
    for concept, found in contexts.items():
        size = (sum(char.isupper() for char in concept[2:]) if concept.startswith("a:")
                else _content_words(english_keys_of(concept)[0]))
        kept[concept] = {form: papers for form, (papers, _exact) in _without_longer_variants(_forms(found)).items()
                         if len(papers) >= MIN_PAPERS and _long_enough(form, korean_spellings, size)}

    # An abbreviation written alone (강화 학습(RL)) joins the one concept whose long form it fits and that
    # shares a Korean form with it; else the one long form it was written with, when it has no Korean form.
    alone_abbreviations = {concept[2:] for concept in kept if concept.startswith("a:")}
    for abbreviation in sorted((set(weak_owner) - placed) | alone_abbreviations):
        own_forms = kept.get("a:" + abbreviation, {})
        bridges = {concept for concept, forms in kept.items()
                   if concept.startswith("e:") and set(forms) & set(own_forms)
                   and any(abbreviation_fits(abbreviation, key) for key in english_keys_of(concept))}
        if len(bridges) == 1:
            target = bridges.pop()
        elif not own_forms and abbreviation in weak_owner:
            target = "e:" + concepts.find(weak_owner[abbreviation])
        else:
            continue
        abbreviations_of[target].append(abbreviation)
        for form, papers in kept.pop("a:" + abbreviation, {}).items():
            kept.setdefault(target, {}).setdefault(form, set()).update(papers)

    entries: list[Entry] = []
    for concept, forms in kept.items():
        if concept.startswith("a:"):
            english_shown: tuple[str, ...] = ()
            abbreviations = [concept[2:]]
        else:
            english_shown = tuple(english_keys_of(concept))
            abbreviations = sorted(set(abbreviations_of.get(concept, [])),
                                   key=lambda key: (-sum(abbreviation_spellings[key].values()), key))
        abbreviations_shown = tuple(_commonest(abbreviation_spellings[key]) for key in abbreviations)
        for form, papers in forms.items():
            shown = _commonest(korean_spellings[form]) if korean_spellings[form] else form
            entries.append(Entry(shown, english_shown, abbreviations_shown, len(papers),
                                 tuple(sorted(ambiguous_of.get(concept, set()))), concept))
    entries.sort(key=lambda entry: (-entry.papers, entry.korean, entry.english, entry.abbreviations))
    return entries


def _endings(contexts: list[Context]) -> set[str]:
    return {korean_key(" ".join(words[start:])) for _papers, words, _exact in contexts for start in range(len(words))}


def _similar_groups(forms: dict[str, set[str]]) -> list[tuple[list[str], set[str]]]:
    """Long forms written with one abbreviation, grouped by shared words; the group of most papers first."""
    groups: list[tuple[list[str], set[str]]] = []
    for english, papers in sorted(forms.items(), key=lambda item: (-len(item[1]), item[0])):
        for members, group_papers in groups:
            if any(_similar(english, member) for member in members):
                members.append(english)
                group_papers |= papers
                break
        else:
            groups.append(([english], set(papers)))
    groups.sort(key=lambda group: -len(group[1]))
    return groups


def _without_longer_variants(forms: dict[str, tuple[set[str], int]]) -> dict[str, tuple[set[str], int]]:
    """Of two forms where one ends the other (대규모 언어 모델, 기반 대규모 언어 모델), the one more papers write
    exactly (the longer on a tie)."""
    kept = dict(forms)
    for form in sorted(forms, key=len):
        for other in sorted(forms, key=len):
            if other != form and other.endswith(form) and form in kept and other in kept:
                if forms[form][1] > forms[other][1]:
                    del kept[other]
                else:
                    del kept[form]
    return kept


EntryRow = tuple[str, tuple[str, ...], tuple[str, ...], int, tuple[str, ...], str]  # Entry's fields, in order


def build_rows(grouped: dict[Pair, set[str]]) -> list[EntryRow]:
    """:func:`build_grouped` as plain tuples, for storing."""
    return [(e.korean, e.english, e.abbreviations, e.papers, e.ambiguous, e.concept) for e in build_grouped(grouped)]


def entries_from_rows(rows: Iterable[EntryRow]) -> list[Entry]:
    return [Entry(*row) for row in rows]


def listing(rows: Iterable[EntryRow], term: str | None) -> list[Entry]:
    """The stored entries (all, or those of ``term``: see :func:`matching`)."""
    return matching(entries_from_rows(rows), term)


def matching(entries: list[Entry], term: str | None) -> list[Entry]:
    """The entries a term names or contains: its Korean form (spacing aside), an English form (case, plural,
    hyphens aside) or an abbreviation; all entries for None."""
    if term is None or not term.strip():
        return entries
    korean, english, abbreviation = korean_key(term), english_key(term), abbreviation_key(term.strip()).upper()
    return [entry for entry in entries
            if korean in korean_key(entry.korean) or any(english in key for key in entry.english)
            or abbreviation in (abbreviation_key(key).upper() for key in (*entry.abbreviations, *entry.ambiguous))]


def paper_evidence(paper: Paper) -> list[Row]:
    """The evidence rows of one paper's title and summary sections."""
    return [(paper.arxiv_id, found.korean, found.korean_is_context, found.english, found.abbreviation)
            for text in (paper.title, *(section.text for section in paper.sections)) if "(" in text
            for found in mine(text)]


def _similar(first: str, second: str) -> bool:
    a, b = set(first.split()), set(second.split())
    return len(a & b) > SIMILAR_WORDS * max(len(a), len(b))


def _commonest(spellings: Counter[str]) -> str:
    """The spelling most papers use; on a tie the one with more spaces (강화 학습 before 강화학습), then the first
    in code-point order, so the choice never depends on the order of the evidence."""
    return max(spellings.items(), key=lambda item: (item[1], item[0].count(" "), [-ord(char) for char in item[0]]))[0]


def _merged_plurals(grouped: dict[Pair, set[str]]) -> list[tuple[Pair, set[str]]]:
    """``LLMS`` written for ``LLMs`` where ``LLM`` is an abbreviation too: one abbreviation."""
    keys = {abbreviation_key(abbreviation) for *_rest, abbreviation in grouped if abbreviation}
    merged = []
    for (korean, is_context, english, abbreviation), papers in grouped.items():
        if len(abbreviation) > 2 and abbreviation.endswith("S") and abbreviation[:-1] in keys:
            abbreviation = abbreviation[:-1]
        merged.append(((korean, is_context, english, abbreviation), papers))
    return merged


def _korean_words(korean: str) -> list[str]:
    """Words of a Korean form or context: ``비전-언어`` is two (``비전-`` keeps its hyphen for display);
    a plural ``들`` at the end is dropped (``모델들`` -> 모델)."""
    words = korean.replace("-", "- ").split()
    if words and len(words[-1]) >= 3 and words[-1].endswith("들"):
        words[-1] = words[-1][:-1]
    return words


def _content_words(english: str) -> int:
    return max(1, sum(1 for word in english_key(english).split() if word not in _FUNCTION_WORDS))


def _long_enough(form: str, spellings: dict[str, Counter[str]], size: int) -> bool:
    """A Korean form as long as its term: each word counts half its syllables (at least one), and the total
    must reach the English content words, or the abbreviation's capitals (``자연어 처리`` 3, natural language
    processing 3; ``미세 조정`` 2 is not supervised fine-tuning)."""
    shown = _commonest(spellings[form]) if spellings[form] else form
    length = sum(max(1, math.ceil(len(word.strip("-")) / 2)) for word in shown.replace("-", " ").split())
    return length >= size


def _singular_abbreviation(text: str) -> str:
    return text[:-1] if len(text) > 2 and text.endswith("s") and text[-2].isupper() else text


def _forms(contexts: list[Context]) -> dict[str, tuple[set[str], int]]:
    """The Korean forms of one concept from its contexts: form (spaces removed) -> (papers, papers writing it
    exactly)."""
    support: dict[str, set[str]] = defaultdict(set)
    exact: dict[str, set[str]] = defaultdict(set)
    extensions: dict[str, set[str]] = defaultdict(set)  # ending -> endings one word longer
    for papers, words, fixed in contexts:
        exact[korean_key(" ".join(words))].update(papers)
        previous = ""
        for start in range(len(words) - 1, -1, -1) if not fixed else [0]:
            ending = korean_key(" ".join(words[start:]))
            support[ending].update(papers)
            if previous:
                extensions[previous].add(ending)
            previous = ending
    forms: dict[str, tuple[set[str], int]] = {}
    for ending, found in support.items():
        if len(exact[ending]) >= MIN_PAPERS:
            forms[ending] = (found, len(exact[ending]))
        elif exact[ending] and len(found) >= MIN_PAPERS:
            extended = set().union(*(support[longer] for longer in extensions[ending]
                                     if len(support[longer]) >= MIN_PAPERS))
            if len(extended) < EXTENDED_SHARE * len(found):
                forms[ending] = (found, len(exact[ending]))
    return forms
