"""Whoosh's private API is used in reader/index/whoosh_internals only (a static check of the source)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

INDEX = Path(__file__).resolve().parents[2] / "reader" / "index"
OUTSIDE = sorted(path for path in INDEX.glob("*.py"))
# Whoosh modules whose contents are codec, storage-format or reader/writer internals.
INTERNAL_MODULES = ("whoosh.codec", "whoosh.reading", "whoosh.writing", "whoosh.system", "whoosh.filedb.structfile",
                    "whoosh.filedb.compound", "whoosh.filedb.filetables", "whoosh.query.spans")


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "whoosh":
            if node.module.startswith(INTERNAL_MODULES):
                found.append(f"line {node.lineno}: imports from {node.module}")
            found += [f"line {node.lineno}: imports {alias.name}" for alias in node.names if alias.name.startswith("_")]
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: imports {alias.name}" for alias in node.names
                      if alias.name.startswith(INTERNAL_MODULES) or "._" in alias.name]
        elif isinstance(node, ast.ClassDef):
            found += _private_self_attributes(node)
        elif (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
              and not (isinstance(node.value, ast.Name) and node.value.id == "self")):
            found.append(f"line {node.lineno}: ._{node.attr[1:]} on something other than self")
    return found


def _private_self_attributes(cls: ast.ClassDef) -> list[str]:
    """``self._x`` a class reads but neither assigns nor defines: an attribute of a (Whoosh) base class."""
    defined = {item.name for item in cls.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}
    used: dict[str, int] = {}
    for node in ast.walk(cls):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            if isinstance(node.ctx, ast.Store):
                defined.add(node.attr)
            else:
                used.setdefault(node.attr, node.lineno)
    return [f"line {line}: self.{name} in {cls.name} is not its own"
            for name, line in used.items() if name not in defined]


@pytest.mark.parametrize("path", OUTSIDE, ids=lambda path: path.name)
def test_no_private_whoosh_api_outside_the_fence(path: Path) -> None:
    assert _violations(path) == []


def test_the_check_finds_private_uses() -> None:
    source = INDEX / "whoosh_internals" / "segments.py"
    assert any("_lenfield" in found for found in _violations(source))
    assert any("._perdoc" in found for found in _violations(source))
    writer = INDEX / "whoosh_internals" / "segment_writer.py"
    assert any("self._postfile in CompactBlockWriter" in found for found in _violations(writer))
    assert any("._postwriter" in found for found in _violations(writer))
