"""The reader window (PySide6). Only this package and the window start-up import Qt; data comes
through reader.library.Library. Entry point: reader.ui.app.run_window."""
