"""The logic layers must work without Qt: the CLI and tools import them on machines with no display."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["reader.core.parse", "reader.index.search_index", "reader.stores.reading_state",
                                    "reader.library", "reader.cli.main"])
def test_logic_layers_do_not_import_qt(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} pulled in PySide6 or failed:\n{result.stderr}"


def test_the_window_starts_without_the_http_client_until_a_summary_is_asked_for() -> None:
    """The summariser's client (http.client, ssl) is imported when first used, not with every start."""
    code = ("import sys, reader.cli.main, reader.ui.window.launch; loaded = 'http.client' in sys.modules\n"
            "from reader.library import SummaryProgress, check_endpoint\n"
            "sys.exit(10 * loaded + ('http.client' not in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"exit {result.returncode} (10: loaded at start, 1: not on use):\n{result.stderr}"
