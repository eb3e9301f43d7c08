"""The `daily-papers` command line: ``main`` runs one command, or opens the window when none is given.

Only the entry points (``python -m reader``, the `daily-papers` script, the bundle's launcher) import it.
"""
