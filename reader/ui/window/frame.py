"""The window's parts, laid out: sidebar | paper list | detail, the search toolbar, the status bar's
corner, the background updater and one QAction per command.

The frame has no behaviour of its own. MainWindow (main_window.py) is a frame that gives the parts
their work through the objects next to it: navigation.py (which papers are listed), reading.py (the
paper being read), updates.py (background updates), library_tools.py and export_actions.py; wiring.py
connects their signals. Those modules know the frame, never the main window, so none imports another
back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from reader.library import Library
from reader.library.recommend_child import ForYouProcess
from reader.ui.background.library_updater import LibraryUpdater
from reader.ui.models.paper_table import PaperFilterProxy, PaperTableModel
from reader.ui.models.sidebar_tree import SidebarModel
from reader.ui.panes.detail_pane import DetailPane
from reader.ui.panes.note_panel import NotePanel
from reader.ui.panes.paper_list import PaperList
from reader.ui.panes.search_bar import SearchBar
from reader.ui.panes.sidebar import Sidebar
from reader.ui.panes.update_status import UpdateStatus
from reader.ui.platform.settings import Settings
from reader.ui.window.commands import CommandActions

STATUS_MESSAGE_MS = 5000


class WindowFrame(QMainWindow):
    """The three panes over one Library, with the toolbar, the status bar and the command actions."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = Settings(library.data_dir)
        self.for_you_process = ForYouProcess(library.data_dir)  # started on first use (after the first frame)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Daily Papers Reader"))

        self.sidebar_model = SidebarModel(self, smart_counts=lambda: library.smart_counts_without_muted(
            library.smart_counts()), adjust_days=library.days_without_muted)  # the mute filters' papers left out
        self.paper_model = PaperTableModel(self, loader=lambda row: library.paper(row.arxiv_id, row.date))
        self.paper_proxy = PaperFilterProxy(self)
        self.sidebar = Sidebar(self.sidebar_model)
        self.paper_list = PaperList(self.paper_model, self.paper_proxy)
        self.detail = DetailPane(highlighter=library.highlight)
        self.detail.setObjectName("detail")
        self.note_panel = NotePanel()  # the paper's tags, Read later and note, below the detail pane
        self.reading_pane = QSplitter(Qt.Orientation.Vertical)
        self.reading_pane.setObjectName("reading_pane")
        self.reading_pane.addWidget(self.detail)
        self.reading_pane.addWidget(self.note_panel)
        self.reading_pane.setSizes([640, 200])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("panes")
        for pane in (self.sidebar, self.paper_list, self.reading_pane):
            self.splitter.addWidget(pane)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([230, 560, 620])
        self.setCentralWidget(self.splitter)

        self.search_bar = SearchBar(self)
        self.toolbar = self.addToolBar(self.tr("Search"))
        self.toolbar.setObjectName("search_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.search_bar)

        self.update_status = UpdateStatus(self)
        self.statusBar().addPermanentWidget(self.update_status)

        self.commands = CommandActions(self)  # every command declared so far; main_window imports their modules
        self.updater = LibraryUpdater(library.data_dir, self)

    def status(self, message: str) -> None:
        """A short note in the status bar."""
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)
