"""Library methods for the living sources: days from the Hugging Face hub, Korean summaries by the reader's model.

A hub day is fetched through the same day loop, rules and report as an archive day (reader.sources.archive
follow_days, reader.core.reports.FetchReport): `Library.fetch("hf")` lands here. Its days are ordinary
digest files under ``<data_dir>/library/hf``, so the index, list, detail and exports need nothing new;
the catalogue lets a hub entry step aside for a Korean digest's entry of the same paper on the same day.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.models import DayInfo, Source
from reader.core.reports import FetchProgress, FetchReport
from reader.sources.folders import is_under
from reader.stores.catalogue import HUB_FILE, SEED_FILE, USER_FILE, Catalogue

if TYPE_CHECKING:
    from reader.library.recommend import Corpus, ForYou
    from reader.sources.summarise import ChatModel, SummaryProgress, SummaryReport

HUB_SOURCE = "hf"  # `fetch --source hf`, the fetch dialog's choice (reader.sources.hub.HUB_SOURCE)
FOR_YOU_TOP = 3  # a new paper is "For you" in its day's top 3 (README, For you: the day's top 3 ...)


class LivingSources:
    """Mixin for Library: the hub source and the summariser."""

    data_dir: Path

    if TYPE_CHECKING:
        @property
        def _catalogue(self) -> Catalogue: ...

        def days(self) -> list[DayInfo]: ...

        def sources(self) -> list[Source]: ...

        def add_sources(self, paths: list[Path]) -> list[Source]: ...

        def for_you(self, corpus: Corpus | None = None) -> ForYou: ...

    def hub_folder(self) -> Path:
        """Where the hub's days are kept: ``<data_dir>/library/hf``."""
        return self.data_dir / "library" / "hf"

    def fetch_folder(self, source: str) -> Path:
        """Where fetch() keeps the days of this source (inside the data directory)."""
        from reader.sources.archive_layout import source_folder

        return self.hub_folder() if source == HUB_SOURCE else source_folder(self.data_dir, source)

    def default_fetch_start(self, source: str, today: date) -> date:
        """The first day a fetch of this source asks for when no --since is given."""
        from reader.sources.archive_layout import default_since

        known_days = self.days()
        return default_since(self.fetch_folder(source), known_days[0].date if known_days else None, today)

    def fetch_hub(self, since: date | None = None, until: date | None = None, *,
                  progress: Callable[[FetchProgress], None] | None = None,
                  should_stop: Callable[[], bool] | None = None, timeout_s: float = 15.0) -> FetchReport:
        """Fetch the hub's missing days (archive rules and defaults) and follow the hub folder.

        The caller runs update() afterwards when report.fetched > 0. Blocks: not on the GUI thread."""
        from reader.sources.hub import fetch_hub_days

        today = datetime.now(UTC).date()
        since = since or self.default_fetch_start(HUB_SOURCE, today)
        folder = self.hub_folder()
        report = fetch_hub_days(folder, since, until or today, progress=progress, should_stop=should_stop,
                                timeout_s=timeout_s)
        if report.fetched and str(folder.resolve()) not in {entry.path for entry in self.sources()}:
            self.add_sources([folder])
        return report

    def fetched_entries(self, report: FetchReport) -> list[tuple[str, str]]:
        """(date, arXiv id) of the papers the days a fetch wrote hold (for "12 new papers"), read from the files."""
        from reader.core.parse import read_digest
        from reader.core.reports import DayStatus
        from reader.sources.archive_layout import day_path

        folder = Path(report.folder)
        return [(paper.date, paper.arxiv_id) for day in report.days if day.status is DayStatus.FETCHED
                for paper in read_digest(day_path(folder, date.fromisoformat(day.date))).papers]

    def for_you_among(self, entries: Collection[tuple[str, str]], corpus: Corpus | None = None) -> int | None:
        """How many of these (date, arXiv id) entries For you ranks in the top FOR_YOU_TOP of their day with a
        score above 0 (For you likes it: see reader.features.recommend): the "3 For you" of "12 new papers, 3 For you".
        None while For you has too few stars to learn from (MIN_STARS). Builds For you's text matrix (seconds at
        thousands of papers) unless given `corpus`: not on the GUI thread; the entries must be in the catalogue (after
        update())."""
        model = self.for_you(corpus)
        if not model.learned:
            return None
        wanted = set(entries)
        count = 0
        for day in sorted({day for day, _arxiv_id in wanted}):
            listed = [arxiv_id for arxiv_id, _kind in self._catalogue.day_entries(day)
                      if arxiv_id not in model.dismissed]
            top = sorted(listed, key=model.order_key)[:FOR_YOU_TOP]
            count += sum(1 for arxiv_id in top if (day, arxiv_id) in wanted and model.score(arxiv_id) > 0)
        return count

    def _file_kind(self, path: str, builtin_roots: list[str]) -> int:
        """What the catalogue's visibility rule needs to know of a digest file (see catalogue_schema.HIDDEN)."""
        if is_under(path, builtin_roots):
            return SEED_FILE
        return HUB_FILE if is_under(path, [str(self.hub_folder().resolve())]) else USER_FILE

    def papers_to_summarise(self, day: str) -> int:
        """How many papers the hub listed on `day` that have no Korean summary (what `summarise` would ask for).

        Cheap enough for the GUI thread: only the day's hub entries are read, never a Korean digest's summaries."""
        from reader.sources.hub_digest import needs_korean

        return sum(1 for sections in self._catalogue.day_sections(day, HUB_FILE) if needs_korean(sections))

    def summarised_elsewhere(self, day: str) -> frozenset[str]:
        """The papers of `day` a Korean digest already lists: their hub entry steps aside, so summarise skips them."""
        return frozenset(arxiv_id for arxiv_id, kind in self._catalogue.day_entries(day) if kind != HUB_FILE)

    def hub_day_file(self, day: str) -> Path:
        """The hub's digest file of one day (it may not exist)."""
        return hub_day_path(self.data_dir, day)

    def chat_model(self, endpoint: str | None = None, model: str | None = None) -> ChatModel:
        """The reader's model (see chat_model below)."""
        return chat_model(endpoint, model)

    def store_api_key(self, endpoint: str, key: str) -> None:
        """Keep the key of `endpoint` in the system keyring ('' removes it); SummariseError without a keyring."""
        store_api_key(endpoint, key)

    def summarise(self, day: str, model: ChatModel, *,
                  progress: Callable[[SummaryProgress], None] | None = None,
                  should_stop: Callable[[], bool] | None = None) -> SummaryReport:
        """Korean summaries for the hub papers of `day` that have none, written into that day's file.

        The caller runs update() afterwards when report.written > 0. Raises SummariseError (a ReaderError)
        when the day has no hub file or the model cannot be reached. Blocks: not on the GUI thread."""
        return summarise_hub_day(self.data_dir, day, model, progress=progress, should_stop=should_stop,
                                 skip=self.summarised_elsewhere(day))


def hub_day_path(data_dir: Path, day: str) -> Path:
    from reader.sources.archive_layout import day_path

    return day_path(data_dir / "library" / "hf", date.fromisoformat(day))


def summarise_hub_day(data_dir: Path, day: str, model: ChatModel, *,
                      progress: Callable[[SummaryProgress], None] | None = None,
                      should_stop: Callable[[], bool] | None = None, skip: Collection[str] = ()) -> SummaryReport:
    """Library.summarise without a Library: the window's worker uses it, so it opens no second catalogue
    connection in the window's process (the hub file is all it reads and writes); `skip` comes from
    Library.summarised_elsewhere."""
    from reader.sources.summarise import summarise_day

    return summarise_day(hub_day_path(data_dir, day), date.fromisoformat(day), model, progress=progress,
                         should_stop=should_stop, skip=skip)


def chat_model(endpoint: str | None = None, model: str | None = None) -> ChatModel:
    """The reader's model: the endpoint and model given, else $DAILY_PAPERS_CHAT_ENDPOINT / _MODEL, else a local
    Ollama; the API key from $DAILY_PAPERS_API_KEY or the system keyring (never from a file).
    SummariseError for an endpoint that is not an http(s) URL. May wait for the keyring: not on the GUI thread."""
    import os

    from reader.sources.summarise import DEFAULT_ENDPOINT, DEFAULT_MODEL, ChatModel, api_key_for, check_endpoint

    base = check_endpoint(endpoint or os.environ.get("DAILY_PAPERS_CHAT_ENDPOINT") or DEFAULT_ENDPOINT)
    name = model or os.environ.get("DAILY_PAPERS_CHAT_MODEL") or DEFAULT_MODEL
    return ChatModel(base, name, api_key_for(base, dict(os.environ)))


def store_api_key(endpoint: str, key: str) -> None:
    """Keep the key of `endpoint` in the system keyring; SummariseError when there is no usable keyring."""
    from reader.sources.summarise import store_api_key as keep

    keep(endpoint, key)


def kept_pdf(data_dir: Path, arxiv_id: str) -> Path | None:
    """The PDF of the paper kept in the data directory (Keep PDF), if there is one."""
    from reader.sources.pdf_cache import kept_pdf as kept

    return kept(data_dir, arxiv_id)


def keep_pdf(data_dir: Path, arxiv_id: str, should_stop: Callable[[], bool] | None = None,
             progress: Callable[[int, int | None], None] | None = None) -> Path:
    """Download the paper's arXiv PDF into ``<data_dir>/pdfs`` (resumable, verified, size-limited); its path.
    `progress(bytes so far, total or None)` after each chunk. PdfError (a ReaderError) with one sentence when it
    cannot be kept. Blocks: not on the GUI thread."""
    from reader.sources.pdf_cache import keep_pdf as keep

    return keep(data_dir, arxiv_id, should_stop=should_stop, progress=progress)
