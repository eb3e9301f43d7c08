"""`summarise`: Korean summaries of a Hugging Face day by the reader's own model (see reader.library.living).

    daily-papers summarise --date YYYY-MM-DD [--endpoint URL] [--model NAME]

One line per paper asked (`summarised` or `failed: <reason>`), then a summary; the day is indexed again.
Exit 1 when the endpoint cannot be reached or refuses the key (one sentence, nothing lost), or when every
paper asked failed; 0 otherwise (per-paper failures are listed).
"""

from __future__ import annotations

import argparse
import sys

from reader.cli.argument_types import date_argument
from reader.core.errors import ReaderError
from reader.library import Library, SummaryProgress

EXIT_OK, EXIT_FAILED = 0, 1


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    summarise = commands.add_parser(
        "summarise", parents=[common],
        help="write Korean summaries of a Hugging Face day (fetch --source hf) with your own model")
    summarise.add_argument("--date", required=True, metavar="YYYY-MM-DD", type=date_argument,
                           help="the day fetched from Hugging Face")
    summarise.add_argument("--endpoint", metavar="URL",
                           help="an OpenAI-compatible API (POST URL/chat/completions; default: "
                                "$DAILY_PAPERS_CHAT_ENDPOINT, else a local Ollama, http://localhost:11434/v1). "
                                "The API key comes from $DAILY_PAPERS_API_KEY or the system keyring")
    summarise.add_argument("--model", metavar="NAME", help="model name (default: $DAILY_PAPERS_CHAT_MODEL, "
                                                           "else qwen2.5:7b)")


def run(library: Library, args: argparse.Namespace) -> int | None:
    if args.command != "summarise":
        return None

    def show(step: SummaryProgress) -> None:
        print(f"{step.arxiv_id}  " + (f"failed: {step.reason}" if step.reason else "summarised"), flush=True)

    try:
        model = library.chat_model(args.endpoint, args.model)
        report = library.summarise(args.date, model, progress=show)
    except ReaderError as error:
        print(f"daily-papers: {error}", file=sys.stderr)
        return EXIT_FAILED
    summary = report.summary()
    if report.written:
        library.update()
    print(summary)
    return EXIT_FAILED if report.failed and not report.written else EXIT_OK
