"""TEMPORARY shim while reader/ui moves; removed in the same series of commits."""
from reader.stores.carry import read_state_file, state_to_text  # noqa: F401


def export_state(library):  # type: ignore[no-untyped-def]
    return library.export_state()


def import_state(library, data):  # type: ignore[no-untyped-def]
    return library.import_state(data)
