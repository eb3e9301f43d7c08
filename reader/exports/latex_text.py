"""Titles as readers see them: LaTeX written in a title shown as text (`$VILA^2$` -> VILA², `$\\nabla^2$DFT` -> ∇²DFT).

For display and sorting in the window, and for the plain-text citation formats (RIS, CSL-JSON, Zotero).
Standard library and pylatexenc only (no reader imports), cached, and it never raises: on any
trouble the title comes back as written.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# A title is read as LaTeX only where it looks like LaTeX: between `$` signs and in backslash commands.
# Elsewhere `%`, `&`, `#`, `_`, `~` and `^` are the characters typed (`100% of`, `R&D`, `V_AI`), which
# LaTeX would read as a comment, an alignment, ...: they are hidden from the converter and put back.
_TEXT_SPECIALS = "%&#_~^"
_MATH_SPECIALS = "%&#~"
_PLACEHOLDER_BASE = 0xE000  # Unicode private use: never in a digest title, passed through untouched
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
# `^2`, `^{10}`, `_i`, `_{ij}` written with plain characters: shown as Unicode super- and subscripts.
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}\\]*)\}|([^{}\\\s]))")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def title_text(title: str) -> str:
    """`title` with its LaTeX (math between `$`, commands such as `\\textit{...}`) shown as Unicode text.

    Titles without `$` or `\\` come back unchanged. Never raises: if the LaTeX cannot be read the
    title comes back as written.
    """
    if "$" not in title and "\\" not in title:
        return title
    try:
        return _convert(title) or title
    except Exception:  # noqa: BLE001 - a display helper: any failure shows the title as written
        return title


def _convert(title: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text  # imported on the first LaTeX title, not at start-up

    segments = _UNESCAPED_DOLLAR.split(title)
    if len(segments) % 2 == 0:  # an odd number of `$`: the last one is a dollar sign
        segments[-2:] = [segments[-2] + "\\$" + segments[-1]]
    source = "".join(
        "$" + _hide(_scripts(segment), _MATH_SPECIALS) + "$" if index % 2 else _hide(segment, _TEXT_SPECIALS)
        for index, segment in enumerate(segments)
    )
    text = LatexNodes2Text(math_mode="text", strict_latex_spaces=False).latex_to_text(source)
    return _SPACES.sub(" ", _reveal(text)).strip()


def _hide(text: str, specials: str) -> str:
    """Replace unescaped special characters by private-use placeholders (`\\%` stays LaTeX's own)."""
    out: list[str] = []
    escaped = False
    for char in text:
        if char in specials and not escaped:
            out.append(chr(_PLACEHOLDER_BASE + _TEXT_SPECIALS.index(char)))
        else:
            out.append(char)
        escaped = char == "\\" and not escaped
    return "".join(out)


def _reveal(text: str) -> str:
    for index, char in enumerate(_TEXT_SPECIALS):
        text = text.replace(chr(_PLACEHOLDER_BASE + index), char)
    return text


def _scripts(math: str) -> str:
    """`x^2` -> `x²`, `a_{ij}` -> `aᵢⱼ` when every character has a Unicode super-/subscript form;
    other scripts are left for the converter, which shows them as `^...` and `_...`."""

    def replace(match: re.Match[str]) -> str:
        body = match[2] if match[2] is not None else match[3]
        converted = [_script_char(char, superscript=match[1] == "^") for char in body]
        if not body or None in converted:
            return match[0]
        return "".join(char for char in converted if char is not None)

    return _SCRIPT.sub(replace, math)


@functools.lru_cache(maxsize=512)
def _script_char(char: str, superscript: bool) -> str | None:
    """The Unicode superscript or subscript form of one character, from the Unicode names
    (SUPERSCRIPT TWO, LATIN SUBSCRIPT SMALL LETTER I, ...), or None when it has none in the BMP."""
    name = unicodedata.name(char, "")
    if name.startswith("DIGIT "):
        name = name.removeprefix("DIGIT ")
    name = {"HYPHEN-MINUS": "MINUS"}.get(name, name)
    kind = "SUPERSCRIPT" if superscript else "SUBSCRIPT"
    candidates = [f"{kind} {name}"]
    if name.startswith("LATIN SMALL LETTER "):
        candidates.append(f"LATIN {kind} {name.removeprefix('LATIN ')}")
    for candidate in candidates:
        try:
            found = unicodedata.lookup(candidate)
        except KeyError:
            continue
        if ord(found) < 0x10000:  # outside the BMP most fonts have no glyph: keep `^x`
            return found
    return None
