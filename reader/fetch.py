"""TEMPORARY shim while reader/ui moves; removed in the same series of commits."""
from reader.core.reports import DayResult, DayStatus, FetchProgress, FetchReport  # noqa: F401
from reader.sources.archive_layout import DEFAULT_SOURCE, default_since, source_folder  # noqa: F401


def fetch_into_library(library, source=DEFAULT_SOURCE, since=None, until=None, **kwargs):  # type: ignore[no-untyped-def]
    return library.fetch(source, since, until, **kwargs)
