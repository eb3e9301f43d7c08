"""Is this the digest of that day? The rules a download must pass, and the cheap look at a day on disk.

A digest opens with its ``## Daily Papers (YYYY-MM-DD)`` header. Before it only a byte order mark,
blank lines, ``# `` title lines, HTML comments (``<!-- ... -->``) and YAML front matter (``---`` at
the very start) may stand: what the digest guide and the parser (reader.core.parse) accept before
the header. The header's date must be the day of the URL, and no paper may be dated otherwise (one
stray ``## Daily Papers (2099-12-31)`` would move every later default range past today).
"""

from __future__ import annotations

import io
import re
import stat
from datetime import date
from pathlib import Path

from reader.core.parse import parse_digest

# The parser's heading rule (up to three spaces, closing #s allowed) for the one level-2 header it keys on.
_HEADER = re.compile(r" {0,3}##[ \t]+Daily Papers \((.*)\)(?:[ \t]+#*)?[ \t]*")
_TITLE = re.compile(r" {0,3}#(?:[ \t].*)?")
_HTML_START = re.compile(r"\s*<(?:!doctype|html|head|body|\?xml)\b", re.IGNORECASE)
HTML_HINTS = ("<!doctype", "<html")
NEAR_THE_START = 1024  # characters looked at for HTML hints
NO_HEADER = "not a digest (it does not open with a '## Daily Papers (' header)"


def download_problem(body: bytes, day: date, source: str) -> str | None:
    """Why a downloaded body must not be kept as the digest of `day`; None when it may."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "not a digest (not UTF-8 text)"
    text = text.removeprefix("\ufeff")
    if _HTML_START.match(text) or any(hint in text[:NEAR_THE_START].lower() for hint in HTML_HINTS):
        return "not a digest (an HTML page)"
    if problem := header_problem(text, day):
        return problem
    others = [dated for dated in parse_digest(text, source).dates if dated != day.isoformat()]
    if others:
        return f"the digest also holds papers dated {others[0]}, not only {day.isoformat()}"
    return None


def header_problem(text: str, day: date) -> str | None:
    """Why `text` does not open with the header of `day`; None when it does."""
    dated = opening_date(text)
    if dated is None:
        return NO_HEADER
    if dated != day.isoformat():
        return f"the digest is dated {dated[:40]}, not {day.isoformat()}"
    return None


def opening_date(text: str) -> str | None:
    """What the opening header says in its parentheses; None when the text does not open with one."""
    in_comment = in_front_matter = False
    for number, raw in enumerate(io.StringIO(text.removeprefix("\ufeff"))):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in line
        elif in_front_matter:
            in_front_matter = stripped not in ("---", "...")
        elif match := _HEADER.fullmatch(line.rstrip()):
            return match[1].strip()
        elif stripped.startswith("<!--"):
            in_comment = "-->" not in stripped[4:]
        elif number == 0 and stripped == "---":
            in_front_matter = True
        elif stripped and not _TITLE.fullmatch(line.rstrip()):
            return None
    return None


def is_whole_day(path: Path, day: date, max_bytes: int) -> bool:
    """A cheap look at a day on disk: a regular, non-empty file, UTF-8, opening with that day's header.

    False means the day is fetched again (a truncated, garbled or foreign file is repaired)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= max_bytes:
            return False
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return header_problem(text, day) is None
