"""Korean-aware full-text search over papers (Whoosh); no Qt.

``query.parse_query`` turns what a user typed into a :class:`query.Query` (with highlight spans);
``search_index.SearchIndex`` stores one entry per (source, date, arXiv id) and answers queries.
``analysis`` holds the token rules (Hangul bigrams, Latin word-start prefixes) and ``writer`` a
lean Whoosh segment writer; ``ranking`` evaluates queries on whole posting lists that ``engine``
reads (Whoosh's scores, exact totals), and ``codec`` holds the byte-level posting format both
share. Whoosh exceptions never leave this package.
"""
