"""For you on the command line: recommend, similar, dismiss/undismiss ("not interested").

recommend and similar leave out the papers the mute filters hide, as list does; --muted takes them in.

The --json objects are the list objects exactly as ``list --json`` prints them (reader.cli.output does),
plus "score" and, for recommend, "why" (the reasons in English, never empty).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from contextlib import redirect_stdout

from reader.cli.argument_types import arxiv_argument, date_argument, positive_int
from reader.cli.output import note_unlisted, print_papers, terminal_safe
from reader.core.models import Paper
from reader.library import Library

EXIT_OK = 0
EXIT_FAILED = 1


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """recommend, similar, dismiss, undismiss."""
    recommend = commands.add_parser("recommend", parents=[common],
                                    help="For you: papers ranked by what you starred and marked not interested")
    recommend.add_argument("--date", metavar="YYYY-MM-DD", type=date_argument, help="only the papers of this day")
    recommend.add_argument("--limit", metavar="N", type=positive_int, help="at most N papers")
    recommend.add_argument("--json", action="store_true",
                           help='print a JSON array of paper objects with "score" and "why"')
    similar = commands.add_parser("similar", parents=[common], help="the papers most similar to one paper")
    similar.add_argument("arxiv_id", metavar="ARXIV_ID", type=arxiv_argument)
    similar.add_argument("--limit", metavar="N", type=positive_int, default=10, help="at most N papers (default 10)")
    similar.add_argument("--json", action="store_true", help='print a JSON array of paper objects with "score"')
    for command in (recommend, similar):  # muted papers are left out, as in list
        command.add_argument("--muted", action="store_true", help="also the papers the mute filters hide")
    for name, summary in (("dismiss", 'mark papers "not interested" (For you ranks them out and learns from it)'),
                          ("undismiss", 'take the "not interested" mark back')):
        flag = commands.add_parser(name, parents=[common], help=summary)
        flag.add_argument("arxiv_ids", nargs="+", metavar="ARXIV_ID", type=arxiv_argument)


def run(library: Library, args: argparse.Namespace) -> int | None:
    """Run a For you command; None when args.command is another module's."""
    if args.command in ("dismiss", "undismiss"):
        return _set_dismissed(library, args.arxiv_ids, args.command == "dismiss")
    if args.command == "recommend":
        library.update()  # cheap when nothing changed; keeps scripted reads fresh
        library.show_muted = args.muted
        return _recommend(library, args)
    if args.command == "similar":
        library.update()
        library.show_muted = args.muted
        return _similar(library, args)
    return None


def _recommend(library: Library, args: argparse.Namespace) -> int:
    found = library.recommend(date=args.date, limit=args.limit)
    if not library.for_you().learned:
        print("daily-papers: For you needs 3 starred papers to learn from; until then papers are ordered by votes",
              file=sys.stderr)
    papers = [entry.paper for entry in found]
    scores = [entry.score for entry in found]
    if args.json:
        _print_json(library, papers, scores, [[str(reason) for reason in entry.reasons] for entry in found])
        return EXIT_OK
    for entry in found:
        _print_line(entry.paper, entry.score, str(entry.reasons[0]))
    return EXIT_OK


def _similar(library: Library, args: argparse.Namespace) -> int:
    if not library.papers_for(args.arxiv_id):
        print(f"daily-papers: {args.arxiv_id} is not in the library", file=sys.stderr)
        return EXIT_FAILED
    found = library.similar(args.arxiv_id, args.limit)
    if args.json:
        _print_json(library, [paper for paper, _ in found], [score for _, score in found], None)
        return EXIT_OK
    for paper, score in found:
        _print_line(paper, score, "")
    return EXIT_OK


def _print_json(library: Library, papers: list[Paper], scores: list[float], why: list[list[str]] | None) -> None:
    """The list objects as reader.cli.output prints them (one source for the contract), with "why" added."""
    printed = io.StringIO()
    with redirect_stdout(printed):
        print_papers(library, papers, True, scores)
    objects = json.loads(printed.getvalue())
    for index, obj in enumerate(objects):
        if why is not None:
            obj["why"] = why[index]
    json.dump(objects, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _print_line(paper: Paper, score: float, why: str) -> None:
    votes = "-" if paper.votes is None else str(paper.votes)
    line = f"{paper.date}  {votes:>4}  {score:8.3f}  {paper.arxiv_id:<10}  {terminal_safe(paper.title)}"
    print(line + (f"  ({terminal_safe(why)})" if why else ""))


def _set_dismissed(library: Library, arxiv_ids: list[str], value: bool) -> int:
    library.set_dismissed(arxiv_ids, value)
    note_unlisted(library, arxiv_ids)
    return EXIT_OK
