"""Organising on the command line: tag/untag, note, queue, saved, mute (the issue's contract, exactly).

Every change is saved in the reading state when the command prints nothing or its one line; papers the
library does not list (yet) are tagged, noted or queued all the same, with a note on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.argument_types import arxiv_argument
from reader.cli.output import note_unlisted, print_papers, terminal_safe
from reader.library import Library

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
COMMANDS = ("tag", "untag", "note", "queue", "saved", "mute")


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """tag, untag, note, queue add|remove|list, saved add|remove|list, mute add|remove|list."""
    for name, summary in (("tag", "tag a paper (tags are words of your own, Korean or English)"),
                          ("untag", "take tags off a paper")):
        tagging = commands.add_parser(name, parents=[common], help=summary)
        tagging.add_argument("arxiv_id", metavar="ARXIV_ID", type=arxiv_argument)
        tagging.add_argument("tags", nargs="+", metavar="TAG")

    note = commands.add_parser("note", parents=[common], help="write (or clear) your Markdown note on a paper")
    note.add_argument("arxiv_id", metavar="ARXIV_ID", type=arxiv_argument)
    text = note.add_mutually_exclusive_group(required=True)
    text.add_argument("text", nargs="?", metavar="TEXT", help="the note; - reads it from standard input")
    text.add_argument("--clear", action="store_true", help="delete the note")

    queue = commands.add_parser("queue", parents=[common], help="the reading queue (Read later)")
    queue_actions = queue.add_subparsers(dest="queue_action", metavar="ACTION", required=True)
    for name, summary in (("add", "put papers at the end of the queue"), ("remove", "take papers off the queue")):
        action = queue_actions.add_parser(name, parents=[common], help=summary)
        action.add_argument("arxiv_ids", nargs="+", metavar="ARXIV_ID", type=arxiv_argument)
    queue_list = queue_actions.add_parser("list", parents=[common], help="the queued papers, in queue order")
    queue_list.add_argument("--json", action="store_true", help="print a JSON array of paper objects")
    queue_list.add_argument("--muted", action="store_true", help="also the papers the mute filters hide")

    saved = commands.add_parser("saved", parents=[common], help="saved searches (smart views with unread counts)")
    saved_actions = saved.add_subparsers(dest="saved_action", metavar="ACTION", required=True)
    saved_add = saved_actions.add_parser("add", parents=[common], help="save a query under a name")
    saved_add.add_argument("name", metavar="NAME")
    saved_add.add_argument("query", metavar="QUERY")
    saved_add.add_argument("--exact", action="store_true", help="search the words as typed (no glossary forms)")
    saved_remove = saved_actions.add_parser("remove", parents=[common], help="forget a saved search")
    saved_remove.add_argument("name", metavar="NAME")
    saved_list = saved_actions.add_parser("list", parents=[common], help="the saved searches with their counts")
    saved_list.add_argument("--json", action="store_true",
                            help="print a JSON array of {name, query, exact, total, unread} objects")

    mute = commands.add_parser("mute", parents=[common], help="mute filters: hide the papers of words or authors")
    mute_actions = mute.add_subparsers(dest="mute_action", metavar="ACTION", required=True)
    for name, summary in (("add", "hide papers with these words (or author:NAME)"), ("remove", "stop hiding them")):
        action = mute_actions.add_parser(name, parents=[common], help=summary)
        action.add_argument("rules", nargs="+", metavar="WORD", help="a word or phrase, or author:NAME")
    mute_list = mute_actions.add_parser("list", parents=[common], help="the mute filters")
    mute_list.add_argument("--json", action="store_true", help="print a JSON array of {rule, papers} objects")


def run(library: Library, args: argparse.Namespace) -> int | None:
    """Run an organising command; None when args.command is another module's."""
    if args.command not in COMMANDS:
        return None
    if args.command in ("tag", "untag"):
        (library.add_tags if args.command == "tag" else library.remove_tags)([args.arxiv_id], args.tags)
        note_unlisted(library, [args.arxiv_id], "kept all the same")
        return EXIT_OK
    if args.command == "note":
        return _note(library, args)
    if args.command == "queue":
        return _queue(library, args)
    if args.command == "saved":
        return _saved(library, args)
    return _mute(library, args)


def _note(library: Library, args: argparse.Namespace) -> int:
    if args.clear:
        library.set_note(args.arxiv_id, "")
        return EXIT_OK
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        print("daily-papers note: the note is empty (use --clear to delete a note)", file=sys.stderr)
        return EXIT_USAGE
    library.set_note(args.arxiv_id, text)
    note_unlisted(library, [args.arxiv_id], "kept all the same")
    return EXIT_OK


def _queue(library: Library, args: argparse.Namespace) -> int:
    if args.queue_action == "add":
        library.enqueue(args.arxiv_ids)
        note_unlisted(library, args.arxiv_ids, "kept all the same")
    elif args.queue_action == "remove":
        removed = library.dequeue(args.arxiv_ids)
        if removed < len(set(args.arxiv_ids)):
            print(f"daily-papers: note: {len(set(args.arxiv_ids)) - removed} of them were not queued", file=sys.stderr)
    else:
        library.update()
        library.show_muted = args.muted  # muted papers are left out, as in the window's Read later and list
        print_papers(library, library.without_muted(library.queued_papers()), args.json)
    return EXIT_OK


def _saved(library: Library, args: argparse.Namespace) -> int:
    if args.saved_action == "add":
        library.update()  # the query is checked against the library
        library.save_search(args.name, args.query, args.exact)
        return EXIT_OK
    if args.saved_action == "remove":
        if not library.remove_saved_search(args.name):
            print(f"daily-papers: no saved search is named {args.name!r}", file=sys.stderr)
            return EXIT_FAILED
        return EXIT_OK
    library.update()
    counted = library.saved_search_counts()
    if args.json:
        objects = [{"name": saved.name, "query": saved.query, "exact": saved.exact, "total": total,
                    "unread": unread} for saved, total, unread in counted]
        print(json.dumps(objects, ensure_ascii=False, indent=1))
        return EXIT_OK
    for saved, total, unread in counted:
        mode = " (exact)" if saved.exact else ""
        print(terminal_safe(f"{saved.name}\t{saved.query}{mode}\t{unread} unread of {total}"))
    return EXIT_OK


def _mute(library: Library, args: argparse.Namespace) -> int:
    if args.mute_action == "add":
        library.add_mutes(args.rules)
        return EXIT_OK
    if args.mute_action == "remove":
        if library.remove_mutes(args.rules) < len(args.rules):
            print("daily-papers: note: some of them were not mute filters", file=sys.stderr)
        return EXIT_OK
    library.update()
    counted = library.mute_counts()
    if args.json:
        print(json.dumps([{"rule": rule, "papers": papers} for rule, papers in counted], ensure_ascii=False, indent=1))
        return EXIT_OK
    for rule, papers in counted:
        print(terminal_safe(f"{rule}\t{papers} papers hidden"))
    return EXIT_OK


def print_tags_and_note(library: Library, arxiv_id: str) -> None:
    """What `show` adds below a paper: its tags and its note, when it has them (terminal-safe)."""
    organised = library.annotations([arxiv_id]).get(arxiv_id)
    if organised is None:
        return
    if organised.tags:
        print(terminal_safe(f"\nTags: {', '.join(organised.tags)}"))
    if organised.note:
        print(terminal_safe(f"\nNote:\n{organised.note.rstrip()}"))


