"""The reader window (PySide6): the only part of reader that imports Qt; data comes through
reader.library.Library. Entry point: reader.ui.window.launch.run_window.

Subpackages, by what a change touches; each imports only from those listed before it (a test checks):

    platform/    what the app takes from its host: settings file, theme, language, browser, image cache,
                 the garbage collector kept from long pauses
    models/      Qt item models of the sidebar and the paper list, the View they show, the hit delegate
    background/  work off the GUI thread: the library update's child process, the folder watcher
    panes/       the widgets of the window: sidebar, paper list, detail pane (and its HTML), search bar
    dialogs/     one module per dialog
    insights/    View > Trends and Weekly Recap: the trend chart, the recap page, their worker thread
    window/      the main window: its frame, commands, navigation, reading, updates, start-up

Importing this package (or reader.ui.panes.paper_html) imports no Qt: the HTML is tested without it.
"""
