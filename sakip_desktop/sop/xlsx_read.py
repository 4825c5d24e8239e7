"""Reading SOP workbooks: the checks behind `sakip_desktop.sop.xlsx.import_sop`.

Every problem is collected with its sheet, row and column, and the file is refused whole when there is
any, so the person fixing it sees all of them at once. Columns and identity fields are found by their
text, not their place, because a person may reorder them. Cells are normalised first: Excel and Calc
turn "1" into 1, "2" into 2.0 and dates into datetimes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sakip_desktop
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.sop.definition import FORMAT_VERSION, Actor, Identity, SopDefinition, Step, StepKind, validate
from sakip_desktop.sop.stdtime import parse_standard_time
from sakip_desktop.sop.xlsx import (
    ACTOR_COLUMNS,
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
    FORMAT_NAME_LABEL,
    FORMAT_VERSION_LABEL,
    IDENTITY_LISTS,
    IDENTITY_TEXTS,
    KIND_WORDS,
    NO,
    PROGRAM_VERSION_LABEL,
    REQUIRED_IDENTITY,
    SHEET_ACTORS,
    SHEET_FORMAT,
    SHEET_IDENTITY,
    SHEET_STEPS,
    START_ROLES_LABEL,
    STEP_COLUMNS,
    YES,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


class _Errors:
    """Every problem found in one file, each with where it is."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.items: list[str] = []

    def add(self, message: str, sheet: str | None = None, row: int | None = None, column: str | None = None) -> None:
        where = [f"Berkas {self.file_name}"]
        if sheet:
            where.append(f"lembar '{sheet}'")
        if row:
            where.append(f"baris {row}")
        if column:
            where.append(f"kolom '{column}'")
        self.items.append(f"{', '.join(where)}: {message}")

    def refuse(self) -> ValidationError:
        count = len(self.items)
        lines = "\n".join(f"- {item}" for item in self.items)
        return ValidationError(f"Berkas {self.file_name} tidak diimpor karena ada {count} kesalahan:\n{lines}")


def read_sop(path: Path) -> SopDefinition:
    """Read the SOP workbook at `path`; raise `ValidationError` listing every error found (see `import_sop`)."""
    errors = _Errors(path.name)
    wb = _open(path, errors)
    if wb is None:
        raise errors.refuse()
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


def _open(path: Path, errors: _Errors) -> Workbook | None:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.is_file():
        errors.add("berkas tidak ditemukan.")
        return None
    try:
        return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError) as exc:
        # Anything openpyxl cannot open (a renamed text file, an old .xls, a damaged zip) lands here.
        errors.add(
            f"bukan berkas Excel .xlsx yang dapat dibaca ({type(exc).__name__}). "
            "Simpan ulang sebagai 'Excel Workbook (.xlsx)' lalu coba lagi."
        )
        return None


def _sheet(wb: Workbook, name: str) -> Worksheet | None:
    """The sheet called `name`, ignoring case and stray spaces."""
    for ws in wb.worksheets:
        if _norm(ws.title) == _norm(name):
            return ws
    return None


def _check_format(wb: Workbook, errors: _Errors) -> int | None:
    """The file's format version, or None (with the error noted) when it is not ours or too new."""
    ws = _sheet(wb, SHEET_FORMAT)
    if ws is None:
        errors.add(
            f"bukan berkas SOP SAKIP (lembar tersembunyi '{SHEET_FORMAT}' tidak ada). "
            "Pakai berkas hasil 'Ekspor SOP' dari SAKIP Desktop."
        )
        return None
    pairs = {
        _norm(_text(row[0])): (row[1] if len(row) > 1 else None)
        for row in ws.iter_rows(values_only=True)
        if row and row[0] is not None
    }
    name = _text(pairs.get(_norm(FORMAT_NAME_LABEL)))
    if name != FORMAT_NAME:
        errors.add(f"bukan berkas SOP SAKIP (format '{name}', seharusnya '{FORMAT_NAME}').", SHEET_FORMAT)
        return None
    version = _whole(pairs.get(_norm(FORMAT_VERSION_LABEL)))
    program = _text(pairs.get(_norm(PROGRAM_VERSION_LABEL))) or "?"
    if version is None or version < 1:
        errors.add(f"versi format '{_text(pairs.get(_norm(FORMAT_VERSION_LABEL)))}' tidak dikenali.", SHEET_FORMAT)
        return None
    if version > FORMAT_VERSION:
        errors.add(
            f"dibuat oleh versi program yang lebih baru (SAKIP Desktop {program}, format SOP versi {version}); "
            f"program ini ({sakip_desktop.__version__}) hanya mengenal format sampai versi {FORMAT_VERSION}. "
            "Perbarui SAKIP Desktop untuk mengimpornya."
        )
        return None
    return version


def _read_v1(wb: Workbook, errors: _Errors) -> SopDefinition | None:
    sheets = {}
    for name in (SHEET_IDENTITY, SHEET_ACTORS, SHEET_STEPS):
        sheets[name] = _sheet(wb, name)
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


def _table(ws: Worksheet, columns: Iterable[str], errors: _Errors) -> list[tuple[int, dict[str, Any]]] | None:
    """The rows of a sheet as {header: value}, columns found by header text; None when a column is missing."""
    wanted = {_norm(title): title for title in columns}
    header_row, found = 0, {}
    for row_number, row in enumerate(ws.iter_rows(max_row=10, values_only=True), start=1):
        hits = {_norm(_text(v)): i for i, v in enumerate(row) if _norm(_text(v)) in wanted}
        if hits:
            header_row, found = row_number, hits
            break
    if not header_row:
        errors.add(f"baris judul kolom ({', '.join(wanted.values())}) tidak ditemukan.", ws.title)
        return None
    header = next(ws.iter_rows(min_row=header_row, max_row=header_row, values_only=True))
    for key, title in wanted.items():
        if sum(_norm(_text(v)) == key for v in header) > 1:
            errors.add("judul kolom ini ada lebih dari sekali; hapus salah satunya.", ws.title, header_row, title)
    missing = [title for key, title in wanted.items() if key not in found]
    for title in missing:
        errors.add("kolom tidak ada (judul kolom harus ditulis persis).", ws.title, header_row, title)
    if missing:
        return None
    rows = []
    for row_number, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
        values = {wanted[key]: (row[i] if i < len(row) else None) for key, i in found.items()}
        if any(_text(v) for v in values.values()):
            rows.append((row_number, values))
    return rows


def _read_identity(ws: Worksheet, errors: _Errors) -> tuple[dict[str, Any], tuple[Role, ...]] | None:
    rows = _table(ws, (COL_FIELD, COL_VALUE), errors)
    if rows is None:
        return None
    texts, lists = dict(IDENTITY_TEXTS), dict(IDENTITY_LISTS)
    labels = {_norm(label): label for label in (*texts, START_ROLES_LABEL, *lists)}
    seen: dict[str, int] = {}
    fields: dict[str, Any] = {attr: "" for attr in texts.values()}
    start_roles = SopDefinition.start_roles
    for row, values in rows:
        label = labels.get(_norm(_text(values[COL_FIELD])))
        raw = values[COL_VALUE]
        if label is None:
            errors.add(f"bidang '{_text(values[COL_FIELD])}' tidak dikenal.", ws.title, row, COL_FIELD)
            continue
        if label in seen:
            errors.add(f"bidang '{label}' sudah ada di baris {seen[label]}.", ws.title, row, COL_FIELD)
            continue
        seen[label] = row
        if label in texts:
            fields[texts[label]] = _text(raw)
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


def _roles(raw: Any, errors: _Errors, sheet: str, row: int) -> tuple[Role, ...]:
    roles: list[Role] = []
    for word in re.split(r"[,;\n]", _text(raw)):
        if not word.strip():
            continue
        role = _role(word)
        if role is None:
            errors.add(f"peran '{word.strip()}' tidak dikenal; pakai {_role_list()}.", sheet, row, COL_VALUE)
        elif role not in roles:
            roles.append(role)
    return tuple(roles)


def _read_actors(ws: Worksheet, errors: _Errors) -> tuple[list[Actor], list[str]] | None:
    """The actors that are right, and every key written (to check the steps against)."""
    rows = _table(ws, (title for title, _w in ACTOR_COLUMNS), errors)
    if rows is None:
        return None
    actors: list[Actor] = []
    first_row: dict[str, int] = {}
    for row, values in rows:
        key, label, role_text = _text(values[COL_KEY]), _text(values[COL_LABEL]), _text(values[COL_ROLE])
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


def _read_steps(ws: Worksheet, known_keys: set[str] | None, errors: _Errors) -> list[Step] | None:
    rows = _table(ws, (title for title, _w in STEP_COLUMNS), errors)
    if rows is None:
        return None
    if not rows:
        errors.add("belum ada langkah; SOP harus punya sedikitnya satu.", ws.title)
    count = len(rows)
    kinds = {_norm(word): kind for kind, word in KIND_WORDS.items()} | {_norm(k.value): k for k in StepKind}
    steps: list[Step] = []
    for position, (row, values) in enumerate(rows, start=1):

        def error(message: str, column: str, row: int = row) -> None:
            errors.add(message, ws.title, row, column)

        order = _whole(values[COL_ORDER])
        if order != position:
            shown = _text(values[COL_ORDER]) or "kosong"
            error(
                f"urutan {shown} tidak sesuai; baris ini langkah ke-{position}. Nomori 'Urutan' 1, 2, 3, … dari atas "
                f"dan periksa '{COL_APPROVE}'/'{COL_RETURN}' yang merujuk ke urutan.",
                COL_ORDER,
            )
        activity, output = _text(values[COL_ACTIVITY]), _text(values[COL_OUTPUT])
        if not activity and not output:
            error("kegiatan wajib diisi.", COL_ACTIVITY)
        actor = _text(values[COL_ACTOR])
        if not actor:
            error("pelaksana wajib diisi.", COL_ACTOR)
        elif known_keys is not None and actor not in known_keys:
            listed = ", ".join(sorted(known_keys)) or "-"
            error(f"pelaksana '{actor}' tidak ada di lembar '{SHEET_ACTORS}' (kunci yang ada: {listed}).", COL_ACTOR)
        time = _text(values[COL_TIME])
        try:
            parse_standard_time(time)
        except ValidationError as exc:
            error(_lower_first(exc.message), COL_TIME)
        kind_text = _text(values[COL_KIND])
        kind = kinds.get(_norm(kind_text), StepKind.PROCESS if not kind_text else None)
        if kind is None:
            error(f"jenis '{kind_text}' tidak dikenal; pakai PROSES atau KEPUTUSAN.", COL_KIND)
        branches = {}
        for column in (COL_APPROVE, COL_RETURN):
            raw = values[column]
            target = _whole(raw)
            if _text(raw) and target is None:
                error(f"'{_text(raw)}' bukan nomor urutan langkah; tulis bilangan bulat 1–{count}.", column)
            elif target is not None and not 1 <= target <= count:
                error(f"langkah tujuan {target} di luar urutan 1–{count}.", column)
            elif target is not None and kind is StepKind.PROCESS:
                error("hanya langkah KEPUTUSAN yang punya cabang; kosongkan sel ini atau ubah 'Jenis'.", column)
            branches[column] = target
        if kind is StepKind.DECISION and not _text(values[COL_RETURN]):
            error("langkah KEPUTUSAN wajib punya tujuan bila dikembalikan.", COL_RETURN)
        inferred_text = _text(values[COL_INFERRED]).upper()
        if inferred_text not in ("", YES, NO):
            error(f"'{_text(values[COL_INFERRED])}' tidak dikenal; pakai {YES} atau {NO}.", COL_INFERRED)
        steps.append(
            Step(
                number=_text(values[COL_NUMBER]),
                activity=activity,
                actor=actor,
                inputs=_lines(values[COL_INPUTS]),
                time=time,
                output=output,
                note=_text(values[COL_NOTE]),
                kind=kind or StepKind.PROCESS,
                on_approve=branches[COL_APPROVE],
                on_return=branches[COL_RETURN],
                actor_inferred=inferred_text == YES,
            )
        )
    return steps


# --- cell values ------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: Excel may have turned "1" into 1, "2" into 2.0 or a date into a datetime."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, dt.datetime):
        clock = f" {value:%H.%M}" if value.time() != dt.time() else ""
        return _date(value.date()) + clock
    if isinstance(value, dt.date):
        return _date(value)
    if isinstance(value, dt.time):
        return f"{value:%H.%M}"
    # Excel writes a carriage return as _x000D_; line breaks are kept as plain "\n".
    text = str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _lines(value: Any) -> tuple[str, ...]:
    """One item per line inside the cell; blank lines dropped."""
    return tuple(line.strip() for line in _text(value).split("\n") if line.strip())


def _whole(value: Any) -> int | None:
    """A whole number from a cell (1, 1.0, "1"), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value)
    return int(text) if re.fullmatch(r"[+-]?\d+", text) else None


def _role(text: str) -> Role | None:
    """A role from its code, tolerating case and spaces ("Tim SAKIP" → TIM_SAKIP)."""
    code = re.sub(r"[\s.\-]+", "_", text.strip()).upper()
    return Role.__members__.get(code) if code else None


def _role_list() -> str:
    return ", ".join(r.value for r in Role)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


__all__ = ["read_sop"]
