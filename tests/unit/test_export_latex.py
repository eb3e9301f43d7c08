"""BibTeX that compiles: every kind of title and name oddity the digests have (or could have) goes
through pdflatex + bibtex in the standard styles, with no BibTeX warning and no LaTeX error; a
BibTeX parser reads every entry back with unique keys and each author once."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest

from reader.core.models import Paper
from reader.core.parse import read_digest
from reader.exports.bibtex import bibtex_keys, to_bibtex
from reader.exports.tex import NONLATIN_PREAMBLE, latex_escape


def make(arxiv_id: str, title: str, authors: tuple[str, ...] = ("Ada Lovelace",), truncated: bool = False) -> Paper:
    return Paper(arxiv_id=arxiv_id, date="2024-11-20", title=title, url=f"https://arxiv.org/abs/{arxiv_id}",
                 votes=1, authors=authors, authors_truncated=truncated)


ODD_PAPERS = [
    make("2310.11667", "SOTOPIA-$π$: Interactive Learning of Socially Intelligent Language Agents",
         ("Ruiyi Wang", "Haofei Yu")),
    make("2310.11668", "SOTOPIA-π without dollars: Unicode math in text", ("Ruiyi Wang",)),
    make("2407.17453", "$VILA^2$: VILA Augmented VILA", ("Yunhao Fang", "Ligeng Zhu", "Yunhao Fang", "Ligeng  Zhu")),
    make("2406.14972", "$\\nabla^2$DFT: A Universal Quantum Chemistry Dataset of Drug-Like Molecules",
         ("Kuzma Khrabrov", "Anton Ber")),
    make("2405.17258", "$\\textit{Trans-LoRA}$: towards data-free Transferable Parameter Efficient Finetuning",
         ("Runqian Wang",)),
    make("2401.00001", "Cats & Dogs: 100% of #1 V_AI costs $5 ~ 2^10 a\\9b c\\", ("Jane Kim",)),
    make("2401.00002", "Unbalanced {braces} } and { open, $x_1 & y % z$", ("Jane Kim",)),
    make("2401.00003", "한국어 제목: Korean Benchmark for LLMs", ("홍길동", "Kim Minji")),
    make("2401.00004", "Accents — “quoted” Ångström naïve", ("José Núñez", "Efe Mert Çırpar", "Jörg Thunø",
                                                              "Christopher Ré", "Iker García-Ferrero")),
    make("2401.00005", "Multilingual CJK Authors", ("王小明", "山田 太郎", "Иван Петров", "Li Wei"), truncated=True),
    make("2411.12372", "RedPajama: an Open Dataset for Training Large Language Models", ()),
    make("2401.00006", "새로운 모델", ()),
    make("2401.00007", "Team Work", ("Llama Team, AI @ Meta", "Smith and Wesson")),
]

NOT_INSTALLED = "pdflatex/bibtex not installed (Debian: texlive-latex-base texlive-bibtex-extra)"


def parse(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library


def compile_bibliography(bib: str, folder: Path, style: str) -> Path:
    """Typeset every entry of `bib` with pdflatex + bibtex in `style`; returns the PDF. Asserts each
    step exits 0, bibtex warns about nothing and the LaTeX log has no `!` error."""
    if not (shutil.which("pdflatex") and shutil.which("bibtex")):
        pytest.skip(NOT_INSTALLED)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "doc.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\nocite{*}\n"
        f"\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n", encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc"]
    for command in (latex, ["bibtex", "doc"], latex, latex):
        run = subprocess.run(command, cwd=folder, capture_output=True, text=True, errors="replace", timeout=300)
        assert run.returncode == 0, f"{command[0]} failed:\n{run.stdout[-3000:]}"
    blg = (folder / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert "Warning--" not in blg, blg
    log = (folder / "doc.log").read_text(encoding="utf-8", errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert not errors, errors
    return folder / "doc.pdf"


# -- compiles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["plain", "abbrv", "alpha", "unsrt"])
def test_odd_titles_and_names_compile_with_pdflatex_and_bibtex(tmp_path: Path, style: str) -> None:
    pdf = compile_bibliography(to_bibtex(ODD_PAPERS), tmp_path / style, style)
    assert pdf.stat().st_size > 0


def test_every_seed_paper_compiles_in_plain(tmp_path: Path) -> None:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.md"))
    papers = [paper for path in seeds for paper in read_digest(path).papers]
    compile_bibliography(to_bibtex(papers), tmp_path, "plain")


# -- reads back -------------------------------------------------------------------------------------


def test_odd_entries_read_back_with_unique_keys_and_authors_once() -> None:
    library = parse(to_bibtex(ODD_PAPERS))
    entries = library.entries
    assert len(entries) == len(ODD_PAPERS)
    keys = [entry.key for entry in entries]
    assert len(set(keys)) == len(keys) and not any(key.startswith("anon") for key in keys)
    for entry in entries:
        if "author" in entry.fields_dict:
            names = entry.fields_dict["author"].value.split(" and ")
            assert len(names) == len(set(names)), names
    fields = {entry.fields_dict["eprint"].value: entry.fields_dict for entry in entries}
    assert fields["2407.17453"]["author"].value == "Yunhao Fang and Ligeng Zhu"
    assert fields["2401.00005"]["author"].value.endswith(" and Li Wei and others")
    trust = fields["2411.12372"]
    assert trust["howpublished"].value == "arXiv:2411.12372"
    assert trust["doi"].value == "10.48550/arXiv.2411.12372"
    assert trust["url"].value == "https://arxiv.org/abs/2411.12372"
    assert trust["key"].value == "RedPajama"  # what the styles sort an author-less entry by
    # Hangul and CJK are present: the one @preamble defines \nonlatin
    assert [block.value.strip().strip('"') for block in library.preambles] == [NONLATIN_PREAMBLE]


def test_no_preamble_when_every_letter_is_latin() -> None:
    text = to_bibtex([ODD_PAPERS[2]])
    assert text.startswith("@misc{fang2024vila2,") and "@preamble" not in text


def test_author_less_entries_are_keyed_by_their_title_never_anon() -> None:
    keys = bibtex_keys(ODD_PAPERS)
    assert keys["2411.12372"] == "redpajama2024open"  # <first title word><year><second title word>
    assert keys["2401.00006"] == "arxiv240100006"  # no Latin word anywhere: the arXiv id
    assert keys["2401.00003"] == "korean2024benchmark"  # the first author's name has no Latin letters: the title
    assert keys["2310.11667"] == "wang2023sotopia" and keys["2407.17453"] == "fang2024vila2"
    assert bibtex_keys(list(reversed(ODD_PAPERS))) == keys  # identical whatever the order, run to run


# -- what the text becomes -------------------------------------------------------------------------


@pytest.mark.parametrize("title, latex", [
    ("SOTOPIA-$π$", "SOTOPIA-$\\pi $"),  # Unicode inside math: a math command
    ("SOTOPIA-π", "SOTOPIA-{\\ensuremath{\\pi}}"),  # outside math: math made sure of
    ("$VILA^2$: VILA", "$VILA^2$: VILA"),  # math as written
    ("$\\nabla^2$DFT", "$\\nabla^2$DFT"),
    ("$x_1 & y % z$", "$x_1 \\& y \\% z$"),  # a bare & or % would stop pdflatex even in math
    ("José Ångström — naïve", "Jos{\\'e} {\\r{A}}ngstr{\\\"o}m {\\textemdash} na{\\\"\\i}ve"),
    ("100% & #1 V_AI ~ ^", "100\\% \\& \\#1 V\\_AI \\textasciitilde{} \\textasciicircum{}"),
    ("홍길동", "{\\nonlatin{홍길동}}"),
    ("한국어 제목: Korean", "{\\nonlatin{한국어 제목}}: Korean"),
    ("$π² 홍$", "$\\pi \\mbox{{\\texttwosuperior}} \\mbox{\\nonlatin{홍}}$"),
])
def test_latex_escape(title: str, latex: str) -> None:
    assert latex_escape(title) == latex


def test_a_text_in_other_scripts_keeps_its_utf8_for_xelatex_and_kotex() -> None:
    entry = parse(to_bibtex([ODD_PAPERS[7]])).entries[0]
    assert entry.fields_dict["author"].value == "{\\nonlatin{홍길동}} and Kim Minji"
    assert re.search(r"ver@kotex\.sty", NONLATIN_PREAMBLE) and "XeTeXrevision" in NONLATIN_PREAMBLE
