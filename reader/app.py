"""Entry point: the `daily-papers` command line, or the reader window when no command is given.

The command line and its --json output are an interface other tools depend on: extend it,
never change what existing keys and exit codes mean.
Exit codes: 0 done (also when some files were skipped and reported), 1 the operation failed
(unknown paper, unusable state file, ...), 2 usage error or invalid query.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.errors import InvalidQueryError, ReaderError
from reader.core.models import Flags, Paper
from reader.datadir import DATA_DIR_ENV, atomic_write_text

if TYPE_CHECKING:
    from reader.library import Library

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXPORT_FORMATS = ("bibtex", "markdown", "csv", "json")  # reader.export; listed here to keep the import lazy
ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5}|[a-z][a-z.-]*(\.[A-Z]{2})?/\d{7})(v\d+)?$")


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

    listing = commands.add_parser("list", parents=[common], help="list papers, newest day first")
    listing.add_argument("--date", metavar="YYYY-MM-DD", type=_date_argument)
    listing.add_argument("--starred", action="store_true", help="only starred papers")
    listing.add_argument("--unread", action="store_true", help="only unread papers")
    listing.add_argument("--json", action="store_true", help="print a JSON array of paper objects")

    search = commands.add_parser("search", parents=[common], help="Korean-aware full-text search")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument("--json", action="store_true", help="print a JSON array of paper objects with a score")

    show = commands.add_parser("show", parents=[common], help="show one paper (every day it is listed on)")
    show.add_argument("arxiv_id", metavar="ARXIV_ID", type=_arxiv_argument)
    show.add_argument("--json", action="store_true", help="print a JSON array of paper objects")

    for name, summary in (("star", "star papers"), ("unstar", "remove stars"),
                          ("read", "mark papers read"), ("unread", "mark papers unread")):
        flag = commands.add_parser(name, parents=[common], help=summary)
        flag.add_argument("arxiv_ids", nargs="+", metavar="ARXIV_ID", type=_arxiv_argument)

    export = commands.add_parser("export", parents=[common], help="export papers as BibTeX, Markdown, CSV or JSON")
    selection = export.add_mutually_exclusive_group()
    selection.add_argument("--starred", action="store_true", help="the starred papers (the default)")
    selection.add_argument("--date", metavar="YYYY-MM-DD", type=_date_argument, help="the papers of one day")
    selection.add_argument("--search", metavar="QUERY", help="every paper the query matches, best first")
    export.add_argument("--format", choices=EXPORT_FORMATS, help="output format (default: from the suffix of -o)")
    export.add_argument("-o", "--output", metavar="FILE", help="write FILE (whole or not at all) instead of stdout")

    state = commands.add_parser("state", parents=[common], help="carry stars and read marks to another computer")
    state_actions = state.add_subparsers(dest="state_action", metavar="ACTION", required=True)
    state_export = state_actions.add_parser("export", parents=[common], help="write the reading state as JSON")
    state_export.add_argument("-o", "--output", metavar="FILE", help="write FILE instead of stdout")
    state_import = state_actions.add_parser("import", parents=[common],
                                            help="merge a state file: a star or read mark from either side wins")
    state_import.add_argument("file", metavar="FILE")

    fetch = commands.add_parser("fetch", parents=[common],
                                help="download the days a digest archive has and the library lacks, then index them")
    fetch.add_argument("--source", metavar="URL", type=_source_argument,
                       help="base URL whose days are at URL/YYYY/MM/DD.md (default: the public Korean archive)")
    fetch.add_argument("--since", metavar="YYYY-MM-DD", type=_date_argument,
                       help="first day (default: the day after the newest day the library has)")
    fetch.add_argument("--until", metavar="YYYY-MM-DD", type=_date_argument, help="last day (default: today, UTC)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; never lets a traceback reach the user for bad input."""
    if getattr(sys, "frozen", False):  # in a bundle, the window's update child process starts here
        import multiprocessing  # only then: the window imports it after its first paint

        multiprocessing.freeze_support()
    args = build_parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(name)s: %(message)s")
    data_dir = getattr(args, "data_dir", None)
    try:
        if args.command is None:
            from reader.ui.app import run_window  # Qt is imported only for the window

            return run_window(Path(data_dir) if data_dir else None)
        return _run_command(args, data_dir)
    except InvalidQueryError as error:
        print(f"daily-papers: invalid query: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ReaderError as error:
        print(f"daily-papers: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        sys.stderr.close()  # output piped into `head`: not an error
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug, not bad input: say so plainly; --debug shows where
        if debug:
            raise
        print(f"daily-papers: internal error: {error!r} (run with --debug for details)", file=sys.stderr)
        return EXIT_FAILED


def _run_command(args: argparse.Namespace, data_dir: str | None) -> int:
    from reader.library import Library

    with Library(data_dir) as library:
        for warning in library.warnings:
            print(f"daily-papers: {warning}", file=sys.stderr)
        if args.command == "index":
            return _index(library, args.paths)
        if args.command in ("star", "unstar", "read", "unread"):
            return _set_flags(library, args.command, args.arxiv_ids)
        library.update()  # cheap when nothing changed; keeps scripted reads fresh
        if args.command == "list":
            papers = library.papers(date=args.date, starred=args.starred, unread=args.unread)
            _print_papers(library, papers, args.json)
        elif args.command == "search":
            result = library.search(args.query, limit=args.limit)
            scores = [hit.score for hit in result.hits]
            _print_papers(library, [hit.paper for hit in result.hits], args.json, scores)
            if not args.json:
                print(f"{len(result.hits)} of {result.total} matches", file=sys.stderr)
        elif args.command == "export":
            return _export(library, args)
        elif args.command == "state":
            return _state(library, args)
        elif args.command == "fetch":
            return _fetch(library, args)
        else:
            papers = library.papers_for(args.arxiv_id)
            if not papers:
                print(f"daily-papers: {args.arxiv_id} is not in the library", file=sys.stderr)
                return EXIT_FAILED
            if args.json:
                _print_papers(library, papers, True)
            else:
                print(_describe(papers, library.flags(args.arxiv_id)))
    return EXIT_OK


def _index(library: Library, paths: list[str]) -> int:
    if paths:
        library.add_sources(paths)
    report = library.update()
    print(f"{report.files} files ({report.changed} parsed, {report.unchanged} unchanged, {report.removed} removed), "
          f"{report.papers} papers, {report.skipped} skipped, {len(report.problems)} problems")
    for problem in report.problems:
        print(problem)
    return EXIT_OK


def _export(library: Library, args: argparse.Namespace) -> int:
    from reader.export import describe_scope, export_papers, format_for_path

    fmt = args.format or (format_for_path(args.output) if args.output else None)
    if fmt is None:
        print("daily-papers export: give --format (bibtex, markdown, csv or json) or an -o FILE with one of "
              "the suffixes .bib, .md, .csv, .json", file=sys.stderr)
        return EXIT_USAGE
    if args.search is not None:
        papers = [hit.paper for hit in library.search(args.search, limit=None).hits]
        nothing = f"no paper matches {args.search!r}"
    elif args.date:
        papers, nothing = library.papers(date=args.date), f"no papers on {args.date}"
    else:
        papers, nothing = library.papers(starred=True), "no starred papers"
    if not papers:
        print(f"daily-papers: nothing to export ({nothing}); writing an empty document", file=sys.stderr)
    _write_output(export_papers(papers, library.all_flags(), fmt, describe_scope(args.date, args.search)),
                  args.output)
    if args.output and papers:
        print(f"exported {len(papers)} papers to {args.output}", file=sys.stderr)
    return EXIT_OK


def _state(library: Library, args: argparse.Namespace) -> int:
    from reader.carry import export_state, import_state, read_state_file, state_to_text

    if args.state_action == "export":
        document = export_state(library)
        _write_output(state_to_text(document), args.output)
        if args.output:
            print(f"saved the state of {len(document['papers'])} papers to {args.output}", file=sys.stderr)
        return EXIT_OK
    report = import_state(library, read_state_file(args.file))
    print(report)
    for message in report.skipped:
        print(f"daily-papers: skipped {message}", file=sys.stderr)
    return EXIT_OK


def _write_output(text: str, output: str | None) -> None:
    """stdout, or a file written atomically: an interrupted export never leaves half a file."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write_text(Path(output), text)
    except OSError as error:
        raise ReaderError(f"cannot write {output}: {error.strerror or error}") from error


def _fetch(library: Library, args: argparse.Namespace) -> int:
    """One line per day that was not already present, notes on stderr, a summary; then index.
    Exit 1 only when no day could reach the server (see reader.fetch)."""
    from datetime import date

    from reader.fetch import DEFAULT_SOURCE, DayStatus, FetchProgress, fetch_into_library

    since = date.fromisoformat(args.since) if args.since else None
    until = date.fromisoformat(args.until) if args.until else None
    if since and until and since > until:
        print(f"daily-papers: --since {since} is after --until {until}", file=sys.stderr)
        return EXIT_USAGE

    def show(step: FetchProgress) -> None:
        if step.result.status is not DayStatus.PRESENT:
            print(step.result.describe(), flush=True)

    report = fetch_into_library(library, args.source or DEFAULT_SOURCE, since, until, progress=show)
    for note in report.notes:
        print(f"daily-papers: {note}", file=sys.stderr)
    summary = report.summary()
    if report.fetched:
        summary += f"; {library.update().papers} papers in the library"
    print(summary)
    return EXIT_FAILED if report.unreachable else EXIT_OK


def _set_flags(library: Library, command: str, arxiv_ids: list[str]) -> int:
    setter = library.set_starred if command in ("star", "unstar") else library.set_read
    setter(arxiv_ids, command in ("star", "read"))
    for arxiv_id in arxiv_ids:
        if not library.papers_for(arxiv_id):
            print(f"daily-papers: note: {arxiv_id} is not in the library (yet); its state is kept", file=sys.stderr)
    return EXIT_OK


def paper_json(paper: Paper, flags: Flags) -> dict[str, object]:
    """The paper object of the --json contract (exactly these keys; `search` adds `score`)."""
    return {
        "arxiv_id": paper.arxiv_id,
        "date": paper.date,
        "title": paper.title,
        "url": paper.url,
        "votes": paper.votes,
        "authors": list(paper.authors),
        "authors_truncated": paper.authors_truncated,
        "media": {"kind": paper.media.kind, "url": paper.media.url} if paper.media else None,
        "sections": [{"label": section.label, "text": section.text} for section in paper.sections],
        "starred": flags.starred,
        "read": flags.read,
        "source": paper.source,
    }


def _print_papers(library: Library, papers: list[Paper], as_json: bool, scores: list[float] | None = None) -> None:
    all_flags = library.all_flags()
    if as_json:
        objects = [paper_json(paper, all_flags.get(paper.arxiv_id, Flags())) for paper in papers]
        if scores is not None:
            for obj, score in zip(objects, scores, strict=True):
                obj["score"] = round(score, 4)
        json.dump(objects, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    for paper in papers:
        flags = all_flags.get(paper.arxiv_id, Flags())
        marks = ("★" if flags.starred else " ") + (" " if flags.read else "•")
        votes = "-" if paper.votes is None else str(paper.votes)
        print(f"{paper.date}  {votes:>4}  {marks}  {paper.arxiv_id:<10}  {_clip(paper.title, 90)}")


def _describe(papers: list[Paper], flags: Flags) -> str:
    """A readable block for `show`: the first listing in full, the other days named."""
    paper = papers[0]
    authors = ", ".join(paper.authors) + (", …" if paper.authors_truncated else "")
    lines = [
        paper.title,
        paper.url,
        f"arXiv {paper.arxiv_id} · {', '.join(p.date for p in papers)} · votes "
        f"{'-' if paper.votes is None else paper.votes} · {'starred' if flags.starred else 'not starred'}, "
        f"{'read' if flags.read else 'unread'}",
    ]
    if authors:
        lines.append(f"Authors: {authors}")
    if paper.media:
        lines.append(f"{paper.media.kind.capitalize()}: {paper.media.url}")
    for section in paper.sections:
        lines.append("")
        lines.append(f"[{section.label}] {section.text}" if section.label else f"- {section.text}")
    lines.append(f"\nSource: {paper.source}:{paper.line}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    """Cut to `width` terminal columns; Hangul takes two columns each."""
    used = 0
    out: list[str] = []
    for char in text:
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            return "".join(out) + "…"
        out.append(char)
    return text


def _date_argument(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _source_argument(text: str) -> str:
    from reader.fetch import FetchError, check_source

    try:
        return check_source(text)
    except FetchError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _arxiv_argument(text: str) -> str:
    value = text.strip()
    if not ARXIV_ID.match(value):
        raise argparse.ArgumentTypeError(f"not an arXiv id (like 2411.12275): {text!r}")
    return value
