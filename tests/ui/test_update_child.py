"""The library update's child process never outlives the window, and its failures are sentences with a file.

The child is the real one (background/library_updater.py) with a Library.update that hangs or fails
(tests/hostile/update_children.py, importable in the spawned child by module name)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.fs import UpdateLock
from reader.ui.background import library_updater
from reader.ui.background.library_updater import LibraryUpdater

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
sys.path.insert(0, str(HOSTILE))
import update_children  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to see whether the child is alive")
WAIT_MS = 60_000


def child_pid(qtbot, data_dir: Path) -> int:
    pid_file = data_dir / update_children.PID_FILE
    qtbot.waitUntil(pid_file.exists, timeout=WAIT_MS)
    pid = int(pid_file.read_text())
    assert update_children.is_running(pid)
    return pid


def lock_is_free(data_dir: Path) -> bool:
    try:
        with UpdateLock(data_dir / "update.lock", timeout_s=5.0):
            return True
    except Exception:  # noqa: BLE001 - "another process has been updating ... for too long"
        return False


def test_closing_the_window_ends_a_hung_update_child(open_window, qtbot, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(library_updater, "_child_target", lambda: update_children.update_that_hangs)
    window = open_window(tmp_path / "data")
    window.start_update()
    pid = child_pid(qtbot, tmp_path / "data")
    window.close()  # returns: the child ignores the stop request and SIGTERM, so it is killed
    assert not window.updater.is_running()
    assert not update_children.is_running(pid)
    assert lock_is_free(tmp_path / "data")  # later updates and commands are not blocked


def test_a_child_ends_when_its_parent_dies(tmp_path: Path) -> None:
    """A window killed or crashed (no cleanup at all) leaves no update child holding update.lock."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    parent = f"""
import multiprocessing, os, sys, time
sys.path.insert(0, {str(HOSTILE)!r})
import update_children
if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    stop = context.Event()  # kept: an Event collected before the child has it is gone for the child
    child = context.Process(target=update_children.update_that_hangs,
                            args=({str(data_dir)!r}, sender, stop, 60.0, os.getpid()), daemon=True)
    child.start()
    sender.close()
    receiver.recv()  # its first progress: it holds update.lock now
    print(child.pid, flush=True)
    os._exit(0)  # like a crash: no atexit, no terminate of daemon children
"""
    script = tmp_path / "parent.py"
    script.write_text(parent)
    checkout = Path(__file__).resolve().parents[2]  # this checkout's reader, in the parent and in its child
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(checkout), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                            cwd=checkout, env=environment, check=False)
    assert result.returncode == 0, result.stderr
    pid = int(result.stdout.split()[0])
    deadline = time.monotonic() + 30
    while update_children.is_running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not update_children.is_running(pid)
    assert lock_is_free(data_dir)


@pytest.mark.parametrize("kind", ["TypeError", "IsADirectoryError", "RecursionError", "EOFError"])
def test_an_internal_error_is_a_sentence_with_the_file(qtbot, monkeypatch, tmp_path: Path, kind: str) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "error.txt").write_text(kind)
    monkeypatch.setattr(library_updater, "_child_target", lambda: update_children.update_that_fails)
    updater = LibraryUpdater(data_dir)
    with qtbot.waitSignal(updater.failed, timeout=WAIT_MS) as failed:
        assert updater.start()
    message = failed.args[0]
    assert message.startswith(f"an internal error ({kind}")
    assert message.endswith("while reading /digests/2024/01/02.md")  # the file read last
    assert message != kind


def test_a_real_error_names_its_own_file(qtbot, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "update.lock").mkdir()  # a folder where the lock file goes: IsADirectoryError
    updater = LibraryUpdater(data_dir)
    with qtbot.waitSignal(updater.failed, timeout=WAIT_MS) as failed:
        assert updater.start()
    assert failed.args[0] == (f"an internal error (IsADirectoryError: Is a directory) while reading "
                              f"{data_dir / 'update.lock'}")


def test_describe_error_without_a_file_uses_the_place_given() -> None:
    assert library_updater.describe_error(EOFError(), "/x/y.md") == ("EOFError", "", "/x/y.md")
    assert library_updater.describe_error(IsADirectoryError(21, "Is a directory", "/d/f.md"), "/x") == (
        "IsADirectoryError", "Is a directory", "/d/f.md")
