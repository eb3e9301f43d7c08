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
