"""Carry the reading state (stars, read and "not interested" marks) to another computer as a small JSON document.

An entry's "dismissed" (not interested) is optional, so an export made before that mark existed
imports as it is, and an older reader importing a newer export ignores it (the format stays version 1).
Import merges: a star, read or not-interested mark from either side wins and nothing is ever cleared, so
importing an old export, or the same file twice, cannot undo anything.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core import arxiv
from reader.core.errors import StateError
from reader.core.models import Flags
from reader.core.reports import ImportReport
from reader.stores.organise import OrganiseStore
from reader.stores.organise_carry import export_organise, import_organise
from reader.stores.reading_state import StateStore

STATE_FORMAT = "daily-papers-state"
STATE_VERSION = 1
# One import adds at most this many papers: a reader's own state is a few thousand, and a file of
# millions (a mistake, or a hostile file) would make the state file, and every count over it, huge.
MAX_IMPORT_PAPERS = 200_000


def export_state(store: StateStore) -> dict[str, Any]:
    """Every paper with a flag set, as the JSON-ready document `import_state` reads."""
    flags = store.all()
    return {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "papers": {arxiv_id: _entry(flags[arxiv_id]) for arxiv_id in sorted(flags)},
        **export_organise(OrganiseStore(store)),  # tags, notes, queue, saved searches, mutes
    }


def _entry(flags: Flags) -> dict[str, bool]:
    entry = {"starred": flags.starred, "read": flags.read}
    if flags.dismissed:
        entry["dismissed"] = True
    return entry


def state_to_text(document: dict[str, Any]) -> str:
    """The file form of an exported state: indented UTF-8 JSON, ids sorted, so two exports diff cleanly."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def read_state_file(path: Path | str) -> Any:
    """Load a state file as JSON; raises StateError with a message for the user."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise StateError(f"{path}: cannot read: {error.strerror}") from error
    except (UnicodeDecodeError, ValueError) as error:
        raise StateError(f"{path}: not a daily-papers state file (not JSON: {error})") from error


def import_state(store: StateStore, data: Any, listed: Collection[str] | None) -> ImportReport:
    """Merge an exported state into the library's; invalid entries are skipped and reported.

    `listed` holds the arXiv ids the library lists, to tell how many imported ones it does not (yet);
    None when that is not known (the report then counts none as unlisted).
    Raises StateError when `data` is not a state export, comes from a newer version or lists more
    than MAX_IMPORT_PAPERS papers; nothing is imported then.
    """
    papers = _check_document(data)
    if len(papers) > MAX_IMPORT_PAPERS:
        raise StateError(f"the state file lists {len(papers):,} papers, more than the {MAX_IMPORT_PAPERS:,} one "
                         "import accepts; nothing was imported (a reading state is far smaller: is it the right file?)")
    incoming: dict[str, Flags] = {}
    skipped: list[str] = []
    for arxiv_id, value in papers.items():
        problem = _entry_problem(arxiv_id, value)
        if problem:
            skipped.append(f"{arxiv_id!r}: {problem}")
            continue
        key = arxiv.normalise(arxiv_id)
        earlier = incoming.get(key, Flags())  # 2411.12275 and 2411.12275v2 are one paper
        incoming[key] = Flags(earlier.starred or value.get("starred", False), earlier.read or value.get("read", False),
                              earlier.dismissed or value.get("dismissed", False))

    before = store.all()
    store.merge(incoming)
    organised = import_organise(OrganiseStore(store), data, skipped)  # merge rules: reader.stores.organise_carry
    return ImportReport(
        papers=len(incoming),
        newly_starred=sum(1 for i, f in incoming.items() if f.starred and not before.get(i, Flags()).starred),
        newly_read=sum(1 for i, f in incoming.items() if f.read and not before.get(i, Flags()).read),
        not_in_library=0 if listed is None else sum(1 for arxiv_id in incoming if arxiv_id not in listed),
        skipped=tuple(skipped),
        newly_dismissed=sum(1 for i, f in incoming.items() if f.dismissed and not before.get(i, Flags()).dismissed),
        organised=tuple(organised),
    )


def _check_document(data: Any) -> dict[Any, Any]:
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise StateError(f"not a daily-papers state file (expected \"format\": \"{STATE_FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StateError(f"state file has an invalid version: {version!r}")
    if version > STATE_VERSION:
        raise StateError(f"state file version {version} was written by a newer daily-papers; "
                         f"this one reads version {STATE_VERSION}: update the reader first")
    papers = data.get("papers")
    if not isinstance(papers, dict):
        raise StateError("state file has no \"papers\" object")
    return papers


def _entry_problem(arxiv_id: Any, value: Any) -> str | None:
    if not isinstance(arxiv_id, str) or not arxiv.is_arxiv_id(arxiv_id):
        return "not an arXiv id"
    if not isinstance(value, dict):
        return "expected an object with \"starred\" and \"read\""
    if any(not isinstance(value.get(flag, False), bool) for flag in ("starred", "read", "dismissed")):
        return "\"starred\", \"read\" and \"dismissed\" must be true or false"
    return None

