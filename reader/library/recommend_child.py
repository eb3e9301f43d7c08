"""For you's text matrix built in a child process, for the window.

Built on a thread of the window's own process, the matrix stalled the window: a CPU-bound Python
thread makes each of the GUI thread's many short calls into Python (a table cell, a paint) wait for
the GIL, so scrolling 5,000 papers stalled 80-1,350 ms while it was built (19 ms without it), and the
papers it read stayed in the window's memory (peak 106 -> ~290 MB). A child process builds it and
sends back only the corpus; the thread waiting for it holds no GIL.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import LibraryError, ReaderError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from reader.features.recommend_text import Corpus

POLL_S = 0.1  # waits this short let Python's asynchronous interrupt (background/bounded_jobs.py) stop the wait


def build_corpus(data_dir: Path) -> Corpus:
    """The library's For you corpus, built by a child process with a Library of its own.

    Raises LibraryError when the child fails or ends without an answer; an interrupt of the waiting
    thread ends the child too.
    """
    import multiprocessing  # here, not at the top: the window imports this module before its first frame

    context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_build_and_send, args=(str(data_dir), sender), name="for-you-matrix",
                            daemon=True)
    child.start()
    sender.close()  # the child holds the only sending end: its exit is the pipe's end
    try:
        while not receiver.poll(POLL_S):
            if not child.is_alive() and not receiver.poll(0):
                raise LibraryError("For you's text matrix could not be built: its process ended")
        result = receiver.recv()
    except EOFError:
        raise LibraryError("For you's text matrix could not be built: its process ended") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join(1.0)
    if isinstance(result, str):
        raise LibraryError(result)
    corpus: Corpus = result
    return corpus


def _build_and_send(data_dir: str, sender: Connection) -> None:
    """In the child: build and send the corpus, or the reason it could not be built."""
    from reader.library.facade import Library

    try:
        with Library(data_dir) as library:
            sender.send(library.for_you_corpus())
    except ReaderError as error:
        sender.send(str(error))
    finally:
        sender.close()
