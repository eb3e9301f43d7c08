"""The plan of reader/ui, checked: every module sits in a subpackage that says what it holds, and each
subpackage imports only from those before it in reader/ui's docstring (imports inside functions and under
TYPE_CHECKING count too). Cycles and module sizes are checked for all of reader in tests/unit/test_layers.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reader.ui

UI = Path(reader.ui.__file__).resolve().parent
ORDER = ("platform", "models", "background", "panes", "dialogs", "insights", "window")  # each imports those before it
OLD_PATHS: set[str] = set()  # no module is left at an old path
MODULES = sorted(UI.rglob("*.py"))


def _name(path: Path) -> str:
    return ".".join(path.relative_to(UI).with_suffix("").parts)


def _ui_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module below reader.ui) of every import of a UI module anywhere in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [(node.lineno, name.removeprefix("reader.ui.")) for name in names if name.startswith("reader.ui.")]
    return found


def test_every_module_is_in_a_subpackage_of_the_plan() -> None:
    loose = {_name(path) for path in MODULES if len(path.relative_to(UI).parts) == 1} - {"__init__"}
    assert loose == OLD_PATHS
    packages = {path.relative_to(UI).parts[0] for path in MODULES if len(path.relative_to(UI).parts) > 1}
    assert packages == set(ORDER)
    for package in ORDER:
        assert f"\n    {package}/" in (reader.ui.__doc__ or ""), f"reader/ui/__init__.py does not describe {package}/"


@pytest.mark.parametrize("path", [p for p in MODULES if p.parent != UI], ids=_name)
def test_imports_point_back_along_the_plan(path: Path) -> None:
    rank = ORDER.index(path.relative_to(UI).parts[0])
    wrong = []
    for line, target in _ui_imports(path):
        package = target.split(".")[0]
        if package in OLD_PATHS or package not in ORDER or ORDER.index(package) > rank:
            wrong.append(f"line {line}: imports reader.ui.{target}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_every_module_says_what_it_holds(path: Path) -> None:
    if path.name == "__init__.py" and path.parent != UI:
        return  # the subpackages are described in reader/ui/__init__.py
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring and len(docstring.splitlines()[0]) > 20, "no docstring saying what the module holds"
