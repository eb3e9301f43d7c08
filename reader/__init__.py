"""Daily Papers Reader: read Korean Hugging Face Daily Papers digests offline."""

import os

# numpy's OpenBLAS starts a thread per core when numpy is first imported, for matrix products the reader
# never makes (its arrays are added, indexed and counted): ~0.1 s of CPU at every import (a trend's, a
# search's, For you's process) and threads that spin after numpy work, on the cores the window needs.
# Set before any module of the reader imports numpy; a value the user set wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
