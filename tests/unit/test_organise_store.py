"""Tags, notes, queue, saved searches and mutes in the reading-state file: schema 3, the migration from
today's files, and the merge rules of `state export` / `state import`."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from test_recommend_state import make_version_1_file

from reader.core.errors import StateError
from reader.core.models import Flags
from reader.stores.carry import export_state, import_state
from reader.stores.organise import Note, OrganiseStore, SavedSearch
from reader.stores.organise_carry import merged_note
from reader.stores.reading_state import StateStore


@pytest.fixture
def store(tmp_path: Path) -> OrganiseStore:
    with StateStore(tmp_path / "state.sqlite") as state:
        yield OrganiseStore(state)


def test_tags_are_counted_renamed_and_deleted_everywhere(store: OrganiseStore) -> None:
    store.add_tags(["2411.12275v2", "2411.00001"], ["LLM", "강화학습", "llm"])
    assert store.tags_of(["2411.12275"]) == {"2411.12275": ("LLM", "강화학습")}  # llm is the same tag as LLM
    assert store.tag_counts() == [("LLM", 2), ("강화학습", 2)]
    store.set_tags("2411.12275", ["LLM", "읽을 것"])
    assert store.all_tags() == {"2411.00001": ("LLM", "강화학습"), "2411.12275": ("LLM", "읽을 것")}
    assert store.rename_tag("llm", "언어모델") == 2
    assert store.tag_counts() == [("강화학습", 1), ("언어모델", 2), ("읽을 것", 1)]
    store.rename_tag("읽을 것", "강화학습")  # into an existing tag: one tag
    assert store.tag_counts() == [("강화학습", 2), ("언어모델", 2)]
    assert store.delete_tag("언어모델") == 2
    assert store.tagged("강화학습") == {"2411.12275", "2411.00001"}


@pytest.mark.parametrize("bad", ["", "   ", "a,b", 'say "x"', "x" * 61, "tab\x07"])
def test_a_bad_tag_name_is_refused_with_a_message(store: OrganiseStore, bad: str) -> None:
    with pytest.raises(StateError):
        store.add_tags(["2411.12275"], [bad])
    assert store.tag_counts() == []


def test_notes_queue_saved_searches_and_mutes(store: OrganiseStore) -> None:
    store.set_note("2411.12275", "## 메모\n\n좋은 *논문*")
    assert store.note("2411.12275v1") == Note("## 메모\n\n좋은 *논문*", store.notes()["2411.12275"].updated_at)
    store.set_note("2411.12275", "  ")
    assert store.note("2411.12275") is None

    store.enqueue(["2411.10001", "2411.10002", "2411.10003"])
    store.enqueue(["2411.10001"])  # already queued: stays where it is
    store.reorder_queue(["2411.10003", "2411.10009"])  # a paper not queued is not added by a reorder
    assert store.queue() == ["2411.10003", "2411.10001", "2411.10002"]
    assert store.dequeue(["2411.10001", "2411.10008"]) == 1
    assert store.queue() == ["2411.10003", "2411.10002"]

    store.save_search("강화학습", "강화학습 OR RL", exact=True)
    store.save_search("강화학습", "강화학습", exact=False)  # replaces, keeps its place
    assert store.saved_searches() == [SavedSearch("강화학습", "강화학습", False)]
    store.add_mutes(["diffusion", "author:  Kim Minsu", "Diffusion"])
    assert store.mutes() == ["author:Kim Minsu", "diffusion"]
    assert store.dequeue_on_read()
    store.set_dequeue_on_read(False)
    assert not store.dequeue_on_read()


def test_todays_state_file_is_migrated_with_its_marks_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    make_version_1_file(path)
    with StateStore(path) as state:
        assert state.all() == {"2411.12275": Flags(starred=True), "2411.00001": Flags(read=True)}
        OrganiseStore(state).add_tags(["2411.12275"], ["kept"])
    with StateStore(path) as state:
        assert OrganiseStore(state).tag_counts() == [("kept", 1)]
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    with closing(sqlite3.connect(path.with_name("state.sqlite.backup-v1"))) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_version_2_file_is_migrated_keeping_its_not_interested_marks(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    make_version_1_file(path)
    with closing(sqlite3.connect(path)) as db:  # what the version with "not interested" (schema 2) leaves
        db.executescript("ALTER TABLE flags ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0;"
                         "ALTER TABLE flags ADD COLUMN dismissed_at TEXT;"
                         "UPDATE flags SET dismissed = 1 WHERE arxiv_id = '2411.00001'; PRAGMA user_version = 2;")
    with StateStore(path) as state:
        assert state.get("2411.00001") == Flags(read=True, dismissed=True)
        OrganiseStore(state).set_note("2411.00001", "kept")
    with StateStore(path) as state:
        note = OrganiseStore(state).note("2411.00001")
        assert note is not None and note.text == "kept"
    assert path.with_name("state.sqlite.backup-v2").exists()


def test_a_version_1_file_that_cannot_be_written_reads_with_empty_organisation(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_version_1_file(tmp_path / "state.sqlite")
    monkeypatch.setattr("reader.stores.reading_state.cannot_write", lambda path: True)  # root ignores modes
    with StateStore(tmp_path / "state.sqlite") as state:
        assert state.read_only and state.all() == {"2411.12275": Flags(starred=True), "2411.00001": Flags(read=True)}
        organise = OrganiseStore(state)
        assert organise.tag_counts() == [] and organise.queue() == [] and organise.notes() == {}
        with pytest.raises(StateError, match="read-only"):
            organise.add_tags(["2411.12275"], ["x"])


def _pair(tmp_path: Path) -> tuple[OrganiseStore, OrganiseStore]:
    here = OrganiseStore(StateStore(tmp_path / "here.sqlite"))
    there = OrganiseStore(StateStore(tmp_path / "there.sqlite"))
    return here, there


def _carry(source: OrganiseStore, target: OrganiseStore) -> str:
    document = export_state(source._state)
    return str(import_state(target._state, document, None))


def test_import_takes_the_union_of_tags_and_is_harmless_twice(tmp_path: Path) -> None:
    here, there = _pair(tmp_path)
    here.add_tags(["2411.10001"], ["a"])
    there.add_tags(["2411.10001"], ["b"])
    there.add_tags(["2411.10002"], ["c"])
    assert "2 papers newly tagged" in _carry(there, here)
    assert here.all_tags() == {"2411.10001": ("a", "b"), "2411.10002": ("c",)}
    assert "tagged" not in _carry(there, here)


def test_the_newer_note_wins_and_the_other_is_kept_as_a_conflict_copy(tmp_path: Path) -> None:
    here, there = _pair(tmp_path)
    here.set_note("2411.10001", "written here", "2026-01-01T00:00:00.000+00:00")
    there.set_note("2411.10001", "written there, later", "2026-02-01T00:00:00.000+00:00")
    there.set_note("2411.10002", "only there")
    _carry(there, here)
    merged = here.note("2411.10001")
    assert merged is not None and merged.text.startswith("written there, later")
    assert "Conflict copy" in merged.text and merged.text.endswith("written here")
    assert here.note("2411.10002") == there.note("2411.10002")
    _carry(there, here)  # again: nothing more
    assert here.note("2411.10001") == merged
    assert merged_note(Note("same", "1"), Note("same", "2")) is None


def test_the_queue_order_comes_from_the_newer_file(tmp_path: Path) -> None:
    here, there = _pair(tmp_path)
    here.enqueue(["2411.10001", "2411.10002"])  # here: older queue
    there.enqueue(["2411.10002", "2411.10003"])
    there.reorder_queue(["2411.10003", "2411.10002"])  # there changed last
    _carry(there, here)
    assert here.queue() == ["2411.10003", "2411.10002"]  # 2411.1 was queued before there's last change
    here.enqueue(["2411.10005"])  # here now newer; there's file is older
    _carry(there, here)
    assert here.queue() == ["2411.10003", "2411.10002", "2411.10005"]


def test_saved_searches_and_mutes_are_carried(tmp_path: Path) -> None:
    here, there = _pair(tmp_path)
    there.save_search("rl", "강화학습", exact=True)
    there.add_mutes(["author:Kim", "diffusion"])
    here.add_mutes(["diffusion"])
    report = _carry(there, here)
    assert "1 saved search added" in report and "1 mute filter added" in report
    assert here.saved_searches() == [SavedSearch("rl", "강화학습", True)]
    assert here.mutes() == ["author:Kim", "diffusion"]


def test_bad_sections_are_skipped_with_a_message(tmp_path: Path) -> None:
    here, _there = _pair(tmp_path)
    document = {"format": "daily-papers-state", "version": 1, "papers": {},
                "tags": {"nonsense": ["a"], "2411.10001": ["ok", "bad,tag"]}, "notes": [1], "queue": "x",
                "mutes": ["", 5]}
    report = import_state(here._state, document, None)
    assert here.all_tags() == {"2411.10001": ("ok",)}
    assert len(report.skipped) == 6
