"""Korean-aware tokenisation, shared by indexing, querying and highlighting.

Whoosh pickles the field types (and their analyzers) into the index schema by module path, so this
module must keep its name and its class names; change the token rules only together with
``INDEX_FORMAT`` in search_index.py, which makes an old index rebuild itself.

Token rules (one compiled regex, one pass), for the positional text fields:

* A run of Hangul syllables gives its character bigrams at positions 0..n-2 of the run and its
  last syllable alone at position n-1, so a run of n syllables takes exactly n positions.
  ``언어모델을`` -> 언어 어모 모델 델을 을. The lone last syllable marks "the run ends here": a
  query word that crosses a space (``강화학습`` in ``강화 학습``) is the lone ``화`` of one run
  followed by the bigram ``학습`` of the next, at the next position.
* Hangul runs separated by spaces or hyphens only (``SPACES``: no line break, no other punctuation)
  are consecutive; anything else between two Hangul runs (``강화, 학습``, a line break) leaves one
  position empty, so no phrase or spaced word matches across it.
* A run of other letters and digits (Latin, digits, accented names) is one lower-cased word.
  Latin query words match by word-start prefix (``llm`` -> LLMs, LLM-based, LLM을).
* Words glued by ``- . / _ '`` (``GPT-4o``, ``Llama-3.1-8B``) also give each glued tail as one
  extra term at the position of its first word (``gpt-4o``, ``4o`` is still its own word), so
  ``GPT-4o`` and ``Llama-3`` are one cheap prefix lookup instead of a positional search.

Position-free terms, in a companion field per text field (``suffix_field``): every suffix of three
or more syllables of every Hangul run of three or more syllables (``데이터셋을`` -> 데이터셋을
이터셋을 터셋을), cut to their first ``MAX_SUFFIX`` (32) syllables, without positions, frequencies or
scores. A Hangul query word of three to 32 syllables inside one run is then one prefix lookup there
(``데이터셋`` -> 데이터셋, 데이터셋을, ...), with no position check; a two-syllable word is its bigram,
which needs no positions either.

Indexing bypasses Whoosh's token-object pipeline: :func:`index_terms` turns a text into
``term -> positions`` and the set of suffixes with plain lists and dicts, which is what makes this
analyzer cheaper than Whoosh's own StandardAnalyzer (see bench/index_bench.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import TEXT, FieldType
from whoosh.formats import Existence

HANGUL = "가-힣"
# Letters and digits that are not Hangul syllables: [^\W_] is "a word character but not _".
OTHER = rf"[^\W_{HANGUL}]"
CONNECTORS = "-./_'"
# What may separate the parts of a Korean compound written apart (``강화 학습``, ``텍스트-이미지``): spaces
# and tabs, the no-break and the ideographic space, hyphens. A line break or other punctuation ends it.
SPACES = " \t\u00a0\u3000-"
SPACE_RUN = f"[{re.escape(SPACES)}]+"
TOKEN_RE = re.compile(
    rf"([{HANGUL}]+(?:{SPACE_RUN}[{HANGUL}]+)*)|({OTHER}+(?:[{re.escape(CONNECTORS)}]{OTHER}+)*)"
)
_SPLIT_RUNS = str.maketrans("-", " ")
_PART_RE = re.compile(rf"{OTHER}+")
# Hangul runs of at least this many syllables give position-free suffix terms of this length or more.
MIN_SUFFIX = 3
# ... cut to at most this many syllables: all of every suffix made one unbroken run of n syllables cost n²/2
# characters (20,000 syllables: 430 MB, 4.9 s). A query word up to this long is a prefix of the cut suffix that
# starts where it does; a longer one is matched by its positional chain (reader.index.clauses).
MAX_SUFFIX = 32

# Words too common to narrow a search on their own (still indexed, so phrases keep them).
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it of on or that the this to was were will with "
    "이 가 은 는 을 를 의 에 와 과 도 및 등 로 으로 수 것 더 또 그".split()
)

# run -> its suffixes of MIN_SUFFIX or more syllables (runs repeat a lot, within a text and across texts).
_RUN_SUFFIXES: dict[str, frozenset[str]] = {}
_RUN_CACHE_MAX = 200_000


def suffix_field(field: str) -> str:
    """The name of the position-free companion field of a text field."""
    return f"{field}_runs"


def index_terms(text: str) -> tuple[dict[str, list[int]], frozenset[str]]:
    """Each positional term of ``text`` with its positions, and its position-free suffix terms.

    The single hot loop of indexing.
    """
    postings: dict[str, list[int]] = {}
    get = postings.get
    long_runs: list[str] = []
    pos = 0
    after_hangul = False
    for hangul, other in TOKEN_RE.findall(text):
        if hangul:
            if after_hangul:  # two Hangul stretches: something other than spaces was between them
                pos += 1
            after_hangul = True
            for run in hangul.translate(_SPLIT_RUNS).split() if "-" in hangul else hangul.split():
                last = len(run) - 1
                if last:
                    for i in range(last):
                        bigram = run[i : i + 2]
                        found = get(bigram)
                        if found is None:
                            postings[bigram] = [pos + i]
                        else:
                            found.append(pos + i)
                    pos += last
                    if last >= MIN_SUFFIX - 1:
                        long_runs.append(run)
                term = run[last]
                found = get(term)
                if found is None:
                    postings[term] = [pos]
                else:
                    found.append(pos)
                pos += 1
            continue
        after_hangul = False
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
    return postings, _suffixes(long_runs) if long_runs else frozenset()


def _suffixes(runs: list[str]) -> frozenset[str]:
    """Every suffix of MIN_SUFFIX or more syllables of these runs, cut to MAX_SUFFIX syllables."""
    cached = _RUN_SUFFIXES.get
    found = []
    for run in set(runs):
        suffixes = cached(run)
        if suffixes is None:
            if len(_RUN_SUFFIXES) >= _RUN_CACHE_MAX:
                _RUN_SUFFIXES.clear()
            suffixes = _RUN_SUFFIXES[run] = frozenset(
                [run[i : i + MAX_SUFFIX] for i in range(len(run) - MIN_SUFFIX + 1)])
        found.append(suffixes)
    return frozenset().union(*found)


def term_positions(text: str) -> dict[str, list[int]]:
    """Map each positional term of ``text`` to its positions."""
    return index_terms(text)[0]


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


def split_groups(text: str, lower: bool = True) -> list[tuple[str, str]]:
    """Split query text into ``(kind, token)`` groups, kind "hangul" or "other" (lower-cased unless asked not to).

    Hangul words are given one by one (``강화 학습`` is two groups), as typed.
    """
    groups: list[tuple[str, str]] = []
    for hangul, other in TOKEN_RE.findall(text):
        if hangul:
            groups += [("hangul", run) for run in hangul.translate(_SPLIT_RUNS).split()]
        else:
            groups.append(("other", other.lower() if lower else other))
    return groups


def parts(compound: str) -> list[str]:
    """The plain words of a glued Latin token: ``gpt-4o`` -> [gpt, 4o]."""
    return _PART_RE.findall(compound)


class KoreanTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh is untyped
    """The positional rules of :func:`index_terms` as a Whoosh tokenizer, for Whoosh's own helpers.

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


class SuffixTokenizer(Tokenizer):  # type: ignore[misc]  # Whoosh is untyped
    """The position-free suffix terms of :func:`index_terms` as a Whoosh tokenizer (see KoreanTokenizer)."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term in sorted(index_terms(value)[1]):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            yield token


class KoreanText(TEXT):  # type: ignore[misc]  # Whoosh is untyped
    """A positional text field indexed with :func:`index_terms`, skipping Whoosh's token objects."""

    def __init__(self, field_boost: float = 1.0) -> None:
        super().__init__(analyzer=KoreanTokenizer(), phrase=True, field_boost=field_boost)

    def index(self, value: str, **kwargs: object) -> Iterator[tuple[bytes, int, float, bytes]]:
        """Yield ``(term bytes, frequency, weight, encoded positions)`` like ``Positions.word_values``."""
        encode = self.format.encode
        boost = self.format.field_boost
        for term, poses in term_positions(value).items():
            yield term.encode("utf-8"), len(poses), len(poses) * boost, encode(poses)


class RunSuffixes(FieldType):  # type: ignore[misc]  # Whoosh is untyped
    """The companion field of a :class:`KoreanText` field: Hangul run suffixes, presence only, unscored."""

    def __init__(self) -> None:
        super().__init__(Existence(), SuffixTokenizer(), scorable=False, stored=False)
