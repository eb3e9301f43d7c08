"""Feature command modules: each adds its own subcommands, so no feature edits the others' code.

A module listed in :data:`FEATURE_COMMANDS` has
``add_parsers(commands, common)`` (adds its subparsers to the ``daily-papers`` grammar) and
``run(library, args) -> int | None`` (runs ``args.command`` when it is one of the module's, and
returns the exit code; returns None when the command is not its own).
"""

from __future__ import annotations

import argparse
from typing import Protocol, TypeAlias

from reader.library import Library

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"  # what `add_subparsers()` returns


class FeatureCommands(Protocol):
    """What main.py and arguments.py need of a feature's command module."""

    def add_parsers(self, commands: Subcommands, common: argparse.ArgumentParser) -> None: ...

    def run(self, library: Library, args: argparse.Namespace) -> int | None: ...


def feature_modules() -> list[FeatureCommands]:
    """The feature command modules, in the order their commands appear in --help."""
    modules: list[FeatureCommands] = []  # each feature appends its module: `from reader.cli import organise`
    from reader.cli import recommend

    modules.append(recommend)
    from reader.cli import insights

    modules.append(insights)
    from reader.cli import organise

    modules.append(organise)
    from reader.cli import living

    modules.append(living)
    return modules
