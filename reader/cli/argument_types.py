"""Argument types the subcommands share: each rejects bad input with a clear usage message (exit 2)."""

from __future__ import annotations

import argparse

from reader.core import arxiv


def date_argument(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def arxiv_argument(text: str) -> str:
    value = text.strip()
    if not arxiv.is_arxiv_id(value):
        raise argparse.ArgumentTypeError(f"not an arXiv id (like 2411.12275): {text!r}")
    return value
