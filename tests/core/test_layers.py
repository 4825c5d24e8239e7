"""The layers of the code, checked on the import graph of `sakip_desktop` and `ui`.

- The two layers: the core never imports Qt, the front end never imports SQLAlchemy.
- `domain/` holds pure rules: it imports only itself and `errors` (and the standard library, Babel).
- `exchange/` and `documents/` never touch the ORM: they read through ops read views and write through ops.
- No import cycles: every module can be read, tested and loaded on its own.
- Nothing imports upward: `LAYERS` below, lowest first.

Imports are read from the source (`ast`), at any depth: a function-level import is an import, and so is one
under `if TYPE_CHECKING:` (it is still a dependency of the design). `from pkg import submodule` is an import of
the submodule, not of the package; `from pkg.module import name` is an import of the module. The cycle check also
counts the package of `from pkg import submodule` (Python runs its `__init__` first): a package whose `__init__`
re-exports its submodules must not be imported that way by them.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("sakip_desktop", "ui")

# The layers, lowest first: a module imports only modules of its own layer or of a lower one. Each layer
# is a list of packages and modules, a package with everything in it; "sakip_desktop" there is the package's
# own __init__ (its version) alone, or every core module would be in the foundation.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "sakip_desktop",
            "sakip_desktop.errors",
            "sakip_desktop.paths",
            "sakip_desktop.files",
            "sakip_desktop.security",
        ),
    ),
    ("domain: pure rules", ("sakip_desktop.domain",)),
    ("sop: SOPs as data", ("sakip_desktop.sop",)),
    ("storage: the database file, migrations, models", ("sakip_desktop.storage",)),
    ("ops: every write and read view", ("sakip_desktop.ops",)),
    ("exchange: file formats in and out, applied through ops", ("sakip_desktop.exchange",)),
    ("documents: printed documents (may write .xlsx with exchange.xlsxkit)", ("sakip_desktop.documents",)),
    ("demo: the demo office, built through ops", ("sakip_desktop.demo",)),
    ("cli: the `sakip` command", ("sakip_desktop.cli",)),
    ("ui: the Qt front end, on top of everything", ("ui",)),
)

# What the pure rules may use besides the standard library.
DOMAIN_THIRD_PARTY = {"babel"}


# ---- reading the imports ----------------------------------------------------------------------------------


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports included)."""
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


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the project under `root`, by dotted name (a package by its own name)."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _from_base(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a `from … import` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _named_imports(module: str, path: Path, known: Iterable[str], packages: bool = False) -> Iterator[str]:
    """Every name `module` imports, resolved to a submodule where `from pkg import submodule` names one (and, with
    `packages`, to the package as well)."""
    known = set(known)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _from_base(module, path, node)
            if packages:
                yield base
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base


def import_graph(root: Path = ROOT, *, packages: bool = False) -> dict[str, set[str]]:
    """Module -> the project modules it imports (itself left out); `packages`: see `_named_imports`."""
    modules = module_files(root)
    return {
        name: {t for t in _named_imports(name, path, modules, packages) if t in modules and t != name}
        for name, path in modules.items()
    }


def third_party_imports(root: Path, package: str) -> dict[str, set[str]]:
    """Module of `package` -> the top-level names it imports from outside the project and the standard library."""
    modules = module_files(root)
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        if name == package or name.startswith(package + "."):
            tops = {imported.split(".")[0] for imported in _named_imports(name, path, modules)}
            outside = {top for top in tops if top and top not in PACKAGES and top not in sys.stdlib_module_names}
            found[name] = outside - {"__future__"}
    return found


# ---- the rules ------------------------------------------------------------------------------------------------


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def domain_offenders(graph: dict[str, set[str]]) -> list[str]:
    """Imports of a domain module that are neither domain nor `sakip_desktop.errors`."""
    return [
        f"{module} imports {target}"
        for module, targets in sorted(graph.items())
        if _within(module, "sakip_desktop.domain")
        for target in sorted(targets)
        if not (_within(target, "sakip_desktop.domain") or target == "sakip_desktop.errors")
    ]


def model_offenders(graph: dict[str, set[str]]) -> list[str]:
    """Imports of `sakip_desktop.storage.models` from exchange/ or documents/."""
    return [
        f"{module} imports {target}"
        for module, targets in sorted(graph.items())
        if _within(module, "sakip_desktop.exchange") or _within(module, "sakip_desktop.documents")
        for target in sorted(targets)
        if _within(target, "sakip_desktop.storage.models")
    ]


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def layer_of(module: str) -> int | None:
    """The position of `module`'s layer in `LAYERS` (the longest matching prefix wins), None when it has none."""
    best: tuple[int, int] | None = None
    for position, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix if prefix == "sakip_desktop" else _within(module, prefix)
            if inside and (best is None or len(prefix) > best[1]):
                best = (position, len(prefix))
    return None if best is None else best[0]


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports from a module of a lower layer into one of a higher layer."""
    found = []
    for module, targets in sorted(graph.items()):
        own = layer_of(module)
        for target in sorted(targets):
            theirs = layer_of(target)
            if own is not None and theirs is not None and theirs > own:
                found.append(f"{module} ({LAYERS[own][0]}) imports {target} ({LAYERS[theirs][0]})")
    return found


# ---- the project keeps them ---------------------------------------------------------------------------------


def test_core_never_imports_qt():
    assert offenders("sakip_desktop", "PySide6") == []


def test_ui_never_imports_sqlalchemy():
    assert offenders("ui", "sqlalchemy") == []


def test_domain_imports_only_domain_and_errors():
    assert domain_offenders(import_graph()) == []


def test_domain_uses_only_the_standard_library_and_babel():
    outside = {m: names - DOMAIN_THIRD_PARTY for m, names in third_party_imports(ROOT, "sakip_desktop.domain").items()}
    assert {m: names for m, names in outside.items() if names} == {}


def test_exchange_and_documents_never_import_the_models():
    assert model_offenders(import_graph()) == []


def test_no_import_cycles():
    assert import_cycles(import_graph(packages=True)) == []


def test_every_module_has_a_layer():
    assert [module for module in module_files() if layer_of(module) is None] == []


def test_nothing_imports_upward():
    """foundation < domain < sop < storage < ops < exchange < documents < demo < cli < ui."""
    assert upward_imports(import_graph()) == []


# ---- the rules detect a violation -----------------------------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> Path:
    """A small project under `root`: {relative path: source}; every folder gets an __init__.py."""
    for relative, source in files.items():
        path = root / relative
        for folder in [path.parent, *path.parent.parents]:
            if folder == root:
                break
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "__init__.py").touch()
        path.write_text(source, encoding="utf-8")
    return root


def test_the_rule_detects_a_violation(tmp_path):
    # GIVEN a module that imports sqlalchemy inside a function
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from sqlalchemy.orm import Session\n", encoding="utf-8")
    # THEN the walker sees it
    assert "sqlalchemy.orm" in imported_modules(module)


def test_the_graph_resolves_submodules_and_relative_imports(tmp_path):
    # GIVEN `from pkg import submodule`, a relative import and an import of a name of a module
    root = _tree(
        tmp_path,
        {
            "sakip_desktop/ops/base.py": "",
            "sakip_desktop/ops/org/people.py": "from sakip_desktop.ops import base\nfrom ..base import x\n",
            "sakip_desktop/ops/org/units.py": "from . import people\nfrom sakip_desktop.storage.database import D\n",
            "sakip_desktop/storage/database.py": "",
        },
    )
    graph = import_graph(root)
    # THEN each names the module it loads, never the package around it
    assert graph["sakip_desktop.ops.org.people"] == {"sakip_desktop.ops.base"}
    assert graph["sakip_desktop.ops.org.units"] == {"sakip_desktop.ops.org.people", "sakip_desktop.storage.database"}


def test_the_domain_rule_detects_a_violation(tmp_path):
    # GIVEN a domain module that reads the database inside a function, and one that uses SQLAlchemy
    root = _tree(
        tmp_path,
        {
            "sakip_desktop/errors.py": "",
            "sakip_desktop/domain/targets.py": "from sakip_desktop.errors import E\nfrom . import periods\n",
            "sakip_desktop/domain/periods.py": "def f():\n    from sakip_desktop.storage import models\n",
            "sakip_desktop/domain/nip.py": "import sqlalchemy\nimport decimal\nfrom babel import numbers\n",
            "sakip_desktop/storage/models/__init__.py": "",
        },
    )
    # THEN only the upward import is reported, and only SQLAlchemy is outside what the rules may use
    assert domain_offenders(import_graph(root)) == ["sakip_desktop.domain.periods imports sakip_desktop.storage.models"]
    assert third_party_imports(root, "sakip_desktop.domain")["sakip_desktop.domain.nip"] == {"sqlalchemy", "babel"}


def test_the_model_rule_detects_a_violation(tmp_path):
    # GIVEN an exchange module that imports a model class, and a document that imports the models' package
    root = _tree(
        tmp_path,
        {
            "sakip_desktop/exchange/isian/read.py": "from sakip_desktop.storage.models import Indicator\n",
            "sakip_desktop/documents/pk.py": "def f():\n    from sakip_desktop.storage import models\n",
            "sakip_desktop/documents/lkj.py": "from sakip_desktop.storage.database import Database\n",
            "sakip_desktop/storage/database.py": "",
            "sakip_desktop/storage/models/__init__.py": "",
        },
    )
    # THEN both are reported, the database module is not
    assert model_offenders(import_graph(root)) == [
        "sakip_desktop.documents.pk imports sakip_desktop.storage.models",
        "sakip_desktop.exchange.isian.read imports sakip_desktop.storage.models",
    ]


def test_the_cycle_rule_detects_a_violation(tmp_path):
    # GIVEN three modules in a ring (one link inside a function) and one that only imports into the ring
    root = _tree(
        tmp_path,
        {
            "sakip_desktop/exchange/a.py": "from sakip_desktop.exchange import b\n",
            "sakip_desktop/exchange/b.py": "import sakip_desktop.exchange.c\n",
            "sakip_desktop/exchange/c.py": "def f():\n    from .a import x\n",
            "sakip_desktop/exchange/d.py": "from sakip_desktop.exchange.a import x\n",
        },
    )
    # THEN the ring is one cycle, without the module outside it
    assert import_cycles(import_graph(root)) == [
        ["sakip_desktop.exchange.a", "sakip_desktop.exchange.b", "sakip_desktop.exchange.c"]
    ]


def test_the_cycle_rule_sees_a_package_imported_back_by_its_submodule(tmp_path):
    # GIVEN a package whose __init__ re-exports a submodule that takes a sibling through the package
    root = _tree(
        tmp_path,
        {
            "sakip_desktop/documents/kit/__init__.py": "from sakip_desktop.documents.kit.base import setup\n",
            "sakip_desktop/documents/kit/base.py": "from sakip_desktop.documents.kit import fonts\n",
            "sakip_desktop/documents/kit/fonts.py": "",
        },
    )
    # THEN the package and its submodule are a cycle (the __init__ runs before the submodule can be loaded)
    assert import_cycles(import_graph(root, packages=True)) == [
        ["sakip_desktop.documents.kit", "sakip_desktop.documents.kit.base"]
    ]


def test_the_layer_rule_detects_a_violation(tmp_path):
    # GIVEN an operation that imports a file format, a format that imports an operation, and a stray module
    root = _tree(
        tmp_path,
        {
            "sakip_desktop/ops/planning/budget.py": "def f():\n    from sakip_desktop.exchange.rencana import data\n",
            "sakip_desktop/exchange/rencana/data.py": "from sakip_desktop.ops.planning import budget\n",
            "sakip_desktop/stray.py": "",
        },
    )
    graph = import_graph(root)
    # THEN only the upward import is reported, and the stray module has no layer
    assert upward_imports(graph) == [
        "sakip_desktop.ops.planning.budget (ops: every write and read view) imports "
        "sakip_desktop.exchange.rencana.data (exchange: file formats in and out, applied through ops)"
    ]
    assert layer_of("sakip_desktop.stray") is None
    assert layer_of("sakip_desktop.storage.models.org") == 3
    assert layer_of("ui.sop.step_dialog") == len(LAYERS) - 1
