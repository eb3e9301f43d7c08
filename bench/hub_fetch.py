"""How long `fetch --source hf` takes for 30 days of 30 papers from a stub hub on 127.0.0.1, and a second run.

    .venv/bin/python -m bench.hub_fetch

Prints the wall time of each run (fetch, write, index; a separate process as a user runs it) and the number of
requests the stub answered (the second run asks for nothing). Busy machine: the figures are upper bounds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit"))
from http_fixture import DigestServer, Route  # noqa: E402 - the tests' stub server

DAYS, PAPERS = 30, 30


def item(arxiv_id: str, title: str, votes: int) -> dict[str, object]:
    return {"paper": {"id": arxiv_id, "title": title, "authors": [{"name": "Ada Lovelace"}, {"name": "Kurt Gödel"}],
                      "summary": "An abstract of about a thousand characters. " * 25, "upvotes": votes},
            "title": title}


def main() -> None:
    days = [date(2025, 6, 1) + timedelta(days=n) for n in range(DAYS)]
    routes = {f"/api/daily_papers?limit=100&date={day}": Route(json.dumps(
        [item(f"2506.{n * 100 + i:05d}", f"Paper {n}-{i}", i) for i in range(PAPERS)]).encode(),
        content_type="application/json") for n, day in enumerate(days)}
    with DigestServer(routes) as server, tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "HF_ENDPOINT": server.url}
        command = [sys.executable, "-m", "reader", "--data-dir", data, "fetch", "--source", "hf",
                   "--since", days[0].isoformat(), "--until", days[-1].isoformat()]
        for run in ("first", "second"):
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            print(f"{run} run: {time.perf_counter() - started:.2f} s, {sum(server.hits.values())} requests so far; "
                  f"{done.stdout.splitlines()[-1]}")


if __name__ == "__main__":
    main()
