"""Hostile and damaged input: every file is either parsed or reported, never an exception."""

from __future__ import annotations

import codecs
import random
import unicodedata
from pathlib import Path

import pytest

from reader.core import decode
from reader.core.decode import NOT_UTF8, TRUNCATED, decode_bytes
from reader.core.models import Media, Problem, Section
from reader.core.parse import parse_digest, read_digest

DIGEST = (
    "## Daily Papers (2025-01-02)\n"
    "\n"
    "### [한국어 모델 연구](https://arxiv.org/abs/2501.00001)\n"
    "\n"
    "Vote: 12\n"
    "\n"
    "Authors: 김민수, Ana Lima\n"
    "\n"
    "- ***What's New***: 이 논문은 새로운 언어 모델을 제안합니다. 기존 모델보다 성능이 좋습니다.\n"
    "- ***Technical Details***: 데이터를 정제하고 두 단계로 학습합니다.\n"
    "\n"
    "### [두 번째 논문](https://arxiv.org/abs/2501.00002)\n"
    "\n"
    "- 요약입니다.\n"
)
DIGEST_SECTIONS = (
    Section("What's New", "이 논문은 새로운 언어 모델을 제안합니다. 기존 모델보다 성능이 좋습니다."),
    Section("Technical Details", "데이터를 정제하고 두 단계로 학습합니다."),
)


def write(tmp_path: Path, data: bytes, name: str = "digest.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def summary(path: Path) -> list[tuple[str, str, int]]:
    """(arxiv id, title, line) of each paper read from ``path``."""
    return [(paper.arxiv_id, paper.title, paper.line) for paper in read_digest(path).papers]


EXPECTED_SUMMARY = [("2501.00001", "한국어 모델 연구", 3), ("2501.00002", "두 번째 논문", 12)]


# --- files that are not digests ------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        random.Random(1).randbytes(4096),
        DIGEST.encode() + b"\x00",
        b"text with controls \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12",
    ],
    ids=["png", "random", "nul-after-header", "control-bytes"],
)
def test_binary_file_is_skipped(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    digest = read_digest(path)
    assert digest.papers == ()
    assert digest.problems == (Problem(str(path), 0, "binary file; skipped"),)


@pytest.mark.parametrize(
    "data", [b"", b"   \n\r\n\t  \n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty_file_is_skipped(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    assert read_digest(path).problems == (Problem(str(path), 0, "empty file; skipped"),)


def test_folder_named_like_a_digest_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "x.md"
    folder.mkdir()
    digest = read_digest(folder)
    assert digest.papers == ()
    assert digest.problems == (Problem(str(folder), 0, "is a folder, not a digest file"),)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "gone.md"
    assert read_digest(missing).problems == (Problem(str(missing), 0, "file not found"),)


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, DIGEST.encode())

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert read_digest(path).problems == (Problem(str(path), 0, "permission denied"),)


def test_oversized_file_is_skipped_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_FILE_BYTES", 100)
    path = write(tmp_path, DIGEST.encode())
    digest = read_digest(path)
    assert digest.papers == ()
    assert [problem.reason for problem in digest.problems] == ["file is larger than 0 MB; skipped"]


# --- damaged or foreign encodings ----------------------------------------------------------------


def test_file_truncated_inside_a_character_keeps_its_papers(tmp_path: Path) -> None:
    data = DIGEST.encode() + "- 잘린 글".encode()[:-2]  # last syllable cut after its first byte
    path = write(tmp_path, data)
    digest = read_digest(path)
    assert summary(path) == EXPECTED_SUMMARY
    assert digest.papers[1].sections == (Section(None, "요약입니다."), Section(None, "잘린"))
    assert digest.problems == (Problem(str(path), 15, TRUNCATED),)


def test_invalid_utf8_in_the_middle_reports_its_line(tmp_path: Path) -> None:
    data = DIGEST.encode().replace("두 번째".encode(), b"\xff\xfe bad")
    path = write(tmp_path, data)
    digest = read_digest(path)
    assert digest.papers == ()
    assert digest.problems == (Problem(str(path), 12, NOT_UTF8),)


def test_cp949_digest_decodes_correctly(tmp_path: Path) -> None:
    path = write(tmp_path, DIGEST.encode("cp949"))
    digest = read_digest(path)
    assert digest.encoding == "cp949"
    assert digest.problems == ()
    assert summary(path) == EXPECTED_SUMMARY
    assert digest.papers[0].authors == ("김민수", "Ana Lima")
    assert digest.papers[0].sections == DIGEST_SECTIONS


def _random_hangul_words(rng: random.Random) -> str:
    """Words of random common (KS X 1001) syllables: plausible bytes, but not Korean prose."""
    syllables = [bytes([lead, trail]).decode("euc_kr") for lead in range(0xB0, 0xC9) for trail in range(0xA1, 0xFF)]
    words = ("".join(rng.choice(syllables) for _ in range(rng.randrange(1, 6))) for _ in range(300))
    return " ".join(words)


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_in_cp949_ranges_are_reported_not_misdecoded(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    high_bytes = bytes(rng.randrange(0x81, 0xFF) for _ in range(3000))
    unspaced = bytes(byte for _ in range(1500) for byte in (rng.randrange(0xB0, 0xC9), rng.randrange(0xA1, 0xFF)))
    gibberish = ("## Daily Papers (2025-01-02)\n\n### [T](https://arxiv.org/abs/2501.00001)\n\n- "
                 + _random_hangul_words(rng) + "\n").encode("cp949")
    frequent = "이다는의에을를하고모델"
    run_on = "".join(rng.choice(frequent) for _ in range(3000)).encode("cp949")
    hanja = bytes(byte for _ in range(600) for byte in (rng.randrange(0xCA, 0xFE), rng.randrange(0xA1, 0xFF)))
    hanja_heavy = b" ".join(rng.choice(frequent).encode("cp949") + hanja[i : i + 4] for i in range(0, 1200, 4))
    for index, data in enumerate((high_bytes, unspaced, gibberish, run_on, hanja_heavy)):
        path = write(tmp_path, data, f"random{index}.md")
        digest = read_digest(path)
        assert digest.papers == ()
        assert [problem.reason for problem in digest.problems] == [NOT_UTF8]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + DIGEST.encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + DIGEST.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + DIGEST.encode("utf-16-be"), "utf-16"),
        (DIGEST.replace("\n", "\r\n").encode(), "utf-8"),
        (DIGEST.replace("\n", "\r").encode(), "utf-8"),
        (codecs.BOM_UTF8 + DIGEST.replace("\n", "\r\n").encode(), "utf-8-sig"),
    ],
    ids=["utf8-bom", "utf16-le", "utf16-be", "crlf", "lone-cr", "bom-crlf"],
)
def test_bom_and_line_ends_give_the_same_papers(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = write(tmp_path, data)
    digest = read_digest(path)
    assert (digest.problems, digest.encoding) == ((), encoding)
    assert summary(path) == EXPECTED_SUMMARY
    assert digest.papers[0].sections == DIGEST_SECTIONS


def test_nfd_copy_is_composed_so_hangul_search_works(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", DIGEST)
    assert decomposed != DIGEST
    path = write(tmp_path, decomposed.encode())
    digest = read_digest(path)
    assert summary(path) == EXPECTED_SUMMARY
    assert digest.papers[0].sections == DIGEST_SECTIONS
    assert "모델" in digest.papers[0].summary_text


# --- hostile content -----------------------------------------------------------------------------


def test_html_and_script_are_kept_as_text_but_script_media_is_refused() -> None:
    script = "<script>alert(1)</script>"
    text = (
        "## Daily Papers (2025-01-02)\n\n"
        f"### [{script} <img src=x onerror=alert(2)>](https://arxiv.org/abs/2501.00001)\n\n"
        "![](javascript:alert(3))\n\n"
        "Vote: <b>5</b>\n\n"
        f"Authors: {script}, <a href=\"javascript:x\">Eve</a>\n\n"
        f"- **<i>Label</i>**: {script}\n"
        f"- <iframe src=\"https://evil.example\"></iframe>\n"
        "\n"
        "### [Video](https://arxiv.org/abs/2501.00002)\n\n"
        "<video src=\"data:video/mp4;base64,AAAA\"></video>\n\n"
        "### [File](https://arxiv.org/abs/2501.00003)\n\n"
        "![](file:///etc/passwd)\n\n"
        "### [Quote](https://arxiv.org/abs/2501.00004)\n\n"
        "![](https://x.example/a.png\"onerror=\"alert(4))\n"
    )
    digest = parse_digest(text, "evil.md")
    first = digest.papers[0]
    assert first.title == f"{script} <img src=x onerror=alert(2)>"
    assert first.authors == (script, '<a href="javascript:x">Eve</a>')
    assert first.sections == (
        Section("<i>Label</i>", script),
        Section(None, '<iframe src="https://evil.example"></iframe>'),
    )
    assert [paper.media for paper in digest.papers] == [None, None, None, None]
    assert [paper.votes for paper in digest.papers] == [None, None, None, None]
    assert [(problem.line, problem.reason.split(" ")[0]) for problem in digest.problems] == [
        (5, "media"),
        (7, "vote"),
        (16, "media"),
        (20, "media"),
        (24, "media"),
    ]


def test_twenty_digit_vote_is_refused_and_the_paper_still_loads() -> None:
    text = "## Daily Papers (2025-01-02)\n\n### [Big](https://arxiv.org/abs/2501.00001)\n\nVote: 99999999999999999999\n"
    digest = parse_digest(text, "v.md")
    assert [(paper.title, paper.votes) for paper in digest.papers] == [("Big", None)]
    assert digest.problems == (
        Problem("v.md", 5, "vote '99999999999999999999' is not a whole number from 0 to 2147483647; ignored"),
    )


@pytest.mark.parametrize("vote", ["2147483648", "-3", "1.5", "12 votes", "٣"])
def test_out_of_range_or_odd_votes_are_refused(vote: str) -> None:
    text = f"## Daily Papers (2025-01-02)\n\n### [P](https://arxiv.org/abs/2501.00001)\n\nVote: {vote}\n"
    digest = parse_digest(text, "v.md")
    assert digest.papers[0].votes is None
    assert [problem.line for problem in digest.problems] == [5]


def test_largest_allowed_vote_is_kept() -> None:
    text = "## Daily Papers (2025-01-02)\n\n### [P](https://arxiv.org/abs/2501.00001)\n\nVote: 2147483647\n"
    assert parse_digest(text, "v.md").papers[0].votes == 2**31 - 1


def test_deeply_nested_list_literal_does_not_crash() -> None:
    nested = "[" * 5000 + "]" * 5000
    text = (
        "## Daily Papers (2025-01-02)\n\n### [P](https://arxiv.org/abs/2501.00001)\n\n"
        f"Authors: {nested}\n\n- **Performance Highlights**: {nested}\n"
    )
    paper = parse_digest(text, "n.md").papers[0]
    assert paper.sections == (Section("Performance Highlights", nested),)


def test_unclosed_code_fence_is_reported() -> None:
    text = "## Daily Papers (2025-01-02)\n\n### [P](https://arxiv.org/abs/2501.00001)\n\n```\n- code\n"
    digest = parse_digest(text, "f.md")
    assert [paper.arxiv_id for paper in digest.papers] == ["2501.00001"]
    assert [(problem.line, problem.reason) for problem in digest.problems] == [
        (5, "code block is never closed; the rest of the file was not read")
    ]


def test_twenty_thousand_papers_parse(tmp_path: Path) -> None:
    blocks = ["## Daily Papers (2025-01-02)\n"]
    for number in range(20_000):
        blocks.append(
            f"### [Paper {number}: 모델 연구](https://arxiv.org/abs/2501.{number:05d})\n\n"
            f"![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.{number:05d}.png)\n\n"
            f"Vote: {number % 100}\n\n"
            "Authors: Ana Lima, Bo Chen, +, 김민수\n\n"
            "- ***What's New***: 새로운 모델을 제안합니다.\n"
            "- ***Technical Details***: 두 단계로 학습합니다.\n"
            "  - 세부 사항\n"
            "- ***Performance Highlights***: 기존 모델보다 좋습니다.\n"
        )
    path = write(tmp_path, "\n".join(blocks).encode())
    digest = read_digest(path)
    assert digest.problems == ()
    assert len(digest.papers) == 20_000
    last = digest.papers[-1]
    assert (last.arxiv_id, last.votes, last.authors_truncated) == ("2501.19999", 99, True)
    assert last.media == Media("image", "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.19999.png")
    assert last.sections[1] == Section("Technical Details", "두 단계로 학습합니다.\n  - 세부 사항")


def test_mangled_digests_never_raise() -> None:
    """Shuffled, cut and spliced digest lines: each parse returns a Digest, whatever the mix."""
    rng = random.Random(2024)
    pieces = DIGEST.split("\n") + [
        "```", "~~~", "## Daily Papers (2025-01-03)", "## Daily Papers (", "### [", "### [x](", "###",
        "![](", "<video src='", "[Watch Video](", "Vote:", "Authors: [", "Authors: ['a', +]", "- **:",
        "- ***", "  - ", "1)", "\t- x", "\ufeff", "\u200b", "\r", "](", "[", "*", "- ['a'", "- **L**: ['x', 1]",
    ]
    for _ in range(300):
        lines = [rng.choice(pieces) for _ in range(rng.randrange(1, 40))]
        if rng.random() < 0.5:
            lines = [line[: rng.randrange(len(line) + 1)] for line in lines]
        digest = parse_digest("\n".join(lines), "m.md")
        assert all(isinstance(problem, Problem) for problem in digest.problems)
        for data in ("\n".join(lines).encode()[: rng.randrange(200)], bytes(rng.randrange(256) for _ in range(50))):
            assert decode_bytes(data, "m.md").problems is not None
