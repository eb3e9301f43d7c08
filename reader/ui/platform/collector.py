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


def freeze_what_is_alive() -> None:
    """After a large structure is built (a list filled, listings adopted, an order received): constant time."""
    gc.freeze()
