"""The end of a worker's QThread, one way for every job the window runs on a thread of its own."""

from __future__ import annotations

from PySide6.QtCore import QThread


def end_thread(thread: QThread) -> None:
    """After the job's last signal: the thread quits, is waited for, then is deleted later.

    The caller lets go of the job only after this returns: a QObject deleted while its thread still runs
    crashes the process.
    """
    thread.quit()
    thread.wait()
    thread.deleteLater()
