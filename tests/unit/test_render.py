"""The detail pane's HTML: untrusted digest text rendered readable and harmless (no Qt needed)."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from reader.core.models import Flags, Media, Paper, Section
from reader.ui.panes.paper_html import render_paper_html, sanitize_html

THUMBNAIL = "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2404.00399.png"


def make_paper(**fields: object) -> Paper:
    values: dict[str, object] = {
        "arxiv_id": "2404.00399",
        "date": "2024-04-02",
        "title": "Aurora-M",
        "url": "https://arxiv.org/abs/2404.00399",
        "votes": 24,
        "authors": ("Yekun Chai", "Jason T Stillerman"),
    }
    values.update(fields)
    return Paper(**values)  # type: ignore[arg-type]


class Page(HTMLParser):
    """The rendered document as elements (tag, attributes) and visible text."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_parts: list[str] = []
        self._in_style = False
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]


def render(paper: Paper, **options: object) -> Page:
    return Page(render_paper_html(paper, Flags(), **options))  # type: ignore[arg-type]


def hits_of(*words: str):
    """A highlighter like Library.highlight: spans of each word in the text."""
    pattern = re.compile("|".join(re.escape(word) for word in words))
    return lambda text: [(m.start(), m.end()) for m in pattern.finditer(text)]


def hit_texts(document: str) -> list[str]:
    return re.findall(r'<span class="hit">(.*?)</span>', document)


def assert_harmless(page: Page) -> None:
    """No active content, no styles from the digest, no URL other than http(s) or our date links."""
    assert len(page.tags("style")) == 1  # our own stylesheet only
    for tag, attrs in page.elements:
        assert tag not in {"script", "iframe", "object", "embed", "video", "form", "input", "link", "meta"}
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in {"href", "src"}:
                assert re.match(r"(https?:|dpr-date:\d{4}-\d{2}-\d{2}$)", value), (tag, name, value)


NASTY_SNIPPETS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="position:fixed;top:0">covered</p>',
    "<style>body { display: none }</style>",
    "[click](javascript:alert(1))",
    "![pixel](data:image/png;base64,iVBORw0KGgo=)",
    "[secret](file:///etc/passwd)",
    '<a href="file:///home/user/.ssh/id_rsa">key</a>',
    "<object data='x.swf'></object><embed src='x'>",
    "[relative](../../etc/passwd)",
]


@pytest.mark.parametrize("snippet", NASTY_SNIPPETS)
def test_nasty_summary_text_renders_harmless(snippet: str) -> None:
    paper = make_paper(sections=(Section("What's New", f"앞 {snippet} 뒤"), Section(None, snippet)))
    page = render(paper, allow_remote_images=True)
    assert_harmless(page)
    assert "앞" in page.text and "뒤" in page.text  # the surrounding text is still shown


RAW_HTML_SNIPPETS = [snippet for snippet in NASTY_SNIPPETS if snippet.startswith("<")] + [
    '<a href="javascript:alert(1)">js</a>',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
    '<img src="file:///etc/passwd">',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<svg onload="alert(1)"></svg>',
]


@pytest.mark.parametrize("snippet", RAW_HTML_SNIPPETS)
def test_sanitizer_strips_raw_html(snippet: str) -> None:
    """The sanitiser alone, on raw HTML (defence in depth behind the Markdown escaping)."""
    page = Page("<style>ours</style>" + sanitize_html(f"<p>{snippet}</p>", allow_images=True))
    assert_harmless(page)
    assert "alert" not in str(page.elements)


def test_raw_html_in_summary_is_shown_as_text() -> None:
    paper = make_paper(sections=(Section(None, "토큰 <think> 와 <script>alert(1)</script>"),))
    page = render(paper)
    assert "<think>" in page.text
    assert "<script>alert(1)</script>" in page.text
    assert not page.tags("script")


def test_html_in_title_and_authors_is_text() -> None:
    paper = make_paper(title="<b>Bold</b> <img src=x onerror=alert(1)>", authors=("<i>Eve</i>", "Çırpar"))
    page = render(paper)
    assert "<b>Bold</b> <img src=x onerror=alert(1)>" in page.text
    assert "<i>Eve</i>, Çırpar" in page.text
    assert not page.tags("b") and not page.tags("img") and not page.tags("i")


@pytest.mark.parametrize(
    "title",
    [
        "A*: Search", "[IDK] Token", "CFG-Zero*", "GPT-[n] and V_AI", "**not bold**",
    ],
)
def test_title_is_shown_literally(title: str) -> None:
    page = render(make_paper(title=title))
    heading = page.tags("h2")
    assert heading
    assert title in page.text
    assert not page.tags("em") and not page.tags("strong") and not page.tags("a")[1:]  # only the arXiv link


@pytest.mark.parametrize(("title", "shown"), [
    ("M$^{2}$UGen", "M²UGen"), (r"$\textit{Trans-LoRA}$", "Trans-LoRA"),
    ("$VILA^2$: Pre-training", "VILA²: Pre-training"), (r"$\nabla^2$DFT", "∇²DFT"),
])
def test_a_title_with_latex_reads_as_text(title: str, shown: str) -> None:
    page = render(make_paper(title=title))
    assert shown in page.text and title not in page.text


def test_header_shows_votes_date_id_and_other_days() -> None:
    page = render(make_paper(votes=None), also_on=["2024-08-22", "2024-04-02", "2024-08-01", "nonsense"])
    assert "Votes: –" in page.text
    assert "2024-04-02" in page.text and "2404.00399" in page.text
    assert "Also on 2024-08-01, 2024-08-22" in page.text
    hrefs = [attrs["href"] for attrs in page.tags("a")]
    assert "https://arxiv.org/abs/2404.00399" in hrefs
    assert "dpr-date:2024-08-01" in hrefs and "dpr-date:2024-08-22" in hrefs
    assert "dpr-date:2024-04-02" not in hrefs  # the paper's own day is not "also on"


def test_truncated_author_list_says_so() -> None:
    full = render(make_paper(authors_truncated=False))
    cut = render(make_paper(authors_truncated=True))
    assert "truncated" not in full.text
    assert "and more (list truncated in the digest)" in cut.text


def test_starred_flag_is_shown() -> None:
    assert "★ Starred" in Page(render_paper_html(make_paper(), Flags(starred=True))).text
    assert "★ Starred" not in render(make_paper()).text


def test_labelled_sections_become_headings() -> None:
    sections = (
        Section("What's New", "새로운 방법."),
        Section("고찰", "한계가 있다."),
        Section("What's New - Related Work", "관련 연구."),
    )
    page = render(make_paper(sections=sections))
    document = render_paper_html(make_paper(sections=sections), Flags())
    assert re.findall(r"<h3>(.*?)</h3>", document) == ["What's New", "고찰", "What's New - Related Work"]
    assert "새로운 방법." in page.text and not page.tags("ul")


def test_plain_sections_become_one_bullet_list() -> None:
    sections = tuple(Section(None, f"요점 {number}") for number in range(1, 4))
    document = render_paper_html(make_paper(sections=sections), Flags())
    assert document.count("<ul>") == 1
    assert re.findall(r"<li>(.*?)</li>", document) == ["요점 1", "요점 2", "요점 3"]


def test_nested_bullets_and_numbered_lines_keep_their_structure() -> None:
    text = "두 가지 이점:\n  - 다재다능성\n    - OCR\n  - 긴 문맥\n1) 첫째\n2) 둘째"
    document = render_paper_html(make_paper(sections=(Section("Technical Details", text),)), Flags())
    assert re.search(r"<p>두 가지 이점:</p>\s*<ul>\s*<li>다재다능성<ul>\s*<li>OCR</li>", document)
    assert re.search(r"<ol>\s*<li>첫째</li>\s*<li>둘째</li>\s*</ol>", document)


def test_list_literal_value_renders_as_bullets() -> None:
    """The parser turns ``['a', 'b']`` values into bullets; they must show as a list under the heading."""
    section = Section("Performance Highlights", "- 첫 번째 요점\n- 두 번째 요점")
    document = render_paper_html(make_paper(sections=(section,)), Flags())
    expected = r"<h3>Performance Highlights</h3>\s*<ul>\s*<li>첫 번째 요점</li>\s*<li>두 번째 요점</li>"
    assert re.search(expected, document)


def test_inline_markdown_and_bare_urls_in_summary() -> None:
    text = (
        "**IXC-2.5**는 https://huggingface.co/collections/aurora-m 에서 공개, "
        "코드는 https://github.com/x/y에서."
    )
    document = render_paper_html(make_paper(sections=(Section(None, text),)), Flags())
    page = Page(document)
    assert "<strong>IXC-2.5</strong>" in document
    hrefs = [attrs["href"] for attrs in page.tags("a")]
    assert "https://huggingface.co/collections/aurora-m" in hrefs
    assert "https://github.com/x/y" in hrefs  # the Korean particle is not part of the URL


def test_search_hits_are_highlighted_in_title_authors_and_summary() -> None:
    paper = make_paper(
        title="Token Merging for LLM",
        authors=("Yekun Chai", "Jason T Stillerman"),
        sections=(Section("What's New", "새로운 모델의 성능과 LLM을 비교"),),
    )
    document = render_paper_html(paper, Flags(), highlight=hits_of("LLM", "Chai", "모델"))
    assert hit_texts(document) == ["LLM", "Chai", "모델", "LLM"]
    assert "새로운 <span class=\"hit\">모델</span>의" in document


def test_hit_straddling_markdown_emphasis_keeps_markup_well_formed() -> None:
    section = Section(None, "a **bold** word")
    document = render_paper_html(make_paper(sections=(section,)), Flags(), highlight=hits_of("old** wo"))
    assert "<strong>b<span class=\"hit\">old</span></strong><span class=\"hit\"> wo</span>rd" in document
    assert "**" not in document


def test_hit_inside_a_url_keeps_the_link_working() -> None:
    section = Section(None, "see https://huggingface.co/papers now")
    document = render_paper_html(make_paper(sections=(section,)), Flags(), highlight=hits_of("huggingface"))
    assert 'href="https://huggingface.co/papers"' in document
    assert hit_texts(document) == ["huggingface"]


def test_highlight_cannot_inject_markup_or_be_forged() -> None:
    """Spans over escaped characters stay text; sentinel characters in the digest do not create hits."""
    paper = make_paper(title="x <b>y</b> \ue000forged\ue001", sections=(Section(None, "<i>z</i>"),))
    document = render_paper_html(paper, Flags(), highlight=hits_of("<b>", "<i>"))
    page = Page(document)
    assert not page.tags("b") and not page.tags("i")
    assert hit_texts(document) == ["&lt;b&gt;", "&lt;i&gt;"]
    assert "forged" in page.text and "\ue000" not in document


def test_out_of_range_and_overlapping_spans_are_tolerated() -> None:
    paper = make_paper(title="Aurora-M", authors=())
    document = render_paper_html(paper, Flags(), highlight=lambda text: [(0, 3), (2, 6), (5, 999), (-4, 1)])
    assert hit_texts(document) == ["Aurora-M"]


def test_media_placeholder_by_default_and_no_image() -> None:
    page = render(make_paper(media=Media("image", THUMBNAIL)))
    assert not page.tags("img")
    assert f"Thumbnail: {THUMBNAIL}" in page.text
    assert THUMBNAIL in [attrs["href"] for attrs in page.tags("a")]


def test_video_is_a_link_even_when_images_are_allowed() -> None:
    video = "https://cdn-uploads.huggingface.co/production/uploads/x.mp4"
    page = render(make_paper(media=Media("video", video)), allow_remote_images=True)
    assert not page.tags("img") and not page.tags("video")
    assert f"Video: {video}" in page.text


def test_image_shown_when_remote_images_are_allowed() -> None:
    page = render(make_paper(media=Media("image", THUMBNAIL)), allow_remote_images=True)
    assert [attrs["src"] for attrs in page.tags("img")] == [THUMBNAIL]


def test_palette_colours_reach_the_stylesheet_and_bad_values_do_not() -> None:
    document = render_paper_html(
        make_paper(),
        Flags(),
        palette={"text": "#eeeeee", "background": "#101010", "link": "red;}</style><script>"},
    )
    assert "color: #eeeeee" in document and "background-color: #101010" in document
    assert "<script>" not in document


def test_render_module_does_not_import_qt() -> None:
    code = "import sys, reader.ui.panes.paper_html; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- hostile summaries: bounded work, plain text with a note (tests/hostile/hostile_digests.py) -------------

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "hostile"))
import hostile_digests  # noqa: E402 - lives with the hostile corpus

from reader.ui.panes import paper_html  # noqa: E402


def summary_paper(text: str) -> Paper:
    return make_paper(sections=(Section(None, text),))


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (hostile_digests.many_dashes(600), "Shown as plain text: nested too deeply to format."),
        (hostile_digests.many_dashes(500), "Shown as plain text: nested too deeply to format."),
        ("\n".join(f"{'  ' * level}- level {level}" for level in range(40)), "nested too deeply"),
        ("> " * 300 + "인용", "nested too deeply"),
        (hostile_digests.deep_bullets(800), "Shown as plain text: too large to format."),
        (hostile_digests.huge_line(200_000), "too large to format"),
        (hostile_digests.many_headings(1_000_000), "too large to format"),
        ("\n".join(f"- 항목 {number}" for number in range(1000)), "too large to format"),
    ],
    ids=["600-dashes", "500-dashes", "40-levels", "300-quotes", "800-levels", "huge-line", "million-headings",
         "1000-items"],
)
def test_a_summary_too_deep_or_large_to_format_is_plain_text_with_a_note(text: str, note: str) -> None:
    document = render_paper_html(summary_paper(text), Flags())  # no RecursionError, no minutes
    page = Page(document)
    assert note in page.text
    assert len(document) < 60_000  # what Qt lays out stays small, whatever the digest held
    first_line = text.splitlines()[0].lstrip("- ")[:20]
    assert first_line in page.text.replace("\u200b", "")  # the text itself is still there to read
    assert_harmless(page)


def test_a_cut_summary_says_how_much_is_shown() -> None:
    page = render(summary_paper(hostile_digests.huge_line(50_000)))
    assert "Only the first 10,000 of 50,003 characters are shown." in page.text


def test_nesting_within_the_bound_is_still_formatted() -> None:
    text = "\n".join(f"{'  ' * level}- level {level}" for level in range(paper_html.MAX_NESTING - 1))
    document = render_paper_html(summary_paper(text), Flags())
    assert document.count("<ul>") == paper_html.MAX_NESTING and "plain text" not in document  # + the sections' list


def test_long_titles_authors_and_unbroken_runs_are_cut_and_breakable() -> None:
    paper = make_paper(title="가" * 100_000, authors=tuple(f"Author {number}" for number in range(10_000)))
    page = render(paper)
    title = page.text.split("2024-04-02")[0].strip()
    assert len(title.replace("\u200b", "")) <= paper_html.MAX_TITLE_CHARS
    assert "\u200b" in title  # Qt can wrap it: a long word takes Qt the square of its length to lay out
    assert "Author 9999" not in page.text and "Author 1," in page.text


def test_quick_summaries_are_small_and_simple() -> None:
    assert paper_html.formats_quickly(summary_paper("- 짧은 요약 [링크](https://x.org)"))
    assert not paper_html.formats_quickly(summary_paper("가" * (paper_html.QUICK_CHARS + 1)))
    assert not paper_html.formats_quickly(summary_paper(hostile_digests.many_brackets(200)))


def test_inline_code_is_escaped_once() -> None:
    document = render_paper_html(summary_paper("비교 `a<b && c>d` 와 `<script>` 그리고 ``x`<y`` 끝"), Flags())
    page = Page(document)
    assert "a<b && c>d" in page.text and "<script>" in page.text and "x`<y" in page.text
    assert "&lt;" not in page.text and "&amp;" not in page.text
    assert len(page.tags("code")) == 3 and not page.tags("script")


def test_a_url_in_inline_code_stays_code() -> None:
    page = render(summary_paper("설치: `pip install git+https://github.com/x/y`"))
    assert "pip install git+https://github.com/x/y" in page.text
    assert not [attrs for attrs in page.tags("a") if "github" in attrs.get("href", "")]


def test_raw_html_outside_code_is_still_text_next_to_code() -> None:
    page = render(summary_paper("`a<b` 다음 <script>alert(1)</script> 그리고 `c`"))
    assert "<script>alert(1)</script>" in page.text and not page.tags("script")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/secret.png", THUMBNAIL])
def test_images_in_a_summary_are_links_never_images(url: str) -> None:
    page = render(summary_paper(f"그림 ![설명]({url}) 끝"), allow_remote_images=True)
    assert not page.tags("img")
    assert "설명" in page.text
    assert url in [attrs.get("href") for attrs in page.tags("a")]


def test_only_the_papers_own_thumbnail_is_an_image() -> None:
    paper = make_paper(media=Media("image", THUMBNAIL),
                       sections=(Section(None, '![x](https://evil.example/a.png) <img src="https://evil.example/b.png">'),))
    page = render(paper, allow_remote_images=True)
    assert [attrs["src"] for attrs in page.tags("img")] == [THUMBNAIL]


@pytest.mark.parametrize("case", sorted(hostile_digests.CASES))
def test_every_hostile_case_renders_harmless(case: str) -> None:
    from reader.core.parse import parse_digest

    summary = {"huge_line": lambda: hostile_digests.huge_line(100_000),
               "many_headings": lambda: hostile_digests.many_headings(20_000),
               "many_brackets": lambda: hostile_digests.many_brackets(300)}.get(case, hostile_digests.CASES[case])()
    text, ids = hostile_digests.digest_text({case: summary})
    paper = next(paper for paper in parse_digest(text, "hostile.md").papers if paper.arxiv_id == ids[case])
    page = render(paper, allow_remote_images=True)
    assert_harmless(page)
    assert [attrs["src"] for attrs in page.tags("img")] == [paper.media.url]


def test_bidirectional_overrides_and_control_characters_are_not_shown() -> None:
    summary = f"{hostile_digests.control_characters()}\n{hostile_digests.rtl_override()}"
    paper = make_paper(title="\u202eTitle reversed\u202c 제목 evil\u202egnp.exe",
                       authors=("Kim\u2066 Minji\u2069",), sections=(Section(None, summary),))
    page = render(paper)
    shown = page.text
    for char in ["\u202e", "\u202c", "\u2066", "\u2069", "\x07", "\x08", "\x1b", "\x7f", "\x85"]:
        assert char not in shown, repr(char)
    assert "Title reversed 제목 evilgnp.exe" in shown and "Kim Minji" in shown
    assert "빨강" in shown and "[31m" in shown  # the text around an escape sequence stays
    assert "\u200f" in shown  # a right-to-left mark reorders nothing around it: kept
