"""Export ▸ from the window, Copy BibTeX, and carrying the reading state to another data directory."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import bibtexparser
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.ui.models.view import View


def save_as(monkeypatch, path: Path, chosen_filter: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), chosen_filter))


def parse_bibtex(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    return library


def test_export_starred_as_bibtex(open_window, monkeypatch, tmp_path: Path) -> None:
    window = open_window()
    ids = sorted({paper.arxiv_id for paper in window.library.papers(date="2024-11-20")})[:3]
    window.library.set_starred(ids)
    target = tmp_path / "starred.bib"
    save_as(monkeypatch, target)
    window.commands["export_starred"].trigger()
    entries = parse_bibtex(target.read_text(encoding="utf-8")).entries
    assert sorted(entry["eprint"] for entry in entries) == ids
    assert {entry.entry_type for entry in entries} == {"misc"}
    assert "starred.bib" in window.statusBar().currentMessage()


def test_export_this_day_as_csv(open_window, monkeypatch, tmp_path: Path) -> None:
    window = open_window()
    window.sidebar.select_view(View("day", "2024-08-22"))
    target = tmp_path / "day.csv"
    save_as(monkeypatch, target)
    window.commands["export_day"].trigger()
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {row["date"] for row in rows} == {"2024-08-22"}
    assert len(rows) == len(window.library.papers(date="2024-08-22"))


def test_export_search_results_as_json(open_window, monkeypatch, tmp_path: Path) -> None:
    window = open_window()
    window.search_bar.field.setText("언어")
    expected = window.library.search("언어", limit=None).total
    assert expected > 0
    target = tmp_path / "search.json"
    save_as(monkeypatch, target)
    window.commands["export_search"].trigger()
    assert len(json.loads(target.read_text(encoding="utf-8"))) == expected


def test_the_chosen_filter_gives_the_format_when_no_suffix_is_typed(open_window, monkeypatch, tmp_path: Path) -> None:
    window = open_window()
    window.sidebar.select_view(View("day", "2024-11-20"))
    save_as(monkeypatch, tmp_path / "reading-list", "Markdown reading list (*.md)")
    window.commands["export_day"].trigger()
    text = (tmp_path / "reading-list.md").read_text(encoding="utf-8")
    assert text.startswith("#") and "2024-11-20" in text and "arxiv.org" in text


def test_copy_bibtex_of_the_current_paper(open_window, qtbot) -> None:
    window = open_window()
    paper = window.paper_list.current_paper()
    assert paper is not None
    QGuiApplication.clipboard().clear()
    control_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.paper_list, "C", modifier=control_shift)  # the shortcut
    entries = parse_bibtex(QGuiApplication.clipboard().text()).entries
    assert len(entries) == 1 and entries[0].entry_type == "misc"
    assert entries[0]["eprint"] == paper.arxiv_id


def test_reading_state_round_trip_into_a_fresh_data_dir(open_window, qtbot, monkeypatch, seeded_data_dir: Path,
                                                       tmp_path: Path) -> None:
    fresh = tmp_path / "other-computer"
    shutil.copytree(seeded_data_dir, fresh)  # the same digests, no state yet
    window = open_window()
    papers = window.library.papers()
    window.library.set_starred([p.arxiv_id for p in papers[:4]])
    window.library.set_read([p.arxiv_id for p in papers[2:7]])
    state_file = tmp_path / "state"
    save_as(monkeypatch, state_file)
    window.commands["export_state"].trigger()
    assert (tmp_path / "state.json").is_file()

    other = open_window(fresh)
    assert other.library.all_flags() == {}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(tmp_path / "state.json"), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    other.commands["import_state"].trigger()
    assert other.library.all_flags() == window.library.all_flags()
    assert "Newly starred: 4" in shown[0]
    assert other.paper_model.flags_of(papers[0].arxiv_id).starred  # the open list shows the stars at once
    assert other.sidebar_model.count("starred") == len(other.library.papers(starred=True)) > 0  # sidebar refreshed


def test_importing_a_file_that_is_not_a_state_export_is_refused(open_window, monkeypatch, tmp_path: Path) -> None:
    window = open_window()
    bogus = tmp_path / "notes.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(bogus), ""))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *rest: warned.append(text))
    window.commands["import_state"].trigger()
    assert warned and window.library.all_flags() == {}

