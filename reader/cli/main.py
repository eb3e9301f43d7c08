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
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.cli.arguments import build_parser
from reader.cli.commands import feature_modules
from reader.cli.organise import print_tags_and_note
from reader.cli.output import TerminalProgress, describe, note_unlisted, print_papers, terminal_safe
from reader.core.errors import InvalidQueryError, ReaderError
from reader.core.fs import atomic_write_text
from reader.core.models import Paper
from reader.library import (
    DEFAULT_SOURCE,
    FORMAT_SUFFIXES,
    DayStatus,
    FetchProgress,
    Library,
    entry_count,
    format_for_path,
    read_state_file,
    state_to_text,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; never lets a traceback reach the user for bad input."""
    if getattr(sys, "frozen", False):  # in a bundle, the window's update child process starts here
        import multiprocessing  # only then: the window imports it after its first paint

        multiprocessing.freeze_support()
    args = _window_arguments(sys.argv[1:] if argv is None else argv) or build_parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(name)s: %(message)s")
    data_dir = getattr(args, "data_dir", None)
    try:
        if args.command is None:
            from reader.ui.window.launch import run_window  # Qt is imported only for the window

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


def _window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's start (no command; only ``--data-dir DIR`` / ``--data-dir=DIR`` / ``--debug``) without
    building the grammar of every command (~13 ms before the first frame); None for anything else, which
    the full parser reads (help, version, commands, abbreviations, errors)."""
    found = argparse.Namespace(command=None)
    tokens = list(argv)
    while tokens:
        token = tokens.pop(0)
        if token == "--debug":
            found.debug = True
        elif token == "--data-dir" and tokens and not tokens[0].startswith("-"):
            found.data_dir = tokens.pop(0)
        elif token.startswith("--data-dir=") and token != "--data-dir=":
            found.data_dir = token.removeprefix("--data-dir=")
        else:
            return None
    return found


def _run_command(args: argparse.Namespace, data_dir: str | None) -> int:
    with Library(data_dir) as library:
        for warning in library.warnings:
            print(f"daily-papers: {warning}", file=sys.stderr)
        if args.command == "index":
            return _index(library, args.paths, args.rebuild, args.optimize)
        if args.command in ("star", "unstar", "read", "unread"):
            return _set_flags(library, args.command, args.arxiv_ids)
        if args.command == "state":  # the reader's own marks: never fail on the caches
            if args.state_action == "import":
                _update_if_possible(library)  # so the report can tell which papers this library lists
            return _state(library, args)
        for module in feature_modules():
            code = module.run(library, args)
            if code is not None:
                return code
        library.update()  # cheap when nothing changed; keeps scripted reads fresh
        if args.command == "list":
            papers = library.papers(date=args.date, starred=args.starred, unread=args.unread)
            library.show_muted = args.muted
            papers = library.filter_organised(papers, tag=args.tag, queued=args.queued)
            print_papers(library, papers, args.json)
        elif args.command == "search":
            result = library.search(args.query, limit=args.limit, exact=args.exact)
            scores = [hit.score for hit in result.hits]
            print_papers(library, [hit.paper for hit in result.hits], args.json, scores)
            if not args.json:
                print(f"{len(result.hits)} of {result.total} matches", file=sys.stderr)
        elif args.command == "export":
            return _export(library, args)
        elif args.command == "fetch":
            return _fetch(library, args)
        elif args.command == "zotero":
            return _zotero(library, args)
        elif args.command == "glossary":
            _glossary(library, args.term, args.json)
        else:
            papers = library.papers_for(args.arxiv_id)
            if not papers:
                print(f"daily-papers: {args.arxiv_id} is not in the library", file=sys.stderr)
                return EXIT_FAILED
            if args.json:
                print_papers(library, papers, True)
            else:
                print(describe(papers, library.flags(args.arxiv_id)))
                print_tags_and_note(library, papers[0].arxiv_id)
    return EXIT_OK


def _glossary(library: Library, term: str | None, as_json: bool) -> None:
    entries = library.glossary(term)
    if as_json:
        objects = [{"korean": e.korean, "english": list(e.english), "abbreviations": list(e.abbreviations),
                    "papers": e.papers} for e in entries]
        print(json.dumps(objects, ensure_ascii=False, indent=1))
        return
    for e in entries:
        print(terminal_safe(f"{e.korean}\t{', '.join(e.english) or '-'}\t{', '.join(e.abbreviations) or '-'}\t"
                            f"{e.papers} papers"))
    if not entries:
        print(f"daily-papers: no glossary entry for {term!r}" if term else "daily-papers: the glossary is empty",
              file=sys.stderr)


def _update_if_possible(library: Library) -> None:
    try:
        library.update()
    except ReaderError as error:
        print(f"daily-papers: note: the library could not be updated ({error}); carrying on", file=sys.stderr)


def _index(library: Library, paths: list[str], rebuild: bool, optimize: bool = False) -> int:
    if paths:
        library.add_sources(paths)
    if rebuild:
        library.rebuild()
    progress = TerminalProgress.when_interactive()
    report = library.update(progress=progress)
    if progress:
        progress.finish()
    print(f"{report.files} files ({report.changed} parsed, {report.unchanged} unchanged, {report.removed} removed), "
          f"{report.papers} papers, {report.skipped} skipped, {len(report.problems)} problems")
    if optimize:
        library.optimize_index()
        print("search index merged into one segment")
    for problem in report.problems:
        print(terminal_safe(str(problem)))
    return EXIT_OK


def _export(library: Library, args: argparse.Namespace) -> int:
    fmt = args.format or (format_for_path(args.output) if args.output else None)
    if fmt is None:
        print(f"daily-papers export: give --format ({', '.join(FORMAT_SUFFIXES)}) or an -o FILE with one of "
              f"the suffixes {', '.join(FORMAT_SUFFIXES.values())}", file=sys.stderr)
        return EXIT_USAGE
    if args.search is not None:
        papers = [hit.paper for hit in library.search(args.search, limit=None).hits]
        nothing = f"no paper matches {args.search!r}"
    else:
        papers, nothing = _day_or_starred(library, args.date)
    if not papers:
        print(f"daily-papers: nothing to export ({nothing}); writing an empty document", file=sys.stderr)
    _write_output(library.export(papers, fmt, date=args.date, query=args.search), args.output)
    if args.output and papers:
        entries = entry_count(papers, fmt)
        print(f"exported {entries} {'entry' if entries == 1 else 'entries'} to {args.output}", file=sys.stderr)
    return EXIT_OK


def _day_or_starred(library: Library, date: str | None) -> tuple[list[Paper], str]:
    """The papers of one day less the muted ones (as the day's list shows it), or the starred ones, muted or
    not (starring a paper says more than a mute rule); and how to say there are none."""
    if date:
        return library.without_muted(library.papers(date=date)), f"no papers on {date}"
    return library.papers(starred=True), "no starred papers"


def _zotero(library: Library, args: argparse.Namespace) -> int:
    """One save in Zotero: the papers named (each at its first listing), one day, or the starred ones.
    Every named paper must be in the library before anything is sent."""
    if args.arxiv_ids and (args.starred or args.date):
        print("daily-papers zotero: give paper ids or --starred / --date, not both", file=sys.stderr)
        return EXIT_USAGE
    if args.arxiv_ids:
        papers = []
        for arxiv_id in dict.fromkeys(args.arxiv_ids):
            listed = library.papers_for(arxiv_id)
            if not listed:
                print(f"daily-papers: {arxiv_id} is not in the library; nothing was sent", file=sys.stderr)
                return EXIT_FAILED
            papers.append(listed[0])
        nothing = ""
    else:
        papers, nothing = _day_or_starred(library, args.date)
    if not papers:
        print(f"daily-papers: nothing to send to Zotero ({nothing})", file=sys.stderr)
        return EXIT_OK
    report = library.send_to_zotero(papers, args.connector)
    if not report.checked:
        print("daily-papers: note: Zotero's local API is off, so papers already in Zotero were not looked for "
              "(Zotero → Settings → Advanced: \"Allow other applications on this computer to communicate with "
              "Zotero\")", file=sys.stderr)
    print(report)
    return EXIT_OK


def _state(library: Library, args: argparse.Namespace) -> int:
    if args.state_action == "export":
        document = library.export_state()
        _write_output(state_to_text(document), args.output)
        if args.output:
            print(f"saved the state of {len(document['papers'])} papers to {args.output}", file=sys.stderr)
        return EXIT_OK
    report = library.import_state(read_state_file(args.file))
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

    since = date.fromisoformat(args.since) if args.since else None
    until = date.fromisoformat(args.until) if args.until else None
    if since and until and since > until:
        print(f"daily-papers: --since {since} is after --until {until}", file=sys.stderr)
        return EXIT_USAGE

    def show(step: FetchProgress) -> None:
        if step.result.status is not DayStatus.PRESENT:
            print(step.result.describe(), flush=True)

    report = library.fetch(args.source or DEFAULT_SOURCE, since, until, progress=show)
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
    if command == "read":
        library.finished(arxiv_ids)  # off the reading queue, unless the reader turned that off
    note_unlisted(library, arxiv_ids)
    return EXIT_OK


