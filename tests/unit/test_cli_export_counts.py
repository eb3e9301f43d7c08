"""The command line's counts say what was written: entries in the file, every file re-read on a rebuild."""

from __future__ import annotations

from pathlib import Path

from cli_runner import run

DAY = """## Daily Papers ({date})

### [Twice Listed Paper](https://arxiv.org/abs/2503.00009)

Vote: 4

Authors: Kim Minji

- ***What's New***: 두 날에 실린 논문.
"""


def test_export_reports_the_entries_each_format_holds(tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    for date in ("2025-03-03", "2025-03-04"):
        (folder / f"{date}.md").write_text(DAY.format(date=date), encoding="utf-8")
    data_dir = tmp_path / "data"
    assert run(data_dir, "index", str(folder)).returncode == 0
    assert run(data_dir, "star", "2503.00009").returncode == 0
    bib = run(data_dir, "export", "-o", str(tmp_path / "starred.bib"))
    assert bib.stderr.strip() == f"exported 1 entry to {tmp_path / 'starred.bib'}"
    assert (tmp_path / "starred.bib").read_text(encoding="utf-8").count("@misc{") == 1
    csv = run(data_dir, "export", "-o", str(tmp_path / "starred.csv"))
    assert csv.stderr.strip() == f"exported 2 entries to {tmp_path / 'starred.csv'}"  # one row per listing


def test_index_rebuild_reads_every_digest_again(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert run(data_dir, "index").stdout.startswith("5 files (5 parsed")
    assert run(data_dir, "index").stdout.startswith("5 files (0 parsed, 5 unchanged")
    rebuilt = run(data_dir, "index", "--rebuild")
    assert rebuilt.returncode == 0
    assert rebuilt.stdout.startswith("5 files (5 parsed, 0 unchanged, 0 removed), 52 papers")
