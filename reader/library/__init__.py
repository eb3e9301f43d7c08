"""The facade: the only part of the reader the front ends (``reader.cli``, ``reader.ui``) call.

``Library`` is one data directory (sources, catalogue, index, reading state); the names below are
what a front end needs besides it, so no front end imports the stores, sources or exports itself.
"""

from typing import TYPE_CHECKING, Any

from reader.core.models import Annotations, DayInfo, PaperRow, SearchResult, Source
from reader.core.reports import (
    REPAIRED,
    DayResult,
    DayStatus,
    FetchProgress,
    FetchReport,
    ImportReport,
    UpdateProgress,
    UpdateReport,
)
from reader.exports.formats import CITATION_FORMATS, EXPORT_FORMATS, FORMAT_SUFFIXES, entry_count, format_for_path
from reader.exports.latex_text import title_text
from reader.exports.zotero import DEFAULT_CONNECTOR as DEFAULT_ZOTERO_CONNECTOR
from reader.exports.zotero import ZoteroError, ZoteroReport, check_connector
from reader.index.cancellation import SearchCancelledError
from reader.library.counts import SmartCounts
from reader.library.facade import FILES_PER_COMMIT, Library, scan_folders
from reader.library.glossary_terms import GlossaryForms, GlossarySpan
from reader.library.insights import RECAP_FORMATS, RECAP_LANGUAGES, TREND_PERIODS, EmergingTerms, Recap, TrendPoint
from reader.library.living import HUB_SOURCE, chat_model, keep_pdf, kept_pdf, store_api_key, summarise_hub_day
from reader.library.recommend import MIN_STARS, Reason, Recommendation
from reader.sources.archive_layout import DEFAULT_SOURCE, FetchError, check_source
from reader.stores.carry import read_state_file, state_to_text
from reader.stores.datadir import DATA_DIR_ENV
from reader.stores.organise import SavedSearch

if TYPE_CHECKING:
    from reader.sources.summarise import (
        CHAT_DEFAULTS,
        ChatModel,
        SummariseError,
        SummaryProgress,
        SummaryReport,
        check_endpoint,
    )

# The summariser's client pulls in http.client, ssl and email (~25 ms of every start): imported when a name of
# it is first asked for (a summary written, its dialog opened), not with the window.
_LATER = dict.fromkeys(
    ("CHAT_DEFAULTS", "ChatModel", "SummariseError", "SummaryProgress", "SummaryReport", "check_endpoint"),
    "reader.sources.summarise")


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "MIN_STARS", "Reason", "Recommendation",
    "CHAT_DEFAULTS", "HUB_SOURCE", "ChatModel", "SummariseError", "SummaryProgress", "SummaryReport", "check_endpoint",
    "chat_model", "keep_pdf", "kept_pdf", "store_api_key", "summarise_hub_day",
    "Annotations", "SavedSearch", "REPAIRED", "SearchCancelledError",
    "CITATION_FORMATS", "DATA_DIR_ENV", "RECAP_FORMATS", "RECAP_LANGUAGES", "TREND_PERIODS", "EmergingTerms",
    "Recap", "TrendPoint", "DEFAULT_SOURCE", "DEFAULT_ZOTERO_CONNECTOR", "EXPORT_FORMATS",
    "FILES_PER_COMMIT", "FORMAT_SUFFIXES", "DayInfo", "DayResult", "DayStatus", "FetchError", "FetchProgress",
    "FetchReport", "GlossaryForms", "GlossarySpan", "ImportReport", "Library", "PaperRow", "SearchResult",
    "SmartCounts", "Source", "UpdateProgress",
    "UpdateReport", "ZoteroError", "ZoteroReport", "check_connector", "check_source", "entry_count",
    "format_for_path", "read_state_file", "scan_folders", "state_to_text", "title_text",
]
