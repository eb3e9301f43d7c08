"""Export papers for use outside the reader: BibTeX, a Korean Markdown reading list, CSV and JSON.

Pure functions from Papers and Flags to text: no Qt and no I/O, so the window (menu actions,
Copy BibTeX) and the command line produce exactly the same documents. ``formats`` names them.
"""
