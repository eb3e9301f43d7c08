"""Mute filters reach For you on the command line: recommend and similar leave the muted papers out, --muted
takes them in (as list --muted does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_recommend import DAYS, KINDS, cli_json, ids_of, write_digests

from reader.cli.main import main
from reader.library import Library

SPEECH_RULE = "Speech Synthesis"  # the titles of the speech papers, one a day


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Four days of five kinds of paper (test_recommend's digests)."""
    data_dir = tmp_path / "data"
    with Library(data_dir) as library:
        library.set_seeds_hidden(True)
        library.add_sources([write_digests(tmp_path / "digests")])
        library.update()
    return data_dir


def mute_speech(data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "mute", "add", SPEECH_RULE]) == 0


def test_recommend_leaves_muted_papers_out_unless_muted(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    mute_speech(data_dir)
    capsys.readouterr()
    shown = [obj["arxiv_id"] for obj in cli_json(capsys, data_dir, "recommend")]
    assert len(shown) == len(DAYS) * (len(KINDS) - 1) and not set(shown) & set(ids_of("speech"))
    everything = [obj["arxiv_id"] for obj in cli_json(capsys, data_dir, "recommend", "--muted")]
    assert set(ids_of("speech")) <= set(everything) and len(everything) == len(DAYS) * len(KINDS)
    day = [obj["arxiv_id"] for obj in cli_json(capsys, data_dir, "recommend", "--date", DAYS[-1], "--limit", "9")]
    assert len(day) == len(KINDS) - 1 and ids_of("speech")[-1] not in day


def test_similar_leaves_muted_papers_out_and_still_fills_the_limit(capsys: pytest.CaptureFixture[str],
                                                                    data_dir: Path) -> None:
    humanoid = ids_of("humanoid")[0]
    before = [obj["arxiv_id"] for obj in cli_json(capsys, data_dir, "similar", humanoid, "--limit", "3")]
    assert set(before) <= set(ids_of("humanoid")) and ids_of("humanoid")[1] in before
    assert main(["--data-dir", str(data_dir), "mute", "add", "Humanoid Robot Walking 2"]) == 0
    capsys.readouterr()
    after = [obj["arxiv_id"] for obj in cli_json(capsys, data_dir, "similar", humanoid, "--limit", "3")]
    assert ids_of("humanoid")[1] not in after and len(after) == 3  # the next most similar takes its place
    with_muted = [obj["arxiv_id"] for obj in cli_json(capsys, data_dir, "similar", humanoid, "--limit", "3", "--muted")]
    assert with_muted == before


def test_the_library_follows_show_muted(data_dir: Path) -> None:
    mute_speech(data_dir)
    speech = ids_of("speech")[0]
    with Library(data_dir) as library:
        assert not {paper.arxiv_id for paper, _score in library.similar(speech, 10)} & set(ids_of("speech"))
        assert not {entry.paper.arxiv_id for entry in library.recommend()} & set(ids_of("speech"))
        library.show_muted = True
        assert {paper.arxiv_id for paper, _score in library.similar(speech, 3)} <= set(ids_of("speech"))
        assert set(ids_of("speech")) <= {entry.paper.arxiv_id for entry in library.recommend()}


def test_queue_list_leaves_muted_papers_out_unless_muted(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    speech, vision = ids_of("speech")[0], ids_of("vision")[0]
    assert main(["--data-dir", str(data_dir), "queue", "add", speech, vision]) == 0
    mute_speech(data_dir)
    capsys.readouterr()
    assert [obj["arxiv_id"] for obj in cli_json(capsys, data_dir, "queue", "list")] == [vision]
    assert [obj["arxiv_id"] for obj in cli_json(capsys, data_dir, "queue", "list", "--muted")] == [speech, vision]
