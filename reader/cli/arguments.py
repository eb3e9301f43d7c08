"""The command line's grammar: `daily-papers --help` prints it; argument types reject bad input early."""

from __future__ import annotations

import argparse

from reader import __version__
from reader.cli.argument_types import arxiv_argument, date_argument, positive_int
from reader.cli.commands import feature_modules
from reader.library import (
    DATA_DIR_ENV,
    DEFAULT_ZOTERO_CONNECTOR,
    EXPORT_FORMATS,
    HUB_SOURCE,
    FetchError,
    ZoteroError,
    check_connector,
    check_source,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument grammar; `daily-papers --help` prints it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help=f"keep library list, index and state here "
                             f"(default: ${DATA_DIR_ENV} or the per-user data folder)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="verbose logging on stderr")

    parser = argparse.ArgumentParser(
        prog="daily-papers", parents=[common],
        description="Read the Korean Hugging Face Daily Papers digests offline. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    index = commands.add_parser("index", parents=[common], help="add files or folders, then update the index")
    index.add_argument("paths", nargs="*", metavar="PATH", help="digest files or folders (searched for *.md)")
    index.add_argument("--rebuild", action="store_true",
                       help="drop the catalogue and search index (caches) and read every digest again")
    index.add_argument("--optimize", action="store_true",
                       help="after the update, merge the search index into one segment (slow on a large library; "
                            "searches are then a little faster)")

    listing = commands.add_parser("list", parents=[common], help="list papers, newest day first")
    listing.add_argument("--date", metavar="YYYY-MM-DD", type=date_argument)
    listing.add_argument("--starred", action="store_true", help="only starred papers")
    listing.add_argument("--unread", action="store_true", help="only unread papers")
    listing.add_argument("--tag", metavar="TAG", help="only papers with this tag")
    listing.add_argument("--queued", action="store_true", help="only papers in the reading queue")
    listing.add_argument("--muted", action="store_true", help="also the papers the mute filters hide")
    listing.add_argument("--json", action="store_true", help="print a JSON array of paper objects")

    search = commands.add_parser("search", parents=[common], help="Korean-aware full-text search")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=positive_int, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument("--json", action="store_true", help="print a JSON array of paper objects with a score")
    search.add_argument("--exact", action="store_true",
                        help="the words as typed: no glossary forms (강화학습 without reinforcement learning or RL)")

    glossary = commands.add_parser("glossary", parents=[common],
                                   help="the Korean-English term pairs mined from the library, with paper counts")
    glossary.add_argument("term", nargs="?", metavar="TERM",
                          help="only the pairs of this term (Korean, English or an abbreviation)")
    glossary.add_argument("--json", action="store_true",
                          help="print a JSON array of {korean, english, abbreviations, papers} objects")

    show = commands.add_parser("show", parents=[common], help="show one paper (every day it is listed on)")
    show.add_argument("arxiv_id", metavar="ARXIV_ID", type=arxiv_argument)
    show.add_argument("--json", action="store_true", help="print a JSON array of paper objects")

    for name, summary in (("star", "star papers"), ("unstar", "remove stars"),
                          ("read", "mark papers read"), ("unread", "mark papers unread")):
        flag = commands.add_parser(name, parents=[common], help=summary)
        flag.add_argument("arxiv_ids", nargs="+", metavar="ARXIV_ID", type=arxiv_argument)

    export = commands.add_parser("export", parents=[common],
                                 help="export papers as BibTeX, RIS, CSL-JSON, Markdown, CSV or JSON")
    selection = export.add_mutually_exclusive_group()
    selection.add_argument("--starred", action="store_true", help="the starred papers (the default)")
    selection.add_argument("--date", metavar="YYYY-MM-DD", type=date_argument, help="the papers of one day")
    selection.add_argument("--search", metavar="QUERY", help="every paper the query matches, best first")
    export.add_argument("--format", choices=EXPORT_FORMATS, help="output format (default: from the suffix of -o)")
    export.add_argument("-o", "--output", metavar="FILE", help="write FILE (whole or not at all) instead of stdout")

    zotero = commands.add_parser("zotero", parents=[common],
                                 help="save papers in the running Zotero app (default: the starred papers)")
    zotero.add_argument("arxiv_ids", nargs="*", metavar="ARXIV_ID", type=arxiv_argument,
                        help="these papers (instead of --starred or --date)")
    zotero_selection = zotero.add_mutually_exclusive_group()
    zotero_selection.add_argument("--starred", action="store_true", help="the starred papers (the default)")
    zotero_selection.add_argument("--date", metavar="YYYY-MM-DD", type=date_argument, help="the papers of one day")
    zotero.add_argument("--connector", metavar="URL", type=_connector_argument,
                        help=f"Zotero's connector server (default: {DEFAULT_ZOTERO_CONNECTOR})")

    state = commands.add_parser("state", parents=[common], help="carry stars and read marks to another computer")
    state_actions = state.add_subparsers(dest="state_action", metavar="ACTION", required=True)
    state_export = state_actions.add_parser("export", parents=[common], help="write the reading state as JSON")
    state_export.add_argument("-o", "--output", metavar="FILE", help="write FILE instead of stdout")
    state_import = state_actions.add_parser("import", parents=[common],
                                            help="merge a state file: a star or read mark from either side wins")
    state_import.add_argument("file", metavar="FILE")

    fetch = commands.add_parser("fetch", parents=[common],
                                help="download the days a digest archive has and the library lacks, then index them")
    fetch.add_argument("--source", metavar="URL|hf", type=_source_argument,
                       help="base URL whose days are at URL/YYYY/MM/DD.md (default: the public Korean archive), "
                            "or hf: Hugging Face Daily Papers itself (English abstracts; see `summarise`)")
    fetch.add_argument("--since", metavar="YYYY-MM-DD", type=date_argument,
                       help="first day (default: the day after the newest day the library has)")
    fetch.add_argument("--until", metavar="YYYY-MM-DD", type=date_argument, help="last day (default: today, UTC)")
    for module in feature_modules():
        module.add_parsers(commands, common)
    return parser


def _source_argument(text: str) -> str:
    if text.strip().lower() == HUB_SOURCE:
        return HUB_SOURCE
    try:
        return check_source(text)
    except FetchError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _connector_argument(text: str) -> str:
    try:
        return check_connector(text)
    except ZoteroError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
