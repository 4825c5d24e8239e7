"""Reading SOP workbooks (`import_sop`): the checks of a file written by `exchange.sop.write.export_sop`.

Every problem is collected with its sheet, row and column, and the file is refused whole when there is
any, so the person fixing it sees all of them at once. Columns and identity fields are found by their
text, not their place, because a person may reorder them. Cells are normalised first: Excel and Calc
turn "1" into 1, "2" into 2.0 and dates into datetimes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sakip_desktop
from sakip_desktop.domain.roles import Role, UnitKind
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.guard import refusing_damage
from sakip_desktop.exchange.sop.columns import (
    ACTOR_COLUMNS,
    COL_FIELD,
    COL_KEY,
    COL_LABEL,
    COL_ROLE,
    COL_UNIT,
    COL_UNIT_HINT,
    COL_UNIT_KIND,
    COL_VALUE,
    FORMAT_NAME,
    IDENTITY_LISTS,
    IDENTITY_TEXTS,
    OPTIONAL_ACTOR_COLUMNS,
    REQUIRED_IDENTITY,
    SHEET_ACTORS,
    SHEET_FORMAT,
    SHEET_IDENTITY,
    SHEET_STEPS,
    START_ROLES_LABEL,
)
from sakip_desktop.exchange.sop.steps import read_steps
from sakip_desktop.exchange.sop.table import cell_lines, read_table
from sakip_desktop.exchange.xlsxkit import (
    ImportErrors,
    cell_text,
    find_sheet,
    norm,
    open_workbook,
    read_format_sheet,
)
from sakip_desktop.sop.definition import (
    FORMAT_VERSION,
    Actor,
    Identity,
    SopDefinition,
    validate,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


def import_sop(path: Path) -> SopDefinition:
    """Read an SOP workbook written by `export_sop` (and perhaps edited by a person).

    Raises `ValidationError` listing every error found, each with its sheet, row and column; nothing of
    a file with errors is used.
    """
    return read_sop(Path(path))


def read_sop(path: Path) -> SopDefinition:
    """Read the SOP workbook at `path`; raise `ValidationError` listing every error found (see `import_sop`)."""
    errors = ImportErrors(path.name)
    wb = open_workbook(path, errors)
    if wb is None:
        raise errors.refuse()
    with refusing_damage(errors):
        version = _check_format(wb, errors)
        if version is None:
            raise errors.refuse()
        definition = _read_v1(wb, errors)  # the only format so far; older readers would be chosen by `version` here
        if errors.items or definition is None:
            raise errors.refuse()
        try:
            return validate(definition)
        except ValidationError as exc:
            errors.add(exc.message)
            raise errors.refuse() from exc


def _check_format(wb: Workbook, errors: ImportErrors) -> int | None:
    """The file's format version, or None (with the error noted) when it is not ours or too new."""
    found = read_format_sheet(
        wb,
        errors,
        sheet=SHEET_FORMAT,
        name=FORMAT_NAME,
        latest=FORMAT_VERSION,
        what="berkas SOP SAKIP",
        export_hint="Pakai berkas hasil 'Ekspor SOP' dari SAKIP Desktop.",
        too_new=lambda program, version: (
            f"dibuat oleh versi program yang lebih baru (SAKIP Desktop {program}, format SOP versi {version}); "
            f"program ini ({sakip_desktop.__version__}) hanya mengenal format sampai versi {FORMAT_VERSION}. "
            "Perbarui SAKIP Desktop untuk mengimpornya."
        ),
    )
    return None if found is None else found.version


def _read_v1(wb: Workbook, errors: ImportErrors) -> SopDefinition | None:
    sheets = {}
    for name in (SHEET_IDENTITY, SHEET_ACTORS, SHEET_STEPS):
        sheets[name] = find_sheet(wb, name)
        if sheets[name] is None:
            errors.add(f"lembar '{name}' tidak ada.")
    identity = _read_identity(sheets[SHEET_IDENTITY], errors) if sheets[SHEET_IDENTITY] else None
    actor_sheet = _read_actors(sheets[SHEET_ACTORS], errors) if sheets[SHEET_ACTORS] else None
    # Steps are checked against every key written, so a bad role is reported once, not again at each step.
    known_keys = set(actor_sheet[1]) if actor_sheet is not None else None
    steps = read_steps(sheets[SHEET_STEPS], known_keys, errors) if sheets[SHEET_STEPS] else None
    if identity is None or actor_sheet is None or steps is None:
        return None
    actors = actor_sheet[0]
    fields, start_roles = identity
    code, source = fields.pop("code"), fields.pop("source")
    return SopDefinition(
        code=code,
        identity=Identity(**fields),
        actors=tuple(actors),
        steps=tuple(steps),
        source=source,
        start_roles=start_roles,
    )


def _read_identity(ws: Worksheet, errors: ImportErrors) -> tuple[dict[str, Any], tuple[Role, ...]] | None:
    rows = read_table(ws, (COL_FIELD, COL_VALUE), errors)
    if rows is None:
        return None
    texts, lists = dict(IDENTITY_TEXTS), dict(IDENTITY_LISTS)
    labels = {norm(label): label for label in (*texts, START_ROLES_LABEL, *lists)}
    seen: dict[str, int] = {}
    fields: dict[str, Any] = {attr: "" for attr in texts.values()}
    start_roles = SopDefinition.start_roles
    for row, values in rows:
        label = labels.get(norm(cell_text(values[COL_FIELD])))
        raw = values[COL_VALUE]
        if label is None:
            errors.add(f"bidang '{cell_text(values[COL_FIELD])}' tidak dikenal.", ws.title, row, COL_FIELD)
            continue
        if label in seen:
            errors.add(f"bidang '{label}' sudah ada di baris {seen[label]}.", ws.title, row, COL_FIELD)
            continue
        seen[label] = row
        if label in texts:
            fields[texts[label]] = cell_text(raw)
            if label in REQUIRED_IDENTITY and not fields[texts[label]]:
                errors.add(f"{label} wajib diisi.", ws.title, row, COL_VALUE)
        elif label in lists:
            fields[lists[label]] = cell_lines(raw)
        else:
            start_roles = _roles(raw, errors, ws.title, row)
    for label in REQUIRED_IDENTITY:
        if label not in seen:
            errors.add(f"bidang '{label}' tidak ada.", ws.title, column=COL_FIELD)
    return fields, start_roles


def _roles(raw: Any, errors: ImportErrors, sheet: str, row: int) -> tuple[Role, ...]:
    roles: list[Role] = []
    for word in re.split(r"[,;\n]", cell_text(raw)):
        if not word.strip():
            continue
        role = _role(word)
        if role is None:
            errors.add(f"peran '{word.strip()}' tidak dikenal; pakai {_role_list()}.", sheet, row, COL_VALUE)
        elif role not in roles:
            roles.append(role)
    return tuple(roles)


def _read_actors(ws: Worksheet, errors: ImportErrors) -> tuple[list[Actor], list[str]] | None:
    """The actors that are right, and every key written (to check the steps against)."""
    rows = read_table(ws, (title for title, _w in ACTOR_COLUMNS), errors, optional=OPTIONAL_ACTOR_COLUMNS)
    if rows is None:
        return None
    actors: list[Actor] = []
    first_row: dict[str, int] = {}
    for row, values in rows:
        key, label, role_text = cell_text(values[COL_KEY]), cell_text(values[COL_LABEL]), cell_text(values[COL_ROLE])
        if not key:
            errors.add("kunci pelaksana wajib diisi.", ws.title, row, COL_KEY)
        elif key in first_row:
            errors.add(
                f"kunci '{key}' sudah dipakai di baris {first_row[key]}; kunci harus unik.", ws.title, row, COL_KEY
            )
        else:
            first_row[key] = row
        if not label:
            errors.add("judul kolom pelaksana wajib diisi.", ws.title, row, COL_LABEL)
        role = _role(role_text)
        if role is None:
            problem = f"peran '{role_text}' tidak dikenal" if role_text else "peran wajib diisi"
            errors.add(f"{problem}; pakai {_role_list()}.", ws.title, row, COL_ROLE)
        unit_kind = _unit_kind(cell_text(values[COL_UNIT_KIND]), errors, ws.title, row)
        if key and role is not None:
            unit, hint = cell_text(values[COL_UNIT]).upper(), cell_text(values[COL_UNIT_HINT])
            actors.append(Actor(key=key, label=label, role=role, unit=unit, unit_kind=unit_kind, unit_hint=hint))
    if not rows:
        errors.add("belum ada pelaksana; SOP harus punya sedikitnya satu.", ws.title)
    return actors, list(first_row)


# --- cell values ------------------------------------------------------------------------------------


def _role(text: str) -> Role | None:
    """A role from its code, tolerating case and spaces ("Tim SAKIP" → TIM_SAKIP)."""
    code = re.sub(r"[\s.\-]+", "_", text.strip()).upper()
    return Role.__members__.get(code) if code else None


def _unit_kind(text: str, errors: ImportErrors, sheet: str, row: int) -> str:
    """A kind of unit from its code ('' for an empty cell), the error noted for an unknown word."""
    code = re.sub(r"[\s.\-]+", "", text.strip()).upper()
    if code and code not in UnitKind.__members__:
        known = ", ".join(k.value for k in UnitKind)
        errors.add(
            f"jenis unit '{text.strip()}' tidak dikenal; kosongkan atau pakai {known}.", sheet, row, COL_UNIT_KIND
        )
        return ""
    return code


def _role_list() -> str:
    return ", ".join(r.value for r in Role)


__all__ = ["read_sop"]
