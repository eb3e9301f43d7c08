"""The window's For you matrix, built in a child process: the same ranking as one built here, and a clear error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from test_recommend import ids_of, write_digests

from reader.core.errors import LibraryError
from reader.library import Library
from reader.library.recommend import refit
from reader.library.recommend_child import build_corpus


def test_a_matrix_built_in_a_child_ranks_as_one_built_here(tmp_path: Path) -> None:
    with Library(tmp_path / "data") as library:
        library.set_seeds_hidden(True)
        library.add_sources([write_digests(tmp_path / "digests")])
        library.update()
        library.set_starred(ids_of("arm")[:3])
        here = library.for_you()
        marks = library.for_you_marks()
    child = refit(build_corpus(tmp_path / "data"), marks)
    assert child.corpus.matrix.ids == here.corpus.matrix.ids
    assert child.corpus.matrix.vocabulary == here.corpus.matrix.vocabulary
    assert np.array_equal(child.corpus.matrix.data, here.corpus.matrix.data)
    papers = here.corpus.matrix.ids
    assert sorted(papers, key=child.order_key) == sorted(papers, key=here.order_key)
    first = papers[0]
    assert child.similar(first, 3) == here.similar(first, 3)  # the lazy parts are made again after the trip


def test_a_child_that_cannot_build_is_one_sentence(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("not a data directory", encoding="utf-8")
    with pytest.raises(LibraryError):
        build_corpus(not_a_folder)
