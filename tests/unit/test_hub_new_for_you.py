"""The "3 For you" of the background check's "12 new papers, 3 For you" (Library.for_you_among)."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library


def test_new_papers_for_you_are_counted_only_once_for_you_can_learn(tmp_path: Path) -> None:
    with Library(tmp_path) as library:
        library.update()  # the bundled sample days
        day = library.days()[0].date
        papers = library.papers(date=day)
        entries = [(paper.date, paper.arxiv_id) for paper in papers]
        assert library.for_you_among(entries) is None  # no stars: nothing to say but the count
        library.set_starred([paper.arxiv_id for paper in papers[:3]])
        count = library.for_you_among(entries)
        assert count is not None and 1 <= count <= 3  # at most the day's top 3; a starred paper is among them
        assert library.for_you_among([]) == 0
