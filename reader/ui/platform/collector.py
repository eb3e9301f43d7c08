"""Python's full garbage collections kept short: what the window holds for long is frozen out of them.

A full (generation 2) collection walks every object the collector tracks. With a 100,000-paper library the list's
rows, the saved searches' followed listings and For you's order are ~720,000 of them, and one such collection took
378 ms of the GUI thread in the middle of scrolling (bench/everything_on.py, measured with ``gc.callbacks``).
Once such a structure is built, ``gc.freeze()`` moves everything alive into the permanent generation, which
collections do not walk. What is let go of later is still freed by reference counting: these structures (lists,
dicts, sets and tuples of strings and numbers) hold no reference cycles.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from reader.core.collection import collection_paused


def freeze_what_is_alive() -> None:
    """After a large structure is built (a list filled, listings adopted, an order received): constant time."""
    gc.freeze()


@contextmanager
def built_then_frozen() -> Iterator[None]:
    """No collection while a background thread builds a large structure (the first look's listings): a full
    collection it sets off walks everything, holding the GIL, so the window's thread waited 60-250 ms a time
    (gc.callbacks during bench/everything_on.py's fit at 100,000 papers). It ends with a freeze too: else the
    first allocation after it set off one collection of all the young objects made meanwhile (451 ms). For the
    whole process while it lasts: the window's own cycles wait until then."""
    with collection_paused():
        try:
            yield
        finally:
            gc.freeze()  # before the collector is on again
