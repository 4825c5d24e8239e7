"""Issue #10 "one permission table": every write operation takes who may start it from
`sakip_desktop.domain.permissions` and nowhere else, and the real operations refuse exactly whom the table refuses.

The walk calls each real operation (`_permission_probes.py`) as each role of the demo office (a demo person holding
that role, with only that role) plus an administrator without a role and a visitor without an account. A refusal by
the gate says "Anda tidak berwenang: <label>. Hanya untuk <who>." with the table's own label and list: the walk
requires exactly that message when the table refuses, and no such message when it allows (an operation's extra rule
on the record, e.g. a Kasi's own seksi, may still refuse).
"""

# Fixtures are imported from _write_guard, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from _permission_probes import PROBES, PROGRAM_ONLY, gate_message, table_allows, walkers
from _write_guard import ROOT, WriteGuard, write_guard  # noqa: F401  (fixture)

from sakip_desktop.domain.permissions import ANY_ACCOUNT, PERMISSIONS, Op
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import PermissionDenied, UserError
from sakip_desktop.ops.base import SYSTEM, require


def test_every_operation_of_the_table_is_walked():
    # GIVEN the table and the walk
    # THEN every code has one row, with a label of its own (the audit trail names operations by label)
    assert set(PERMISSIONS) == set(Op)
    assert len({row.label for row in PERMISSIONS.values()}) == len(PERMISSIONS)
    # and every operation a person can start has a probe, and the others are the program's own
    assert set(PROBES) | set(PROGRAM_ONLY) == set(PERMISSIONS)
    assert not set(PROBES) & set(PROGRAM_ONLY)
    assert all(PERMISSIONS[op].program_only for op in PROGRAM_ONLY)


@pytest.mark.parametrize("op", list(PROBES), ids=lambda op: op.value)
def test_each_role_is_allowed_or_refused_exactly_as_the_table_says(op, demo_db, tmp_path, write_guard: WriteGuard):
    # GIVEN a copy of the demo office and one walker per column of the table
    people = walkers(demo_db)
    mismatches = []
    for name, probe in PROBES[op].items():
        for who, actor in people.items():
            # WHEN the walker calls the real operation
            try:
                probe(demo_db, actor, tmp_path)
                refused = False
            except PermissionDenied as exc:
                refused = str(exc) == gate_message(op)
            except UserError:
                refused = False  # past the gate: the record is missing, or the data refused
            # THEN the gate refuses exactly when the table says no
            if refused == table_allows(op, who):
                mismatches.append(f"{name} as {who}: {'refused' if refused else 'allowed'}")
    assert mismatches == []
    # and nothing was written around write() on the way
    assert write_guard.violations == []


def test_the_program_only_operations_refuse_every_person_and_run_for_the_program(demo_db):
    # GIVEN the walkers
    people = walkers(demo_db)
    for op in PROGRAM_ONLY:
        # WHEN anyone of them asks the gate THEN he is refused; the program itself is let through
        for actor in people.values():
            with pytest.raises(PermissionDenied, match="Hanya untuk program ini sendiri"):
                require(actor, op)
        require(SYSTEM, op)


def test_the_system_actor_and_the_narrowing_rules(demo_db):
    # GIVEN the program and a Kasi
    kasi = walkers(demo_db)[Role.KASI.value]
    # THEN the program passes every gate
    assert all(SYSTEM.may(op) for op in PERMISSIONS)
    # and a narrowing (an SOP's starters) can take roles away but never add one the table does not give
    with pytest.raises(PermissionDenied, match="Hanya untuk Camat"):
        require(kasi, Op.SOP_RUN_START, within=[Role.CAMAT.value])
    with pytest.raises(PermissionDenied, match="Hanya untuk Administrator"):
        require(kasi, Op.UNIT_ADD, within=[Role.KASI.value])
    require(kasi, Op.SOP_RUN_START, within=[Role.KASI.value, Role.CAMAT.value])
    assert not dataclasses.replace(kasi, account_id=None).may(Op.PASSWORD_CHANGE_OWN)
    assert kasi.may(Op.PASSWORD_CHANGE_OWN) and ANY_ACCOUNT in PERMISSIONS[Op.PASSWORD_CHANGE_OWN].allowed


# ---- the code takes its permissions from the table only -------------------------------------------------

SOURCES = sorted((ROOT / "sakip_desktop").rglob("*.py"))


def _calls(name: str):
    """(module path, enclosing function, call) for every call of `name(...)` in the core."""
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(fn):
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                        yield path, fn.name, node


def _ops_named(node: ast.expr, module: ast.Module) -> set[str] | None:
    """The `Op` members an argument names (`Op.X`, `A if c else B`, `TUPLE_OF_OPS[i]`), or None if it names
    something else (a string, a list of roles, a variable)."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Op":
        return {node.attr}
    if isinstance(node, ast.IfExp):
        left, right = _ops_named(node.body, module), _ops_named(node.orelse, module)
        return None if left is None or right is None else left | right
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        for stmt in module.body:
            if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == node.value.id for t in stmt.targets
            ):
                if not isinstance(stmt.value, ast.Tuple):
                    return None
                named = [_ops_named(e, module) for e in stmt.value.elts]
                return None if any(n is None for n in named) else set().union(*named)  # type: ignore[misc]
    return None


def _module_of(path: Path) -> str:
    """`ops.realisation.review` for sakip_desktop/ops/realisation/review.py."""
    return ".".join(path.relative_to(ROOT / "sakip_desktop").with_suffix("").parts).removesuffix(".__init__")


def test_every_write_and_gate_in_the_core_names_an_operation_of_the_table():
    # GIVEN every call of write() and require() in the core
    wrong, used, functions = [], set(), set()
    for name in ("write", "require"):
        for path, function, call in _calls(name):
            relative = path.relative_to(ROOT).as_posix()
            if relative in ("sakip_desktop/ops/base.py", "sakip_desktop/cli/report.py"):
                continue  # the definitions themselves; cli_report's write() is its file writer
            module = ast.parse(path.read_text(encoding="utf-8"))
            op_arg = call.args[2] if name == "write" else call.args[1]
            ops = _ops_named(op_arg, module)
            extra = call.args[3:] if name == "write" else call.args[2:]
            # THEN each names its operation by the table's code, and passes no role list of its own
            if ops is None or extra or any(k.arg == "allowed" for k in call.keywords):
                wrong.append(f"{relative} {function}: {ast.unparse(call)[:100]}")
            else:
                used |= ops
                functions.add(f"{_module_of(path)}.{function}")
    assert wrong == []
    # and every row of the table is used by the code (no dead rows)
    assert {op.name for op in PERMISSIONS} - used == set()
    # and the walk calls every function that opens a write or asks the gate
    walked = {name.split("[")[0] for probes in PROBES.values() for name in probes} | set(PROGRAM_ONLY.values())
    assert functions - walked == set()


def _names_a_role_or_marker(node: ast.expr) -> bool:
    """`Role.X.value`, `ADMIN` or `ANY_ACCOUNT`: how the operations spelled who may do what before the table."""
    if isinstance(node, ast.Name):
        return node.id in ("ADMIN", "ANY_ACCOUNT")
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "value"
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id == "Role"
    )


def test_no_role_lists_are_left_in_the_operations():
    # GIVEN the operation modules (and the Format Isian importer)
    found = []
    for path in [
        *sorted((ROOT / "sakip_desktop" / "ops").rglob("*.py")),
        ROOT / "sakip_desktop" / "exchange" / "isian" / "preview.py",
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # THEN none of them lists roles or the administrator marker: who may do what lives in the table
            if isinstance(node, ast.Tuple | ast.List | ast.Set) and any(map(_names_a_role_or_marker, node.elts)):
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node)[:80]}")
    assert found == []


def test_no_code_opens_a_transaction_of_its_own():
    # GIVEN the core and the GUI
    sources = SOURCES + sorted((ROOT / "ui").rglob("*.py"))
    allowed = ("sakip_desktop/ops/base.py", "sakip_desktop/storage/", "sakip_desktop/demo")
    found = []
    for path in sources:
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(allowed):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # THEN nobody but write() (and the storage layer, and the demo: rebuilt by another issue) opens a
            # transaction or a session, or commits
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                if name in ("transaction", "Session", "sessionmaker", "commit"):
                    found.append(f"{relative}:{node.lineno} {ast.unparse(node)[:80]}")
    assert found == []
