"""Acknowledged stars survive SIGKILL, and concurrent writers lose nothing.

These run real processes (tests/unit/state_worker.py) on a real file: a star the app reported
as saved must be there after the process is killed at any moment, and the window and the CLI
writing at once must neither lose a write nor fail with "database is locked".
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from reader.stores.reading_state import StateStore

WORKER = Path(__file__).with_name("state_worker.py")


def start_worker(
    db: Path, action: str, prefix: str, start: int, stop: int, *extra: str
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(db), action, prefix, str(start), str(stop), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_line(worker: subprocess.Popen[str]) -> str:
    assert worker.stdout is not None
    line = worker.stdout.readline()
    if not line:
        worker.wait()
        raise AssertionError(f"worker ended early ({worker.returncode}): {worker.stderr.read()}")
    return line.rstrip("\n")


def kill_after(worker: subprocess.Popen[str], acknowledged_target: int, delay: float) -> list[str]:
    """Let the worker acknowledge some writes, SIGKILL it, and return every id it acknowledged."""
    assert read_line(worker) == "ready"
    acknowledged = [read_line(worker) for _ in range(acknowledged_target)]
    time.sleep(delay)  # the kill lands at an arbitrary point of a later write
    worker.kill()  # SIGKILL on POSIX
    rest, errors = worker.communicate()
    assert worker.returncode != 0, f"worker finished before the kill: {errors}"
    # Lines printed before the kill were acknowledged too; a cut-off last line was not.
    acknowledged += rest.split("\n")[:-1]
    return acknowledged


def test_acknowledged_stars_survive_sigkill(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    db = tmp_path / "state.sqlite"
    total_acknowledged = 0
    # Single stars, then batches of 25 (a batch must land whole or not at all), on the same
    # file each round, so every round also reopens a file left behind by a killed writer.
    # A kill right after an acknowledgement lands at the start of the next write; a delayed one
    # lands mostly inside a commit's fsync, where a writer spends most of its time.
    rounds = [  # (ids per call, id prefix, longest extra delay before the kill)
        (1, "2501", 0.0),
        (1, "2502", 0.01),
        (1, "2503", 0.0),
        (1, "2504", 0.02),
        (25, "2505", 0.0),
        (25, "2506", 0.02),
    ]
    for batch, prefix, max_delay in rounds:
        worker = start_worker(db, "star", prefix, 0, 100_000, "--batch", str(batch))
        acknowledged = kill_after(worker, rng.randrange(150, 400), rng.uniform(0, max_delay))

        with StateStore(db) as store:
            starred = {arxiv_id for arxiv_id in store.starred_ids() if arxiv_id.startswith(prefix)}
        missing = set(acknowledged) - starred
        assert not missing, f"seed {seed}: acknowledged stars lost after SIGKILL: {sorted(missing)[:5]}"
        numbers = sorted(int(arxiv_id.split(".")[1]) for arxiv_id in starred)
        assert numbers == list(range(len(numbers))), f"seed {seed}: a star appeared out of order"
        assert len(numbers) % batch == 0, f"seed {seed}: a batch of {batch} was saved in part"
        total_acknowledged += len(acknowledged)
    assert total_acknowledged >= len(rounds) * 150
    print(f"{len(rounds)} kills, {total_acknowledged} acknowledged stars checked (seed {seed})")


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite"  # does not exist yet: the workers also race to create it
    go = tmp_path / "go"
    plans = [
        ("star", "2601", 0, 300, "1"),
        ("star", "2601", 200, 500, "1"),  # overlaps the first on 200-299
        ("read", "2601", 100, 400, "1"),  # same rows, other flag
        ("star", "2601", 0, 600, "20"),  # overlaps all, in batches
    ]
    workers = [
        start_worker(db, action, prefix, start, stop, "--batch", batch, "--wait-for", str(go))
        for action, prefix, start, stop, batch in plans
    ]
    for worker in workers:
        assert read_line(worker) == "ready"
    go.touch()  # every worker has the store open: now they all write at once

    acknowledged: dict[str, set[str]] = {"star": set(), "read": set()}
    for worker, (action, *_) in zip(workers, plans, strict=True):
        out, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, f"a writer failed: {errors}"
        acknowledged[action] |= set(out.split())

    expected_stars = {f"2601.{number:05d}" for number in range(600)}
    expected_reads = {f"2601.{number:05d}" for number in range(100, 400)}
    assert acknowledged == {"star": expected_stars, "read": expected_reads}
    with StateStore(db) as store:
        assert store.starred_ids() == expected_stars
        assert store.read_ids() == expected_reads
