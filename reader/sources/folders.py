"""Digests on disk: the one walk over the library's files and folders, shared by the update and the watcher.

A source is a digest file or a folder searched recursively for ``*.md``; hidden folders (``.git``) are
skipped and folder links are not followed (no loops). Only regular files count: a FIFO or device named
``x.md`` would block the first read for ever, so it is reported and skipped, without opening it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from reader.core.models import Problem

PROBLEMS: dict[str, str] = {
    "source-missing": "source not found (moved or deleted?); its papers are hidden",
    "folder-unreadable": "cannot read folder: {0}",
    "file-unreadable": "cannot read: {0}",
    "not-a-regular-file": "not a regular file (a pipe or device?); skipped",
}
"""Problem code -> English template, as in reader.core.parse.PROBLEMS."""


def _problem(path: str, code: str, *args: str) -> Problem:
    return Problem.coded(path, 0, code, PROBLEMS[code], *args)


@dataclass(slots=True)
class FolderScan:
    """What one walk found."""

    # path -> (mtime_ns, size, ctime_ns, inode): a rewrite that keeps size and mtime still changes the ctime
    files: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)  # every folder walked: what a watcher watches
    problems: list[Problem] = field(default_factory=list)  # unreadable sources, folders and files


def builtin_seeds_dir() -> Path:
    """The bundled sample digests, wherever the package is installed."""
    return Path(str(resources.files("reader.seeds")))


def scan_sources(roots: Iterable[str | Path]) -> FolderScan:
    """Every digest file of the sources with its stat (see FolderScan), the folders walked, and the problems."""
    scan = FolderScan()
    for raw in roots:
        root = Path(raw)
        if root.is_dir():
            _walk(root, scan)
        elif root.exists():
            scan.folders.add(str(root.parent))  # a file source: its folder tells of a replace-by-rename
            _add_file(root, scan)
        else:
            scan.problems.append(_problem(str(root), "source-missing"))
    return scan


def is_under(path: str, roots: Iterable[str]) -> bool:
    """True when `path` is one of the roots or lies inside one of them."""
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _walk(root: Path, scan: FolderScan) -> None:
    """Depth first, in name order, through os.scandir: the window's watcher walks every few seconds on a thread,
    and a Python thread that holds the GIL makes the window wait (3,600 digests: 30 ms with os.walk and a Path
    for each file, 12 ms so)."""
    folder = str(root)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        scan.problems.append(_problem(str(error.filename or folder), "folder-unreadable", str(error.strerror)))
        return
    scan.folders.add(folder)
    subfolders = []
    for entry in entries:
        if _is_folder(entry):
            if not entry.name.startswith(".") and not entry.is_symlink():  # folder links: no loops
                subfolders.append(entry.path)
        elif entry.name.lower().endswith(".md"):
            _add_entry(entry.path, entry.stat, scan)
    for subfolder in subfolders:
        _walk(Path(subfolder), scan)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _add_file(path: Path, scan: FolderScan) -> None:
    _add_entry(str(path), path.stat, scan)


def _add_entry(path: str, stat_of: Callable[[], os.stat_result], scan: FolderScan) -> None:
    """One digest file with its stat (taken by `stat_of`: a listing's entry has it at hand)."""
    try:
        info = stat_of()  # stat never opens the file: safe on a FIFO
    except FileNotFoundError:
        return  # deleted between listing and looking: the next scan sees it gone
    except OSError as error:
        scan.problems.append(_problem(path, "file-unreadable", str(error.strerror)))
        return
    if not stat.S_ISREG(info.st_mode):
        if not stat.S_ISDIR(info.st_mode):  # a folder named x.md is walked past silently, as before
            scan.problems.append(_problem(path, "not-a-regular-file"))
        return
    scan.files[path] = (info.st_mtime_ns, info.st_size, info.st_ctime_ns, info.st_ino)
