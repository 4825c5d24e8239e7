"""The two layers: the core never imports Qt, the front end never imports SQLAlchemy."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """Every module an file imports, at any depth (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offenders(package: str, forbidden: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_modules(path):
            if name == forbidden or name.startswith(forbidden + "."):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_core_never_imports_qt():
    assert offenders("sakip_desktop", "PySide6") == []


def test_ui_never_imports_sqlalchemy():
    assert offenders("ui", "sqlalchemy") == []


def test_the_rule_detects_a_violation(tmp_path):
    # GIVEN a module that imports sqlalchemy inside a function
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from sqlalchemy.orm import Session\n", encoding="utf-8")
    # THEN the walker sees it
    assert "sqlalchemy.orm" in imported_modules(module)
