"""The weekly recap as a document: Markdown, self-contained HTML, or the JSON of the `recap` command.

Korean or English headings; the papers' titles and summaries stay as the digests wrote them. The
HTML has its style inline and no image, script or remote resource: digest text is escaped, and the
only links are arXiv pages for the reader to open. Same recap in, same bytes out.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping

from reader.core import arxiv
from reader.core.contract import paper_json
from reader.core.models import Flags, Paper
from reader.features.recap import Recap

FORMATS = ("markdown", "html", "json")
LANGUAGES = ("ko", "en")
SUMMARY_CHARS = 220  # what the top papers show of their summaries

_TEXT = {
    "ko": {"title": "주간 요약 {week}", "range": "{start} ~ {end} · 논문 {papers}편", "top": "추천 수 상위 {count}편",
           "groups": "주제별 묶음", "starred": "별표한 논문", "noted": "메모한 논문", "none": "없음",
           "votes": "추천 {votes}",
           "papers_of": "논문 {count}편", "all": "이번 주 논문"},
    "en": {"title": "Weekly recap {week}", "range": "{start} to {end} · {papers} papers", "top": "Top {count} by votes",
           "groups": "Related papers", "starred": "Starred papers", "noted": "Papers with a note",
           "none": "None", "votes": "{votes} votes",
           "papers_of": "{count} papers", "all": "The week's papers"},
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~#&|])")
_STYLE = ("body{font-family:'Noto Sans CJK KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif;max-width:52em;"
          "margin:2em auto;padding:0 1em;line-height:1.55;color:#1d1d1f;background:#fff}"
          "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}"
          ".note{white-space:pre-wrap;border-left:3px solid #ccc;padding-left:.6em;margin:.3em 0}"
          "li{margin:.35em 0}.meta{color:#666;font-size:.9em}.summary{color:#333;font-size:.92em}"
          "@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#1e1e1e}.meta{color:#aaa}"
          ".summary{color:#ccc}h2{border-color:#444}a{color:#8ab4f8}}")


def render(recap: Recap, flags: Mapping[str, Flags], fmt: str, language: str = "ko") -> str:
    """The recap in ``fmt`` (one of FORMATS); ``language`` (ko or en) names the headings."""
    if fmt == "json":
        return to_json(recap, flags)
    if fmt == "html":
        return to_html(recap, language)
    if fmt == "markdown":
        return to_markdown(recap, language)
    raise ValueError(f"not a recap format: {fmt!r}")


def to_json(recap: Recap, flags: Mapping[str, Flags]) -> str:
    """{"week", "papers", "top", "groups": [{"label", "labels", "papers"}], "starred", "noted"} with list --json paper
    objects (a noted one has its "note" too)."""

    def objects(papers: tuple[Paper, ...]) -> list[dict[str, object]]:
        return [paper_json(paper, flags.get(paper.arxiv_id, Flags())) for paper in papers]

    document = {
        "week": recap.week,
        "papers": objects(recap.papers),
        "top": objects(recap.top),
        "groups": [{"label": group.label, "labels": list(group.labels), "papers": objects(group.papers)}
                   for group in recap.groups],
        "starred": objects(recap.starred),
        "noted": [paper_json(paper, flags.get(paper.arxiv_id, Flags())) | {"note": note}
                  for paper, note in recap.noted],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_markdown(recap: Recap, language: str = "ko") -> str:
    text = _TEXT[language]
    lines = [f"# {text['title'].format(week=recap.week)}", "",
             text["range"].format(start=recap.start, end=recap.end, papers=len(recap.papers)), ""]
    lines += [f"## {text['top'].format(count=len(recap.top))}", ""]
    for paper in recap.top:
        lines.append(f"1. {_markdown_link(paper)} · {text['votes'].format(votes=_votes(paper))} · {paper.date}")
        if summary := _summary(paper):
            lines.append(f"   {_markdown_escape(summary)}")
    lines += ["", f"## {text['groups']}", ""]
    for group in recap.groups:
        lines += [f"### {_markdown_escape(group.label)} ({text['papers_of'].format(count=len(group.papers))})", ""]
        lines += [f"- {_markdown_link(paper)}" for paper in group.papers] + [""]
    if not recap.groups:
        lines += [text["none"], ""]
    lines += [f"## {text['starred']}", ""]
    lines += [f"- {_markdown_link(paper)} · {paper.date}" for paper in recap.starred] or [text["none"]]
    lines += ["", f"## {text['noted']}", ""]
    for paper, note in recap.noted:
        lines.append(f"- {_markdown_link(paper)} · {paper.date}")
        lines += [f"  > {_markdown_escape(line)}" if line.strip() else "  >" for line in note.strip().splitlines()]
    if not recap.noted:
        lines.append(text["none"])
    lines += ["", f"## {text['all']} ({len(recap.papers)})", ""]
    lines += [f"- {paper.date} · {_markdown_link(paper)}" for paper in recap.papers]
    return "\n".join(lines) + "\n"


def to_html(recap: Recap, language: str = "ko") -> str:
    text = _TEXT[language]
    title = html.escape(text["title"].format(week=recap.week))
    period = html.escape(text["range"].format(start=recap.start, end=recap.end, papers=len(recap.papers)))
    csp = "default-src 'none'; style-src 'unsafe-inline'"  # nothing is fetched, whatever a digest wrote
    parts = [f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
             f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
             f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
             f'<p class="meta">{period}</p>\n',
             f"<h2>{html.escape(text['top'].format(count=len(recap.top)))}</h2>\n<ol>\n"]
    for paper in recap.top:
        votes = html.escape(text["votes"].format(votes=_votes(paper)))
        summary = _summary(paper)
        parts.append(f'<li>{_html_link(paper)} <span class="meta">· {votes} · {paper.date}</span>'
                     + (f'<div class="summary">{html.escape(summary)}</div>' if summary else "") + "</li>\n")
    parts.append(f"</ol>\n<h2>{html.escape(text['groups'])}</h2>\n")
    for group in recap.groups:
        count = html.escape(text["papers_of"].format(count=len(group.papers)))
        parts.append(f'<h3>{html.escape(group.label)} <span class="meta">({count})</span></h3>\n<ul>\n')
        parts += [f"<li>{_html_link(paper)}</li>\n" for paper in group.papers]
        parts.append("</ul>\n")
    if not recap.groups:
        parts.append(f"<p>{html.escape(text['none'])}</p>\n")
    parts.append(f"<h2>{html.escape(text['starred'])}</h2>\n")
    if recap.starred:
        parts.append("<ul>\n" + "".join(f'<li>{_html_link(paper)} <span class="meta">· {paper.date}</span></li>\n'
                                        for paper in recap.starred) + "</ul>\n")
    else:
        parts.append(f"<p>{html.escape(text['none'])}</p>\n")
    parts.append(f"<h2>{html.escape(text['noted'])}</h2>\n")
    if recap.noted:
        parts.append("<ul>\n" + "".join(f'<li>{_html_link(paper)} <span class="meta">· {paper.date}</span>'
                                        f'<div class="note">{html.escape(note.strip())}</div></li>\n'
                                        for paper, note in recap.noted) + "</ul>\n")
    else:
        parts.append(f"<p>{html.escape(text['none'])}</p>\n")
    parts.append(f"<h2>{html.escape(text['all'])} ({len(recap.papers)})</h2>\n<ul>\n")
    parts += [f'<li><span class="meta">{paper.date}</span> {_html_link(paper)}</li>\n' for paper in recap.papers]
    parts.append("</ul>\n</body>\n</html>\n")
    return "".join(parts)


def _votes(paper: Paper) -> str:
    return "-" if paper.votes is None else str(paper.votes)


def _summary(paper: Paper) -> str:
    """The start of the summary on one line, cut at a word."""
    text = " ".join(paper.summary_text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _title(paper: Paper) -> str:
    return " ".join(paper.title.split())


def _markdown_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown_link(paper: Paper) -> str:
    return f"[{_markdown_escape(_title(paper))}]({arxiv.abs_url(paper.arxiv_id)})"


def _html_link(paper: Paper) -> str:
    return f'<a href="{html.escape(arxiv.abs_url(paper.arxiv_id))}">{html.escape(_title(paper))}</a>'
