"""What the reader keeps in its data directory, in sqlite: the catalogue of parsed papers (a cache of
the digests) and the reading state (the reader's own marks, carried by state export/import).

Standard library and reader.core only: no Qt, no Whoosh.
"""
