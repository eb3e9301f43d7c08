"""Bytes of a digest file -> text, with a clear problem instead of an exception.

Upstream digests are UTF-8, but users' copies may carry a BOM, be UTF-16 (Windows
Notepad), be cut short by a failed download, or be re-saved as CP949 by a Korean
Windows editor. Each case either decodes reliably or becomes a per-file Problem:
mis-decoded text would be indexed and shown as garbage, which is worse than a skip.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from reader.core.models import Problem

MAX_FILE_BYTES = 50 * 1024 * 1024

NOT_UTF8 = "not UTF-8 and not recognisable as CP949/EUC-KR; re-save the file as UTF-8"
TRUNCATED = "file ends in the middle of a character (truncated?)"

PROBLEMS: dict[str, str] = {
    "is-a-folder": "is a folder, not a digest file",
    "too-large": "file is larger than {0} MB; skipped",
    "not-found": "file not found",
    "permission-denied": "permission denied",
    "unreadable": "cannot read file: {0}",
    "empty": "empty file; skipped",
    "binary": "binary file; skipped",
    "not-utf8": NOT_UTF8,
    "truncated": TRUNCATED,
}
"""Problem code -> English template (``{0}`` is the Problem's first arg), as in reader.core.parse.PROBLEMS."""

# Bytes that occur in text files; anything else (other control bytes) marks binary data.
_TEXT_BYTES = bytes([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, *range(0x20, 0x7F), *range(0x80, 0x100)])
_BINARY_SAMPLE = 64 * 1024
_MAX_CONTROL_SHARE = 0.05

# CP949 acceptance: random high bytes decode "successfully" as Hangul, so a strict decode
# alone proves nothing. Real Korean prose uses few distinct syllables very often, uses the
# 2,350 KS X 1001 syllables almost exclusively and puts spaces between short words.
_KS_X_1001_HANGUL = frozenset(
    bytes([lead, trail]).decode("euc_kr") for lead in range(0xB0, 0xC9) for trail in range(0xA1, 0xFF)
)
_FREQUENT_SYLLABLES = frozenset(
    "이을다니하는의성를에모한로서기합지델습은적가해과고으터스인능용수정제어데여도사시보트있미생상전리구된오대개"
    "위통방안최법비디와공크며문할연화치간프입운작되반일양자주했라새조분텍및동중소포였결력평실셋형함"
    "나아들우부게장원요만면것말국내회관학경우물무계거년때그저또더많같않없좋알"
)
_HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")
# Non-Hangul characters a Korean text plausibly holds: Latin-1 symbols (×, ·), general
# punctuation, arrows, maths operators, CJK punctuation and full-width forms.
_KOREAN_TEXT_SYMBOL = re.compile("[\u00a0-\u00ff\u2010-\u206f\u2190-\u22ff\u3000-\u303f\uff01-\uff5e]")
_MIN_FREQUENT_SHARE = 0.2
_MAX_MEAN_WORD = 12
_MIN_PLAUSIBLE_SHARE = 0.95


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text, or None with the reason it cannot be used."""

    text: str | None
    encoding: str = "utf-8"
    problems: tuple[Problem, ...] = ()


def read_text(path: Path) -> DecodedText:
    """Read and decode a digest file; every failure becomes a Problem, never an exception."""
    name = str(path)
    try:
        if path.is_dir():
            return _failed(name, "is-a-folder")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _failed(name, "too-large", str(MAX_FILE_BYTES // (1024 * 1024)))
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return _failed(name, "not-found")
    except PermissionError:
        return _failed(name, "permission-denied")
    except OSError as error:
        return _failed(name, "unreadable", str(error.strerror or error))
    if len(data) > MAX_FILE_BYTES:  # grew between stat() and read()
        return _failed(name, "too-large", str(MAX_FILE_BYTES // (1024 * 1024)))
    return decode_bytes(data, name)


def decode_bytes(data: bytes, path: str) -> DecodedText:
    """Decode a digest's bytes: UTF-8 (BOM optional), UTF-16/32 with BOM, or reliable CP949."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            label = "utf-8-sig" if encoding == "utf-8" else encoding[:6]
            return _decode_unicode(data[len(bom) :], encoding, label, path)
    if not data.strip():
        return _failed(path, "empty")
    if _looks_binary(data):
        return _failed(path, "binary")
    return _decode_unicode(data, "utf-8", "utf-8", path)


def _decode_unicode(data: bytes, encoding: str, label: str, path: str) -> DecodedText:
    """Strict decode; a file cut inside its last character keeps the text before the cut."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" or (
            encoding != "utf-8" and error.reason == "truncated data"
        ):
            text = data[: error.start].decode(encoding)
            if not text.strip():
                return _failed(path, "empty")
            return DecodedText(text, label, (Problem.coded(path, _line_count(text), "truncated", TRUNCATED),))
        if encoding == "utf-8":
            korean = _decode_cp949(data)
            if korean is not None:
                return DecodedText(korean, "cp949")
        return _failed(path, "not-utf8", line=_line_count(data[: error.start].decode(encoding, "replace")))
    if "\x00" in text and encoding != "utf-8":
        return _failed(path, "binary")
    if not text.strip():
        return _failed(path, "empty")
    return DecodedText(text, label)


def _decode_cp949(data: bytes) -> str | None:
    """The text if ``data`` is, beyond reasonable doubt, Korean text saved as CP949."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    words = _HANGUL_RUN.findall(text)
    syllables = "".join(words)
    if not syllables:
        return None
    common = sum(1 for syllable in syllables if syllable in _KS_X_1001_HANGUL)
    frequent = sum(1 for syllable in syllables if syllable in _FREQUENT_SYLLABLES)
    symbols = len(_KOREAN_TEXT_SYMBOL.findall(text))
    plausible = (common + symbols) >= _MIN_PLAUSIBLE_SHARE * non_ascii
    prose_like = frequent >= _MIN_FREQUENT_SHARE * len(syllables)
    spaced = len(syllables) / len(words) <= _MAX_MEAN_WORD
    return text if plausible and prose_like and spaced else None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than a few control bytes, mean this is not a text file."""
    if b"\x00" in data:
        return True
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample.translate(None, _TEXT_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _line_count(text: str) -> int:
    """1-based number of the last line of ``text``, counting CRLF, LF and lone CR ends."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def _failed(path: str, code: str, *args: str, line: int = 0) -> DecodedText:
    return DecodedText(None, problems=(Problem.coded(path, line, code, PROBLEMS[code], *args),))
