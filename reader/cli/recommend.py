"""For you on the command line: dismiss/undismiss ("not interested")."""

from __future__ import annotations

import argparse
import sys

from reader.cli.argument_types import arxiv_argument
from reader.core.errors import ReaderError
from reader.library import Library

EXIT_OK = 0


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """dismiss, undismiss."""
    for name, summary in (("dismiss", 'mark papers "not interested" (For you ranks them out and learns from it)'),
                          ("undismiss", 'take the "not interested" mark back')):
        flag = commands.add_parser(name, parents=[common], help=summary)
        flag.add_argument("arxiv_ids", nargs="+", metavar="ARXIV_ID", type=arxiv_argument)


def run(library: Library, args: argparse.Namespace) -> int | None:
    """Run a For you command; None when args.command is another module's."""
    if args.command in ("dismiss", "undismiss"):
        return _set_dismissed(library, args.arxiv_ids, args.command == "dismiss")
    return None


def _set_dismissed(library: Library, arxiv_ids: list[str], value: bool) -> int:
    library.set_dismissed(arxiv_ids, value)
    try:  # the marks are saved; the note needs the catalogue, which may be rebuilding or unreadable
        unlisted = [arxiv_id for arxiv_id in arxiv_ids if not library.papers_for(arxiv_id)]
    except ReaderError:
        unlisted = []
    for arxiv_id in unlisted:
        print(f"daily-papers: note: {arxiv_id} is not in the library (yet); its state is kept", file=sys.stderr)
    return EXIT_OK
