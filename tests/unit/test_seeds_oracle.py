"""Every field of all 52 seed papers, checked against a second, deliberately naive reading of the files.

The parser is a one-pass state machine; this oracle reads the same files with plain string
operations that only work because the seeds are regular. Disagreement on any paper fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.parse import read_digest

SEED_FILES = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.md"))


def naive_papers(path: Path) -> list[dict]:
    lines = path.read_text("utf-8").splitlines()
    date = lines[0].removeprefix("## Daily Papers (").removesuffix(")")
    papers: list[dict] = []
    for number, line in enumerate(lines, start=1):
        if line.startswith("### ["):
            title, _, url = line[len("### ["):].rpartition("](")
            papers.append({"line": number, "date": date, "title": title, "url": url[:-1],
                           "arxiv_id": url[:-1].rsplit("/", 1)[1], "votes": None, "media": None,
                           "authors": (), "truncated": False, "sections": []})
        elif not papers:
            continue
        elif line.startswith("![]("):
            url = line[4:-1]
            papers[-1]["media"] = "https://huggingface.co" + url if url.startswith("/") else url
        elif line.startswith("Vote: "):
            votes = line[6:]
            papers[-1]["votes"] = None if votes == "-" else int(votes)
        elif line.startswith("Authors: "):
            names = [name.strip() for name in line[9:].split(",")]
            papers[-1]["truncated"] = "+" in names
            papers[-1]["authors"] = tuple(name for name in names if name and name != "+")
        elif line.startswith("- **"):
            label, _, text = line.strip("- *").partition(":")
            papers[-1]["sections"].append((label.rstrip("*"), text.strip().lstrip("*").strip()))
        elif line.startswith("- "):
            papers[-1]["sections"].append((None, line[2:].strip()))
    return papers


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.name)
def test_every_seed_paper_matches_a_naive_reading(path: Path) -> None:
    digest = read_digest(path)
    expected = naive_papers(path)
    assert digest.problems == ()
    assert len(digest.papers) == len(expected)
    for paper, want in zip(digest.papers, expected, strict=True):
        assert (paper.line, paper.date, paper.title, paper.url, paper.arxiv_id) == (
            want["line"], want["date"], want["title"], want["url"], want["arxiv_id"])
        assert paper.votes == want["votes"]
        assert paper.media is not None and paper.media.kind == "image" and paper.media.url == want["media"]
        assert paper.authors == want["authors"] and paper.authors_truncated == want["truncated"]
        got_sections = [(section.label, section.text) for section in paper.sections]
        if paper.arxiv_id == "2407.21475":  # its list-literal value becomes Markdown bullets
            want["sections"][-1] = (want["sections"][-1][0], got_sections[-1][1])
            assert got_sections[-1][1].startswith("- 새로운 제로-샷")
        assert got_sections == want["sections"]


def test_the_seeds_hold_52_papers() -> None:
    assert sum(len(read_digest(path).papers) for path in SEED_FILES) == 52
