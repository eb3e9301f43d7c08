"""Organising through the facade: tag: and note: searches, notes found by the search, the queue, saved
searches, mute filters (lists, counts, searches), exports with tags and notes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_library import write_digest

from reader.core.errors import InvalidQueryError, StateError
from reader.index.query import parse_query
from reader.library import Library
from reader.library.organise_query import mute_query, texts


@pytest.fixture
def library(data_dir: Path, tmp_path: Path) -> Library:
    """Two days of three papers (no seeds)."""
    digests = tmp_path / "digests"
    write_digest(digests / "a.md", "2024-12-01", "2412.00001", "Diffusion for Images", "확산 모델로 그림을 만듭니다.",
                 9)
    (digests / "a.md").write_text((digests / "a.md").read_text("utf-8") + """
### [Reinforcement Learning Agents](https://arxiv.org/abs/2412.00002)

Vote: 4

Authors: Park Jisoo

- ***What's New***: 강화학습 에이전트를 제안합니다.
""", "utf-8")
    write_digest(digests / "b.md", "2024-12-02", "2412.00003", "Language Models Reason", "언어모델의 추론을 봅니다.", 7)
    with Library(data_dir) as opened:
        opened.set_seeds_hidden(True)
        opened.add_sources([digests])
        opened.update()
        yield opened


def ids(result: object) -> list[str]:
    return [hit.paper.arxiv_id for hit in result.hits]  # type: ignore[attr-defined]


def test_tag_search_narrows_and_excludes(library: Library) -> None:
    library.add_tags(["2412.00001", "2412.00003"], ["읽을 것"])
    library.add_tags(["2412.00003"], ["LLM"])
    assert sorted(ids(library.search('tag:"읽을 것"'))) == ["2412.00001", "2412.00003"]
    assert ids(library.search("tag:llm")) == ["2412.00003"]
    assert ids(library.search('tag:"읽을 것" -tag:LLM')) == ["2412.00001"]
    assert ids(library.search('tag:"읽을 것" 확산')) == ["2412.00001"]
    assert library.search("tag:nothing").total == 0
    with pytest.raises(InvalidQueryError):
        library.search("-tag:LLM")


def test_a_notes_words_are_found_by_the_search_and_note_narrows(library: Library) -> None:
    library.set_note("2412.00002", "나중에 **토큰화** 부분을 다시 읽기")
    result = library.search("토큰")  # Korean-aware: a part of the word, as in the summaries
    assert ids(result) == ["2412.00002"] and result.total == 1
    assert ids(library.search("note:토큰화")) == ["2412.00002"]
    assert ids(library.search("note:확산")) == []  # the summary says 확산, no note does
    assert library.search("확산").total == 1
    assert [paper.arxiv_id for paper in library.noted_papers()] == ["2412.00002"]


def test_the_queue_in_order_next_and_finishing(library: Library) -> None:
    library.enqueue(["2412.00003", "2412.00001", "2412.00002"])
    library.reorder_queue(["2412.00002"])
    assert [paper.arxiv_id for paper in library.queued_papers()] == ["2412.00002", "2412.00003", "2412.00001"]
    first = library.next_in_queue()
    assert first is not None and first.arxiv_id == "2412.00002"
    after = library.next_in_queue("2412.00002")
    assert after is not None and after.arxiv_id == "2412.00003"
    library.set_read(["2412.00002"])
    assert library.finished(["2412.00002"]) == 1
    library.set_dequeue_on_read(False)
    assert library.finished(["2412.00003"]) == 0
    assert library.queue() == ["2412.00003", "2412.00001"]


def badges(library: Library) -> list[tuple[str, int, int]]:
    return [(saved.name, total, unread) for saved, total, unread in library.saved_search_counts()]


def test_saved_searches_count_total_and_unread(library: Library, tmp_path: Path) -> None:
    library.save_search("모델", "모델", exact=True)
    library.save_search("에이전트", "에이전트")
    library.set_read(["2412.00001"])
    assert badges(library) == [("모델", 2, 1), ("에이전트", 1, 1)]
    with pytest.raises(InvalidQueryError):
        library.save_search("bad", "-only")

    write_digest(tmp_path / "digests" / "c.md", "2024-12-03", "2412.00009", "New Models", "새 모델입니다.")
    library.update()  # a new day: only its paper is matched
    assert badges(library) == [("모델", 3, 2), ("에이전트", 1, 1)]
    with Library(library.data_dir) as other:  # another process reads a paper
        other.set_read(["2412.00009", "2412.00002"])
    assert badges(library) == [("모델", 3, 1), ("에이전트", 1, 0)]
    library.set_note("2412.00002", "좋은 모델")  # a note's words count too
    assert badges(library) == [("모델", 4, 1), ("에이전트", 1, 0)]
    library.add_mutes(["New Models"])
    assert badges(library) == [("모델", 3, 1), ("에이전트", 1, 0)]
    assert badges(library)[0][1] == library.search("모델", exact=True).total


def test_mutes_hide_papers_from_lists_counts_and_searches(library: Library) -> None:
    days_before, counts_before = library.days(), library.smart_counts()
    library.add_mutes(["diffusion", "author:Park Jisoo"])
    assert library.muted() == {"2412.00001": "diffusion", "2412.00002": "author:Park Jisoo"}
    assert [paper.arxiv_id for paper in library.without_muted(library.papers())] == ["2412.00003"]
    days = {day.date: day for day in library.days_without_muted(library.days())}
    assert (days["2024-12-01"].total, days["2024-12-01"].unread) == (0, 0)
    assert days["2024-12-02"] == next(day for day in days_before if day.date == "2024-12-02")
    counts = library.smart_counts_without_muted(library.smart_counts())
    assert (counts.papers, counts.unread) == (counts_before.papers - 2, counts_before.unread - 2)
    assert library.search("에이전트").total == 0
    assert library.mute_counts() == [("author:Park Jisoo", 1), ("diffusion", 1)]
    library.show_muted = True
    assert library.search("에이전트").total == 1
    assert library.days_without_muted(library.days()) == library.days()
    with pytest.raises(StateError):
        library.add_mutes(["author:"])


def brute_force_days(library: Library) -> list[tuple[str, int, int, int]]:
    """The day counts without muted listings, from every listing's texts and every flag (what the follower must
    equal)."""
    rules = [parse_query(mute_query(rule)) for rule in library.mutes()]
    flags = library.all_flags()
    days: dict[str, list[int]] = {}
    for paper in library.papers():
        counts = days.setdefault(paper.date, [0, 0, 0])
        if not any(rule.matches_fields(texts(paper)) for rule in rules):
            state = flags.get(paper.arxiv_id)
            counts[0] += 1
            counts[1] += not (state and state.read)
            counts[2] += bool(state and state.starred)
    return [(date, *days[date]) for date in sorted(days, reverse=True)]


def test_muted_counts_follow_marks_and_new_days(library: Library, tmp_path: Path) -> None:
    library.add_mutes(["확산", "새 모델"])

    def followed() -> list[tuple[str, int, int, int]]:
        return [(day.date, day.total, day.unread, day.starred) for day in library.days_without_muted(library.days())]

    assert followed() == brute_force_days(library)
    with Library(library.data_dir) as other:  # another process marks a muted and an unmuted paper
        other.set_read(["2412.00001", "2412.00003"])
        other.set_starred(["2412.00001"])
    assert followed() == brute_force_days(library)
    write_digest(tmp_path / "digests" / "c.md", "2024-12-03", "2412.00009", "New Models", "새 모델입니다.")
    write_digest(tmp_path / "digests" / "d.md", "2024-12-04", "2412.00003", "Language Models Again", "새 모델 다시.")
    library.update()
    assert library.muted_by("2412.00009") == "새 모델" and library.muted_by("2412.00002") is None
    assert followed() == brute_force_days(library)  # 2412.00003: its new listing is muted, its old one is not
    assert [paper.date for paper in library.without_muted(library.papers_for("2412.00003"))] == ["2024-12-02"]


def test_exports_carry_tags_and_notes(library: Library) -> None:
    library.add_tags(["2412.00003"], ["LLM", "추론"])
    library.set_note("2412.00003", "# 제목 같은 줄\n좋음")
    papers = library.papers(date="2024-12-02")
    markdown = library.export(papers, "markdown", date="2024-12-02")
    assert "- 태그: LLM, 추론" in markdown and "> # 제목 같은 줄" in markdown
    rows = list(csv.DictReader(io.StringIO(library.export(papers, "csv").lstrip("\ufeff"))))
    assert rows[0]["tags"] == "LLM, 추론" and rows[0]["note"] == "# 제목 같은 줄\n좋음"
    objects = json.loads(library.export(papers, "json"))
    assert objects[0]["tags"] == ["LLM", "추론"] and objects[0]["note"] == "# 제목 같은 줄\n좋음"


def test_a_saved_search_first_looked_at_on_another_library_is_adopted(library: Library) -> None:
    library.save_search("모델", "모델", exact=True)
    assert [(saved.name, total) for saved, total, _unread in library.saved_search_counts(followed_only=True)] == [
        ("모델", None)]
    [(name, spec)] = library.pending_saved_searches()
    with Library(library.data_dir) as other:  # the window's thread
        keys = other.saved_search_keys(spec)
    library.adopt_saved_search(name, spec, keys)
    assert library.pending_saved_searches() == []
    assert badges(library) == [("모델", 2, 2)]


def test_a_first_look_counted_on_another_library_is_followed_on_from(library: Library, tmp_path: Path) -> None:
    library.defer_first_looks = True
    library.save_search("모델", "모델", exact=True)
    library.save_search("강화학습", "강화학습")
    library.add_mutes(["diffusion"])
    with Library(library.data_dir) as other:  # the window's first-look thread, before the new day came
        look = other.first_look()
    write_digest(tmp_path / "digests" / "c.md", "2024-12-03", "2412.00009", "Diffusion Again", "새 모델입니다.")
    write_digest(tmp_path / "digests" / "e.md", "2024-12-05", "2412.00010", "Other Models", "다른 모델입니다.")
    library.update()
    library.set_read(["2412.00003"])
    assert library.adopt_first_look(look)  # the muted listings changed: the window reloads its list
    assert library.pending_saved_searches() == [] and library.pending_mutes() is None
    assert set(library.muted_keys()) == {("2024-12-01", "2412.00001"), ("2024-12-03", "2412.00009")}
    assert badges(library) == [("모델", 2, 1), ("강화학습", 1, 1)]  # 2412.00003 (now read) and 2412.00010
    library.save_search("에이전트", "에이전트")
    with Library(library.data_dir) as other:  # a saved search added later: adopted into the followed ones
        assert not library.adopt_first_look(other.first_look())  # the mute filters as they were: no reload
    assert badges(library)[-1] == ("에이전트", 1, 1)


def test_new_mute_rules_wait_for_the_window_thread_when_deferred(library: Library) -> None:
    library.defer_first_looks = True
    library.add_mutes(["diffusion"])
    assert library.muted_keys() == frozenset() and library.pending_mutes() == ("diffusion",)
    with Library(library.data_dir) as other:  # the window's thread
        keys = other.mute_keys(("diffusion",))
    library.adopt_mutes(("diffusion",), keys)
    assert library.pending_mutes() is None and set(library.muted_keys()) == {("2024-12-01", "2412.00001")}


def test_the_reader_s_own_counts_leave_muted_papers_out(library: Library) -> None:
    library.add_tags(["2412.00001", "2412.00003"], ["LLM"])
    library.set_note("2412.00001", "메모")
    library.enqueue(["2412.00001", "2412.00003"])
    library.add_mutes(["diffusion"])  # 2412.00001's only listing
    assert (library.tag_counts(), library.note_count(), library.queue_count()) == ([("LLM", 1)], 0, 1)
    library.show_muted = True
    assert (library.tag_counts(), library.note_count(), library.queue_count()) == ([("LLM", 2)], 1, 2)


def test_a_first_look_s_full_searches_leave_every_search_as_it_was(library: Library) -> None:
    """A first look drops each full search's cached postings after it: what it counts and what the Library
    finds afterwards are what searching finds without it."""
    queries = ["모델", "언어모델", "강화 학습", "diffusion", "Reason*", "에이전트"]
    library.add_mutes(["Images"])

    def found() -> list[tuple[list[str], int]]:
        return [(ids(result), result.total) for result in (library.search(query) for query in queries)]

    before = found()
    assert before[0] == (["2412.00003"], 1) and before[3] == ([], 0)  # 2412.00001 (Diffusion for Images) is muted
    for query in queries:
        library.save_search(query, query)
    look = library.first_look()
    assert look.badges is not None and look.mutes is not None
    assert found() == before
    assert [total for _saved, total, _unread in library.saved_search_counts()] == [total for _ids, total in before]
