"""Property: unrecognised lines around well-formed papers never cost them their metadata.

Each generated digest holds one or two well-formed papers (title, arXiv link, media,
vote and authors lines in any order, labelled bullets) with random unknown lines around
and between every line: Korean and Latin words, URLs, stray brackets, HTML fragments,
maths symbols. An unknown line here is one no reader would take for a heading, a list
item, a code fence or a metadata line. Whatever they are and wherever they sit, every
paper keeps what a user sees of it: title, arXiv id, votes, authors, media and labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.models import HF_SITE, Media
from reader.core.parse import parse_digest

# --- unknown lines -------------------------------------------------------------------------------

# Mostly real words with particles (cheap to draw), sometimes random syllables of the whole Hangul block.
HANGUL_WORDS = st.one_of(
    st.sampled_from(
        ["모델", "모델의", "모델은", "LLM을", "이", "논문은", "새로운", "방법을", "제안합니다", "성능이", "결과"]
    ),
    st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=6),
)
LATIN_WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
                      min_size=1, max_size=10)
URLS = st.builds(
    "https://{}/{}".format,
    st.sampled_from(["github.com", "huggingface.co", "arxiv.org/abs", "예시.한국", "cdn.example.org"]),
    st.text(st.sampled_from("abcxyz0129/-_.?=&#"), max_size=20),
)
# Words that may start an unknown line, and words that only may follow one (they would make it markup).
LEADING_ODD_WORDS = st.sampled_from([
    "[", "]", "(", ")", "[x](", "](", "[]", "<b>", "</div>", "<div>", "{", "}", ":", "$\\nabla^2$",
    "M$^{2}$UGen", "𝒵𝒮2𝒵", "×", "∞", "—", "’", "|", ">", "=", "LLM을", "모델은", "[IDK]",
])
INNER_ODD_WORDS = st.sampled_from([
    "![", "*", "**", "_", "`", "~", "#", "-", "+", "Vote:", "Authors:", "[Watch Video]", "1)", "2.",
])
FIRST_WORDS = st.one_of(HANGUL_WORDS, LATIN_WORDS, URLS, LEADING_ODD_WORDS)
WORDS = st.one_of(HANGUL_WORDS, HANGUL_WORDS, LATIN_WORDS, URLS, LEADING_ODD_WORDS, INNER_ODD_WORDS)


def is_unknown(line: str) -> bool:
    """True for a line no reading of the guide takes for structure or metadata (deliberately strict)."""
    text = line.strip()
    if not text or text[0] in "#-*+_`~!":
        return False
    lower = text.lower()
    if lower.startswith(("vote", "author")) or "<video" in lower or re.match(r"\[\s*watch", lower):
        return False
    return re.match(r"[0-9]+[.)]", text) is None


UNKNOWN_LINES = st.builds(
    "{}{} {}".format,
    st.sampled_from(["", "", " ", "  ", "    "]),
    FIRST_WORDS,
    st.lists(WORDS, max_size=5).map(" ".join),
).filter(is_unknown)  # rejects only a rare line, one starting "Votes" or "Author..."
NOISE = st.lists(st.one_of(UNKNOWN_LINES, st.just("")), max_size=2)

# --- well-formed papers --------------------------------------------------------------------------

GUIDE_TITLES = st.sampled_from([
    "A*: Sampling with Stars", "CFG-Zero*: Improved Guidance", "[IDK] Token", "Towards GPT-[n] Agents",
    "Aligning V_AI with Users", "M$^{2}$UGen: 음악 이해", "$\\nabla^2$DFT", "한국어 모델 연구",
])
TITLES = st.one_of(GUIDE_TITLES, UNKNOWN_LINES.map(str.strip).filter(lambda title: "](" not in title))
NAMES = st.one_of(
    st.sampled_from(["Ana Lima", "Efe Mert Çırpar", "Mads Thunø", "Seán O'Neill", "Jean-Luc Picard", "김민수"]),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzÇıøéü가나다라마 '-"), min_size=1, max_size=16)
    .map(str.strip)
    .filter(lambda name: name != "" and not name.startswith("and ")),
)
LABELS = st.sampled_from(
    ["What's New", "Technical Details", "Performance Highlights", "Conclusion", "고찰", "What's New - Related Work"]
)
LABEL_STYLES = st.sampled_from(["***{}***:", "**{}**:", "**{}:**", "***{}*:"])
SUMMARY_TEXT = st.lists(st.one_of(HANGUL_WORDS, LATIN_WORDS), min_size=1, max_size=8).map(" ".join)
HEX = st.text(st.sampled_from("0123456789abcdef"), min_size=4, max_size=12)


@dataclass(frozen=True)
class Expected:
    """A generated paper: its digest lines, grouped into blocks noise may not split, and what must load."""

    blocks: list[list[str]]  # title, then the metadata blocks in any order, then the bullets
    title: str
    arxiv_id: str
    votes: int | None
    authors: tuple[str, ...]
    truncated: bool
    media: Media | None
    sections: list[tuple[str, str]]


@st.composite
def media_lines(draw: st.DrawFn, arxiv_id: str) -> tuple[list[str], Media | None]:
    """No media line, or one of the guide's media forms (a video link with its <video> tag)."""
    name = draw(HEX)
    video = f"https://cdn-uploads.huggingface.co/production/uploads/{name}/demo.mp4"
    tag = f'<div><video controls src="{video}" muted="false"></video></div>'
    thumbnail = f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv_id}.png"
    return draw(st.sampled_from([
        ([], None),
        ([f"![]({thumbnail})"], Media("image", thumbnail)),
        ([f"![](/avatars/{name}.svg)"], Media("image", f"{HF_SITE}/avatars/{name}.svg")),
        (["![]()"], None),
        ([f"[Watch Video]({video})", tag], Media("video", video)),
        ([f"[Watch Video]{video}", tag], Media("video", video)),
        ([f"<video src='{video}'></video>"], Media("video", video)),
    ]))


@st.composite
def papers(draw: st.DrawFn, arxiv_id: str) -> Expected:
    title = draw(TITLES)
    media, shown = draw(media_lines(arxiv_id))
    votes = draw(st.one_of(st.none(), st.just("-"), st.integers(0, 100_000)))
    names = draw(st.lists(NAMES, max_size=6))
    truncated = draw(st.booleans())
    if draw(st.booleans()) and not truncated:
        authors_line = f"Authors: {names!r}"
    else:
        items = [*names]
        if truncated:
            items.insert(draw(st.integers(0, len(items))), "+")
        authors_line = f"Authors: {', '.join(items)}"
    metadata = [media] if media else []
    if votes is not None:
        metadata.append([f"Vote: {votes}"])
    if names or truncated:
        metadata.append([authors_line])
    sections = draw(st.lists(st.tuples(LABELS, SUMMARY_TEXT), min_size=1, max_size=4))
    style = draw(LABEL_STYLES)
    bullets = [f"- {style.format(label)} {text}" for label, text in sections]
    return Expected(
        blocks=[[f"### [{title}](https://arxiv.org/abs/{arxiv_id})"], *draw(st.permutations(metadata)), bullets],
        title=title,
        arxiv_id=arxiv_id,
        votes=votes if isinstance(votes, int) else None,
        authors=tuple(names),
        truncated=truncated,
        media=shown,
        sections=sections,
    )


@st.composite
def digests(draw: st.DrawFn) -> tuple[str, list[Expected]]:
    numbers = draw(st.lists(st.integers(0, 99_999), min_size=1, max_size=2, unique=True))
    expected = [draw(papers(f"2312.{number:05d}")) for number in numbers]
    lines = ["## Daily Papers (2023-12-05)", *draw(NOISE)]
    for paper in expected:
        for block in paper.blocks:
            for line in block:
                lines += [line, *draw(NOISE)]
    return "\n".join(lines) + "\n", expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(digests())
def test_unknown_lines_never_cost_a_paper_its_metadata(case: tuple[str, list[Expected]]) -> None:
    text, expected = case
    digest = parse_digest(text, "noisy.md")
    assert digest.problems == ()
    assert len(digest.papers) == len(expected)
    for paper, want in zip(digest.papers, expected, strict=True):
        assert (paper.title, paper.arxiv_id, paper.url) == (
            want.title, want.arxiv_id, f"https://arxiv.org/abs/{want.arxiv_id}")
        assert (paper.votes, paper.authors, paper.authors_truncated) == (want.votes, want.authors, want.truncated)
        assert paper.media == want.media
        labelled = [section for section in paper.sections if section.label is not None]
        assert [section.label for section in labelled] == [label for label, _ in want.sections]
        for section, (_, summary) in zip(labelled, want.sections, strict=True):
            assert section.text.split("\n")[0] == summary  # unknown lines after a bullet continue it
