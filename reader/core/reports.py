"""What a long operation reports: an update of the library, a fetch from an archive, a state import.

Plain frozen values, so a worker thread or process can hand them to the window and the
command line can print them without knowing who made them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reader.core.models import Problem


@dataclass(frozen=True, slots=True)
class UpdateProgress:
    """Sent during Library.update() after each file."""

    done: int  # files handled, unchanged ones included
    total: int  # files to look at
    path: str
    papers: int = 0  # papers read so far by this update
    merging: int = 0  # once every file is read: the papers of the index's segments an idle moment now merges


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """What an update did, and every problem the library currently has."""

    files: int
    changed: int
    unchanged: int
    removed: int
    papers: int
    skipped: int  # files that gave no paper at all because of a problem
    problems: tuple[Problem, ...]


REPAIRED = "replaced a local copy that was not a whole digest"
"""A fetched day's reason when the fetch replaced a damaged or partial local copy (a front end explains it)."""


class DayStatus(StrEnum):
    FETCHED = "fetched"
    PRESENT = "present"  # already on disk: not fetched again
    NONE = "none"  # 404: no digest that day
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class DayResult:
    """What happened to one day."""

    date: str  # YYYY-MM-DD
    status: DayStatus
    reason: str = ""  # why it failed, in plain words ("HTTP 500 Internal Server Error", "timeout after 15 s")
    unreachable: bool = False  # failed before any HTTP answer (refused, DNS, no route): counts towards "offline"

    def describe(self) -> str:
        """One line for the command line or a log view."""
        return f"{self.date}  {self.status}" + (f": {self.reason}" if self.reason else "")


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Sent after each day: `done` of `total` days handled, and how that day went."""

    done: int
    total: int
    result: DayResult


@dataclass(frozen=True, slots=True)
class FetchReport:
    """Every day handled (oldest first), and messages the user should see once."""

    source: str
    folder: str  # where the days were written
    days: tuple[DayResult, ...] = ()
    notes: tuple[str, ...] = ()  # "no network: carrying on offline", the day cap, "cancelled"
    cancelled: bool = False
    offline: bool = False

    def count(self, status: DayStatus) -> int:
        return sum(1 for day in self.days if day.status is status)

    @property
    def fetched(self) -> int:
        return self.count(DayStatus.FETCHED)

    @property
    def unreachable(self) -> bool:
        """True when days were tried and not one reached the server: the run achieved nothing."""
        return none_reached(self.days)

    def summary(self) -> str:
        """One line: how many days went which way."""
        if not self.days:
            return "cancelled before the first day" if self.cancelled else "nothing to fetch: the library is up to date"
        span = f"{self.days[0].date} … {self.days[-1].date}"
        return (f"{span}: {self.fetched} fetched, {self.count(DayStatus.NONE)} without a digest, "
                f"{self.count(DayStatus.FAILED)} failed, {self.count(DayStatus.PRESENT)} already present")


def none_reached(days: list[DayResult] | tuple[DayResult, ...]) -> bool:
    tried = [day for day in days if day.status is not DayStatus.PRESENT]
    return bool(tried) and all(day.unreachable for day in tried)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, for a status line or dialog."""

    papers: int  # valid entries in the file
    newly_starred: int  # ids starred by the import that were not starred here before
    newly_read: int
    not_in_library: int  # valid ids this library does not list (yet); their state is kept all the same
    skipped: tuple[str, ...]  # one message per entry that was not imported, saying why
    newly_dismissed: int = 0  # ids marked "not interested" by the import that were not marked here before
    organised: tuple[str, ...] = ()  # what the import changed of tags, notes, queue, saved searches and mutes

    def __str__(self) -> str:
        text = (f"{self.papers} papers in the file: {self.newly_starred} newly starred, "
                f"{self.newly_read} newly marked read")
        if self.newly_dismissed:
            text += f", {self.newly_dismissed} newly marked not interested"
        if self.not_in_library:
            text += f"; {self.not_in_library} not in this library yet (their state is kept)"
        if self.organised:
            text += "; " + "; ".join(self.organised)
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
        return text
