"""Ranking against two oracles on a synthetic library: Whoosh's own searcher and a brute-force BM25F.

The library (generated here, nothing read from outside the repository) has 6,000 papers added in
three updates, so the index has three segments, and the third update removes two sources (one of
them re-added), so deleted documents still count in the index statistics as they do in Whoosh.
Common words have far more than 128 postings (the posting block size) in every segment.

The ranking rule under test (reader/index/ranking.py, search_index.py):

* a clause matches a field when its slots (``Clause.slots()``: the terms that may stand at each
  position) are at consecutive positions of the field's terms; the index finds a Hangul word inside
  one run from position-free run suffixes instead, so the oracle's chain checks that independently;
* a document's score is the sum of the BM25F scores (B=0.75, K1=1.2, field boosts title 4,
  authors 2, body 1), per field the clause applies to and matches, of: for a Hangul-only clause,
  each bigram of its words (``Clause.score_terms()``) the field has, wherever it is (so ``강화 학습``
  and ``강화학습`` score alike); otherwise every term of its slots the field has: a prefix counts each
  of its expansions the document has, except a glued tail (``llama-3.1-8b``) whose first word
  (``llama``) the prefix matches too: the index puts the tail at that word's position, so it would
  count the same word twice; an acronym counts the word and its plurals; an OR adds the options that
  match, the implicit AND all of them, and excluding words adds 1.0 to every match;
* the final score is that sum rounded to 4 decimals plus the day number * 1e-11 (newest first
  among equal relevance);
* equal final scores: lower Whoosh document number first, i.e. the entry indexed first (while
  segments are not merged, as here; a merge appends the merged segments' documents after the
  newer ones).

The brute-force oracle takes the terms of each text from the analyzer (the token rules are tested
in test_search.py) and recomputes everything else from the texts alone: statistics over every
document physically in the index, matching, positions of phrases, scores and order. Its match sets
are also checked against the query module's regular expressions.
"""

from __future__ import annotations

import math
import random
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from whoosh.collectors import TopCollector
from whoosh.util.numeric import byte_to_length, length_to_byte

from reader.core.models import Paper, Section
from reader.index.analysis import term_positions
from reader.index.query import Clause, Query, parse_query
from reader.index.search_index import AUTHORS_BOOST, BODY_BOOST, TITLE_BOOST, SearchIndex

N_PAPERS = 6000
K1, B = 1.2, 0.75  # whoosh.scoring.BM25F's defaults, which the index uses
BOOSTS = {"title": TITLE_BOOST, "authors": AUTHORS_BOOST, "body": BODY_BOOST}
EPOCH = date(1970, 1, 1).toordinal()
Key = tuple[str, str, str]  # (source, date, arxiv id)

# Frequent words first: rng.choices weights them ~1/rank, so some words are in thousands of papers
# and some in a few dozen.
HANGUL = ["모델", "학습", "성능", "데이터", "언어", "생성", "평가", "데이터셋", "이미지", "비디오", "추론", "대규모",
          "구성", "성과", "언어모델", "강화학습", "벤치마크", "성장", "모듈", "효율성", "안정성", "성공", "모방",
          "모델학습", "성능평가"]
PARTICLES = ["", "", "", "을", "를", "은", "는", "의", "이", "과", "와", "에서", "으로", "이다"]
LATIN = ["model", "language", "large", "LLM", "diffusion", "agent", "Llama-3", "layer", "video", "GPT-4o",
         "latent", "models", "LLMs", "llama", "benchmark", "label", "transformer", "LLM-based", "Llama-3.1-8B",
         "lab", "lambda", "law", "GPT-4", "ViT-B", "laplacian", "Llama-2", "lasso", "3D", "alignment", "Lab-scale",
         "Vitality", "ViTs", "LLMRec"]
PHRASES = ["대규모 언어 모델", "언어 모델을", "large language models", "Large Language Model", "Llama-3 모델",
           "large latent layers", "대규모언어모델", "대규모 언어모델을"]
NAMES = ["Jihwan Kim", "Wei Wang", "Laura Chen", "Minji Kim", "Yu Zhang", "Seojun Lee", "Lam Tran",
         "Lakshmi Narayanan", "Hyunwoo Park", "Lars Jensen", "Ana Lopez", "Kimi Lab", "Taeho Jang", "Llama Team"]
QUERIES = [
    "모델", "데이터셋", "학습", "언어모델", "성", "모", "llama", "la", "llm", "diffusion", "GPT-4o", "Llama-3",
    '"언어 모델"', '"대규모 언어 모델"', '"large language"', '"large la"', "title:llama", "author:kim",
    'title:"large language"', "author:la", "데이터셋 OR llama", "성 OR la", "모델 -llm", "la -llama",
    "학습 title:la", "성 llama", "모델 -title:모델 -author:kim",
    # Across spaces (the texts put a space between any two words, a period after some).
    "모델학습", "대규모언어모델", "성능평가", '"모델 학습"', '"성능 데이터"', "언어모델 -대규모", "데이터성능",
    # Acronyms: whole word or plural; Latin + Hangul chains.
    "LLM", "ViT", "LLMs", '"LLM 모델"', "LLM 데이터셋", "vit",
]


def _weighted(words: list[str]) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(len(words))]


def make_papers(rng: random.Random) -> list[Paper]:
    """Papers newest day first, 15-40 a day, each day one source; ~2% exact copies (score ties)."""
    hangul_weights, latin_weights, name_weights = _weighted(HANGUL), _weighted(LATIN), _weighted(NAMES)

    def word() -> str:
        roll = rng.random()
        if roll < 0.04:
            return rng.choice(PHRASES)
        if roll < 0.55:
            return rng.choices(HANGUL, hangul_weights)[0] + rng.choice(PARTICLES)
        return rng.choices(LATIN, latin_weights)[0]

    papers: list[Paper] = []
    day = date(2025, 6, 30)
    while len(papers) < N_PAPERS:
        source = f"{day:%Y/%m/%d}.md"
        for _ in range(min(rng.randint(15, 40), N_PAPERS - len(papers))):
            arxiv_id = f"{day:%y%m}.{len(papers):05d}"
            if papers and papers[-1].source == source and rng.random() < 0.02:
                copied = papers[-1]
                papers.append(Paper(arxiv_id=arxiv_id, date=copied.date, title=copied.title, url=copied.url,
                                    votes=1, authors=copied.authors, sections=copied.sections, source=source))
                continue
            title = " ".join(rng.choices(LATIN, latin_weights, k=rng.randint(2, 6))).title()
            if rng.random() < 0.4:
                title += ": " + " ".join(word() for _ in range(rng.randint(1, 4)))
            authors = tuple(dict.fromkeys(rng.choices(NAMES, name_weights, k=rng.randint(1, 5))))
            sentences = [" ".join(word() for _ in range(rng.randint(4, 12))) + "." for _ in range(rng.randint(2, 6))]
            papers.append(Paper(arxiv_id=arxiv_id, date=day.isoformat(), title=title,
                                url=f"https://arxiv.org/abs/{arxiv_id}", votes=1, authors=authors,
                                sections=(Section("What's New", " ".join(sentences)),), source=source))
        day -= timedelta(days=1)
    return papers


def texts(paper: Paper) -> dict[str, str]:
    """The indexed texts of a paper, as SearchIndex.update builds them."""
    return {"title": paper.title, "authors": ", ".join(paper.authors), "body": paper.summary_text}


def _counted(prefix: str, term: str) -> bool:
    """False for a glued tail whose first word the prefix also matches (the same word, counted once)."""
    first_word = re.split(r"[-./_']", term, maxsplit=1)[0]
    return first_word == term or len(first_word) < len(prefix)


@dataclass
class Doc:
    key: Key
    day: int
    order: int  # position in the order of indexing: Whoosh's document number while nothing merged
    terms: dict[str, dict[str, list[int]]]  # field -> term -> positions
    lengths: dict[str, int]
    texts: dict[str, str]


class Oracle:
    """Brute-force BM25F over the texts of every document the index holds (deleted ones for the statistics)."""

    def __init__(self, physical: list[Doc], live: list[Doc]) -> None:
        self.live = live
        self.doc_count = len(physical)
        self.doc_frequency: Counter[tuple[str, str]] = Counter()
        self.total_length: Counter[str] = Counter()
        self.vocabulary: dict[str, set[str]] = {field: set() for field in BOOSTS}
        for doc in physical:
            for field, terms in doc.terms.items():
                self.doc_frequency.update((field, term) for term in terms)
                self.vocabulary[field].update(terms)
                self.total_length[field] += doc.lengths[field]
        self._expansions: dict[tuple[str, str], list[str]] = {}

    def bm25(self, doc: Doc, field: str, term: str) -> float:
        idf = math.log(self.doc_count / (self.doc_frequency[field, term] + 1)) + 1
        weight = len(doc.terms[field][term]) * BOOSTS[field]
        length = byte_to_length(length_to_byte(doc.lengths[field]))  # the index keeps one byte per length
        average = self.total_length[field] / self.doc_count
        return idf * ((weight * (K1 + 1)) / (weight + K1 * ((1 - B) + B * length / average)))

    def expansions(self, field: str, prefix: str) -> list[str]:
        if (field, prefix) not in self._expansions:
            self._expansions[field, prefix] = sorted(
                term for term in self.vocabulary[field] if term.startswith(prefix) and _counted(prefix, term)
            )
        return self._expansions[field, prefix]

    def unit(self, doc: Doc, field: str, clause: Clause) -> float | None:
        """Score of one clause in one field (None: no match); consecutive slots must be adjacent."""
        terms = doc.terms[field]
        found: list[list[str]] = []
        for kind, texts in clause.slots():
            candidates = list(texts) if kind == "terms" else self.expansions(field, texts[0])
            present = [term for term in candidates if term in terms]
            if not present:
                return None
            found.append(present)
        if len(found) > 1:
            starts = {pos for term in found[0] for pos in terms[term]}
            for offset, present in enumerate(found[1:], 1):
                starts &= {pos - offset for term in present for pos in terms[term]}
            if not starts:
                return None
        score_terms = clause.score_terms()
        if score_terms is not None:  # Hangul only: its words' bigrams, wherever the document has them
            return sum(self.bm25(doc, field, term) for term in score_terms if term in terms)
        return sum(self.bm25(doc, field, term) for present in found for term in present)

    def clause(self, doc: Doc, clause: Clause) -> float | None:
        scores = [score for field in BOOSTS if clause.applies_to(field)
                  if (score := self.unit(doc, field, clause)) is not None]
        return sum(scores) if scores else None

    def option(self, doc: Doc, option: tuple[Clause, ...]) -> float | None:
        scores = [self.clause(doc, clause) for clause in option]
        return None if any(score is None for score in scores) else sum(s for s in scores if s is not None)

    def ranking(self, query: Query) -> list[tuple[float, Doc]]:
        """Every match as (final score, document), in the documented order."""
        ranked = []
        for doc in self.live:
            total = 0.0
            for group in query.required:
                scores = [score for option in group if (score := self.option(doc, option)) is not None]
                if not scores:
                    break
                total += sum(scores)
            else:
                if query.excluded:
                    if any(self.clause(doc, clause) is not None for clause in query.excluded):
                        continue
                    total += 1.0
                ranked.append((round(total, 4) + doc.day * 1e-11, doc))
        ranked.sort(key=lambda pair: (-pair[0], pair[1].order))
        return ranked


@dataclass
class Library:
    index: SearchIndex
    oracle: Oracle
    segments: int
    build_seconds: float


def _docs(papers: list[Paper], first_order: int) -> Iterator[Doc]:
    for order, paper in enumerate(papers, first_order):
        fields = texts(paper)
        terms = {field: term_positions(text) for field, text in fields.items()}
        lengths = {field: sum(len(poses) for poses in field_terms.values()) for field, field_terms in terms.items()}
        yield Doc((paper.source, paper.date, paper.arxiv_id), date.fromisoformat(paper.date).toordinal() - EPOCH,
                  order, terms, lengths, fields)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    papers = make_papers(random.Random(20261201))
    sources = list(dict.fromkeys(paper.source for paper in papers))
    removed, replaced = sources[5], sources[60]  # one in the first segment, one in the second
    updates = [([], papers[:2000]), ([], papers[2000:4000]),
               ([removed, replaced], papers[4000:] + [p for p in papers if p.source == replaced])]
    start = time.perf_counter()
    index = SearchIndex(tmp_path_factory.mktemp("oracle") / "index")
    physical: list[Doc] = []
    for remove, add in updates:
        index.update(remove, add)
        physical += _docs(add, len(physical))
        for doc in physical:
            if doc.key[0] in remove and doc.order < len(physical) - len(add):
                doc.order = -1  # deleted
    live = [doc for doc in physical if doc.order >= 0]
    build_seconds = time.perf_counter() - start
    searcher = index._current_searcher()
    yield Library(index, Oracle(physical, live), len(searcher.reader().leaf_readers()), build_seconds)
    index.close()


def test_the_library_is_what_the_oracle_models(library: Library) -> None:
    """Three segments, deleted documents, statistics over every stored document, posting lists of several blocks."""
    searcher = library.index._current_searcher()
    oracle = library.oracle
    assert library.segments >= 3
    assert searcher.doc_count_all() == oracle.doc_count
    assert searcher.doc_count() == len(oracle.live) == library.index.doc_count()
    assert oracle.doc_count - len(oracle.live) > 30
    for field in BOOSTS:
        assert searcher.field_length(field) == oracle.total_length[field], field
    for field, term in [("body", "모델"), ("title", "llama"), ("authors", "kim"), ("body", "성능")]:
        assert searcher.doc_frequency(field, term.encode()) == oracle.doc_frequency[field, term]
        per_segment = [reader.doc_frequency(field, term.encode()) for reader, _ in searcher.reader().leaf_readers()]
        assert min(per_segment) > 128, (field, term, per_segment)
    assert len(oracle.expansions("body", "la")) >= 10
    assert library.build_seconds < 40


def _whoosh_ranking(index: SearchIndex, text: str) -> tuple[list[tuple[float, Key]], int]:
    """Whoosh's own exact collector on the same searcher."""
    searcher = index._current_searcher()
    collector = TopCollector(limit=searcher.doc_count_all(), usequality=False, replace=0)
    searcher.search_with_collector(parse_query(text).whoosh(), collector)
    results = collector.results()
    ranked = [(round(score, 6), tuple(searcher.stored_fields(docnum)["ident"])) for score, docnum in results.top_n]
    return ranked, len(results)


@pytest.mark.parametrize("text", QUERIES)
def test_ranking_equals_the_brute_force_bm25f(library: Library, text: str) -> None:
    query = parse_query(text)
    expected = library.oracle.ranking(query)
    truth = {doc.key for doc in library.oracle.live if query.matches_fields(doc.texts)}
    assert {doc.key for _score, doc in expected} == truth  # the oracle matches what the query rules say
    assert expected, text
    for limit in (None, 20, 1):
        hits, total = library.index.search(query, limit)
        assert total == len(expected), (text, limit)
        got = [((hit.source, hit.date, hit.arxiv_id), hit.score) for hit in hits]
        want = [(doc.key, score) for score, doc in expected[:limit]]
        assert [key for key, _ in got] == [key for key, _ in want], (text, limit)
        for (key, score), (_key, oracle_score) in zip(got, want, strict=True):
            assert score == pytest.approx(oracle_score, abs=1e-9), (text, key)


@pytest.mark.parametrize("text", ["성", "llama", "la", "모델 -llm", '"large la"', "author:la", "성 OR la",
                                  "모델학습", '"모델 학습"', "데이터셋", "ViT", '"LLM 모델"'])
def test_ranking_equals_whoosh_own_searcher(library: Library, text: str) -> None:
    """The prefixes that once ranked differently because Whoosh chose a constant score per segment; Hangul
    words across spaces (HangulWord, Whoosh's own matchers) and acronyms."""
    expected, expected_total = _whoosh_ranking(library.index, text)
    for limit in (None, 20):
        hits, total = library.index.search(parse_query(text), limit)
        assert total == expected_total, text
        assert [(round(hit.score, 6), (hit.source, hit.date, hit.arxiv_id)) for hit in hits] == expected[:limit]


def test_ties_follow_the_documented_rule(library: Library) -> None:
    """Exact copies on one day score the same: the one indexed first comes first."""
    hits, _total = library.index.search(parse_query("la"), None)
    scores = [hit.score for hit in hits]
    assert len(scores) - len(set(scores)) > 10  # the library has ties, and they are ordered
    order = {doc.key: doc.order for doc in library.oracle.live}
    for first, second in zip(hits, hits[1:], strict=False):
        if first.score == second.score:
            assert order[first.source, first.date, first.arxiv_id] < order[second.source, second.date, second.arxiv_id]
