"""Korean-aware full-text search over papers (Whoosh); no Qt.

``query.parse_query`` turns what a user typed into a :class:`query.Query` (with highlight spans);
``search_index.SearchIndex`` stores one entry per (source, date, arXiv id) and answers queries.
``analysis`` holds the token rules (Hangul bigrams and position-free run suffixes, Latin words),
``clauses`` what a query word or phrase matches (Hangul across spaces, Latin prefixes, acronyms),
``glossary_mining`` / ``glossary`` / ``expansion`` the bilingual glossary mined from the summaries and
what it adds to a query, ``identity`` the look-up of an arXiv id or URL, and ``writer`` a lean
segment writer; ``ranking`` evaluates queries on whole posting lists that ``engine`` reads
(BM25F scores as Whoosh's searcher computes them, exact totals). Everything that relies on
Whoosh's private or undocumented internals (the posting byte format, segment reader and writer
internals) is in ``whoosh_internals`` and nowhere else. Whoosh exceptions never leave this
package: a failure inside the index is a ``LibraryError``, a query the user must change an
``InvalidQueryError``.
"""
