"""The one arXiv-id rule: what an id looks like, its versionless form, its year and its URLs.

Every layer that reads or writes an id (the parser, the command line, the state import, the
exports, the window) uses these functions, so `2411.12275v2`, ` 2411.12275 ` and
`https://arxiv.org/abs/2411.12275v2` always name the same paper as `2411.12275`.
Ids are ASCII: `２４１１.１２２７５` (full-width digits) is not an id.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# New style (0704 onwards): YYMM.NNNN or YYMM.NNNNN; old style: archive[.SC]/YYMMNNN.
_ID_BODY = r"(?:[0-9]{4}\.[0-9]{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/[0-9]{7})"
ARXIV_ID = re.compile(rf"({_ID_BODY})(?:v([0-9]+))?", re.ASCII)
ARXIV_URL = re.compile(
    rf"(?:https?://)?(?:www\.|export\.)?(?i:arxiv\.org)/(?:abs|pdf)/({_ID_BODY})(?:v[0-9]+)?(?:\.pdf)?(?:[/?#].*)?",
    re.ASCII,
)
HF_PAPER_URL = re.compile(
    rf"(?:https?://)?(?:www\.)?(?i:huggingface\.co)/papers/({_ID_BODY})(?:v[0-9]+)?(?:[/?#].*)?", re.ASCII
)
_NEW_STYLE = re.compile(r"([0-9]{2})([0-9]{2})\.[0-9]{4,5}", re.ASCII)
_OLD_STYLE = re.compile(r"[a-z][a-z-]*(?:\.[A-Z]{2})?/([0-9]{2})([0-9]{2})[0-9]{3}", re.ASCII)


def is_arxiv_id(text: str) -> bool:
    """True for an id with or without a version (`2411.12275`, `2411.12275v2`, `hep-th/9901001`)."""
    return ARXIV_ID.fullmatch(text.strip()) is not None


def normalise(arxiv_id: str) -> str:
    """The versionless id a paper is kept under; text that is not an id comes back stripped, unchanged."""
    text = arxiv_id.strip()
    match = ARXIV_ID.fullmatch(text)
    return match[1] if match else text


def version(arxiv_id: str) -> int | None:
    """The version an id names (`2411.12275v2` -> 2), None when it names none."""
    match = ARXIV_ID.fullmatch(arxiv_id.strip())
    return int(match[2]) if match and match[2] else None


def from_url(url: str) -> str | None:
    """The versionless id of an arXiv abstract/PDF link or a Hugging Face paper page, else None."""
    text = url.strip()
    match = ARXIV_URL.fullmatch(text) or HF_PAPER_URL.fullmatch(text)
    return match[1] if match else None


def find(text: str) -> str | None:
    """The id that a typed text names: an id (any version) or an arXiv / Hugging Face URL; else None."""
    return normalise(text) if is_arxiv_id(text) else from_url(text)


def year(arxiv_id: str) -> str | None:
    """The year the id was issued (`2411.12275` -> "2024", `hep-th/9901001` -> "1999"), None if unknown."""
    if match := _NEW_STYLE.fullmatch(arxiv_id):
        return f"20{match[1]}"
    if match := _OLD_STYLE.fullmatch(arxiv_id):
        two_digits = int(match[1])
        return str(1900 + two_digits if two_digits >= 91 else 2000 + two_digits)
    return None


def abs_url(arxiv_id: str) -> str:
    """The canonical abstract page, built from the id (a digest's own link is untrusted text)."""
    return f"https://arxiv.org/abs/{quote(normalise(arxiv_id), safe='./')}"


def pdf_url(arxiv_id: str) -> str:
    """The PDF of the latest version."""
    return f"https://arxiv.org/pdf/{quote(normalise(arxiv_id), safe='./')}"


def hf_url(arxiv_id: str) -> str:
    """The paper's Hugging Face page (comments, votes, linked models)."""
    return f"https://huggingface.co/papers/{quote(normalise(arxiv_id), safe='./')}"
