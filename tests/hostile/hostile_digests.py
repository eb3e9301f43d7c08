"""Hostile digests, generated on demand: each function returns the text of one paper's summary, or writes a
whole digest, so a test makes only what it needs (and only as large as it needs: sizes are arguments).

Used by tests/hostile (parser, renderer), tests/ui (the detail pane and the window) and bench/gui_stall.py.
Each case once froze or broke the window:

    deep_bullets(levels)      nested bullets, two spaces per level (800 levels froze the window 16-18 s)
    many_dashes(count)        one line of "- - - ... x" (500: RecursionError in Python-Markdown)
    huge_line(chars, word)    one summary line of `chars` characters (48 MB rendered for minutes)
    many_headings(count)      "#### h" lines (a million: minutes)
    many_brackets(count)      "[a" repeated: Python-Markdown's link parsing takes the square of the count
    html_script()             raw HTML, scripts, handlers, local and javascript: links, an image to 127.0.0.1
    rtl_override()            U+202E RIGHT-TO-LEFT OVERRIDE and friends in the title and the summary
    control_characters()      C0/C1 controls, NUL excepted (a NUL makes the file binary)

Whole files (a case of their own: they are not one paper's summary):

    duplicate_headings(count) one paper's heading `count` more times (a million: 13 s and 700 MB per command)
    empty_files(folder, count) `count` empty *.md files (50,000: 3-4 s per command)

``write_digest(folder, cases)`` writes one day with one paper per case and returns the path and the
arXiv id of each case's paper.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

DATE = "2024-02-29"


def deep_bullets(levels: int = 800) -> str:
    return "\n".join(f"{'  ' * level}- level {level}" for level in range(levels))


def many_dashes(count: int = 600) -> str:
    return "- " * count + "x"


def huge_line(chars: int = 2_000_000, word: str = "초거대 언어모델 ") -> str:
    """One line of ``chars`` characters; ``word="abcdefgh"`` makes it one unbroken word (slow for Qt to lay out).

    Not an unbroken *Hangul* word of more than a few thousand characters: the search index needs time and
    memory growing with the square of its length (50,000 characters: 48 s and 2.4 GB; 300,000: MemoryError).
    """
    return "- " + (word * (chars // len(word) + 1))[:chars]


def many_headings(count: int = 1_000_000) -> str:
    return "- 시작\n" + "#### h\n" * count


def many_brackets(count: int = 5_000) -> str:
    return "- " + "[a" * count


def html_script() -> str:
    return "\n".join([
        "- <script>alert('digest')</script> 스크립트",
        '- <img src="x" onerror="alert(1)"> 이미지',
        "- ![내부](http://127.0.0.1:9/secret.png) 루프백 이미지",
        "- ![메타데이터](http://169.254.169.254/latest/meta-data/) 링크-로컬",
        "- [로컬 파일](file:///etc/passwd) [스크립트](javascript:alert(1))",
        '- <a href="file:///home/user/.ssh/id_rsa">key</a> <iframe src="https://evil.example/"></iframe>',
        "- 코드 `a<b && c>d` 와 `<script>` 는 글자 그대로",
    ])


def rtl_override() -> str:
    return "- \u202eevil.exe\u202c \u2066isolated\u2069 \u200fRLM\u200e 텍스트\n- ‮gnp.exe"


def control_characters() -> str:
    controls = "".join(chr(code) for code in [*range(1, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)])
    return f"- 제어 문자 {controls} 끝\n- \x1b[31m빨강\x1b[0m \x07벨 \x08백스페이스"


CASES: Mapping[str, Callable[[], str]] = {
    "deep_bullets": deep_bullets,
    "many_dashes": many_dashes,
    "huge_line": huge_line,
    "many_headings": many_headings,
    "many_brackets": many_brackets,
    "html_script": html_script,
    "rtl_override": rtl_override,
    "control_characters": control_characters,
}
TITLES = {"rtl_override": "\u202eTitle reversed\u202c 제목", "control_characters": "제어\x07\x1b[1m 제목"}


def duplicate_headings(count: int = 1_000_000, date: str = DATE) -> str:
    """A digest whose one paper's heading comes ``count`` more times (each a duplicate-paper problem)."""
    heading = f"### [Duplicated](https://arxiv.org/abs/{arxiv_id(0)})\n"
    return f"## Daily Papers ({date})\n\n" + heading + "\n- 요약.\n\n" + heading * count


def empty_files(folder: Path, count: int = 50_000) -> list[Path]:
    """``count`` empty digest files under ``folder/2024/02/`` (each an 'empty file' problem)."""
    day = folder / DATE[:4] / DATE[5:7]
    day.mkdir(parents=True, exist_ok=True)
    paths = [day / f"empty-{number:05d}.md" for number in range(count)]
    for path in paths:
        path.touch()
    return paths


def arxiv_id(index: int) -> str:
    return f"2402.{90000 + index:05d}"


def paper_markdown(index: int, title: str, summary: str) -> str:
    return (f"### [{title}](https://arxiv.org/abs/{arxiv_id(index)})\n\n"
            f"![thumbnail](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{arxiv_id(index)}.png)\n\n"
            f"Vote: {index}\n\nAuthors: Kim Minji, Lee Jun\n\n{summary}\n\n")


def digest_text(summaries: Mapping[str, str], date: str = DATE, normal_papers: int = 1) -> tuple[str, dict[str, str]]:
    """A day's digest: ``normal_papers`` ordinary papers first, then one paper per case; and case -> arXiv id."""
    parts = [f"## Daily Papers ({date})\n\n"]
    ids: dict[str, str] = {}
    for index in range(normal_papers):
        parts.append(paper_markdown(index, f"Ordinary paper {index}", f"- 평범한 요약 {index}.\n- 둘째 줄."))
    for offset, (case, summary) in enumerate(summaries.items()):
        index = normal_papers + offset
        ids[case] = arxiv_id(index)
        parts.append(paper_markdown(index, TITLES.get(case, f"Hostile {case}"), summary))
    return "".join(parts), ids


def write_digest(folder: Path, cases: Mapping[str, str] | list[str], date: str = DATE,
                 normal_papers: int = 1) -> tuple[Path, dict[str, str]]:
    """Write ``folder/YYYY/MM/DD.md`` with the given cases (names of CASES at their default size, or
    name -> summary text); returns the file and case -> arXiv id."""
    summaries = cases if isinstance(cases, Mapping) else {case: CASES[case]() for case in cases}
    text, ids = digest_text(summaries, date, normal_papers)
    path = folder / date[:4] / date[5:7] / f"{date[8:]}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, ids
