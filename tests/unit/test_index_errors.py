"""Errors as what they are: a bad query is an InvalidQueryError, anything failing inside the index a LibraryError."""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.errors import InvalidQueryError, LibraryError
from reader.core.models import Paper, Section
from reader.index import engine, search_index, writer
from reader.index.query import parse_query
from reader.index.search_index import SearchIndex
from reader.index.whoosh_internals import MissingFieldLengthError, write_postings

MAGIC = b"W3Bl"  # whoosh.codec.whoosh3.WHOOSH3_HEADER_MAGIC: the start of every posting list
QUERIES = ["모델", "데이터셋", "llm", '"언어 모델"', "성 OR la", "모델 -llm", "author:kim"]


def papers(count: int = 80) -> list[Paper]:
    rng = random.Random(7)
    words = ["모델을", "데이터셋", "언어 모델", "LLM", "LLMs", "성능", "large", "language", "학습", "성과"]
    return [Paper(arxiv_id=f"2402.{i:05d}", date=f"2024-02-{1 + i % 28:02d}", title=" ".join(rng.sample(words, 3)),
                  url=f"https://arxiv.org/abs/2402.{i:05d}", votes=1, authors=("Jihwan Kim", "Laura Chen"),
                  sections=(Section(None, " ".join(rng.choices(words, k=20))),), source=f"/lib/{i % 4}.md")
            for i in range(count)]


@pytest.fixture
def built(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "index"
    index = SearchIndex(directory)
    index.update([], papers())
    index.close()
    yield directory


def _segment(directory: Path) -> Path:
    (segment,) = directory.glob("MAIN_*.seg")
    return segment


def _posting_starts(data: bytes) -> list[int]:
    starts, at = [], data.find(MAGIC)
    while at >= 0:
        starts.append(at)
        at = data.find(MAGIC, at + 1)
    return starts


def test_random_bytes_in_a_segment_are_a_library_error(built: Path) -> None:
    """Overwritten posting blocks once surfaced as "invalid query: ... invalid load key"."""
    segment = _segment(built)
    data = bytearray(segment.read_bytes())
    rng = random.Random(1)
    starts = _posting_starts(bytes(data))
    assert len(starts) > 20
    for start in starts:  # the pickled block header after the magic and the block length
        data[start + 8 : start + 24] = rng.randbytes(16)
    segment.write_bytes(bytes(data))
    index = SearchIndex(built)
    assert not index.was_reset  # opening reads no postings: the damage shows when searching
    for text in QUERIES:
        with pytest.raises(LibraryError, match="the index is damaged") as caught:
            index.search(parse_query(text), 10)
        assert not isinstance(caught.value, InvalidQueryError)
        assert str(caught.value).startswith("The search failed: ")
    index.close()


@pytest.mark.parametrize("seed", range(8))
def test_damage_anywhere_in_the_postings_never_looks_like_a_bad_query(built: Path, seed: int) -> None:
    segment = _segment(built)
    data = bytearray(segment.read_bytes())
    starts = _posting_starts(bytes(data))
    rng = random.Random(seed)
    for _ in range(4):
        at = rng.randrange(starts[0], starts[-1])
        data[at : at + 48] = rng.randbytes(48)
    segment.write_bytes(bytes(data))
    index = SearchIndex(built)
    for text in QUERIES:
        try:
            index.search(parse_query(text), 10)
        except LibraryError as error:
            assert not isinstance(error, InvalidQueryError)
            assert str(error).startswith("The search failed: ")
    index.close()


def test_a_bad_query_stays_an_invalid_query_error(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InvalidQueryError):
        parse_query("-모델")
    index = SearchIndex(built)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise InvalidQueryError("The query is too long.")

    monkeypatch.setattr(search_index.Searcher, "search_with_collector", refuse)
    with pytest.raises(InvalidQueryError, match="too long"):
        index.search(parse_query("모델"), 5)
    index.close()


@pytest.mark.parametrize(
    ("failure", "message"),
    [(OSError("disk on fire"), "the index files cannot be read or written \\(disk on fire\\)"),
     (EOFError("short read"), "the index is damaged"),
     (KeyError("ident"), "KeyError")],
)
def test_failures_inside_the_index_are_library_errors(built: Path, monkeypatch: pytest.MonkeyPatch,
                                                      failure: Exception, message: str) -> None:
    index = SearchIndex(built)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(search_index.Searcher, "search_with_collector", broken)
    with pytest.raises(LibraryError, match=f"^The search failed: {message}"):
        index.search(parse_query("모델"), 5)
    index.close()


def test_a_posting_without_a_field_length_is_not_scored(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A length byte of 0 under a posting was once scored as length 1; Whoosh's own scorer fails on it."""
    monkeypatch.setattr(engine, "read_length_bytes", lambda reader, _field: array("B", bytes(reader.doc_count_all())))
    index = SearchIndex(built)
    with pytest.raises(LibraryError, match="the index is damaged .*no length of that field"):
        index.search(parse_query("모델"), 5)
    index.close()


def test_the_writer_refuses_a_posting_without_a_field_length(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer once fell back to length 0 (no block statistics) for a document it had no length of."""
    index = SearchIndex(built)
    before, total = index.search(parse_query("모델"), None)
    monkeypatch.setattr(writer.PaperWriter, "field_lengths", lambda _self, _field: {})
    damaged = r"^Updating the search index failed: the index is damaged \(document 0 has the term .* no length"
    with pytest.raises(LibraryError, match=damaged):
        index.update([], papers(3))
    monkeypatch.undo()
    assert index.search(parse_query("모델"), None) == (before, total)  # the failed update changed nothing
    index.update([], papers(3))
    assert index.doc_count() == 83
    index.close()


def test_write_postings_checks_every_length() -> None:
    """A length of 0 for a posting's document is refused like a missing one (a stand-in field writer)."""

    class Buffer:  # the block buffer of a W3PostingsWriter
        def __init__(self) -> None:
            self._blocklimit, self._ids, self._weights, self._values = 128, [], [], []
            self._maxweight, self._minlength, self._maxlength = 0, None, 0

    class FieldWriter:
        def start_field(self, _name: str, _field: object) -> None:
            self._postwriter = Buffer()

        def start_term(self, _term: bytes) -> None:
            pass

        def finish_term(self) -> None:
            raise AssertionError("a term without lengths was finished")

    class Field:
        scorable = True

    with pytest.raises(MissingFieldLengthError, match="document 5 has the term '모델' in field 'body'"):
        write_postings(FieldWriter(), {"body": Field()}, lambda _field: {4: 3, 5: 0},
                       [("body", "모델".encode(), [(4, 1.0, b""), (5, 1.0, b"")])])
