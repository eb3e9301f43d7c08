"""The glossary store keeps its evidence grouped per pair as files come and go: a refresh then builds exactly
what grouping all the evidence builds (a full refresh), whatever was added, read again or removed before."""

from __future__ import annotations

import dataclasses
import random
import sqlite3
from pathlib import Path

import pytest

from reader.core.models import Paper
from reader.core.parse import read_digest
from reader.index.glossary import EntryRow, Pair, build_rows, paper_evidence
from reader.stores.glossary import GlossaryStore


def full_build(store: GlossaryStore) -> list[EntryRow]:
    """The entries of all the store's evidence grouped at once, in sqlite's GROUP BY order (code points)."""
    grouped: dict[Pair, set[str]] = {}
    for paper, korean, context, english, abbreviation in sorted(store.evidence(), key=lambda row: row[1:]):
        grouped.setdefault((korean, context, english, abbreviation), set()).add(paper)
    return build_rows(grouped)


def papers_per_pair(store: GlossaryStore) -> dict[Pair, int]:
    """How many papers write each pair, from all the evidence."""
    grouped: dict[Pair, set[str]] = {}
    for paper, korean, context, english, abbreviation in store.evidence():
        grouped.setdefault((korean, context, english, abbreviation), set()).add(paper)
    return {pair: len(papers) for pair, papers in grouped.items()}


def counted(pairs: dict[Pair, set[int]]) -> dict[Pair, int]:
    return {pair: len(papers) for pair, papers in pairs.items()}


def open_store(path: Path) -> GlossaryStore:
    return GlossaryStore(path, mine=paper_evidence, build=build_rows)  # type: ignore[arg-type]  # numbers for ids


def a_file(rng: random.Random, seeds: list[Paper], name: str, ids: list[str]) -> list[Paper]:
    """A digest of 3-12 seed papers under ids drawn from a small pool: the same id is often on several days."""
    return [dataclasses.replace(paper, arxiv_id=rng.choice(ids), source=name)
            for paper in rng.sample(seeds, rng.randint(3, 12))]


def test_incremental_refreshes_build_what_a_full_refresh_builds(seeds_dir: Path, tmp_path: Path) -> None:
    seeds = [paper for path in sorted(seeds_dir.glob("*.md")) for paper in read_digest(path).papers]
    rng = random.Random(19)
    ids = [f"2501.{n:05d}" for n in range(40)]
    store = open_store(tmp_path / "glossary.sqlite")
    files: dict[str, list[Paper]] = {}
    checked = 0
    for step in range(60):
        action = rng.random()
        if action < 0.5 or len(files) < 3:  # a new day
            name = f"/lib/{step:02d}.md"
            files[name] = a_file(rng, seeds, name, ids)
            store.replace([name], files[name])
        elif action < 0.75:  # a file removed
            name = rng.choice(sorted(files))
            del files[name]
            store.replace([name], [])
        else:  # a file edited: read again
            name = rng.choice(sorted(files))
            files[name] = a_file(rng, seeds, name, ids)
            store.replace([name], files[name])
        if step % 4 == 3:
            store.refresh()
            assert counted(store.pairs()) == papers_per_pair(store)
            assert store.entries() == full_build(store)
            checked += len(store.entries())
    assert checked > 100  # the fixture writes entries worth comparing

    fresh = open_store(tmp_path / "fresh.sqlite")  # the same files read at once
    fresh.replace([], [paper for papers in files.values() for paper in papers])
    fresh.refresh()
    store.refresh()
    assert store.entries() == fresh.entries() == full_build(store)
    store.close()
    fresh.close()


def test_a_paper_keeps_a_pair_while_another_file_or_row_writes_it(tmp_path: Path) -> None:
    store = GlossaryStore(tmp_path / "glossary.sqlite")
    llm = ("대규모 언어 모델", True, "", "LLM")
    store.replace_rows([], [("/a.md", "1", *llm), ("/a.md", "1", *llm), ("/b.md", "1", *llm), ("/b.md", "2", *llm)])
    assert counted(store.pairs()) == {llm: 2}
    store.replace_rows(["/b.md"], [])
    assert counted(store.pairs()) == {llm: 1}  # /a.md still writes it
    store.replace_rows(["/a.md"], [("/a.md", "1", *llm)])  # read again: one of its two rows left
    assert counted(store.pairs()) == {llm: 1}
    store.replace_rows(["/a.md"], [])
    assert store.pairs() == {} and store.evidence() == []
    store.close()


def test_a_file_read_again_with_the_same_evidence_leaves_the_entries_up_to_date(tmp_path: Path) -> None:
    store = GlossaryStore(tmp_path / "glossary.sqlite", build=lambda pairs: [])
    rows = [("/a.md", "1", "강화 학습", True, "", "RL"), ("/a.md", "2", "강화 학습", True, "", "RL")]
    store.replace_rows([], rows)
    store.refresh()
    store.replace_rows(["/a.md"], rows)
    assert not store.dirty()
    store.replace_rows(["/a.md"], rows[:1])
    assert store.dirty()
    store.close()


@pytest.mark.parametrize("version", ["1", "2"])  # 1: no pairs; 2: their paper ids as text, or no pairs at all
def test_an_older_file_is_grouped_once_and_keeps_its_entries(tmp_path: Path, version: str) -> None:
    path = tmp_path / "glossary.sqlite"
    store = GlossaryStore(path)
    rows = [("/a.md", "1", "강화 학습", True, "", "RL"), ("/b.md", "2", "강화 학습", True, "", "RL")]
    store.replace_rows([], rows)
    store.set_entries([("강화 학습", (), ("RL",), 2, (), "a:RL")])
    store.close()
    older = sqlite3.connect(path)
    older.execute("DROP TABLE pairs")
    older.execute("DROP TABLE papers")
    if version == "2":
        older.execute("CREATE TABLE pairs (korean TEXT, context INTEGER, english TEXT, abbreviation TEXT, papers TEXT)")
        older.execute("INSERT INTO pairs VALUES ('강화 학습', 1, '', 'RL', '1' || char(31) || '2')")
    older.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (version,))
    older.commit()
    older.close()
    read_only = GlossaryStore(path, read_only=True)  # a data directory that cannot be written reads it as it is
    assert read_only.entries() == [("강화 학습", (), ("RL",), 2, (), "a:RL")]
    read_only.close()
    upgraded = GlossaryStore(path)
    assert not upgraded.was_reset and not upgraded.dirty()  # nothing to read again, nothing to rebuild
    assert counted(upgraded.pairs()) == {("강화 학습", True, "", "RL"): 2}
    assert upgraded.entries() == [("강화 학습", (), ("RL",), 2, (), "a:RL")]
    upgraded.replace_rows(["/a.md"], [])
    assert counted(upgraded.pairs()) == {("강화 학습", True, "", "RL"): 1}
    upgraded.close()
