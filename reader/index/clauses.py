"""One word or phrase of a query: what it matches, as index terms and as a regular expression.

A clause is a list of *segments*: the Hangul words next to each other in it (``강화 학습`` typed as
a phrase is one segment of two words), and each Latin word. The match rules (the index terms
are in :mod:`reader.index.analysis`):

* **Hangul** by substring, and across spaces: a segment's syllables must follow each other in the
  text, with spaces or hyphens (``analysis.SPACES``; no line break or other punctuation) allowed where the query has
  a space between two words, and inside a word where at least two of its syllables are on either
  side. ``강화학습`` finds 강화학습, 강화 학습을; ``"강화 학습"`` and ``강화 학습`` (two words) find
  강화학습 too; ``대형언어모델`` finds 대형 언어 모델. ``학습`` does not find 대학 습관 (one syllable
  before the space), nor ``이미지`` 모델이 미지의.
* **Latin** words by case-insensitive word-start prefix (``llm`` -> LLMs, LLM-based, LLMRec), except
  an **acronym**: a word of at most four letters and digits typed with at least two capitals
  (``ViT``, ``RL``, ``LLM``, ``RoPE``) matches that whole word or its plural -s / -es, however it is
  followed (``ViT``, ``ViTs``, ``ViT-based``, ``ViT를``; not Vitality). ``GPT-4o`` as written. Glossary
  expansions (:mod:`reader.index.expansion`) match their last English word the same way (kind
  "acronym": the word, -s, -es, and -ies for -y).
* In a phrase, a Latin word before another word must be that whole word; the last word is matched
  by prefix (or as an acronym); Hangul after a Latin word starts a Hangul run.

Scores (BM25F, summed as :mod:`reader.index.ranking` describes): a clause of Hangul only scores the
bigrams of its words (each word's own, in order) that the document has in the field, so spacing
variants and the glued form score alike; any other clause scores every term of its positional
chain the document has (a prefix: each expansion).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from whoosh import query as wq

from reader.index.analysis import (
    HANGUL,
    MAX_SUFFIX,
    OTHER,
    SPACE_RUN,
    STOP_WORDS,
    counted_expansions,
    parts,
    split_groups,
    suffix_field,
)
from reader.index.phrase import ContiguousTerms, HangulWord
from reader.index.whoosh_internals import SelectedPrefix

_NOT_OTHER_BEFORE = rf"(?<!{OTHER})"
_NOT_OTHER_AFTER = rf"(?!{OTHER})"
_NOT_HANGUL_AFTER = rf"(?![{HANGUL}])"
_OPTIONAL_SPACE = f"(?:{SPACE_RUN})?"
ACRONYM_MAX = 4
_ACRONYM_RE = re.compile(r"[A-Za-z0-9]{2,4}")
_PLURALS = ("s", "es")

# A chain slot: ("terms", alternatives at this position) or ("prefix", (text,)).
Slot = tuple[str, tuple[str, ...]]


def whole_word_forms(word: str) -> tuple[str, ...]:
    """A word matched whole (an acronym, the last word of a glossary form): itself and its plurals."""
    forms = [word, *(word + plural for plural in _PLURALS)]
    if len(word) > 2 and word.endswith("y"):
        forms.append(word[:-1] + "ies")
    return tuple(forms)


def is_acronym(word: str) -> bool:
    """A word typed as an acronym: at most four ASCII letters and digits, at least two of them capitals."""
    return _ACRONYM_RE.fullmatch(word) is not None and sum(c.isupper() for c in word) >= 2


@dataclass(frozen=True)
class Segment:
    """Hangul words next to each other in a clause (kind "hangul"), or one Latin word ("other" / "acronym")."""

    kind: str
    words: tuple[str, ...]  # one word unless kind == "hangul"

    @cached_property
    def text(self) -> str:
        return "".join(self.words)

    @cached_property
    def gaps(self) -> frozenset[int]:
        """Offsets in ``text`` where the text may have spaces: between the words, and inside a word
        with at least two syllables on either side."""
        gaps: set[int] = set()
        offset = 0
        for k, word in enumerate(self.words):
            if k:
                gaps.add(offset)
            gaps.update(offset + j for j in range(2, len(word) - 1))
            offset += len(word)
        return frozenset(gaps)


@dataclass(frozen=True)
class Clause:
    """One word or phrase, possibly restricted to one field."""

    text: str  # as typed, for messages
    field: str | None  # None: title, authors and body
    groups: tuple[tuple[str, str], ...]  # (kind, token): "hangul", "other" (lower-cased) or "acronym"
    is_phrase: bool = False  # typed in quotes (or a glossary form)

    def applies_to(self, field: str) -> bool:
        return self.field is None or self.field == field

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        segments: list[Segment] = []
        for kind, token in self.groups:
            if kind == "hangul" and segments and segments[-1].kind == "hangul":
                segments[-1] = Segment("hangul", (*segments[-1].words, token))
            else:
                segments.append(Segment(kind, (token,)))
        return tuple(segments)

    @property
    def hangul_only(self) -> bool:
        return len(self.segments) == 1 and self.segments[0].kind == "hangul"

    def regex(self) -> re.Pattern[str]:
        """The text pattern this clause matches, mirroring what the index finds."""
        pieces = []
        last = len(self.segments) - 1
        for i, segment in enumerate(self.segments):
            if i:
                same_kind = (segment.kind == "hangul") == (self.segments[i - 1].kind == "hangul")
                pieces.append(r"[\W_]+" if same_kind else r"[\W_]*")
            if segment.kind == "hangul":
                text, gaps = segment.text, segment.gaps
                pieces.append("".join((_OPTIONAL_SPACE if j in gaps else "") + re.escape(char)
                                      for j, char in enumerate(text)))
                if i != last:
                    pieces.append(_NOT_HANGUL_AFTER)
                continue
            token = segment.words[0]
            before = _NOT_OTHER_BEFORE if i == 0 else ""
            if i != last:
                after = _NOT_OTHER_AFTER
            elif segment.kind == "acronym":
                forms = "|".join(map(re.escape, whole_word_forms(token)))
                pieces.append(f"{before}(?:{forms}){_NOT_OTHER_AFTER}")
                continue
            else:
                after = f"{OTHER}*"
            pieces.append(before + re.escape(token) + after)
        return re.compile("".join(pieces), re.IGNORECASE)

    def slots(self) -> list[Slot]:
        """Consecutive index positions, each with the terms that may stand there (see analysis.py)."""
        slots: list[Slot] = []
        last = len(self.segments) - 1
        for i, segment in enumerate(self.segments):
            if segment.kind == "hangul":
                text, gaps = segment.text, segment.gaps
                for j in range(len(text) - 1):
                    # The bigram inside a run, or (where the text may have a space) a run ending here.
                    slots.append(("terms", (text[j : j + 2], text[j]) if j + 1 in gaps else (text[j : j + 2],)))
                if i != last:
                    slots.append(("terms", (text[-1],)))
                elif len(text) == 1 or len(text) - 1 in gaps:
                    slots.append(("prefix", (text[-1],)))
                continue
            token = segment.words[0]
            if i != last:
                slots.append(("terms", (token,)))
            elif segment.kind == "acronym":
                slots.append(("terms", whole_word_forms(token)))
            else:
                slots.append(("prefix", (token,)))
        return slots

    def score_terms(self) -> list[str] | None:
        """The terms a Hangul-only clause scores with (None: it scores its chain, see the module docstring)."""
        if not self.hangul_only or len(self.segments[0].text) < 2:
            return None
        words = self.segments[0].words
        terms = [word[j : j + 2] for word in words for j in range(len(word) - 1)]
        if not terms:  # only one-syllable words, typed as a phrase
            text = self.segments[0].text
            terms = [text[j : j + 2] for j in range(len(text) - 1)]
        return terms

    def whoosh(self, field: str) -> wq.Query:
        slots = self.slots()
        # A word longer than the index's cut suffixes (analysis.MAX_SUFFIX) is found by its chain alone.
        fits = self.hangul_only and len(self.segments[0].text) <= MAX_SUFFIX
        if fits and (score_terms := self.score_terms()) is not None:
            text = self.segments[0].text
            glued: wq.Query = wq.Term(field, text) if len(text) == 2 else wq.Prefix(suffix_field(field), text)
            if not self.segments[0].gaps:
                if len(text) == 2:
                    return glued
                return HangulWord(field, glued, None, score_terms)
            return HangulWord(field, glued, _chain(field, slots), score_terms)
        return _chain(field, slots)


def make_clause(text: str, field: str | None, is_phrase: bool, whole_last_word: bool = False) -> Clause | None:
    """The clause of a word or phrase as typed (None: nothing searchable in it); ``whole_last_word``: a Latin
    last word matches whole or plural, as an acronym does (glossary forms)."""
    groups = split_groups(text)
    if not groups:
        return None
    if len(groups) == 1 and not is_phrase and groups[0][1] in STOP_WORDS:
        return None
    if len(groups) > 1:
        # Inside a phrase (or a word like LLM을) glued words are matched part by part.
        groups = [(kind, part) for kind, token in groups for part in (parts(token) if kind == "other" else [token])]
    kind, token = groups[-1]
    if kind == "other":
        raw_kind, raw = split_groups(text, lower=False)[-1]
        if raw_kind == "other" and (whole_last_word or is_acronym(parts(raw)[-1])) and token.isalnum():
            groups[-1] = ("acronym", token)
    return Clause(text, field, tuple(groups), is_phrase)


def _chain(field: str, slots: list[Slot]) -> wq.Query:
    queries = [_slot_query(field, slot) for slot in slots]
    if len(queries) == 1:
        return queries[0]
    if all(kind == "terms" and len(texts) == 1 for kind, texts in slots):
        return ContiguousTerms(field, [texts[0] for _, texts in slots])
    return wq.Sequence(queries)


def _slot_query(field: str, slot: Slot) -> wq.Query:
    kind, texts = slot
    if kind == "prefix":
        return WordPrefix(field, texts[0], constantscore=False)
    if len(texts) == 1:
        return wq.Term(field, texts[0])
    return wq.Or([wq.Term(field, text) for text in texts])


class WordPrefix(SelectedPrefix):
    """A word-start (or one Hangul syllable) match, scored as the sum of its expansions' BM25F.

    Whoosh's default ``constantscore=True`` gives every match 1.0, but only in segments where its
    Or picks the preloaded matcher (three or more expansions in a segment of at most 5,000
    documents, or 1,024 or more expansions); elsewhere the expansions' scores add up. Ranking then
    depended on how the index was split into segments, and a prefix in a title weighed no more than
    one in a summary. Scored (``constantscore=False``), the rule is the same in every segment, for
    Whoosh's own searcher too. Glued tails that repeat a word already counted are not expansions
    (:func:`reader.index.analysis.counted_expansions`).
    """

    def select(self, terms: Iterable[bytes]) -> list[bytes]:
        return counted_expansions(self.text, terms)
