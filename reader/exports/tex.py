"""Text for BibTeX fields that pdflatex + bibtex typeset in the standard styles (plain, abbrv, alpha, unsrt).

- `$...$` math is kept as math; Unicode in it becomes math commands (`SOTOPIA-$π$` -> `SOTOPIA-$\\pi $`);
- outside math, `& % # _ ^ ~` and stray backslashes are escaped, LaTeX commands are kept, and Unicode
  becomes LaTeX by pylatexenc (`é` -> `{\\'e}`, `π` -> `{\\ensuremath{\\pi}}`, `–` -> `{\\textendash}`),
  each in braces, so BibTeX counts it as one letter when it abbreviates or sorts names;
- braces that do not pair up are made literal, so the entry stays parseable;
- letters of scripts pdflatex cannot typeset without extra packages (Hangul, Chinese, Japanese,
  Cyrillic, ...) stay UTF-8, wrapped in `\\nonlatin{...}`: `NONLATIN_PREAMBLE` defines it to typeset the
  text under XeLaTeX, LuaLaTeX or with kotex loaded, and to print `[?]` under plain pdflatex instead of
  stopping the run with "Unicode character not set up for use with LaTeX".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

NONLATIN = "\\nonlatin"
# One @preamble string: BibTeX copies it to the top of the .bbl (after \begin{document}), hence
# \providecommand (a definition in the document wins) and \ifcsname (works whatever @ means there).
NONLATIN_PREAMBLE = (
    "\\providecommand{\\nonlatin}[1]{\\ifcsname XeTeXrevision\\endcsname #1\\else"
    "\\ifcsname directlua\\endcsname #1\\else\\ifcsname ver@kotex.sty\\endcsname #1\\else"
    "[?]\\fi\\fi\\fi}"
)
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
_TOKENS = re.compile(r"\\[A-Za-z]+|\\[^A-Za-z]|[&%#_^~\\]|[^&%#_^~\\]+")
# The one-character commands LaTeX defines for text (`\&`, `\'e`, `\ `, ...); any other `\X` is a stray backslash.
_CONTROL_SYMBOLS = frozenset("&%#_${} ,;:!'\"`^~=.-/@\\")
_ENSUREMATH = re.compile(r"\\ensuremath\{(.*)\}", re.DOTALL)
# Letters of these scripts pdflatex typesets with its default fonts (OT1/T1 + TS1, accents built).
_TYPESET_SCRIPTS = ("LATIN", "GREEK")


def latex_escape(text: str) -> str:
    """Text for a BibTeX field (see the module's docstring)."""
    text = unicodedata.normalize("NFC", text)
    segments = _UNESCAPED_DOLLAR.split(text)
    if len(segments) % 2 == 0:  # an odd number of `$`: the last one is a dollar sign, not math
        segments[-2:] = [segments[-2] + "\\$" + segments[-1]]
    return "".join(
        "$" + _encode_math(_balance(segment, math=True)) + "$" if index % 2 else _escape_text(segment)
        for index, segment in enumerate(segments)
    )


def _escape_text(text: str) -> str:
    out = []
    for token in _TOKENS.findall(text):
        if token in ("\\{", "\\}"):
            out.append("\\textbraceleft{}" if token == "\\{" else "\\textbraceright{}")
        elif token in "&%#_":
            out.append("\\" + token)
        elif token == "^":
            out.append("\\textasciicircum{}")
        elif token == "~":
            out.append("\\textasciitilde{}")
        elif token == "\\":
            out.append("\\textbackslash{}")
        elif len(token) == 2 and token[1] not in _CONTROL_SYMBOLS:  # `\9`: a stray backslash, not LaTeX
            out.append("\\textbackslash{}" + _escape_text(token[1]))
        elif token.startswith("\\"):
            out.append(token)
        else:
            out.append(_encode_text(token))
    return _balance("".join(out), math=False)


def _encode_text(text: str) -> str:
    """Unicode outside math -> LaTeX, one braced group per character; other scripts in \\nonlatin."""
    out: list[str] = []
    run: list[str] = []  # characters pdflatex cannot typeset, with the spaces between them
    for char in text:
        if char.isascii():
            if char == " " and run:
                run.append(char)
            else:
                _flush(run, out)
                out.append(char)
            continue
        latex = _char_latex(char)
        if latex is None:
            run.append(char)
        else:
            _flush(run, out)
            out.append(latex)
    _flush(run, out)
    return "".join(out)


def _flush(run: list[str], out: list[str]) -> None:
    if not run:
        return
    text = "".join(run)
    body = text.rstrip(" ")
    out.append("{" + NONLATIN + "{" + body + "}}" + text[len(body):])
    run.clear()


def _encode_math(math: str) -> str:
    """Unicode inside math -> math commands (`π` -> `\\pi `); text-only characters in \\mbox;
    `& % #` escaped (in math they would end the line, align or take a parameter)."""
    out: list[str] = []
    escaped = False
    for char in math:
        if char in "&%#" and not escaped:
            out.append("\\" + char)
        elif char.isascii():
            out.append(char)
        elif (latex := _char_latex(char)) is None:
            out.append("\\mbox{" + NONLATIN + "{" + char + "}}")
        elif match := _ENSUREMATH.fullmatch(latex.removeprefix("{").removesuffix("}")):
            out.append(match[1] + (" " if match[1][-1:].isalpha() else ""))
        else:
            out.append("\\mbox{" + latex + "}")
        escaped = char == "\\" and not escaped
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _char_latex(char: str) -> str | None:
    """pylatexenc's LaTeX for one non-ASCII character, braced (`{\\'e}`); None for a character that
    stays UTF-8 in \\nonlatin (a letter of another script, or one pylatexenc has no LaTeX for)."""
    if unicodedata.category(char).startswith("L") and not unicodedata.name(char, "").startswith(_TYPESET_SCRIPTS):
        return None
    latex = str(_encoder().unicode_to_latex(char)).strip()
    if not latex or latex == char or not latex.isascii():
        return None
    return latex


@functools.cache
def _encoder() -> UnicodeToLatexEncoder:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="keep", unknown_char_warning=False)


def _balance(text: str, math: bool) -> str:
    """Replace braces without a partner by commands that print a brace, keeping BibTeX's count even."""
    unmatched: set[int] = set()
    open_positions: list[int] = []
    for position, char in enumerate(text):
        if char == "{":
            open_positions.append(position)
        elif char == "}":
            if open_positions:
                open_positions.pop()
            else:
                unmatched.add(position)
    unmatched.update(open_positions)
    if not unmatched:
        return text
    left, right = ("\\lbrace ", "\\rbrace ") if math else ("\\textbraceleft{}", "\\textbraceright{}")
    out: list[str] = []
    for position, char in enumerate(text):
        if position in unmatched:
            if out and out[-1] == "\\":  # `\{` written in the title: the backslash goes too
                out.pop()
            out.append(left if char == "{" else right)
        else:
            out.append(char)
    return "".join(out)


def uses_nonlatin(text: str) -> bool:
    """True when `text` (a BibTeX document) needs NONLATIN_PREAMBLE."""
    return NONLATIN + "{" in text
