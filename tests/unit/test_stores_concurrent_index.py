"""`index A` and `index B` run at the same moment in two processes: both sources stay in library.json
(its read-modify-write happens under a lock), whichever process writes last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from test_library import write_digest

ROUNDS = 8


def test_two_index_commands_at_once_both_keep_their_source(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("DAILY_PAPERS_DATA_DIR", None)
    for round_ in range(ROUNDS):
        data_dir = tmp_path / f"data-{round_}"
        data_dir.mkdir()
        (data_dir / "library.json").write_text(json.dumps({"version": 1, "sources": ["builtin:seeds"],
                                                           "seeds_hidden": True}), "utf-8")  # quicker updates
        folders = [tmp_path / f"source-{round_}-{name}" for name in "ab"]
        for number, folder in enumerate(folders):
            write_digest(folder / "day.md", "2025-01-02", f"2501.{round_:03d}{number:02d}", f"Paper {number}")
        processes = [subprocess.Popen([sys.executable, "-m", "reader", "--data-dir", str(data_dir), "index",
                                       str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env=env)
                     for folder in folders]
        for process in processes:
            _out, errors = process.communicate(timeout=120)
            assert process.returncode == 0, errors
        listed = json.loads((data_dir / "library.json").read_text("utf-8"))["sources"]
        assert set(listed) == {"builtin:seeds", *(str(folder.resolve()) for folder in folders)}, round_
