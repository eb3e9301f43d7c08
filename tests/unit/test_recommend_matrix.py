"""The tf-idf matrix: each row capped at its TOP_TERMS heaviest terms, and the sparse product equals the dense one."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from multiprocessing.context import BaseContext

import numpy as np
import numpy.typing as npt
import pytest

from reader.features import recommend_text
from reader.features.recommend import ForYou
from reader.features.recommend_text import Corpus, Document, TermMatrix


def dense(matrix: TermMatrix) -> npt.NDArray[np.float32]:
    out = np.zeros((len(matrix), len(matrix.vocabulary)), dtype=np.float32)
    for row in range(len(matrix)):
        columns, values = matrix.row(row)
        out[row, columns] = values
    return out


def test_a_long_row_keeps_its_heaviest_terms_and_a_short_one_keeps_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recommend_text, "TOP_TERMS", 3)
    words = [f"word{i}" for i in range(8)]
    documents = [Document("2501.00001", "Robot Grasping", " ".join(words)),  # 2 title words + 8 summary words
                 Document("2501.00002", "Robot Grasping", " ".join(words[:4])),
                 Document("2501.00003", "Speech", " ".join(words[4:]))]
    matrix = TermMatrix(documents)
    columns, values = matrix.row(0)
    assert len(columns) == 3
    kept = {matrix.vocabulary[column] for column in columns}
    assert {"robot", "grasping"} <= kept  # a title word counts TITLE_WEIGHT times: it is among the heaviest
    assert np.isclose(float(values @ values), 1.0)
    assert len(matrix.row(2)[0]) <= 3


def test_the_sparse_product_is_the_dense_one_with_repeated_columns_added_up() -> None:
    documents = [Document(f"2501.0000{i}", title, summary) for i, (title, summary) in enumerate([
        ("Robot Arm Grasping", "로봇 팔의 파지를 학습한다."), ("Robot Arm Again", "로봇 팔을 다시 학습한다."),
        ("Speech Synthesis", "음성 합성 모델을 학습한다."), ("Speech Robot", "음성으로 로봇을 움직인다.")])]
    matrix = TermMatrix(documents)
    columns = np.array([0, 2, 0, len(matrix.vocabulary) - 1], dtype=np.int32)
    weights = np.array([0.5, 1.0, 0.25, 2.0], dtype=np.float32)
    vector = np.zeros(len(matrix.vocabulary), dtype=np.float32)
    np.add.at(vector, columns, weights)
    assert np.allclose(matrix.times_sparse(columns, weights), dense(matrix) @ vector, atol=1e-6)
    assert np.allclose(matrix.times(vector), dense(matrix) @ vector, atol=1e-6)


def test_the_by_column_order_is_a_stable_sort_of_the_columns_past_16_bits_too() -> None:
    rng = np.random.default_rng(1)
    for highest in (10, 70_000, 3_000_000):  # one 16-bit pass, then two
        columns = rng.integers(0, highest, 5_000).astype(np.int32)
        assert np.array_equal(recommend_text._by_column_order(columns), np.argsort(columns, kind="stable"))


def test_papers_read_in_a_pool_of_processes_make_the_matrix_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    subjects = [("Robot Arm Grasping", "로봇 팔의 파지를 학습한다."),
                ("Speech Synthesis", "음성 합성 모델을 학습한다."),
                ("Code Repair Agents", "코드 수리 에이전트를 평가한다."),
                ("Robot Speech", "음성으로 로봇을 움직인다.")]
    documents = [Document(f"2501.{i:05d}", f"{title} {i % 7}", f"{summary} 변형{i % 5}", (f"concept{i % 3}",))
                 for i, (title, summary) in enumerate(subjects * 12)]
    here = TermMatrix(documents)
    monkeypatch.setattr(recommend_text, "PARALLEL_FROM", 1)
    monkeypatch.setattr(recommend_text, "CHUNK_PAPERS", 5)  # 10 chunks, merged in order
    monkeypatch.setattr(recommend_text.os, "cpu_count", lambda: 2)
    started: list[int] = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def pool(workers: int, mp_context: BaseContext,
             initializer: Callable[[], object]) -> concurrent.futures.ProcessPoolExecutor:
        started.append(workers)
        return real_pool(workers, mp_context=mp_context, initializer=initializer)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", pool)
    pooled = TermMatrix(documents)
    assert started == [2]
    assert pooled.vocabulary == here.vocabulary
    assert list(pooled.term_counts.term_id) == list(here.term_counts.term_id)  # every term the same id
    for name in ("indptr", "indices", "data", "mean_row"):
        assert np.array_equal(getattr(pooled, name), getattr(here, name))


def test_a_hangul_word_loses_one_trailing_particle_when_two_syllables_are_left() -> None:
    found = recommend_text.terms(Document("2501.00001", "", "강화학습을 데이터에서 모델로 학습에게 가로 나무 사과"))
    words = [term for term in found if term.startswith(recommend_text.HANGUL_WORD_PREFIX)]
    # 데이터에서: the two-syllable particle; 학습에게 keeps 학습; 가로 and 사과 are two syllables: nothing is taken off.
    assert words == ["w:강화학습", "w:데이터", "w:모델", "w:학습", "w:가로", "w:나무", "w:사과"]


def test_a_star_on_one_form_of_a_word_lifts_papers_written_with_another() -> None:
    starred = [Document(f"2501.0000{i}", title, "로봇 팔을 학습한다.") for i, title in enumerate(
        ["Manipulation Policies", "Dexterous Manipulation", "Manipulation from Video"], start=1)]
    others = [Document("2501.00004", "Manipulative Grasps", "물체를 잡는다."),
              Document("2501.00005", "Manipulative Hands", "손으로 잡는다."),
              Document("2501.00006", "Speech Voices", "음성을 만든다."),
              Document("2501.00007", "Speech Grasps", "음성으로 잡는다.")]
    matrix = TermMatrix(starred + others)
    columns, groups = matrix.word_forms()
    forms = {matrix.vocabulary[column] for column in columns}
    assert {"manipulation", "manipulative"} <= forms and "speech" not in forms
    model = ForYou(Corpus(matrix, {}, {}), [document.arxiv_id for document in starred], ())
    # "Manipulative" shares no term with the stars' rows, only a form of their word
    assert model.score("2501.00004") > model.score("2501.00007")
    assert model.score("2501.00005") > model.score("2501.00006")
