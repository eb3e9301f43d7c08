"""Exports a user takes into their writing: BibTeX a real parser accepts, a Korean reading list,
CSV that Excel and the csv module read with Hangul intact, and the --json paper objects."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import pytest

from reader.core.contract import paper_json
from reader.core.models import Flags, Paper, Section
from reader.core.parse import read_digest
from reader.exports.bibtex import bibtex_keys, latex_escape
from reader.exports.formats import export_papers

LATEX_TITLES = [
    "M$^{2}$UGen: Multi-modal Music Understanding and Generation with the Power of Large Language Models",
    "$\\textit{Trans-LoRA}$: towards data-free Transferable Parameter Efficient Finetuning",
    "$\\nabla^2$DFT: A Universal Quantum Chemistry Dataset of Drug-Like Molecules",
]


@pytest.fixture(scope="module")
def seed_papers() -> list[Paper]:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.md"))
    return [paper for path in seeds for paper in read_digest(path).papers]


def make_paper(arxiv_id: str, title: str, authors: tuple[str, ...] = ("Ada Lovelace",), date: str = "2024-11-20",
               truncated: bool = False, votes: int | None = 3) -> Paper:
    return Paper(arxiv_id=arxiv_id, date=date, title=title, url=f"https://arxiv.org/abs/{arxiv_id}", votes=votes,
                 authors=authors, authors_truncated=truncated,
                 sections=(Section("What's New", "새로운 방법을 제안합니다.\n  - 중첩된 항목"),
                           Section(None, "plain bullet")))


def parse_bibtex(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library


def field(entry: object, name: str) -> str:
    return entry.fields_dict[name].value  # type: ignore[attr-defined]


# -- BibTeX -------------------------------------------------------------------------------------


def test_bibtex_of_every_seed_paper_parses_with_all_fields(seed_papers: list[Paper]) -> None:
    text = export_papers(seed_papers, {}, "bibtex")
    entries = parse_bibtex(text).entries
    assert len(entries) == len({paper.arxiv_id for paper in seed_papers})
    keys = [entry.key for entry in entries]
    assert len(set(keys)) == len(keys)
    by_id = {field(entry, "eprint"): entry for entry in entries}
    trust = by_id["2411.12275"]
    assert trust.entry_type == "misc" and trust.key == "bestavros2024building"
    assert field(trust, "title") == "{Building Trust: Foundations of Security, Safety and Transparency in AI}"
    assert field(trust, "author").split(" and ")[:2] == ["Mark Bestavros", "Garth Mollett"]
    assert field(trust, "year") == "2024"
    assert field(trust, "archivePrefix") == "arXiv"
    assert field(trust, "url") == "https://arxiv.org/abs/2411.12275"
    assert field(trust, "note") == "Hugging Face Daily Papers, 2024-11-20"


def test_bibtex_year_comes_from_the_arxiv_id_not_the_digest_day() -> None:
    old = make_paper("2312.00001", "Late Listing", date="2024-01-02")
    legacy = make_paper("hep-th/9901001", "Strings", date="2024-01-02")
    unknown = make_paper("not-an-id", "Odd", date="2025-03-04")
    years = {field(entry, "eprint"): field(entry, "year")
             for entry in parse_bibtex(export_papers([old, legacy, unknown], {}, "bibtex")).entries}
    assert years == {"2312.00001": "2023", "hep-th/9901001": "1999", "not-an-id": "2025"}


def test_truncated_author_list_ends_with_others(seed_papers: list[Paper]) -> None:
    llama = next(paper for paper in seed_papers if paper.arxiv_id == "2407.21783")
    assert llama.authors_truncated
    entry = parse_bibtex(export_papers([llama], {}, "bibtex")).entries[0]
    names = field(entry, "author").split(" and ")
    assert names[-1] == "others" and names[:-1] == list(llama.authors)


@pytest.mark.parametrize("title", LATEX_TITLES)
def test_latex_in_titles_survives_the_round_trip(title: str) -> None:
    entry = parse_bibtex(export_papers([make_paper("2405.17258", title)], {}, "bibtex")).entries[0]
    assert field(entry, "title") == "{" + title + "}"


def test_special_characters_are_escaped_outside_math_and_braces_stay_balanced() -> None:
    title = "Cats & Dogs: 100% of #1 V_AI {Unbalanced} } open { $x_1 & y$ costs $5"
    entry = parse_bibtex(export_papers([make_paper("2401.00001", title)], {}, "bibtex")).entries[0]
    value = field(entry, "title")
    assert "Cats \\& Dogs: 100\\% of \\#1 V\\_AI {Unbalanced}" in value
    assert "$x_1 \\& y$" in value  # math kept as math; `&` escaped (a bare `&` in math stops pdflatex)
    assert value.endswith("costs \\$5}")  # an odd dollar is a dollar sign
    assert "\\textbraceright{} open \\textbraceleft{}" in value  # the stray pair made literal
    assert value.count("{") == value.count("}")


def test_escaping_never_breaks_the_entry_for_hostile_titles() -> None:
    titles = ["}", "{", "}}{{", "\\", "a\\", "\\}", "$}$", "$", "@misc{x,", "~^", "100%}"]
    papers = [make_paper(f"2401.{index:05d}", title) for index, title in enumerate(titles)]
    entries = parse_bibtex(export_papers(papers, {}, "bibtex")).entries
    assert len(entries) == len(titles)
    assert [field(entry, "eprint") for entry in entries] == [paper.arxiv_id for paper in papers]


def test_latex_escape_keeps_commands_and_escapes_text() -> None:
    assert latex_escape("A \\textbf{bold} R&D") == "A \\textbf{bold} R\\&D"
    assert latex_escape("already \\& escaped") == "already \\& escaped"


def test_names_bibtex_would_split_are_kept_whole() -> None:
    paper = make_paper("2401.00002", "Team Work", authors=("Llama Team, AI @ Meta", "Smith and Wesson", "Çırpar Thunø"))
    entry = parse_bibtex(export_papers([paper], {}, "bibtex")).entries[0]
    # accented letters as LaTeX, one braced group each, so every standard style abbreviates and sorts them
    assert field(entry, "author") == "{Llama Team, AI @ Meta} and {Smith and Wesson} and {\\c{C}}{\\i}rpar Thun{\\o}"


def test_keys_fold_accents_skip_stopwords_and_latex() -> None:
    papers = [
        make_paper("2311.11255", LATEX_TITLES[0], authors=("Atin Sakkeer Hussain", "B")),
        make_paper("2405.17258", LATEX_TITLES[1], authors=("Runqian Wang",)),
        make_paper("2406.14972", "The A* of Everything", authors=("Jörg Thunø",)),
        make_paper("2406.14973", "새로운 모델", authors=("홍길동",)),
    ]
    assert bibtex_keys(papers) == {
        "2311.11255": "hussain2023m2ugen",
        "2405.17258": "wang2024trans",
        "2406.14972": "thuno2024everything",
        "2406.14973": "arxiv240614973",  # no Latin letters in author or title: the id, never `anon`
    }


def test_colliding_keys_get_suffixes_that_do_not_depend_on_order() -> None:
    papers = [make_paper(f"2401.0000{n}", f"Scaling laws part {n}", authors=("Jane Kim",)) for n in (3, 1, 2)]
    papers.append(make_paper("2401.00009", "Scaling", authors=("Jane Kim",)))
    keys = bibtex_keys(papers)
    assert keys == {"2401.00001": "kim2024scaling", "2401.00002": "kim2024scalingb",
                    "2401.00003": "kim2024scalingc", "2401.00009": "kim2024scalingd"}
    assert bibtex_keys(list(reversed(papers))) == keys
    text = export_papers(papers, {}, "bibtex")
    assert export_papers(papers, {}, "bibtex") == text  # stable across runs
    assert len({entry.key for entry in parse_bibtex(text).entries}) == 4


def test_a_paper_listed_on_two_days_is_one_entry_dated_by_its_first_listing() -> None:
    newer = make_paper("2404.01300", "NeRF-MAE", date="2024-08-01")
    older = make_paper("2404.01300", "NeRF-MAE", date="2024-04-02")
    entries = parse_bibtex(export_papers([newer, older], {}, "bibtex")).entries
    assert len(entries) == 1 and field(entries[0], "note").endswith("2024-08-01")


def test_empty_selection_gives_empty_but_valid_documents() -> None:
    assert parse_bibtex(export_papers([], {}, "bibtex")).entries == []
    assert json.loads(export_papers([], {}, "json")) == []
    rows = list(csv.reader(io.StringIO(export_papers([], {}, "csv").removeprefix("\ufeff"))))
    assert rows == [["arxiv_id", "date", "title", "authors", "votes", "url", "starred", "read", "summary", "tags",
                     "note"]]
    assert export_papers([], {}, "markdown").startswith("# 읽을 논문 목록")


# -- Markdown -----------------------------------------------------------------------------------


def test_markdown_reading_list_in_korean_with_literal_titles() -> None:
    title = "[IDK] Token: A* search with V_AI and M$^{2}$UGen #1 <b>"
    paper = make_paper("2401.00003", title, authors=("Ada Lovelace", "Alan Turing"), truncated=True, votes=54)
    text = export_papers([paper], {"2401.00003": Flags(starred=True, read=True)}, "markdown", scope="별표한 논문")
    lines = text.splitlines()
    assert lines[0] == "# 읽을 논문 목록: 별표한 논문"
    heading = next(line for line in lines if line.startswith("## "))
    assert heading == ("## [\\[IDK\\] Token: A\\* search with V\\_AI and M\\$^{2}\\$UGen \\#1 \\<b\\>]"
                       "(https://arxiv.org/abs/2401.00003)")
    assert "- 날짜: 2024-11-20" in lines and "- 추천 수: 54" in lines
    assert "- 저자: Ada Lovelace, Alan Turing 외" in lines
    assert "- 상태: ★ 별표 · 읽음" in lines
    assert ("- 링크: [arXiv](https://arxiv.org/abs/2401.00003) · [PDF](https://arxiv.org/pdf/2401.00003)"
            " · [Hugging Face](https://huggingface.co/papers/2401.00003)") in lines
    assert "- **What's New**: 새로운 방법을 제안합니다." in lines and "    - 중첩된 항목" in lines


def test_a_title_cannot_break_out_of_its_link() -> None:
    paper = make_paper("2401.00005", "x](javascript:alert(1)) ![img](http://evil/p.png) &amp; `tick")
    heading = next(line for line in export_papers([paper], {}, "markdown").splitlines() if line.startswith("## "))
    assert heading == ("## [x\\](javascript:alert(1)) !\\[img\\](http://evil/p.png) \\&amp; \\`tick]"
                       "(https://arxiv.org/abs/2401.00005)")


def test_markdown_lists_a_paper_once_with_every_day() -> None:
    papers = [make_paper("2404.01300", "NeRF-MAE", date="2024-08-01"),
              make_paper("2404.01300", "NeRF-MAE", date="2024-04-02")]
    text = export_papers(papers, {}, "markdown", scope="2024-08-01")
    assert text.count("## [NeRF-MAE]") == 1 and "- 날짜: 2024-08-01, 2024-04-02" in text
    assert text.startswith("# 읽을 논문 목록: 2024-08-01\n\n논문 1편")


# -- CSV and JSON -------------------------------------------------------------------------------


def test_csv_round_trips_with_hangul_and_a_bom(seed_papers: list[Paper]) -> None:
    flags = {"2411.12275": Flags(starred=True), "2407.21783": Flags(read=True)}
    text = export_papers(seed_papers, flags, "csv")
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on Korean Windows needs the BOM to read UTF-8
    assert b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(seed_papers)
    by_id = {row["arxiv_id"]: row for row in rows}
    trust = by_id["2411.12275"]
    assert trust["date"] == "2024-11-20" and trust["votes"] == "6" and trust["starred"] == "true"
    assert trust["title"] == "Building Trust: Foundations of Security, Safety and Transparency in AI"
    assert trust["summary"].startswith("What's New: 이 논문은 공개적으로 이용 가능한 AI 모델 생태계의")
    assert trust["summary"].count("\n") == 2
    assert by_id["2407.21783"]["read"] == "true" and by_id["2407.21783"]["authors"].endswith(", …")


def test_csv_cells_cannot_start_a_spreadsheet_formula() -> None:
    text = export_papers([make_paper("2401.00004", "=HYPERLINK(\"http://x\")")], {}, "csv")
    row = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert row["title"] == "'=HYPERLINK(\"http://x\")"


def test_json_is_the_list_json_paper_objects(seed_papers: list[Paper]) -> None:
    flags = {"2411.12275": Flags(starred=True, read=True)}
    objects = json.loads(export_papers(seed_papers, flags, "json"))
    assert objects == [paper_json(paper, flags.get(paper.arxiv_id, Flags())) for paper in seed_papers]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        export_papers([], {}, "rtf")


def test_export_and_carry_work_without_qt() -> None:
    import subprocess
    import sys

    modules = "reader.exports.formats, reader.exports.bibtex, reader.stores.carry"
    code = f"import sys, {modules}; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
