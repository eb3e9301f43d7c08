"""Carrying stars and read marks to another computer, and the export command line, end to end.

The commands run in-process through reader.app.main (the same code path as the installed
`daily-papers` script) so the suite stays fast; every data directory is a tmp_path.
"""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest

from reader.cli.main import main
from reader.core.errors import StateError
from reader.core.models import Flags
from reader.library import Library
from reader.stores.carry import STATE_FORMAT


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def state_document(papers: dict[str, object], version: object = 1) -> dict[str, object]:
    return {"format": STATE_FORMAT, "version": version, "exported_at": "2024-11-20T00:00:00+00:00", "papers": papers}


@pytest.fixture
def library(tmp_path: Path) -> Library:
    """An empty library: merging needs no index, so these tests skip the update."""
    with Library(tmp_path / "fresh") as opened:
        yield opened


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds indexed once, nothing starred; tests that only export share it."""
    data_dir = tmp_path_factory.mktemp("carry") / "data"
    assert main(["--data-dir", str(data_dir), "index"]) == 0
    return data_dir


# -- the round trip the issue asks for -------------------------------------------------------


def test_stars_and_read_marks_survive_export_and_import_into_a_fresh_data_dir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home, laptop, state_file = tmp_path / "home", tmp_path / "laptop", tmp_path / "carry" / "state.json"
    assert cli(capsys, home, "index")[0] == 0
    assert cli(capsys, home, "star", "2407.21783", "2411.12275", "2404.00399")[0] == 0
    assert cli(capsys, home, "read", "2411.12275", "2408.11318")[0] == 0

    code, out, err = cli(capsys, home, "state", "export", "-o", str(state_file))
    assert code == 0 and out == "" and "saved the state of 4 papers" in err
    document = json.loads(state_file.read_text(encoding="utf-8"))
    assert document["format"] == "daily-papers-state" and document["version"] == 1
    assert document["papers"]["2411.12275"] == {"starred": True, "read": True}

    code, out, _err = cli(capsys, laptop, "state", "import", str(state_file))
    assert code == 0 and "3 newly starred, 2 newly marked read" in out

    with Library(home) as before, Library(laptop) as after:
        assert after.all_flags() == before.all_flags()
        assert [paper.arxiv_id for paper in after.papers(starred=True)] == \
               [paper.arxiv_id for paper in before.papers(starred=True)]


def test_state_export_to_stdout_is_the_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cli(capsys, tmp_path / "d", "star", "2411.12275")
    code, out, _err = cli(capsys, tmp_path / "d", "state", "export")
    assert code == 0 and json.loads(out)["papers"] == {"2411.12275": {"starred": True, "read": False}}


# -- merge semantics ---------------------------------------------------------------------------


def test_import_merges_a_star_or_read_mark_from_either_side_wins(library: Library) -> None:
    library.set_starred(["2411.12275"])
    library.set_read(["2407.21783", "2411.12275"])
    report = library.import_state(state_document({
        "2411.12275": {"starred": False, "read": False},  # an older export cannot undo anything
        "2407.21783": {"starred": True, "read": False},
        "2404.00399": {"starred": False, "read": True},
        "2408.11318": {"starred": True},  # a missing flag counts as not set
    }))
    assert library.all_flags() == {
        "2411.12275": Flags(starred=True, read=True),
        "2407.21783": Flags(starred=True, read=True),
        "2404.00399": Flags(starred=False, read=True),
        "2408.11318": Flags(starred=True, read=False),
    }
    assert (report.papers, report.newly_starred, report.newly_read, report.skipped) == (4, 2, 1, ())


def test_importing_the_same_file_twice_changes_nothing_more(library: Library) -> None:
    document = state_document({"2411.12275": {"starred": True, "read": True}})
    library.import_state(document)
    again = library.import_state(document)
    assert (again.newly_starred, again.newly_read) == (0, 0)
    assert library.all_flags() == {"2411.12275": Flags(starred=True, read=True)}


def test_ids_not_in_this_library_are_kept_and_counted(library: Library) -> None:
    report = library.import_state(state_document({"2501.00001": {"starred": True, "read": False}}))
    assert report.not_in_library == 1 and "not in this library yet" in str(report)
    assert library.flags("2501.00001").starred
    assert library.export_state()["papers"] == {"2501.00001": {"starred": True, "read": False}}


def test_version_suffixes_name_one_paper(library: Library) -> None:
    library.import_state(state_document({"2411.12275v2": {"starred": True}, "2411.12275": {"read": True}}))
    assert library.all_flags() == {"2411.12275": Flags(starred=True, read=True)}


def test_invalid_entries_are_skipped_and_reported_the_rest_imported(library: Library) -> None:
    report = library.import_state(state_document({
        "not an id": {"starred": True},
        "2411.12275": {"starred": "yes"},
        "2407.21783": True,
        "2404.00399": {"starred": True, "read": False, "note": "future field"},
    }))
    assert report.papers == 1 and len(report.skipped) == 3
    assert any("not an arXiv id" in message for message in report.skipped)
    assert library.all_flags() == {"2404.00399": Flags(starred=True)}


@pytest.mark.parametrize(("document", "message"), [
    ([], "not a daily-papers state file"),
    ({"format": "something-else", "version": 1, "papers": {}}, "not a daily-papers state file"),
    (state_document({}, version=2), "newer"),
    (state_document({}, version="1"), "invalid version"),
    ({"format": STATE_FORMAT, "version": 1, "papers": []}, "no \"papers\" object"),
])
def test_wrong_format_or_version_is_a_clear_error_and_changes_nothing(
    library: Library, document: object, message: str
) -> None:
    with pytest.raises(StateError, match=message):
        library.import_state(document)
    assert library.all_flags() == {}


def test_cli_import_of_a_bad_file_fails_with_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _out, err = cli(capsys, tmp_path / "d", "state", "import", str(bad))
    assert code == 1 and "not a daily-papers state file" in err and "Traceback" not in err
    code, _out, err = cli(capsys, tmp_path / "d", "state", "import", str(tmp_path / "missing.json"))
    assert code == 1 and "cannot read" in err


# -- the export command --------------------------------------------------------------------------


def test_export_starred_by_default_as_bibtex_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "d"
    cli(capsys, data, "star", "2407.21783", "2411.12275")
    target = tmp_path / "out" / "starred.bib"  # format from the suffix, folder created
    code, out, err = cli(capsys, data, "export", "-o", str(target))
    assert code == 0 and out == "" and "exported 2 entries" in err
    entries = bibtexparser.parse_string(target.read_text(encoding="utf-8")).entries
    assert sorted(entry.fields_dict["eprint"].value for entry in entries) == ["2407.21783", "2411.12275"]
    assert [path.name for path in target.parent.iterdir()] == ["starred.bib"]  # no temporary left behind


def test_export_a_day_as_markdown_to_stdout(capsys: pytest.CaptureFixture[str], indexed: Path) -> None:
    code, out, _err = cli(capsys, indexed, "export", "--date", "2024-07-04", "--format", "markdown")
    assert code == 0
    assert out.startswith("# 읽을 논문 목록: 2024-07-04\n\n논문 9편\n")
    assert out.count("\n## [") == 9


def test_export_search_results_as_json_equals_list_json(capsys: pytest.CaptureFixture[str], indexed: Path) -> None:
    code, out, _err = cli(capsys, indexed, "export", "--search", "Llama", "--format", "json")
    exported = json.loads(out)
    assert code == 0 and "2407.21783" in [paper["arxiv_id"] for paper in exported]
    listed = json.loads(cli(capsys, indexed, "list", "--json")[1])
    assert all(paper in listed for paper in exported)


def test_export_csv_file_keeps_hangul(capsys: pytest.CaptureFixture[str], indexed: Path, tmp_path: Path) -> None:
    target = tmp_path / "day.csv"
    assert cli(capsys, indexed, "export", "--date", "2024-11-20", "-o", str(target))[0] == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "논문".encode() in data


def test_empty_selection_is_a_message_and_a_valid_empty_document(
    capsys: pytest.CaptureFixture[str], indexed: Path
) -> None:
    code, out, err = cli(capsys, indexed, "export", "--format", "json")
    assert code == 0 and json.loads(out) == [] and "nothing to export (no starred papers)" in err


def test_export_usage_errors(capsys: pytest.CaptureFixture[str], indexed: Path) -> None:
    code, _out, err = cli(capsys, indexed, "export")
    assert code == 2 and "--format" in err
    code, _out, err = cli(capsys, indexed, "export", "--search=-excluded", "--format", "json")
    assert code == 2 and "invalid query" in err
    with pytest.raises(SystemExit) as raised:
        main(["--data-dir", str(indexed), "export", "--starred", "--date", "2024-07-04", "--format", "csv"])
    assert raised.value.code == 2
