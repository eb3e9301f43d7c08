"""Every signal between the window's parts, in one place, so the flow of the window reads from here.

Commands (keys and menus) are not here: each is connected to the handler it is declared on
(commands.py). The library tools and export actions connect their own dialogs' signals.
"""

from __future__ import annotations

from reader.ui.models.view import View
from reader.ui.window.frame import WindowFrame
from reader.ui.window.navigation import Navigation
from reader.ui.window.reading import Reading
from reader.ui.window.updates import BackgroundUpdates


def connect_parts(window: WindowFrame, navigation: Navigation, reading: Reading, updates: BackgroundUpdates) -> None:
    sidebar, paper_list, search_bar, detail = window.sidebar, window.paper_list, window.search_bar, window.detail

    # Choosing what the list shows: a sidebar row, a search, the sort.
    sidebar.view_selected.connect(navigation.show_view)
    sidebar.activated.connect(lambda _index: paper_list.setFocus())
    paper_list.horizontalHeader().sortIndicatorChanged.connect(navigation.on_sort_changed)
    search_bar.query_changed.connect(navigation.on_query)
    search_bar.cleared.connect(navigation.end_search)
    search_bar.escaped.connect(navigation.leave_search)
    search_bar.submitted.connect(paper_list.setFocus)

    # The paper being read: shown, opened, starred from the pane, read a moment after the reader chose it.
    paper_list.current_paper_changed.connect(reading.on_paper_changed)
    paper_list.paper_chosen.connect(reading.on_paper_chosen)
    paper_list.open_requested.connect(reading.open_on_arxiv)
    detail.star_toggled.connect(reading.on_detail_star)
    detail.status_message.connect(window.status)
    detail.date_link_activated.connect(lambda date: sidebar.select_view(View("day", date)))
    detail.font_point_size_changed.connect(lambda size: setattr(window.settings, "font_point_size", size))
    reading.read_timer.timeout.connect(reading.on_read_timer)

    # Background updates: progress, days as they land, the outcome, the problems found.
    window.update_status.problems_clicked.connect(updates.show_problems)
    window.updater.progress.connect(updates.on_progress)
    window.updater.days.connect(updates.on_days)
    window.updater.finished.connect(updates.on_finished)
    window.updater.failed.connect(updates.on_failed)
