"""TEMPORARY shim while reader/ui moves; removed in the same series of commits."""
from reader.core.fs import atomic_write_text  # noqa: F401
