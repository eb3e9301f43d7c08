"""What a query may cost: the index terms its prefixes stand for, bounded before anything is scored.

A word is matched by prefix (``llm`` -> llms, llm-based, ...), so one typed letter stands for every
index term that starts with it: ``s`` for about 1,800 terms in three fields of a 1,330-paper library,
twenty OR'd letters for the whole vocabulary. Each of those terms is a posting list to read and a
scoring step, and ``a OR b ... OR t`` took 11 s. The parser bounds the words of a query
(:data:`reader.index.query.MAX_QUERY_WORDS`); :func:`check` bounds what they stand for here, from the
snapshot's cached expansions (a prefix typed twice counts once), and refuses a query over the bound with
an InvalidQueryError (code ``query-too-broad``) that names its broadest word (the user types more of
it). Refusing rather than cutting keeps every answer exact: a cut prefix would silently miss papers.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh import query as wq

from reader.index import cancellation
from reader.index.engine import Snapshot
from reader.index.query import query_error
from reader.index.whoosh_internals import SelectedPrefix

# Index terms one query may stand for in all (each is a posting list read and scored). A one-letter
# prefix stays under it at a few thousand papers; the 48 terms of a usual query are far below it.
MAX_EXPANSIONS = 5_000


def check(query: wq.Query, snapshot: Snapshot) -> None:
    """Raise InvalidQueryError (code ``query-too-broad``) when the query's prefixes stand for more than
    :data:`MAX_EXPANSIONS` index terms; cheap otherwise (the expansions are the ones the search reads)."""
    counts: dict[tuple[str, str], int] = {}
    for prefix in _prefixes(query):
        key = (prefix.fieldname, prefix.text)
        if key not in counts:
            cancellation.check()
            terms = snapshot.expand(prefix.fieldname, prefix.text)
            counts[key] = len(prefix.select(terms) if isinstance(prefix, SelectedPrefix) else terms)
    total = sum(counts.values())
    if total > MAX_EXPANSIONS:
        broadest: dict[str, int] = {}
        for (_field, text), count in counts.items():
            broadest[text] = broadest.get(text, 0) + count
        word = max(broadest, key=lambda text: broadest[text])
        raise query_error("query-too-broad", total, MAX_EXPANSIONS, word)


def _prefixes(query: wq.Query) -> Iterator[wq.Prefix]:
    """Every Prefix in the query tree (Whoosh's ``children()`` covers Or, And, Not, Sequence, HangulWord)."""
    if isinstance(query, wq.Prefix):
        yield query
        return
    for child in query.children():
        yield from _prefixes(child)
