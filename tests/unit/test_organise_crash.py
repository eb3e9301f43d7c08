"""Acknowledged tags and notes survive SIGKILL, and two processes tagging at once lose nothing.

Real processes (tests/unit/organise_worker.py) on a real file, as in test_state_crash.py.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from test_state_crash import kill_after, read_line

from reader.stores.organise import OrganiseStore
from reader.stores.reading_state import StateStore

WORKER = Path(__file__).with_name("organise_worker.py")


def start(db: Path, action: str, prefix: str, start: int, stop: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(WORKER), str(db), action, prefix, str(start), str(stop), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_acknowledged_tags_and_notes_survive_sigkill(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    db = tmp_path / "state.sqlite"
    for action, prefix, max_delay in (("tag", "2501", 0.0), ("tag", "2502", 0.02),
                                      ("note", "2503", 0.0), ("note", "2504", 0.02)):
        worker = start(db, action, prefix, 0, 100_000)
        acknowledged = kill_after(worker, rng.randrange(100, 300), rng.uniform(0, max_delay))
        with StateStore(db) as state:
            organise = OrganiseStore(state)
            if action == "tag":
                kept = {arxiv_id for arxiv_id in organise.tagged("t") if arxiv_id.startswith(prefix)}
            else:
                kept = {arxiv_id for arxiv_id, note in organise.notes().items()
                        if arxiv_id.startswith(prefix) and note.text == f"메모 {arxiv_id}\n" * 20}
        missing = set(acknowledged) - kept
        assert not missing, f"seed {seed}: acknowledged {action}s lost after SIGKILL: {sorted(missing)[:5]}"


def test_two_processes_tagging_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite"
    StateStore(db).close()
    go = tmp_path / "go"
    workers = [start(db, "tag", "2601", 0, 300, "--tag", tag, "--wait-for", str(go)) for tag in ("강화학습", "LLM")]
    for worker in workers:
        assert read_line(worker) == "ready"
    go.touch()
    for worker in workers:
        _out, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, errors
    with StateStore(db) as state:
        tags = OrganiseStore(state).all_tags()
    assert len(tags) == 300
    assert all(found == ("LLM", "강화학습") for found in tags.values())
