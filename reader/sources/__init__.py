"""Where digests come from: folders on disk (``folders``) and digest archives over http(s) (``archive``).

Uses reader.core only; the library facade decides what to scan and what to index.
"""
