"""Korean-aware tokenisation, shared by indexing, querying and highlighting.

Whoosh pickles the field type (and its analyzer) into the index schema by module path, so this
module must keep its name and its class names; change the token rules only together with
``INDEX_FORMAT`` in search_index.py, which makes an old index rebuild itself.

Token rules (one compiled regex, one pass):

* A run of Hangul syllables gives its character bigrams at positions 0..n-2 of the run and its
  last syllable alone at position n-1, so a run of n syllables takes exactly n positions.
  ``언어모델을`` -> 언어 어모 모델 델을 을. A multi-syllable query word is then a phrase of its
  bigrams (substring semantics: ``모델`` is inside 모델을 and 언어모델), a one-syllable query word
  a prefix over terms, and the lone last syllable marks "the run ends here" for phrases.
* A run of other letters and digits (Latin, digits, accented names) is one lower-cased word.
  Latin query words match by word-start prefix (``llm`` -> LLMs, LLM-based, LLM을).
* Words glued by ``- . / _ '`` (``GPT-4o``, ``Llama-3.1-8B``) also give each glued tail as one
  extra term at the position of its first word (``gpt-4o``, ``4o`` is still its own word), so
  ``GPT-4o`` and ``Llama-3`` are one cheap prefix lookup instead of a positional search.

Indexing bypasses Whoosh's token-object pipeline: :class:`KoreanText.index` turns a text into
``term -> positions`` with plain lists and dicts, which is what makes this analyzer cheaper than
Whoosh's own StandardAnalyzer (see bench/index_bench.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import TEXT

HANGUL = "가-힣"
# Letters and digits that are not Hangul syllables: [^\W_] is "a word character but not _".
OTHER = rf"[^\W_{HANGUL}]"
CONNECTORS = "-./_'"
TOKEN_RE = re.compile(rf"([{HANGUL}]+)|({OTHER}+(?:[{re.escape(CONNECTORS)}]{OTHER}+)*)")
_PART_RE = re.compile(rf"{OTHER}+")

# Words too common to narrow a search on their own (still indexed, so phrases keep them).
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it of on or that the this to was were will with "
    "이 가 은 는 을 를 의 에 와 과 도 및 등 로 으로 수 것 더 또 그".split()
)


def term_positions(text: str) -> dict[str, list[int]]:
    """Map each term of ``text`` to its positions; the single hot loop of indexing."""
    postings: dict[str, list[int]] = {}
    get = postings.get
    pos = 0
    for hangul, other in TOKEN_RE.findall(text):
        if hangul:
            last = len(hangul) - 1
            for i in range(last):
                bigram = hangul[i : i + 2]
                found = get(bigram)
                if found is None:
                    postings[bigram] = [pos + i]
                else:
                    found.append(pos + i)
            pos += last
            term = hangul[last]
        else:
            term = other.lower()
            if not term.isalnum():  # glued by a connector
                pos = _add_compound(postings, term, pos)
                continue
        found = get(term)
        if found is None:
            postings[term] = [pos]
        else:
            found.append(pos)
        pos += 1
    return postings


def _add_compound(postings: dict[str, list[int]], compound: str, pos: int) -> int:
    """Index ``gpt-4o-mini`` as gpt 4o mini plus the glued tails gpt-4o-mini and 4o-mini."""
    starts = [match.start() for match in _PART_RE.finditer(compound)]
    for k, start in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(compound)
        postings.setdefault(compound[start:end], []).append(pos + k)
        if k + 1 < len(starts):
            postings.setdefault(compound[start:], []).append(pos + k)
    return pos + len(starts)


_CONNECTOR_BYTES = re.compile(rb"[" + re.escape(CONNECTORS.encode()) + rb"]")


def counted_expansions(prefix: str, terms: Iterable[bytes]) -> list[bytes]:
    """The expansions of a word-start prefix that each stand for words of their own.

    A glued tail such as ``llama-3.1-8b`` sits at the position of its first word ``llama``
    (see :func:`_add_compound`): when that first word starts with the prefix as well, the tail
    only repeats a word already counted, and summing both would count the word twice (with the
    tail's rare-term weight on top). Such tails are left out; the documents and positions a prefix
    matches stay the same. A tail whose connector falls inside the prefix (``gpt-4`` in
    ``gpt-4o-mini``) is the only term there that the prefix matches, and stays.
    """
    cut = len(prefix.encode("utf-8"))
    kept = []
    for term in terms:
        connector = _CONNECTOR_BYTES.search(term, 1)
        if connector is None or connector.start() < cut:
            kept.append(term)
    return kept


def split_groups(text: str) -> list[tuple[str, str]]:
    """Split query text into ``(kind, token)`` groups, kind "hangul" or "other" (lower-cased)."""
    return [
        ("hangul", hangul) if hangul else ("other", other.lower())
        for hangul, other in TOKEN_RE.findall(text)
    ]


def parts(compound: str) -> list[str]:
    """The plain words of a glued Latin token: ``gpt-4o`` -> [gpt, 4o]."""
    return _PART_RE.findall(compound)


class KoreanTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh is untyped
    """The same rules as :func:`term_positions` as a Whoosh tokenizer, for Whoosh's own helpers.

    Indexing does not use it (see :meth:`KoreanText.index`); it keeps the schema self-consistent
    for tools such as ``field.process_text``.
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        ordered = sorted((pos, term) for term, poses in term_positions(value).items() for pos in poses)
        for pos, term in ordered:
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            yield token


class KoreanText(TEXT):  # type: ignore[misc]  # Whoosh is untyped
    """A positional text field indexed with :func:`term_positions`, skipping Whoosh's token objects."""

    def __init__(self, field_boost: float = 1.0) -> None:
        super().__init__(analyzer=KoreanTokenizer(), phrase=True, field_boost=field_boost)

    def index(self, value: str, **kwargs: object) -> Iterator[tuple[bytes, int, float, bytes]]:
        """Yield ``(term bytes, frequency, weight, encoded positions)`` like ``Positions.word_values``."""
        encode = self.format.encode
        boost = self.format.field_boost
        for term, poses in term_positions(value).items():
            yield term.encode("utf-8"), len(poses), len(poses) * boost, encode(poses)

