"""Look-up by identity: a query that is an arXiv id or an arXiv / Hugging Face paper URL names one paper.

``2411.12275``, ``2411.12275v2``, ``https://arxiv.org/abs/2411.12275v2``, ``arxiv.org/pdf/2411.12275.pdf``
and ``https://huggingface.co/papers/2411.12275`` typed as the whole query (spaces aside) put every
day that paper is listed on first, then whatever the same text matches as words. The rule for what
an id is lives in :mod:`reader.core.arxiv` (``find``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core import arxiv
from reader.core.models import Paper, SearchHit, SearchResult

if TYPE_CHECKING:
    from reader.index.query import Query

MAX_LENGTH = 300  # no URL of a paper is longer; a long query is never an identity


def named_id(query: str) -> str | None:
    """The versionless arXiv id the whole query names, else None."""
    return arxiv.find(query) if len(query) <= MAX_LENGTH else None


def first(named: list[Paper], result: SearchResult | None, query: Query | None, limit: int | None) -> SearchResult:
    """The named paper's entries first (scored above every hit), then ``result``'s other hits; an entry
    the text ``query`` matches too is counted once."""
    hits = list(result.hits) if result is not None else []
    keys = {(paper.source, paper.date, paper.arxiv_id) for paper in named}
    rest = [hit for hit in hits if (hit.paper.source, hit.paper.date, hit.paper.arxiv_id) not in keys]
    score = round(max((hit.score for hit in hits), default=0.0) + 1.0, 4)
    ranked = [SearchHit(paper, score) for paper in named] + rest
    total = len(named)
    if result is not None and query is not None:
        total += result.total - sum(1 for paper in named if query.matches_fields(
            {"title": paper.title, "authors": ", ".join(paper.authors), "body": paper.summary_text}))
    return SearchResult(ranked if limit is None else ranked[:limit], max(total, len(ranked[:limit])))
