"""Problems, query errors and refused entries (a bad tag name, ...) in the UI language: the core gives a code
and arguments, these tables the words.

The core keeps English for the command line (``Problem.reason``, the InvalidQueryError message) and adds a
code with its arguments (``Problem.code``/``args``, ``InvalidQueryError.code``/``arguments``). Each code's
English template is written here once more, marked for lupdate, and the Korean catalogue translates it
with the same ``{0}``, ``{1}`` placeholders (tests/ui/test_problem_text.py checks the templates against the
core's). An unknown code shows the English text. A problem or query error without a code (a problem
stored by an older catalogue, an error raised elsewhere without one) is matched against these English
templates, so the window can still say it in the UI language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from PySide6.QtCore import QCoreApplication

from reader.core.errors import InvalidEntryError, InvalidQueryError, ReaderError
from reader.core.models import Problem

CONTEXT = "Problems"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``source`` for translation (lupdate finds it by this name) and returns it unchanged."""
    return source


PROBLEM_TEXTS: Mapping[str, str] = {
    # reader.core.parse.PROBLEMS
    "not-a-digest": QT_TRANSLATE_NOOP("Problems", "no '## Daily Papers (YYYY-MM-DD)' header; not a digest"),
    "unclosed-code-block": QT_TRANSLATE_NOOP(
        "Problems", "code block is never closed; the rest of the file was not read"),
    "invalid-header-date": QT_TRANSLATE_NOOP("Problems", "invalid date {0} in header; its papers are skipped"),
    "no-arxiv-link": QT_TRANSLATE_NOOP("Problems", "paper heading has no arXiv link; skipped"),
    "duplicate-paper": QT_TRANSLATE_NOOP("Problems", "duplicate of line {0}; skipped"),
    "bad-media-link": QT_TRANSLATE_NOOP("Problems", "media link {0} is not a plain http(s) URL; ignored"),
    "bad-vote": QT_TRANSLATE_NOOP("Problems", "vote {0} is not a whole number from 0 to {1}; ignored"),
    "internal-error": QT_TRANSLATE_NOOP("Problems", "internal error while parsing: {0}: {1}"),
    "too-many-papers": QT_TRANSLATE_NOOP(
        "Problems", "more than {0} papers in one file; the papers from here on were not read"),
    "summary-too-long": QT_TRANSLATE_NOOP(
        "Problems", "summary is longer than {0} characters; the rest of this paper's summary was not read"),
    "more-problems": QT_TRANSLATE_NOOP("Problems", "{0} more problems in this file from here on are not listed"),
    "title-too-long": QT_TRANSLATE_NOOP("Problems", "title is longer than {0} characters; cut"),
    "too-many-authors": QT_TRANSLATE_NOOP("Problems", "more than {0} authors; the rest were not read"),
    # reader.core.decode.PROBLEMS
    "is-a-folder": QT_TRANSLATE_NOOP("Problems", "is a folder, not a digest file"),
    "too-large": QT_TRANSLATE_NOOP("Problems", "file is larger than {0} MB; skipped"),
    "not-found": QT_TRANSLATE_NOOP("Problems", "file not found"),
    "permission-denied": QT_TRANSLATE_NOOP("Problems", "permission denied"),
    "unreadable": QT_TRANSLATE_NOOP("Problems", "cannot read file: {0}"),
    "empty": QT_TRANSLATE_NOOP("Problems", "empty file; skipped"),
    "binary": QT_TRANSLATE_NOOP("Problems", "binary file; skipped"),
    "not-utf8": QT_TRANSLATE_NOOP(
        "Problems", "not UTF-8 and not recognisable as CP949/EUC-KR; re-save the file as UTF-8"),
    "truncated": QT_TRANSLATE_NOOP("Problems", "file ends in the middle of a character (truncated?)"),
    # reader.sources.folders.PROBLEMS
    "source-missing": QT_TRANSLATE_NOOP("Problems", "source not found (moved or deleted?); its papers are hidden"),
    "folder-unreadable": QT_TRANSLATE_NOOP("Problems", "cannot read folder: {0}"),
    "file-unreadable": QT_TRANSLATE_NOOP("Problems", "cannot read: {0}"),
    "not-a-regular-file": QT_TRANSLATE_NOOP("Problems", "not a regular file (a pipe or device?); skipped"),
}
"""Problem code -> English template, as the core writes it."""

QUERY_TEXTS: Mapping[str, str] = {
    # reader.index.query.QUERY_ERRORS
    "query-too-long": QT_TRANSLATE_NOOP("Problems", "The query is too long (more than {0} characters)."),
    "query-only-excluded": QT_TRANSLATE_NOOP("Problems", "Add a word to search for: '-word' only excludes papers."),
    "query-empty": QT_TRANSLATE_NOOP("Problems", "There is nothing to search for in this query."),
    "query-too-many-words": QT_TRANSLATE_NOOP(
        "Problems", "The query has too many words and phrases ({0}; at most {1})."),
    # reader.index.cost
    "query-too-broad": QT_TRANSLATE_NOOP(
        "Problems",
        "The query stands for too many different words in the library ({0}; at most {1}): type more of '{2}'."),
    # reader.library.organise_query.ORGANISE_QUERY_ERRORS
    "query-only-excluded-tags": QT_TRANSLATE_NOOP(
        "Problems", "Add a word or a tag:NAME to search for: '-tag:' only excludes papers."),
    "query-tag-empty": QT_TRANSLATE_NOOP("Problems", "Give a tag's name after tag:, like tag:LLM."),
}
"""InvalidQueryError code -> English template."""

ENTRY_TEXTS: Mapping[str, str] = {
    # reader.stores.organise.ENTRY_ERRORS
    "tag-empty": QT_TRANSLATE_NOOP("Problems", "a tag cannot be empty"),
    "tag-too-long": QT_TRANSLATE_NOOP("Problems", "a tag is at most {0} characters: {1}…"),
    "tag-control": QT_TRANSLATE_NOOP("Problems", "a tag cannot contain control characters: {0}"),
    "tag-forbidden": QT_TRANSLATE_NOOP("Problems", "a tag cannot contain {0}: {1}"),
    "mute-empty": QT_TRANSLATE_NOOP("Problems", "a mute rule cannot be empty"),
    "mute-too-long": QT_TRANSLATE_NOOP("Problems", "a mute rule is at most {0} characters: {1}…"),
    "mute-control": QT_TRANSLATE_NOOP("Problems", "a mute rule cannot contain control characters: {0}"),
    "mute-author-empty": QT_TRANSLATE_NOOP("Problems", "give a name after author:, like author:Kim"),
    "mute-no-words": QT_TRANSLATE_NOOP("Problems", "the mute rule {0} has no word to search for"),
    "saved-name-empty": QT_TRANSLATE_NOOP("Problems", "a saved search name cannot be empty"),
    "saved-name-too-long": QT_TRANSLATE_NOOP("Problems", "a saved search name is at most {0} characters: {1}…"),
    "saved-name-control": QT_TRANSLATE_NOOP("Problems", "a saved search name cannot contain control characters: {0}"),
    "saved-query-empty": QT_TRANSLATE_NOOP("Problems", "a saved search needs a query"),
    "note-too-long": QT_TRANSLATE_NOOP("Problems", "the note is longer than {0} characters; it was not saved"),
    "not-an-arxiv-id": QT_TRANSLATE_NOOP("Problems", "not an arXiv id: {0}"),
}
"""InvalidEntryError code -> English template."""


def problem_reason(problem: Problem) -> str:
    """The problem's reason in the UI language (its English reason when the code is not known here)."""
    return _in_ui_language(problem.code, problem.args, problem.reason, PROBLEM_TEXTS)


def problem_line(problem: Problem) -> str:
    """``file:line: reason`` (``file: reason`` for a whole file), the reason in the UI language."""
    reason = problem_reason(problem)
    return f"{problem.path}:{problem.line}: {reason}" if problem.line else f"{problem.path}: {reason}"


def query_message(error: InvalidQueryError) -> str:
    """Why a query cannot be answered, in the UI language."""
    code = getattr(error, "code", "")
    return _in_ui_language(code, tuple(getattr(error, "arguments", ())), str(error), QUERY_TEXTS)


def error_message(error: ReaderError) -> str:
    """A library error in the UI language: a query's or a refused tag's, note's, saved search's or mute
    rule's from its code; any other in the English the library wrote."""
    if isinstance(error, InvalidQueryError):
        return query_message(error)
    if isinstance(error, InvalidEntryError):
        return _in_ui_language(error.code, error.arguments, str(error), ENTRY_TEXTS)
    return str(error)


def _in_ui_language(code: str, args: tuple[str, ...], english: str, table: Mapping[str, str]) -> str:
    template = table.get(code) if code else None
    if template is None:
        if code:
            return english  # a code this window does not know (a newer core): English is still right
        recovered = _recover(english, tuple(table.items()))
        if recovered is None:
            return english
        template, args = recovered
    translated = QCoreApplication.translate(CONTEXT, template)
    try:
        return translated.format(*args)
    except (IndexError, KeyError, ValueError):  # a translation or arguments that do not fit: never fail to say it
        return english


def _recover(english: str, templates: tuple[tuple[str, str], ...]) -> tuple[str, tuple[str, ...]] | None:
    """The template and arguments an English text was made from, or None."""
    for _code, template in templates:
        match = _pattern(template).fullmatch(english)
        if match is not None:
            return template, tuple(match.groups())
    return None


@cache
def _pattern(template: str) -> re.Pattern[str]:
    pieces = re.split(r"\{\d+\}", template)
    return re.compile("(.*?)".join(re.escape(piece) for piece in pieces), re.DOTALL)
