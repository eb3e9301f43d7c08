"""A refused tag, note, saved search or mute rule has a code and arguments; the window says it in Korean
under the Korean UI, the command line in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import InvalidEntryError, InvalidQueryError, StateError
from reader.library import Library
from reader.library.organise_query import ORGANISE_QUERY_ERRORS
from reader.stores.organise import ENTRY_ERRORS
from reader.ui.models.view import View
from reader.ui.platform.problem_text import ENTRY_TEXTS, error_message

PAPER = "2411.12275"  # a paper of the seed day 2024-11-20


def refused(action) -> InvalidEntryError:
    with pytest.raises(InvalidEntryError) as error:
        action()
    return error.value


def test_the_windows_templates_are_the_stores() -> None:
    assert dict(ENTRY_TEXTS) == ENTRY_ERRORS


def test_every_refusal_has_its_code_and_the_english_message(seeded_data_dir: Path) -> None:
    with Library(seeded_data_dir) as library:
        cases = {
            "tag-empty": lambda: library.add_tags([PAPER], ["  "]),
            "tag-forbidden": lambda: library.add_tags([PAPER], ["a,b"]),
            "tag-too-long": lambda: library.rename_tag("x", "긴" * 61),
            "tag-control": lambda: library.set_tags(PAPER, ["a\x07b"]),
            "mute-empty": lambda: library.add_mutes([" "]),
            "mute-author-empty": lambda: library.add_mutes(["author: "]),
            "mute-no-words": lambda: library.add_mutes(["!!!"]),
            "saved-name-empty": lambda: library.save_search(" ", "model"),
            "saved-query-empty": lambda: library._organise.save_search("name", " "),
            "note-too-long": lambda: library.set_note(PAPER, "x" * 200_001),
            "not-an-arxiv-id": lambda: library.enqueue([" "]),
        }
        for code, action in cases.items():
            error = refused(action)
            assert error.code == code and isinstance(error, StateError)
            assert str(error) == ENTRY_ERRORS[code].format(*error.arguments)  # the command line's English
        assert str(refused(cases["tag-forbidden"])) == "a tag cannot contain ',': 'a,b'"
        assert library.tags_of([PAPER]) == {} and library.mutes() == []  # nothing was saved
        for query, code in (("-tag:x", "query-only-excluded-tags"), ("모델 tag:", "query-tag-empty")):
            with pytest.raises(InvalidQueryError) as bad_query:
                library.search(query)
            assert bad_query.value.code == code and str(bad_query.value) == ORGANISE_QUERY_ERRORS[code]


def test_refusals_in_korean(korean, seeded_data_dir: Path) -> None:
    with Library(seeded_data_dir) as library:
        assert error_message(refused(lambda: library.add_tags([PAPER], ["a,b"]))) == (
            "태그에는 ','를 쓸 수 없습니다: 'a,b'")
        assert error_message(refused(lambda: library.add_mutes(["author:"]))) == (
            "author: 뒤에 이름을 쓰세요(예: author:Kim)")
        with pytest.raises(InvalidQueryError) as bad_query:
            library.search("-tag:x")
        assert error_message(bad_query.value) == (
            "검색할 단어나 tag:이름을 넣으세요. '-tag:'는 논문을 제외하기만 합니다.")
        assert error_message(StateError("some other problem")) == "some other problem"  # no code: as written


def test_a_bad_tag_name_in_the_korean_window(korean, open_window, monkeypatch) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    assert paper is not None
    window.library.add_tags([paper.arxiv_id], ["모델"])
    window.organiser.refresh()
    assert window.sidebar.select_view(View("tag", name="모델"))
    monkeypatch.setattr(window.organiser, "ask_text", lambda *args: "모델, 언어")
    window.organiser.rename_tag()
    message = window.statusBar().currentMessage()
    assert "','를 쓸 수 없습니다" in message and "cannot" not in message
    assert window.library.tags_of([paper.arxiv_id]) == {paper.arxiv_id: ("모델",)}
