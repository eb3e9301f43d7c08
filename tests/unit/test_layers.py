"""The house plan, checked: every import in reader/ (function-level and TYPE_CHECKING ones included)
points down the layers, no module imports its way back to itself, and no module grows past 500 lines.

    core  ->  index, stores  ->  sources, exports  ->  library (the facade)  ->  cli, ui
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "reader"

# Which layers each layer may import ("version" is `from reader import __version__`).
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "index": {"core", "index"},
    "stores": {"core", "stores"},
    "sources": {"core", "sources", "version"},
    "exports": {"core", "exports"},
    "features": {"core", "index", "stores", "features"},  # For you, trends, recaps: rules on the index and stores
    "library": {"core", "index", "stores", "sources", "exports", "features", "library"},
    "cli": {"core", "library", "cli", "version", "ui"},  # the CLI opens the window when given no command
    "ui": {"core", "library", "ui", "version"},
    "entry": {"cli"},  # python -m reader
    "version": set(),
}
# Third-party packages a layer may use; the standard library is open to all.
THIRD_PARTY: dict[str, set[str]] = {
    "index": {"whoosh", "numpy"},  # numpy: phrase checks and scores on whole posting lists (engine, ranking)
    "stores": {"platformdirs"},
    "sources": {"huggingface_hub", "httpx2", "keyring"},
    "exports": {"pylatexenc"},
    "features": {"numpy"},
    "ui": {"PySide6", "markdown", "nh3", "pyqtgraph"},  # pyqtgraph: the Insights window's trend chart
}
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    if parts == ["reader"]:
        return "version"
    if parts == ["reader", "__main__"]:
        return "entry"
    return parts[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import statement anywhere in the file."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from reader.ui import theme` imports the module reader.ui.theme
            found.extend((node.lineno, f"{target}.{alias.name}") for alias in node.names
                         if (ROOT.parent / Path(*f"{target}.{alias.name}".split("."))).with_suffix(".py").exists())
    return found


MODULES = sorted(ROOT.rglob("*.py"))


def test_the_walk_sees_the_whole_package() -> None:
    names = {_module_name(path) for path in MODULES}
    assert {"reader.core.models", "reader.library", "reader.cli.main", "reader.index.search_index"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT.parent)))
def test_imports_point_down_the_layers(path: Path) -> None:
    layer = _layer(_module_name(path))
    assert layer in ALLOWED, f"{path}: not in any layer; add it to the plan"
    wrong = []
    for line, target in _imports(path):
        top = target.split(".")[0]
        if top == "reader":
            if _layer(target) not in ALLOWED[layer]:
                wrong.append(f"line {line}: {layer} imports {target}")
        elif top not in sys.stdlib_module_names and top != "__future__" and top not in THIRD_PARTY.get(layer, set()):
            wrong.append(f"line {line}: {layer} uses the third-party package {top}")
    assert not wrong, f"{path}:\n" + "\n".join(wrong)


def test_no_module_imports_its_way_back_to_itself() -> None:
    known = {_module_name(path) for path in MODULES}
    graph = {_module_name(path): {target for _line, target in _imports(path) if target in known} for path in MODULES}
    for module in graph:  # a package's __init__ re-exporting its own modules is not a cycle through them
        graph[module].discard(module)
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target):], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_module_is_over_500_lines() -> None:
    long = {str(path.relative_to(ROOT.parent)): n for path in MODULES
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_only_the_entry_points_import_the_command_line() -> None:
    importers = {_module_name(path) for path in MODULES
                 if any(target.startswith("reader.cli") for _line, target in _imports(path))}
    assert {module for module in importers if not module.startswith("reader.cli")} == {"reader.__main__"}
