"""RIS and CSL-JSON read back by independent readers (rispy; citeproc-py formatting a real CSL style),
the display helper for LaTeX in titles, and the facade's "Copy citation"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from reader.core.contract import paper_json
from reader.core.models import Flags, Paper
from reader.core.parse import read_digest
from reader.exports.formats import FORMAT_SUFFIXES, entry_count, export_papers, format_for_path
from reader.exports.latex_text import title_text
from reader.library import CITATION_FORMATS, Library
from reader.library import title_text as facade_title_text


def make(arxiv_id: str, title: str, authors: tuple[str, ...] = ("Ada Lovelace",), date: str = "2024-11-20",
         truncated: bool = False) -> Paper:
    return Paper(arxiv_id=arxiv_id, date=date, title=title, url=f"https://arxiv.org/abs/{arxiv_id}", votes=1,
                 authors=authors, authors_truncated=truncated)


PAPERS = [
    make("2407.17453", "$VILA^2$: VILA Augmented VILA", ("Yunhao Fang", "Ligeng Zhu", "Yunhao Fang", "홍길동")),
    make("2406.14972", "$\\nabla^2$DFT: A Universal Quantum Chemistry Dataset", ("Kuzma Khrabrov", "José Núñez")),
    make("2411.12372", "RedPajama: an Open Dataset for Training Large Language Models", ()),
    make("2407.17453", "$VILA^2$: VILA Augmented VILA", ("Yunhao Fang",), date="2024-07-26"),  # listed again
    make("hep-th/9901001", "Strings & Things: 100% of R_AI", ("Edward Witten",)),
]


@pytest.fixture(scope="module")
def seed_papers() -> list[Paper]:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.md"))
    return [paper for path in seeds for paper in read_digest(path).papers]


# -- RIS ------------------------------------------------------------------------------------------


def test_ris_reads_back_with_rispy() -> None:
    records = rispy.loads(export_papers(PAPERS, {}, "ris"))
    assert len(records) == 4  # one per arXiv id
    by_id = {record["id"]: record for record in records}
    vila = by_id["fang2024vila2"]
    assert vila["type_of_reference"] == "UNPB"
    assert vila["title"] == "VILA²: VILA Augmented VILA"
    assert vila["authors"] == ["Fang, Yunhao", "Zhu, Ligeng", "홍길동"]  # once each; a Hangul name kept whole
    assert vila["year"] == "2024" and vila["date"] == "2024/07//"
    assert vila["doi"] == "10.48550/arXiv.2407.17453" and vila["accession_number"] == "arXiv:2407.17453"
    assert vila["urls"] == ["https://arxiv.org/abs/2407.17453"] and vila["publisher"] == "arXiv"
    assert by_id["khrabrov20242dft"]["title"] == "∇²DFT: A Universal Quantum Chemistry Dataset"
    assert "authors" not in by_id["redpajama2024open"]
    assert by_id["witten1999strings"]["title"] == "Strings & Things: 100% of R_AI"  # no LaTeX: as written


def test_ris_lines_are_tag_space_space_dash_space_and_crlf() -> None:
    text = export_papers([make("2401.00001", "Line\nbreak\u2028inside")], {}, "ris")
    lines = text.split("\r\n")
    assert all(line == "" or line[2:6] == "  - " for line in lines)
    assert "TI  - Line break inside" in lines and text.endswith("ER  - \r\n\r\n")


# -- CSL-JSON -------------------------------------------------------------------------------------


def test_csljson_formats_with_citeproc_py() -> None:
    items = json.loads(export_papers(PAPERS, {}, "csljson"))
    assert [item["id"] for item in items] == ["fang2024vila2", "khrabrov20242dft", "redpajama2024open",
                                              "witten1999strings"]
    vila = items[0]
    assert vila["type"] == "article" and vila["issued"] == {"date-parts": [[2024, 7]]}
    assert vila["author"] == [{"family": "Fang", "given": "Yunhao"}, {"family": "Zhu", "given": "Ligeng"},
                              {"literal": "홍길동"}]
    assert vila["DOI"] == "10.48550/arXiv.2407.17453" and vila["number"] == "arXiv:2407.17453"
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)  # bundled with citeproc-py
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == 4
    text = "\n".join(rendered)
    assert "Fang, Y., Zhu, L. and 홍길동 (2024)" in text and "VILA²: VILA Augmented VILA" in text
    assert "Núñez, J." in text and "https://doi.org/10.48550/arXiv.2411.12372" in text


def test_citation_formats_of_every_seed_paper(seed_papers: list[Paper]) -> None:
    ids = {paper.arxiv_id for paper in seed_papers}
    assert len(rispy.loads(export_papers(seed_papers, {}, "ris"))) == len(ids)
    items = json.loads(export_papers(seed_papers, {}, "csljson"))
    assert len({item["id"] for item in items}) == len(items) == len(ids)
    assert entry_count(seed_papers, "ris") == entry_count(seed_papers, "csljson") == len(ids)


def test_suffixes_name_the_formats() -> None:
    assert FORMAT_SUFFIXES["ris"] == ".ris" and FORMAT_SUFFIXES["csljson"] == ".csl.json"
    assert format_for_path("starred.csl.json") == "csljson"
    assert format_for_path("STARRED.CSL.JSON") == "csljson"
    assert format_for_path("starred.json") == "json"  # the list objects, as before
    assert format_for_path("starred.ris") == "ris"
    assert format_for_path("starred.bibtex") == format_for_path("starred.bib") == "bibtex"
    assert format_for_path("starred.txt") is None


def test_library_citation_is_copy_citation(tmp_path: Path) -> None:
    with Library(tmp_path / "data") as library:
        assert CITATION_FORMATS == ("bibtex", "ris", "csljson")
        for fmt in CITATION_FORMATS:
            assert library.citation(PAPERS[:1], fmt) == export_papers(PAPERS[:1], {}, fmt)
        assert library.citation(PAPERS[2:3]).startswith("@misc{redpajama2024open,")
        with pytest.raises(ValueError):
            library.citation(PAPERS[:1], "csv")


# -- titles shown as text -------------------------------------------------------------------------


@pytest.mark.parametrize("title, shown", [
    ("$VILA^2$: VILA Augmented VILA", "VILA²: VILA Augmented VILA"),
    ("$\\nabla^2$DFT: A Universal Quantum Chemistry Dataset", "∇²DFT: A Universal Quantum Chemistry Dataset"),
    ("SOTOPIA-$\\pi$: Interactive Learning", "SOTOPIA-π: Interactive Learning"),
    ("SOTOPIA-$π$: Interactive Learning", "SOTOPIA-π: Interactive Learning"),
    ("M$^{2}$UGen: Multi-modal Music", "M²UGen: Multi-modal Music"),
    ("$\\textit{Trans-LoRA}$: towards data-free", "Trans-LoRA: towards data-free"),
    ("$x_{ij}$ and $O(n^2)$ costs $5", "xᵢⱼ and O(n²) costs $5"),
    ("100% of R&D with V_AI, ~7B and #1 $x$", "100% of R&D with V_AI, ~7B and #1 x"),
    ("Building Trust: {Plain} Titles & 100% stay as written", "Building Trust: {Plain} Titles & 100% stay as written"),
    ("새로운 $\\alpha$ 모델", "새로운 α 모델"),
])
def test_title_text_shows_latex_as_text(title: str, shown: str) -> None:
    assert title_text(title) == shown
    assert facade_title_text(title) == shown  # the window's name for it


@pytest.mark.parametrize("title", ["$}$", "$", "\\", "a\\", "$\\frac{$", "\\begin{x}", "}{", "$\\$", "\\\\\\"])
def test_title_text_never_raises(title: str) -> None:
    assert isinstance(title_text(title), str) and title_text(title)


def test_title_text_is_cached() -> None:
    title_text.cache_clear()
    title_text("$VILA^2$: cached")
    title_text("$VILA^2$: cached")
    assert title_text.cache_info().hits == 1


def test_the_raw_title_stays_in_json() -> None:
    objects = json.loads(export_papers(PAPERS[:1], {}, "json"))
    assert objects == [paper_json(PAPERS[0], Flags())] and objects[0]["title"] == "$VILA^2$: VILA Augmented VILA"
