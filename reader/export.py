"""TEMPORARY shim while reader/ui moves; removed in the same series of commits."""
from reader.exports.bibtex import to_bibtex  # noqa: F401
from reader.exports.formats import FORMAT_SUFFIXES, export_papers, format_for_path  # noqa: F401
from reader.exports.reading_list import describe_scope  # noqa: F401
