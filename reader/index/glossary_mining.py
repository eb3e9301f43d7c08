"""Bilingual term pairs as the summaries write them: ``한국어(English)``, ``한국어(English; ABBR)``, ``ABBR(한국어)``.

:func:`mine` reads one text and returns its :class:`Evidence`, one per parenthesis that pairs a
Korean term with an English one or an abbreviation (or an English term with its abbreviation):

* *outside Korean*: ``... 대규모 언어 모델(Large Language Models; LLMs)``: the parenthesis holds
  English words and/or an abbreviation, separated by ``;`` ``,`` or ``:``; the Korean side is a
  *context*: up to ``CONTEXT_WORDS`` Hangul words right before the parenthesis (spaces only between
  them), stopped at a word ending in a particle that never ends a term (``모델의``, ``위한``).
  Which of the context's last words are the term is decided later over many papers
  (:mod:`reader.index.glossary`);
* *outside Latin*: ``LLM (대규모 언어 모델)``, ``perplexity(혼란도)``: the Latin words right before
  the parenthesis (an abbreviation, or up to ``ENGLISH_WORDS`` words) and the Korean form inside,
  exactly;
* *English and abbreviation*: ``Neural Radiance Fields (NeRFs)``, ``SAM(Segment Anything Model)``:
  no Korean, but the link between a long form and its abbreviation.

Anything else in a parenthesis (numbers, ``예:`` examples, citations, a mix the rules cannot split)
gives no evidence. Normalisation (:func:`english_key`, :func:`abbreviation_key`, :func:`korean_key`):
case, a plural last word, hyphens and spaces; Korean spacing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

CONTEXT_WORDS = 5
ENGLISH_WORDS = 5
ABBREVIATION_MAX = 10

_PAREN_RE = re.compile(r"\(([^()\n]{1,100})\)")
_HANGUL_WORD = r"[가-힣]+(?:-[가-힣]+)*"
_HANGUL_WORD_RE = re.compile(_HANGUL_WORD)
_HANGUL_WORDS_RE = re.compile(rf"(?:{_HANGUL_WORD}[ \t\u00a0]+)*{_HANGUL_WORD}")
_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*")
_BLANKS = " \t\u00a0"
_QUOTES = "'\"‘’“”`"
_ENGLISH_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9]+)*(?:[ \t\u00a0]+[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9]+)*)*")
_ABBREVIATION_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,9}")
_SEPARATORS_RE = re.compile(r"\s*[;,:]\s*|\s+(?:or|또는)\s+")
# Endings that never close a term, so a context stops before a word ending in one: particles and
# verb or adjective endings (``강력한``, ``위해``). Syllables that often end nouns (이 가 과 와 인 기 ...)
# are not here, nor 된 (사전 훈련된 언어 모델); a term with an inner word in 한 is cut there.
_STOPPING_ENDINGS = tuple(
    "은 는 을 를 의 에 에서 으로 로서 로써 에게 하는 되는 하고 하여 해서 이며 이고 적인 위한 "
    "통한 대한 관한 같은 있는 없는 하며 되며 했다 한다 된다 이다 에는 과의 와의 에도 보다 "
    "부터 까지 처럼 라는 이라는 라고 하면 되면 면서 지만 는데 니다 도록 거나 한 던 위해 통해 "
    "대해 의해 따라 이나".split()
)
# Words that are not (part of) a term when they come first in a context: determiners and adverbs.
_NOT_TERM_WORDS = frozenset(
    "이 그 이런 그런 이러한 그러한 새 새로운 본 및 또한 또 더 매우 특히 즉 최근 기존 "
    "기존의 다양한 여러 각 모든 두 세 한 이는 이를 이에 우리 우리는 먼저 다음 따라서 "
    "그리고 하지만 또는 주요 일반 일반적인 효율적인 효과적인".split()
)
_LAST_WORD_PARTICLES = ("에서", "으로", "까지", "부터", "에게", "처럼", "보다", "에는", "에도")
_LOWER_FUNCTION_WORDS = frozenset("a an the of for and or to in on with by via from as at is are we our".split())


class Evidence(NamedTuple):
    """One parenthesis pairing forms of one term in one text.

    ``korean``: Hangul words separated by single spaces; when ``korean_is_context`` it holds up to
    ``CONTEXT_WORDS`` words before the parenthesis, of which the last one or more are the term.
    ``english`` / ``abbreviation``: as written ('' when absent).
    """

    korean: str
    korean_is_context: bool
    english: str
    abbreviation: str


def mine(text: str) -> list[Evidence]:
    """The evidence of every parenthesis of ``text`` (see the module docstring)."""
    found: list[Evidence] = []
    if "(" not in text:
        return found
    for match in _PAREN_RE.finditer(text):
        inside = match[1].strip()
        before = text[max(0, match.start() - 120) : match.start()]
        evidence = _pair(before, inside)
        if evidence is not None:
            found.append(evidence)
    return found


def _pair(before: str, inside: str) -> Evidence | None:
    parsed = _inside(inside)
    if parsed is None:
        return None
    korean, long_form, abbreviation = parsed
    if korean:
        outside = _trailing_latin(before)
        if outside is None:
            return None
        if is_abbreviation(outside) and not abbreviation:
            abbreviation = outside
        elif _is_english(outside) and not long_form:
            long_form = outside
        else:
            return None
        return Evidence(korean, False, long_form, abbreviation)
    if not abbreviation and not long_form:
        return None
    context = _korean_context(before)
    if context:
        return Evidence(context, True, long_form, abbreviation)
    outside = _trailing_latin(before)
    if outside is None:
        return None
    if abbreviation and not long_form and _is_english(outside) and not is_abbreviation(outside):
        long_form = outside
    elif long_form and not abbreviation and is_abbreviation(outside):
        abbreviation = outside
    else:
        return None
    if not abbreviation_fits(abbreviation, long_form):
        return None
    return Evidence("", False, long_form, abbreviation)


@lru_cache(maxsize=50_000)
def _inside(inside: str) -> tuple[str, str, str] | None:
    """What a parenthesis holds, as (Korean form, English form, abbreviation), each '' when absent; None when
    it holds anything else (cached: the same few thousand parentheses recur across a library)."""
    parts = [part for part in _SEPARATORS_RE.split(inside) if part]
    if not parts or len(parts) > 3:
        return None
    korean = [part for part in parts if _HANGUL_WORDS_RE.fullmatch(part)]
    abbreviations = [part for part in parts if is_abbreviation(part)]
    english = [part for part in parts if part not in abbreviations and _is_english(part)]
    if len(korean) + len(abbreviations) + len(english) != len(parts) or len(abbreviations) > 1 or len(english) > 1:
        return None
    if len(korean) > 1 or korean and len(korean[0].split()) > ENGLISH_WORDS + 1:
        return None
    return (" ".join(korean[0].split()) if korean else "", english[0] if english else "",
            abbreviations[0] if abbreviations else "")


def _trailing_words(before: str, word: re.Pattern[str], limit: int) -> list[str]:
    """Up to ``limit`` space-separated words right before the end of ``before`` that each fully match ``word``,
    last first; a word glued to something else (``)와``, ``LLM의``) ends the run."""
    text = before.rstrip(_BLANKS)
    if "\t" in text or "\u00a0" in text:
        text = text.replace("\t", " ").replace("\u00a0", " ")
    words = text.rsplit(" ", limit + 4)  # a few more for doubled spaces
    found: list[str] = []
    for token in reversed(words):
        if not token:
            continue
        bare = token.strip(_QUOTES)  # 'Denoising Vision Transformers' (DVT)
        if len(found) == limit or not word.fullmatch(bare):
            break
        found.append(bare)
        if not token.startswith(bare):  # a quote opens the run
            break
    return found


def _korean_context(before: str) -> str:
    """Up to CONTEXT_WORDS Hangul words ending right before the parenthesis ('' when none)."""
    words = _trailing_words(before, _HANGUL_WORD_RE, CONTEXT_WORDS)
    if not words:
        return ""
    words.reverse()
    kept: list[str] = []
    for word in reversed(words):
        if kept and (word.endswith(_STOPPING_ENDINGS) or word in _NOT_TERM_WORDS):
            break
        kept.append(word)
        if len(kept) == CONTEXT_WORDS:
            break
    kept.reverse()
    while kept and kept[0] in _NOT_TERM_WORDS:
        kept.pop(0)
    if kept and (kept[-1].endswith(_LAST_WORD_PARTICLES) or len(kept[-1]) >= 3 and kept[-1].endswith("로")):
        return ""  # 텍스트에서 비디오로(T2V): a particle right before the parenthesis, not a term
    return " ".join(kept)


def _trailing_latin(before: str) -> str | None:
    """The Latin words right before the parenthesis: one abbreviation, or up to ENGLISH_WORDS words."""
    words = _trailing_words(before, _LATIN_WORD_RE, 8)
    if not words:
        return None
    words.reverse()
    if len(words) == 1 and is_abbreviation(words[0]):
        return words[0]
    # A run of English words in a Korean sentence: drop leading function words ("the", "of").
    while words and words[0].lower() in _LOWER_FUNCTION_WORDS:
        words.pop(0)
    if not words or len(words) > ENGLISH_WORDS:
        return None
    return " ".join(words)


@lru_cache(maxsize=50_000)
def is_abbreviation(text: str) -> bool:
    """``LLM``, ``LLMs``, ``NeRF``, ``I2I``, ``NR-IQA``, ``CoT``: at most ten letters, digits and hyphens,
    at least two capitals, and capitals for at least half of its letters."""
    if not _ABBREVIATION_RE.fullmatch(text):
        return False
    letters = [char for char in text if char.isalpha()]
    capitals = sum(char.isupper() for char in letters)
    return capitals >= 2 and capitals * 2 >= len(letters) and not text[0].isdigit() or (
        capitals >= 2 and text[0].isdigit() and capitals * 2 >= len(letters))


@lru_cache(maxsize=50_000)
def _is_english(text: str) -> bool:
    if not _ENGLISH_RE.fullmatch(text):
        return False
    words = text.split()
    if len(words) > ENGLISH_WORDS or "et" in words and "al" in "".join(words):
        return False
    return any(len(word) > 2 for word in words) and not all(word.lower() in _LOWER_FUNCTION_WORDS for word in words)


def abbreviation_fits(abbreviation: str, long_form: str) -> bool:
    """Whether the abbreviation's letters can be read off the long form: the first letter starts it and the
    others follow in order (``LLM`` / Large Language Models, ``CoT`` / chain of thought, ``I2I`` / image-to-image)."""
    letters = [char for char in abbreviation_key(abbreviation).lower() if char.isalpha()]
    text = long_form.lower()
    if not letters or not text or letters[0] != text[0]:
        return False
    at = 1
    for letter in letters[1:]:
        at = text.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


@lru_cache(maxsize=100_000)
def english_key(text: str) -> str:
    """``Large Language Models`` and ``large-language model`` -> ``large language model``."""
    words = re.split(r"[\s\-_/]+", text.lower().replace("’", "'"))
    words = [word for word in words if word]
    if words:
        words[-1] = singular(words[-1])
    return " ".join(words)


def singular(word: str) -> str:
    """A plural English noun's singular, by spelling (``models`` -> model, ``strategies`` -> strategy)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        return word[:-1]
    return word


@lru_cache(maxsize=100_000)
def abbreviation_key(text: str) -> str:
    """``LLMs`` -> ``LLM``, ``NeRFs`` -> ``NeRF``: a plural s after a capital dropped; the case is kept (``MoE``,
    mixture of experts, is not ``MOE``; searching is case-insensitive all the same)."""
    if len(text) > 2 and text.endswith("s") and text[-2].isupper():
        text = text[:-1]
    return text


@lru_cache(maxsize=100_000)
def korean_key(text: str) -> str:
    """A Korean form without its spaces and hyphens: ``강화 학습``, ``강화-학습`` and ``강화학습`` are one form."""
    return "".join(text.replace("-", " ").split())
