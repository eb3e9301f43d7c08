"""A damage check of a database file (sqlite_files.header_problem) must not drop this process's sqlite locks.

Found with the hub source: the window's worker opened a second Library (reading the catalogue's header),
the update process then deleted the -wal and -shm files under the window's connection, and the window
showed the days as they were before, for good.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.stores.sqlite_files import header_problem


def write_in_another_process(path: Path, value: int) -> None:
    code = (f"import sqlite3; db = sqlite3.connect({str(path)!r}, isolation_level=None); "
            f"db.execute('INSERT INTO t VALUES ({value})'); db.close()")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_connection_sees_other_processes_writes_after_its_file_was_checked(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite"
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("PRAGMA journal_mode=WAL")
    reader.execute("CREATE TABLE t (x)")
    assert header_problem(path) is None  # what opening a second Library in this process does
    for value in (1, 2, 3):
        write_in_another_process(path, value)
        assert reader.execute("SELECT count(*) FROM t").fetchone() == (value,)
    assert Path(f"{path}-wal").exists()  # the other process saw this one and left the log to it
    reader.close()


def test_a_replaced_file_is_checked_as_it_is_now(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    assert header_problem(path) is None
    path.unlink()
    path.write_bytes(b"not a database at all, and long enough to have a header of a hundred bytes" * 2)
    assert header_problem(path) == "not an sqlite database"
