"""The Markdown reading list of a hostile summary is safe Markdown (issue 12, finding 12): its raw HTML shows as
text, only http(s) links are links, and code keeps what it says."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import markdown

from reader.core.models import Paper, Section
from reader.exports.formats import export_papers

sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
import hostile_digests  # noqa: E402 - the generator lives with the hostile tests

SUMMARY = "\n".join([
    hostile_digests.html_script(),
    "- [대문자](JavaScript:alert(2)) ![데이터](data:text/html,x) [<b>](vbscript:x) [엔티티](&#106;avascript:alert(3))",
    "- [괄호 [안]](javascript:alert(4)) <javascript:alert(5)> <!-- 주석 -->",
    "  [ref]: javascript:alert(6)",
    "- [정상](https://arxiv.org/abs/2401.00001) 과 <https://huggingface.co/papers>",
    "```",
    "<b>코드 블록</b> [x](javascript:alert(7))",
    "```",
])


def exported_html(summary: str) -> tuple[str, str]:
    paper = Paper(arxiv_id="2402.90001", date="2024-02-29", title="Hostile", url="https://arxiv.org/abs/2402.90001",
                  votes=1, authors=("Kim Minji",), sections=(Section(None, summary),))
    text = export_papers([paper], {}, "markdown")
    return text, markdown.markdown(text)


def test_raw_html_in_a_summary_is_exported_as_text() -> None:
    text, html = exported_html(SUMMARY)
    tags = set(re.findall(r"<(/?[a-z0-9]+|!--)", html))
    assert {tag.lstrip("/") for tag in tags} <= {"h1", "h2", "h3", "p", "ul", "li", "a", "img", "code", "strong"}, tags
    attributes = set(re.findall(r"<[a-z0-9]+((?: [a-z]+=\"[^\"]*\")*)>", html))
    assert all(re.fullmatch(r'(?: (?:href|src|alt)="[^"]*")*', found) for found in attributes), attributes
    assert "&lt;script&gt;alert('digest')&lt;/script&gt; 스크립트" in html  # shown, not run
    assert "`a<b && c>d`" in text and "<code>a&lt;b &amp;&amp; c&gt;d</code>" in html  # code as written


def test_only_http_links_are_exported() -> None:
    _text, html = exported_html(SUMMARY)
    targets = re.findall(r'<(?:a|img) (?:href|src)="([^"]*)"', html)
    assert targets and all(target.startswith(("http://", "https://")) for target in targets), targets
    assert "https://arxiv.org/abs/2401.00001" in targets
    assert "로컬 파일 스크립트" in html  # a dropped link keeps its text


def test_an_ordinary_summary_is_exported_as_written() -> None:
    summary = "새로운 **방법**을 제안합니다: [코드](https://github.com/x/y?a=1&b=2).\n  - 중첩된 `항목`"
    text, html = exported_html(summary)
    assert "- 새로운 **방법**을 제안합니다: [코드](https://github.com/x/y?a=1&amp;b=2).\n    - 중첩된 `항목`" in text
    assert '<a href="https://github.com/x/y?a=1&amp;b=2">코드</a>' in html
