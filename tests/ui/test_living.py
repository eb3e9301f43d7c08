"""The living sources in the window: Hugging Face in the fetch dialog (remembered), Write Korean Summaries
with progress, the background check and its notification, and the first-run / no-new-days texts.

Hugging Face and the chat model are stubs on 127.0.0.1 (tests/unit/http_fixture.py, test_summarise.py).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from test_library_dialog import WAIT_MS, days_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from http_fixture import DigestServer, Route
from test_summarise import KOREAN, ChatServer, good

from reader.ui.background.new_days import CHECK_EVERY_S, NewDaysCheck
from reader.ui.models.view import View

DAY = "2025-06-02"


def hub_item(arxiv_id: str, title: str, votes: int) -> dict:
    return {"paper": {"id": arxiv_id, "title": title, "authors": [{"name": "Ada Lovelace"}],
                      "summary": f"The abstract of {title}.", "upvotes": votes}, "title": title}


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch):
    items = [hub_item("2506.00001", "First Hub Paper", 9), hub_item("2506.00002", "Second Hub Paper", 4)]
    routes = {f"/api/daily_papers?limit=100&date={DAY}": Route(json.dumps(items).encode(),
                                                               content_type="application/json")}
    with DigestServer(routes) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        yield server


def fetch_from_hub(window, qtbot, since: str = DAY, until: str = DAY):
    dialog = window.library_tools.fetch_dialog()
    qtbot.addWidget(dialog)
    dialog.source_choice.setCurrentIndex(dialog.source_choice.findData("hf"))
    dialog.since_edit.setDate(QDate.fromString(since, "yyyy-MM-dd"))
    dialog.until_edit.setDate(QDate.fromString(until, "yyyy-MM-dd"))
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    return dialog


def test_hugging_face_in_the_fetch_dialog_brings_its_day_and_is_remembered(open_window, qtbot, hub) -> None:
    window = open_window()
    dialog = fetch_from_hub(window, qtbot)
    assert not dialog.source_edit.isEnabled()  # no archive URL for the hub
    assert dialog.log_view.toPlainText().splitlines() == [f"{DAY}  fetched"]
    qtbot.waitUntil(lambda: DAY in days_of(window), timeout=WAIT_MS)
    again = window.library_tools.fetch_dialog()
    qtbot.addWidget(again)
    assert again.source_choice.currentData() == "hf"
    again.since_edit.setDate(QDate.fromString(DAY, "yyyy-MM-dd"))
    again.until_edit.setDate(QDate.fromString(DAY, "yyyy-MM-dd"))

    qtbot.mouseClick(again.fetch_button, Qt.MouseButton.LeftButton)  # the day is settled: not asked again
    qtbot.waitUntil(lambda: again.report is not None, timeout=WAIT_MS)
    assert "No new days on Hugging Face" in again.message.text()
    assert sum(hub.hits.values()) == 1


def test_no_new_days_in_the_archive_names_the_other_sources(open_window, qtbot) -> None:
    window = open_window()
    with DigestServer({}) as empty:
        dialog = window.library_tools.fetch_dialog()
        qtbot.addWidget(dialog)
        dialog.source_choice.setCurrentIndex(dialog.source_choice.findData("archive"))
        dialog.source_edit.setText(empty.url + "/paper_logs")
        dialog.since_edit.setDate(QDate(2025, 1, 1))
        dialog.until_edit.setDate(QDate(2025, 1, 2))
        qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    assert "Hugging Face Daily Papers" in dialog.message.text() and "Add Folder" in dialog.message.text()


def test_the_first_run_says_where_new_days_come_from(open_window, qtbot, hub) -> None:
    window = open_window()
    note = window.living.first_run_note
    assert note.isVisible() and "Check for New Digests" in note.text() and "Hugging Face" in note.text()
    fetch_from_hub(window, qtbot)
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=WAIT_MS)  # the library has a source of its own now


def test_the_first_run_note_gives_way_to_a_passing_message(open_window, qtbot) -> None:
    window = open_window()
    note = window.living.first_run_note
    assert note.isVisible()
    window.statusBar().showMessage("Library up to date")  # e.g. an update's result: not drawn under the note
    assert not note.isVisible()
    window.living.refresh()  # a refresh while the message shows does not bring the note back over it
    assert not note.isVisible()
    window.statusBar().clearMessage()
    assert note.isVisible()


def test_write_korean_summaries_on_a_hub_day_with_progress(open_window, qtbot, hub, monkeypatch) -> None:
    from reader.ui.dialogs import summarise_dialog

    window = open_window()
    fetch_from_hub(window, qtbot)
    qtbot.waitUntil(lambda: DAY in days_of(window), timeout=WAIT_MS)
    window.sidebar.select_view(View("day", DAY))
    qtbot.waitUntil(window.living.summarise_button.isVisible)

    seen: dict[str, object] = {}

    def use_dialog(dialog) -> int:
        """What the reader does while the modal dialog is open: endpoint, model, Write Summaries."""
        dialog.endpoint_edit.setText(chat.endpoint)
        dialog.model_edit.setText("stub")
        with qtbot.waitSignal(dialog.summarised, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=WAIT_MS)
        seen.update(lines=dialog.log_view.toPlainText().splitlines(), text=dialog.message.text())
        return 0

    monkeypatch.setattr(summarise_dialog.SummariseDialog, "exec", use_dialog)
    with ChatServer(good) as chat:
        window.living.summarise_day()  # the dialog's `summarised` starts the window's update
    assert seen["lines"] == ["2506.00001  summarised", "2506.00002  summarised"]
    assert "2 summarised" in str(seen["text"])
    assert window.settings.chat_endpoint == chat.endpoint and window.settings.chat_model == "stub"
    qtbot.waitUntil(lambda: window.library.papers_to_summarise(DAY) == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.living.summarise_button.isVisible(), timeout=WAIT_MS)
    paper = window.library.paper("2506.00001", DAY)
    assert paper is not None and paper.sections[0].text == KOREAN["What's New"]


def test_the_api_key_typed_goes_to_the_keyring_never_to_the_settings(open_window, qtbot, monkeypatch) -> None:
    from reader.ui.dialogs import summarise_dialog
    from reader.ui.dialogs.summarise_dialog import SummariseDialog

    stored: list[tuple[str, str]] = []
    monkeypatch.setattr(summarise_dialog, "store_api_key", lambda endpoint, key: stored.append((endpoint, key)))
    window = open_window()
    dialog = SummariseDialog(window.library, DAY, window)
    qtbot.addWidget(dialog)
    with ChatServer(good) as chat:
        dialog.endpoint_edit.setText(chat.endpoint)
        dialog.key_edit.setText("sk-typed")
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=WAIT_MS)
    assert stored == [(chat.endpoint, "sk-typed")] and dialog.key_edit.text() == ""
    assert "the library has no Hugging Face day" in dialog.message.text()  # this day was never fetched
    window.settings.sync()
    settings_file = Path(window.settings._qsettings.fileName())
    assert "sk-typed" not in settings_file.read_text(encoding="utf-8")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def recent_hub(monkeypatch: pytest.MonkeyPatch):
    """The hub with two papers three days ago (a settled day) and nothing since; `.day` is that day."""
    day = datetime.now(UTC).date() - timedelta(days=3)
    items = [hub_item("2599.00001", "Recent One", 3), hub_item("2599.00002", "Recent Two", 2)]
    routes = {f"/api/daily_papers?limit=100&date={day}": Route(json.dumps(items).encode(),
                                                               content_type="application/json")}
    with DigestServer(routes) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        server.day = day
        yield server


def checked_until(folder: Path, day: date) -> None:
    """The hub was checked through `day`: the next default range starts the day after."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".fetch-state.json").write_text(json.dumps({"checked_through": day.isoformat()}))


def test_the_background_check_runs_when_due_and_is_silent_when_nothing_is_new(qtbot, tmp_path, recent_hub) -> None:
    clock, state = FakeClock(), {"enabled": False, "last": 0.0}
    check = NewDaysCheck(tmp_path / "data", lambda: "hf", lambda: state["enabled"], lambda: state["last"],
                         lambda when: state.update(last=when), clock=clock)
    found: list[tuple[int, int]] = []
    check.found.connect(lambda days, papers: found.append((days, len(papers))))
    assert not check.check_if_due()  # off by default: nothing asked
    state["enabled"] = True
    checked_until(tmp_path / "data" / "library" / "hf", recent_hub.day - timedelta(days=1))
    with qtbot.waitSignal(check.checked, timeout=WAIT_MS):
        assert check.check_if_due()
    assert found == [(1, 2)]
    assert state["last"] == clock.now
    assert not check.check_if_due()  # not due again until a few hours have passed
    clock.now += CHECK_EVERY_S
    with qtbot.waitSignal(check.checked, timeout=WAIT_MS):
        assert check.check_if_due()
    assert found == [(1, 2)]  # nothing new: no second report
    assert recent_hub.hits[f"/api/daily_papers?limit=100&date={recent_hub.day}"] == 1  # settled: not asked again
    check.stop()


def test_new_days_from_the_background_check_are_announced_after_their_update(open_window, qtbot,
                                                                            recent_hub) -> None:
    window = open_window()
    notes: list[tuple[str, str]] = []
    window.living._notify = lambda title, text: notes.append((title, text))
    window.settings.fetch_from_hub = True
    checked_until(window.library.hub_folder(), recent_hub.day - timedelta(days=1))
    window.commands["background_check"].setChecked(True)  # turning it on checks at once (never checked before)
    qtbot.waitUntil(lambda: bool(notes), timeout=WAIT_MS)
    assert notes == [("Daily Papers Reader", "2 new papers")]  # no For you part: no stars to learn from
    assert recent_hub.day.isoformat() in days_of(window)
    assert window.settings.background_check


def test_the_notification_says_how_many_new_papers_are_for_you_once_the_reader_has_three_stars(
        open_window, qtbot, monkeypatch) -> None:
    window = open_window()
    starred = window.library.papers(date=window.library.days()[0].date)[:3]
    window.library.set_starred([paper.arxiv_id for paper in starred])
    day = datetime.now(UTC).date() - timedelta(days=3)
    like = {"paper": {"id": "2599.00011", "title": starred[0].title, "authors": [{"name": "Ada Lovelace"}],
                      "summary": " ".join(section.text for section in starred[0].sections), "upvotes": 1},
            "title": starred[0].title}  # what the reader starred, again: For you ranks it first
    unlike = hub_item("2599.00012", "Quokka Husbandry in Alpine Zoos", 50)
    route = Route(json.dumps([like, unlike]).encode(), content_type="application/json")
    with DigestServer({f"/api/daily_papers?limit=100&date={day}": route}) as server:
        monkeypatch.setenv("HF_ENDPOINT", server.url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        notes: list[tuple[str, str]] = []
        window.living._notify = lambda title, text: notes.append((title, text))
        window.settings.fetch_from_hub = True
        checked_until(window.library.hub_folder(), day - timedelta(days=1))
        window.commands["background_check"].setChecked(True)
        qtbot.waitUntil(lambda: bool(notes), timeout=WAIT_MS)
    assert notes == [("Daily Papers Reader", "2 new papers, 1 For you")]


def test_keep_pdf_then_open_pdf_opens_the_copy_kept_here(open_window, qtbot, monkeypatch, opened_urls) -> None:
    from test_pdf_cache import PDF, PdfServer

    from reader.core import arxiv

    window = open_window()
    paper = window.paper_list.current_paper()
    assert paper is not None
    with PdfServer(PDF) as server:
        monkeypatch.setattr(arxiv, "pdf_url", lambda arxiv_id: server.url(arxiv_id))
        window.living.keep_pdf()
        qtbot.waitUntil(lambda: "kept for reading offline" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    kept = window.library.data_dir / "pdfs" / f"{paper.arxiv_id}.pdf"
    assert kept.read_bytes() == PDF
    window.detail.open_pdf()
    assert opened_urls == [Path(kept).as_uri()]


def test_keep_pdf_shows_its_progress_and_cancel_keeps_the_part_for_the_next_try(
        open_window, qtbot, monkeypatch) -> None:
    from test_pdf_cache import PDF, PdfServer

    from reader.core import arxiv

    window = open_window()
    paper = window.paper_list.current_paper()
    assert paper is not None
    part = window.library.data_dir / "pdfs" / f"{paper.arxiv_id}.pdf.part"
    with PdfServer(PDF, stall_after=len(PDF) // 2) as server:
        monkeypatch.setattr(arxiv, "pdf_url", lambda arxiv_id: server.url(arxiv_id))
        window.living.keep_pdf()
        progress = window.living.pdf_progress
        qtbot.waitUntil(lambda: progress.isVisible() and progress.value() > 0, timeout=WAIT_MS)
        assert window.living.pdf_cancel.isVisible()
        assert progress.text().startswith(f"PDF {paper.arxiv_id}: ") and progress.text().endswith("%")
        qtbot.mouseClick(window.living.pdf_cancel, Qt.MouseButton.LeftButton)
        server.release.set()  # the next bytes arrive: the download sees the cancel
        qtbot.waitUntil(lambda: "Stopped downloading" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    assert not progress.isVisible() and not window.living.pdf_cancel.isVisible()
    have = part.stat().st_size
    assert have >= len(PDF) // 2  # kept: the next Keep PDF continues from there
    assert not part.with_suffix("").exists()
    with PdfServer(PDF) as server:
        monkeypatch.setattr(arxiv, "pdf_url", lambda arxiv_id: server.url(arxiv_id))
        window.living.keep_pdf()
        qtbot.waitUntil(lambda: "kept for reading offline" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    assert server.ranges == [f"bytes={have}-"]
    assert part.with_suffix("").read_bytes() == PDF


def test_the_pdfs_of_starred_and_queued_papers_are_kept_when_asked(open_window, qtbot, monkeypatch) -> None:
    from test_pdf_cache import PDF, PdfServer

    from reader.core import arxiv

    window = open_window()
    starred, queued = (paper.arxiv_id for paper in window.library.papers(date="2024-11-20")[:2])
    window.library.set_starred([starred])
    window.library.enqueue([queued])
    assert not window.living.keep_wanted_pdfs()  # off by default: nothing downloaded
    with PdfServer(PDF) as server:
        monkeypatch.setattr(arxiv, "pdf_url", lambda arxiv_id: server.url(arxiv_id))
        window.commands["keep_starred_pdfs"].setChecked(True)
        qtbot.waitUntil(lambda: "Kept 2 PDF(s)" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    folder = window.library.data_dir / "pdfs"
    assert sorted(path.name for path in folder.iterdir()) == sorted([f"{starred}.pdf", f"{queued}.pdf"])
    assert window.settings.keep_starred_pdfs
    assert not window.living.keep_wanted_pdfs()  # all kept: nothing to do
