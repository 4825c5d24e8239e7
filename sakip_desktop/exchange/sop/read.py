"""Reading SOP workbooks: the checks behind `sakip_desktop.exchange.sop.write.import_sop`.

Every problem is collected with its sheet, row and column, and the file is refused whole when there is
any, so the person fixing it sees all of them at once. Columns and identity fields are found by their
text, not their place, because a person may reorder them. Cells are normalised first: Excel and Calc
turn "1" into 1, "2" into 2.0 and dates into datetimes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sakip_desktop
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.guard import refuse_merged, refusing_damage
from sakip_desktop.exchange.sop.write import (
    ACTOR_COLUMNS,
    COL_ACTION,
    COL_ACTIVITY,
    COL_ACTOR,
    COL_APPROVE,
    COL_FIELD,
    COL_INFERRED,
    COL_INPUTS,
    COL_KEY,
    COL_KIND,
    COL_LABEL,
    COL_NOTE,
    COL_NUMBER,
    COL_ORDER,
    COL_OUTPUT,
    COL_RETURN,
    COL_ROLE,
    COL_TIME,
    COL_VALUE,
    FORMAT_NAME,
    IDENTITY_LISTS,
    IDENTITY_TEXTS,
    KIND_WORDS,
    NO,
    OPTIONAL_STEP_COLUMNS,
    REQUIRED_IDENTITY,
    SHEET_ACTORS,
    SHEET_FORMAT,
    SHEET_IDENTITY,
    SHEET_STEPS,
    START_ROLES_LABEL,
    STEP_COLUMNS,
    YES,
)
from sakip_desktop.exchange.xlsxkit import (
    ImportErrors,
    cell_text,
    find_sheet,
    norm,
    open_workbook,
    read_format_sheet,
    whole_number,
)
from sakip_desktop.sop.definition import (
    ACTIONS,
    FORMAT_VERSION,
    Actor,
    Identity,
    SopDefinition,
    Step,
    StepKind,
    validate,
)
from sakip_desktop.sop.stdtime import parse_standard_time

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MAX_TEXT = 4000  # characters of one cell, as in the other importers: about a page


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
    steps = _read_steps(sheets[SHEET_STEPS], known_keys, errors) if sheets[SHEET_STEPS] else None
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


def _table(
    ws: Worksheet, columns: Iterable[str], errors: ImportErrors, optional: Iterable[str] = ()
) -> list[tuple[int, dict[str, Any]]] | None:
    """The rows of a sheet as {header: value}, columns found by header text; None when a column is missing.

    An `optional` column may be absent (files written before it existed); its value is then None.
    """
    wanted = {norm(title): title for title in columns}
    optional_keys = {norm(title) for title in optional}
    header_row, found = 0, {}
    for row_number, row in enumerate(ws.iter_rows(max_row=10, values_only=True), start=1):
        hits = {norm(cell_text(v)): i for i, v in enumerate(row) if norm(cell_text(v)) in wanted}
        if hits:
            header_row, found = row_number, hits
            break
    if not header_row:
        errors.add(f"baris judul kolom ({', '.join(wanted.values())}) tidak ditemukan.", ws.title)
        return None
    header = next(ws.iter_rows(min_row=header_row, max_row=header_row, values_only=True))
    for key, title in wanted.items():
        if sum(norm(cell_text(v)) == key for v in header) > 1:
            errors.add("judul kolom ini ada lebih dari sekali; hapus salah satunya.", ws.title, header_row, title)
    missing = [title for key, title in wanted.items() if key not in found and key not in optional_keys]
    for title in missing:
        errors.add("kolom tidak ada (judul kolom harus ditulis persis).", ws.title, header_row, title)
    if missing:
        return None
    refuse_merged(ws, errors, header_row + 1, {i + 1: wanted[key] for key, i in found.items()})
    rows = []
    for row_number, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
        values = {wanted[key]: (row[i] if i < len(row) else None) for key, i in found.items()}
        if any(cell_text(v) for v in values.values()):
            for title, value in values.items():
                if len(cell_text(value)) > MAX_TEXT:
                    errors.add(
                        f"teks terlalu panjang ({len(cell_text(value))} karakter; paling banyak {MAX_TEXT}).",
                        ws.title,
                        row_number,
                        title,
                    )
            rows.append((row_number, {title: values.get(title) for title in wanted.values()}))
    return rows


def _read_identity(ws: Worksheet, errors: ImportErrors) -> tuple[dict[str, Any], tuple[Role, ...]] | None:
    rows = _table(ws, (COL_FIELD, COL_VALUE), errors)
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
            fields[lists[label]] = _lines(raw)
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
    rows = _table(ws, (title for title, _w in ACTOR_COLUMNS), errors)
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
        if key and role is not None:
            actors.append(Actor(key=key, label=label, role=role))
    if not rows:
        errors.add("belum ada pelaksana; SOP harus punya sedikitnya satu.", ws.title)
    return actors, list(first_row)


def _read_steps(ws: Worksheet, known_keys: set[str] | None, errors: ImportErrors) -> list[Step] | None:
    rows = _table(ws, (title for title, _w in STEP_COLUMNS), errors, optional=OPTIONAL_STEP_COLUMNS)
    if rows is None:
        return None
    if not rows:
        errors.add("belum ada langkah; SOP harus punya sedikitnya satu.", ws.title)
    count = len(rows)
    kinds = {norm(word): kind for kind, word in KIND_WORDS.items()} | {norm(k.value): k for k in StepKind}
    steps: list[Step] = []
    for position, (row, values) in enumerate(rows, start=1):

        def error(message: str, column: str, row: int = row) -> None:
            errors.add(message, ws.title, row, column)

        order = whole_number(values[COL_ORDER])
        if order != position:
            shown = cell_text(values[COL_ORDER]) or "kosong"
            error(
                f"urutan {shown} tidak sesuai; baris ini langkah ke-{position}. Nomori 'Urutan' 1, 2, 3, … dari atas "
                f"dan periksa '{COL_APPROVE}'/'{COL_RETURN}' yang merujuk ke urutan.",
                COL_ORDER,
            )
        activity, output = cell_text(values[COL_ACTIVITY]), cell_text(values[COL_OUTPUT])
        if not activity and not output:
            error("kegiatan wajib diisi.", COL_ACTIVITY)
        actor = cell_text(values[COL_ACTOR])
        if not actor:
            error("pelaksana wajib diisi.", COL_ACTOR)
        elif known_keys is not None and actor not in known_keys:
            listed = ", ".join(sorted(known_keys)) or "-"
            error(f"pelaksana '{actor}' tidak ada di lembar '{SHEET_ACTORS}' (kunci yang ada: {listed}).", COL_ACTOR)
        time = cell_text(values[COL_TIME])
        try:
            parse_standard_time(time)
        except ValidationError as exc:
            error(_lower_first(exc.message), COL_TIME)
        kind_text = cell_text(values[COL_KIND])
        kind = kinds.get(norm(kind_text), StepKind.PROCESS if not kind_text else None)
        if kind is None:
            error(f"jenis '{kind_text}' tidak dikenal; pakai PROSES atau KEPUTUSAN.", COL_KIND)
        branches = {}
        for column in (COL_APPROVE, COL_RETURN):
            raw = values[column]
            target = whole_number(raw)
            if cell_text(raw) and target is None:
                error(f"'{cell_text(raw)}' bukan nomor urutan langkah; tulis bilangan bulat 1–{count}.", column)
            elif target is not None and not 1 <= target <= count:
                error(f"langkah tujuan {target} di luar urutan 1–{count}.", column)
            elif target is not None and kind is StepKind.PROCESS:
                error("hanya langkah KEPUTUSAN yang punya cabang; kosongkan sel ini atau ubah 'Jenis'.", column)
            branches[column] = target
        if kind is StepKind.DECISION and not cell_text(values[COL_RETURN]):
            error("langkah KEPUTUSAN wajib punya tujuan bila dikembalikan.", COL_RETURN)
        inferred_text = cell_text(values[COL_INFERRED]).upper()
        if inferred_text not in ("", YES, NO):
            error(f"'{cell_text(values[COL_INFERRED])}' tidak dikenal; pakai {YES} atau {NO}.", COL_INFERRED)
        action = cell_text(values[COL_ACTION]).upper()
        if action and action not in ACTIONS:
            known = ", ".join(ACTIONS)
            error(
                f"aksi program '{cell_text(values[COL_ACTION])}' tidak dikenal; kosongkan atau pakai {known}.",
                COL_ACTION,
            )
            action = ""
        steps.append(
            Step(
                number=cell_text(values[COL_NUMBER]),
                activity=activity,
                actor=actor,
                inputs=_lines(values[COL_INPUTS]),
                time=time,
                output=output,
                note=cell_text(values[COL_NOTE]),
                kind=kind or StepKind.PROCESS,
                on_approve=branches[COL_APPROVE],
                on_return=branches[COL_RETURN],
                actor_inferred=inferred_text == YES,
                action=action,
            )
        )
    return steps


# --- cell values ------------------------------------------------------------------------------------


def _lines(value: Any) -> tuple[str, ...]:
    """One item per line inside the cell; blank lines dropped."""
    return tuple(line.strip() for line in cell_text(value).split("\n") if line.strip())


def _role(text: str) -> Role | None:
    """A role from its code, tolerating case and spaces ("Tim SAKIP" → TIM_SAKIP)."""
    code = re.sub(r"[\s.\-]+", "_", text.strip()).upper()
    return Role.__members__.get(code) if code else None


def _role_list() -> str:
    return ", ".join(r.value for r in Role)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


__all__ = ["read_sop"]
