"""Per-user read/starred state: one sqlite file (WAL, durable writes, versioned schema).

No Qt here; :class:`StateStore` is what reader.library uses.
"""

from reader.state.store import StateStore

__all__ = ["StateStore"]
