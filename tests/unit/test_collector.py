"""The first look pauses the collector while it builds its listings: the pause must end, and what was built must
stay out of later full collections."""

from __future__ import annotations

import gc

from reader.ui.platform.collector import built_then_frozen


def test_a_paused_collection_ends_enabled_with_what_was_built_frozen() -> None:
    gc.unfreeze()
    try:
        with built_then_frozen():
            assert not gc.isenabled()
            built = [[number] for number in range(1_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(built)  # a full collection will not walk them
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_pause_inside_a_disabled_collector_leaves_it_disabled() -> None:
    gc.disable()
    try:
        with built_then_frozen():
            pass
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
