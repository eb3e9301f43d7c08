"""The window's start reads its few arguments without the full grammar; it must read them as the grammar does."""

from __future__ import annotations

import pytest

from reader.cli.arguments import build_parser
from reader.cli.main import _window_arguments


@pytest.mark.parametrize("argv", [[], ["--data-dir", "/d"], ["--data-dir=/d"], ["--debug"],
                                  ["--data-dir", "/a", "--debug", "--data-dir=/b"]])
def test_the_window_start_reads_its_arguments_as_the_full_parser_does(argv: list[str]) -> None:
    assert _window_arguments(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["list"], ["--data-dir"], ["--data-dir", "-x"],
                                  ["--data-dir="], ["--data", "/d"], ["--data-dir", "/d", "search", "x"]])
def test_anything_else_is_left_to_the_full_parser(argv: list[str]) -> None:
    assert _window_arguments(argv) is None
