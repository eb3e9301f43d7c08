"""`trends`, `trends --emerging` and `recap`: the library seen from above (see reader.library.insights).

    daily-papers trends TERM ... [--by week|month] [--since D] [--until D] [--exact] [--json]
    daily-papers trends --emerging [--since D] [--until D] [--limit N] [--json]
    daily-papers recap --week YYYY-Www [--format markdown|html|json] [--lang ko|en] [-o FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.cli.argument_types import date_argument, positive_int
from reader.cli.output import terminal_safe
from reader.core.errors import ReaderError
from reader.core.fs import atomic_write_text
from reader.library import RECAP_FORMATS, RECAP_LANGUAGES, TREND_PERIODS, Library

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_RECAP_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    trends = commands.add_parser(
        "trends", parents=[common], help="each term's share of the papers per week or month; --emerging: rising terms")
    trends.add_argument("terms", nargs="*", metavar="TERM", help="counted as the search counts it (one query each)")
    trends.add_argument("--by", choices=TREND_PERIODS, default="month", help="period of a point (default: month)")
    trends.add_argument("--since", type=date_argument, metavar="YYYY-MM-DD", help="first day counted")
    trends.add_argument("--until", type=date_argument, metavar="YYYY-MM-DD", help="last day counted")
    trends.add_argument("--exact", action="store_true", help="without the glossary's other-language forms")
    trends.add_argument("--emerging", action="store_true",
                        help="terms whose share grew most in the period (default: the last four weeks) "
                             "against the period of the same length before it")
    trends.add_argument("--limit", type=positive_int, default=20, metavar="N", help="emerging terms listed (20)")
    trends.add_argument("--json", action="store_true", help="a JSON list instead of a table")

    recap = commands.add_parser("recap", parents=[common], help="the recap of an ISO week: top papers, groups, stars")
    recap.add_argument("--week", required=True, metavar="YYYY-Www", help="the ISO week, like 2025-W07")
    recap.add_argument("--format", choices=RECAP_FORMATS, help="default: from the -o suffix, else markdown")
    recap.add_argument("--lang", choices=RECAP_LANGUAGES, default="ko", help="language of the headings (ko)")
    recap.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")


def run(library: Library, args: argparse.Namespace) -> int | None:
    if args.command == "trends":
        return _trends(library, args)
    if args.command == "recap":
        return _recap(library, args)
    return None


def _trends(library: Library, args: argparse.Namespace) -> int:
    if args.emerging == bool(args.terms):
        print("daily-papers trends: give one or more terms, or --emerging (not both)", file=sys.stderr)
        return EXIT_USAGE
    if args.since and args.until and args.since > args.until:
        print("daily-papers trends: --since is after --until", file=sys.stderr)
        return EXIT_USAGE
    library.update()
    if args.emerging:
        found = library.emerging_terms(args.since, args.until, args.limit)
        if args.json:
            _print_json([term.as_json() for term in found.terms])
            return EXIT_OK
        print(f"{found.start} to {found.end} ({found.papers} papers) against {found.before_start} to "
              f"{found.before_end} ({found.papers_before} papers)")
        for term in found.terms:
            print(f"{term.papers:>6}  {term.before:>6}  x{term.growth:<7}  {terminal_safe(term.term.label)}")
        return EXIT_OK
    points = library.trends(args.terms, args.by, args.since, args.until, args.exact)
    if args.json:
        _print_json([point.as_json() for point in points])
        return EXIT_OK
    for term in args.terms:
        print(terminal_safe(term))
        for point in (point for point in points if point.term == term):
            print(f"  {point.period:<8}  {point.papers:>6} of {point.total:<6}  {100 * point.share:5.1f}%")
    return EXIT_OK


def _recap(library: Library, args: argparse.Namespace) -> int:
    fmt = args.format or (_RECAP_SUFFIXES.get(Path(args.output).suffix.lower(), "markdown") if args.output
                          else "markdown")
    library.update()
    try:
        text = library.recap_text(args.week, fmt, args.lang)
    except ValueError as error:
        print(f"daily-papers recap: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        atomic_write_text(Path(args.output), text)
    except OSError as error:
        raise ReaderError(f"cannot write {args.output}: {error.strerror or error}") from error
    print(f"recap of {args.week} written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _print_json(objects: list[dict[str, object]]) -> None:
    json.dump(objects, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
