"""Mute filters in the recap and the exports, as a user runs them on the bundled seeds: a muted paper is
left out unless the reader starred it (an export of the starred papers keeps every starred paper)."""

from __future__ import annotations

import json
from pathlib import Path

from cli_runner import run

MUTED, OTHER = "2411.12275", "2411.12372"  # two papers of the seed day 2024-11-20; "Trust" matches the first


def test_recap_and_day_export_leave_muted_papers_out_starred_export_keeps_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(data, "star", MUTED, OTHER).returncode == 0
    before = run(data, "recap", "--week", "2024-W47", "--format", "json")
    assert before.returncode == 0 and MUTED in before.stdout
    assert run(data, "mute", "add", "Trust").returncode == 0

    recap = run(data, "recap", "--week", "2024-W47", "--format", "json")
    assert recap.returncode == 0 and MUTED not in recap.stdout and OTHER in recap.stdout
    day = run(data, "export", "--date", "2024-11-20", "--format", "json")
    assert day.returncode == 0 and MUTED not in day.stdout and OTHER in day.stdout
    searched = run(data, "export", "--search", "Trust", "--format", "json")
    assert searched.returncode == 0 and MUTED not in searched.stdout  # as before
    starred = run(data, "export", "--starred", "--format", "json")
    assert starred.returncode == 0 and MUTED in starred.stdout and OTHER in starred.stdout

    assert run(data, "mute", "remove", "Trust").returncode == 0
    day = run(data, "export", "--date", "2024-11-20", "--format", "json")
    assert MUTED in day.stdout


def test_trends_leave_muted_papers_out_of_counts_and_totals(tmp_path: Path) -> None:
    data = tmp_path / "data"

    def november() -> dict[str, object]:
        result = run(data, "trends", "Trust", "--json")
        assert result.returncode == 0, result.stderr
        return next(point for point in json.loads(result.stdout) if point["period"] == "2024-11")

    assert november()["papers"] == 1 and november()["total"] == 8
    assert run(data, "mute", "add", "Trust").returncode == 0
    assert november()["papers"] == 0 and november()["total"] == 7  # as the day's list shows it: seven papers
    assert run(data, "mute", "remove", "Trust").returncode == 0
    assert november()["papers"] == 1 and november()["total"] == 8
