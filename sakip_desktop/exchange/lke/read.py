"""Reading an LKE template workbook (`write`): every cell checked, every problem listed with file, sheet, row and
column, and the file refused whole when there is any (reading writes nothing; `ops.lke.store.import_template`
stores what was read). The weights of each component's sub-components must add up to the component's weight and
the components to 100; a kabupaten with another split (Trenggalek's evaluation component 5 / 7,5 / 5 + Capaian
7,5) writes its own weights and keeps these sums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_desktop.exchange.guard import refusing_damage
from sakip_desktop.exchange.lke.write import (
    BAND_COLUMNS,
    BOUND_INCLUSIVE,
    CRITERIA_COLUMNS,
    LABEL_BASIS,
    LABEL_BOUND,
    LABEL_CODE,
    LABEL_NAME,
    SCALE_COLUMNS,
    SHEET_BANDS,
    SHEET_CRITERIA,
    SHEET_FORMAT,
    SHEET_SCALE,
    SHEET_TEMPLATE,
)
from sakip_desktop.exchange.xlsxkit import ImportErrors, cell_text, find_sheet, norm, open_workbook, read_format_sheet
from sakip_desktop.ops.lke.template import (
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_LABELS,
    Answer,
    Band,
    Component,
    Criterion,
    SubComponent,
    Template,
    check_template,
    weight,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

_KINDS = {norm(label): kind for kind, label in KIND_LABELS.items()} | {"aa–e": "SKALA", "y/t": "YT", "yt": "YT"}


@dataclass
class _Part:
    code: str
    name: str
    weight: Decimal
    row: int
    children: list[Any] = field(default_factory=list)


def read_template(path: Path) -> Template:
    """The template in the workbook at `path`; `ValidationError` listing every problem when it is not sound."""
    path = Path(path)
    errors = ImportErrors(path.name)
    wb = open_workbook(path, errors)
    if wb is None:
        raise errors.refuse()
    with refusing_damage(errors):
        return _read(wb, errors)


def _read(wb: Workbook, errors: ImportErrors) -> Template:
    found = read_format_sheet(
        wb,
        errors,
        sheet=SHEET_FORMAT,
        name=FORMAT_NAME,
        latest=FORMAT_VERSION,
        what="berkas templat LKE",
        export_hint="Pakai berkas dari 'Ekspor templat LKE' di layar Evaluasi SAKIP (LKE).",
        too_new=lambda program, version: (
            f"dibuat oleh versi program yang lebih baru (SAKIP Desktop {program}, "
            f"format templat LKE versi {version}); perbarui SAKIP Desktop lalu coba lagi."
        ),
    )
    if found is None:
        raise errors.refuse()
    head = _head(wb, errors)
    components, rows = _criteria(wb, errors)
    scale = _scale(wb, errors)
    bands = _bands(wb, errors)
    t = Template(
        code=head.get(LABEL_CODE, ""),
        name=head.get(LABEL_NAME, ""),
        basis=head.get(LABEL_BASIS, ""),
        lower_exclusive=norm(head.get(LABEL_BOUND, "")) != norm(BOUND_INCLUSIVE),
        components=tuple(
            Component(
                c.code,
                c.name,
                c.weight,
                tuple(SubComponent(s.code, s.name, s.weight, tuple(s.children)) for s in c.children),
            )
            for c in components
        ),
        scale=scale,
        bands=bands,
        format_version=found.version,
    )
    unreadable = {code for code, row in rows.items() if row in errors_rows(errors, SHEET_CRITERIA)}
    for code, message in check_template(t):
        if any(code == bad or bad.startswith(code + ".") for bad in unreadable if code):
            continue  # its weight could not be read: the sums would only repeat that
        sheet = SHEET_CRITERIA if code in rows else SHEET_TEMPLATE
        column = "Bobot" if "bobot" in message else ("Uraian" if "uraian" in message else "Kode")
        errors.add(message, sheet if code in rows or not code else SHEET_SCALE, rows.get(code), column)
    if errors.count:
        raise errors.refuse()
    return t


def errors_rows(errors: ImportErrors, sheet: str) -> set[int]:
    """The rows of `sheet` a problem was already noted on."""
    return {
        int(item.split(", baris ")[1].split(",")[0].split(":")[0])
        for item in errors.items
        if f"lembar '{sheet}', baris " in item
    }


def _head(wb: Workbook, errors: ImportErrors) -> dict[str, str]:
    ws = find_sheet(wb, SHEET_TEMPLATE)
    if ws is None:
        errors.add(f"lembar '{SHEET_TEMPLATE}' tidak ada; lembar jangan dihapus atau diganti namanya.")
        return {}
    wanted = {norm(x): x for x in (LABEL_CODE, LABEL_NAME, LABEL_BASIS, LABEL_BOUND)}
    out = {}
    for row in ws.iter_rows(values_only=True):
        if row and norm(cell_text(row[0])) in wanted:
            out[wanted[norm(cell_text(row[0]))]] = " ".join(cell_text(row[1] if len(row) > 1 else None).split())
    for label in (LABEL_CODE, LABEL_NAME):
        if not out.get(label):
            errors.add(f"'{label}' wajib diisi.", SHEET_TEMPLATE, None, "B")
    return out


def _rows(wb: Workbook, sheet: str, columns: tuple[str, ...], errors: ImportErrors) -> list[tuple[int, list[Any]]]:
    """The filled rows of a sheet whose header row has `columns` (in any order), as (row number, cells)."""
    ws = find_sheet(wb, sheet)
    if ws is None:
        errors.add(f"lembar '{sheet}' tidak ada; lembar jangan dihapus atau diganti namanya.")
        return []
    titles = [norm(cell_text(v)) for v in next(ws.iter_rows(max_row=1, values_only=True), ())]
    missing = [c for c in columns if norm(c) not in titles]
    if missing:
        errors.add(f"kolom {', '.join(repr(c) for c in missing)} tidak ada di baris judul.", sheet, 1)
        return []
    at = [titles.index(norm(c)) for c in columns]
    out = []
    for number, cells in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        values = [cells[p] if p < len(cells) else None for p in at]
        if any(cell_text(v) for v in values):
            out.append((number, values))
    return out


def _number(raw: Any, errors: ImportErrors, sheet: str, row: int, column: str) -> Decimal | None:
    if cell_text(raw) == "":
        errors.add("wajib diisi dengan angka.", sheet, row, column)
        return None
    try:
        return weight(raw)
    except ValueError:
        errors.add(f"'{cell_text(raw)}' bukan angka.", sheet, row, column)
        return None


def _criteria(wb: Workbook, errors: ImportErrors) -> tuple[list[_Part], dict[str, int]]:
    comps: list[_Part] = []
    rows: dict[str, int] = {}
    for number, (code_raw, text_raw, weight_raw, kind_raw, evidence_raw) in _rows(
        wb, SHEET_CRITERIA, CRITERIA_COLUMNS, errors
    ):
        code, text = cell_text(code_raw).strip(), " ".join(cell_text(text_raw).split())
        rows.setdefault(code, number)
        level = code.count(".")
        if not code or level > 2:
            errors.add(
                f"kode '{code}' tidak sah; tulis 1 (komponen), 1.a (sub komponen) atau 1.a.1 (kriteria).",
                SHEET_CRITERIA,
                number,
                "Kode",
            )
            continue
        if level < 2:
            value = _number(weight_raw, errors, SHEET_CRITERIA, number, "Bobot")
            part = _Part(code, text, value if value is not None else Decimal(0), number)
            if level == 0:
                comps.append(part)
            elif comps and code.startswith(comps[-1].code + "."):
                comps[-1].children.append(part)
            else:
                errors.add(f"sub komponen {code} tidak berada di bawah komponennya.", SHEET_CRITERIA, number, "Kode")
            continue
        kind = _KINDS.get(norm(cell_text(kind_raw)))
        if kind is None:
            errors.add(
                f"jenis jawaban '{cell_text(kind_raw)}' tidak dikenal; tulis AA-E atau Y/T.",
                SHEET_CRITERIA,
                number,
                "Jenis jawaban",
            )
        parent = comps[-1].children[-1] if comps and comps[-1].children else None
        if parent is None or not code.startswith(parent.code + "."):
            errors.add(f"kriteria {code} tidak berada di bawah sub komponennya.", SHEET_CRITERIA, number, "Kode")
            continue
        parent.children.append(Criterion(code, text, " ".join(cell_text(evidence_raw).split()), kind or "SKALA"))
    if not comps:
        errors.add("belum ada komponen.", SHEET_CRITERIA)
    return comps, rows


def _scale(wb: Workbook, errors: ImportErrors) -> tuple[Answer, ...]:
    out = []
    for number, (kind_raw, code_raw, value_raw, label_raw) in _rows(wb, SHEET_SCALE, SCALE_COLUMNS, errors):
        kind = _KINDS.get(norm(cell_text(kind_raw)))
        if kind is None:
            errors.add(
                f"jenis jawaban '{cell_text(kind_raw)}' tidak dikenal; tulis AA-E atau Y/T.",
                SHEET_SCALE,
                number,
                "Jenis jawaban",
            )
        code = cell_text(code_raw).strip().upper()
        if not code or len(code) > 4:
            errors.add(f"jawaban '{code}' tidak sah (1 sampai 4 huruf).", SHEET_SCALE, number, "Jawaban")
        value = _number(value_raw, errors, SHEET_SCALE, number, "Nilai")
        if kind and code and value is not None:
            out.append(Answer(kind, code, value, cell_text(label_raw).strip()))
    return tuple(out)


def _bands(wb: Workbook, errors: ImportErrors) -> tuple[Band, ...]:
    out = []
    for number, (code_raw, minimum_raw, label_raw, text_raw) in _rows(wb, SHEET_BANDS, BAND_COLUMNS, errors):
        code = cell_text(code_raw).strip().upper()
        minimum = _number(minimum_raw, errors, SHEET_BANDS, number, "Nilai lebih dari")
        if not code:
            errors.add("predikat wajib diisi.", SHEET_BANDS, number, "Predikat")
        if code and minimum is not None:
            out.append(Band(code, minimum, cell_text(label_raw).strip(), cell_text(text_raw).strip()))
    return tuple(out)
