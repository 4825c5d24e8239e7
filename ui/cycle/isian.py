"""Format Isian from the entry screen: export the workbook, read a filled one, show what it changes, apply it."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.qualitative import label_of
from sakip_desktop.exchange.isian.preview import IsianChange, IsianPreview, apply_isian
from sakip_desktop.exchange.isian.read import read_isian
from sakip_desktop.exchange.isian.write import export_isian
from sakip_desktop.ops.realisation.entry import RealisationInput
from ui.background import run_busy
from ui.context import AppContext
from ui.cycle._common import num
from ui.errors import attempt
from ui.widgets.dialogs import apply_cancel_buttons, attempt_listed, confirm_import
from ui.widgets.files import ask_open_path, ask_save_path, offer_to_open
from ui.widgets.forms import hint
from ui.widgets.table import Column, RecordTableModel, make_table

XLSX_FILTER = "Buku kerja Excel (*.xlsx)"
FIELD_LABELS = {
    "value": "Realisasi",
    "supporting": "Faktor pendukung",
    "inhibiting": "Faktor penghambat",
    "follow_up": "Upaya/tindak lanjut",
    "manual_achievement": "Capaian manual",
    "manual_justification": "Justifikasi",
}
_SHORT = 70  # characters of a narrative shown in the table; the tooltip has all of it


def _shown(value: Decimal | str | None, short: bool, levels: dict[int, str] | None = None) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, Decimal):
        return label_of(levels or {}, value) or num(value)
    text = " ".join(value.split())
    if short and len(text) > _SHORT:
        text = text[: _SHORT - 1].rstrip() + "…"
    return f"“{text}”"


def change_lines(change: IsianChange, short: bool = True) -> str:
    """One line per changed field: 'Realisasi: 5 → 7'."""
    old = change.old or RealisationInput(None)
    lines = []
    for f in fields(RealisationInput):
        before, after = getattr(old, f.name), getattr(change.new, f.name)
        if before != after:
            levels = change.levels if f.name == "value" else None
            lines.append(f"{FIELD_LABELS[f.name]}: {_shown(before, short, levels)} → {_shown(after, short, levels)}")
    return "\n".join(lines)


CHANGE_COLUMNS = [
    Column[IsianChange]("Lembar", lambda c: c.sheet, tooltip=lambda c: c.unit_name, width=150),
    Column[IsianChange]("Baris", lambda c: str(c.row), lambda c: (c.sheet, c.row), align_right=True, width=50),
    Column[IsianChange]("Kode", lambda c: c.code, width=55),
    Column[IsianChange]("Indikator", lambda c: c.name, width=260),
    Column[IsianChange]("Yang berubah (lama → baru)", change_lines, tooltip=lambda c: change_lines(c, short=False)),
]


class IsianPreviewDialog(QDialog):
    """What a filled Format Isian would change, row by row; "Terapkan" writes it all, "Batal" nothing."""

    def __init__(self, preview: IsianPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Impor Format Isian — periksa perubahan")
        units = ", ".join(dict.fromkeys(c.unit_name for c in preview.changes if c.unit_name))
        same = f"; {preview.unchanged} baris lain sama dengan yang tersimpan" if preview.unchanged else ""
        intro = hint(
            f"Berkas {preview.file_name} ({quarter_label(preview.quarter)} {preview.year}, {units}) mengubah "
            f"{len(preview.changes)} indikator{same}. Periksa perubahannya, lalu tekan Terapkan untuk "
            "menyimpan semuanya, atau Batal bila ada yang salah."
        )
        self.model = RecordTableModel(CHANGE_COLUMNS, self)
        self.model.set_rows(preview.changes)
        self.table = make_table(self.model, CHANGE_COLUMNS, 4)
        self.buttons, self.apply_button, self.cancel_button = apply_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 420)


def export_file(parent: QWidget, ctx: AppContext, unit_id: int, unit_name: str) -> Path | None:
    """'Ekspor Format Isian…': the unit's workbook for the period, offered to open."""
    tw = quarter_label(ctx.quarter)
    name = f"Format Isian {unit_name} {tw} {ctx.year}.xlsx"
    path = ask_save_path(parent, "Ekspor Format Isian", name, XLSX_FILTER)
    if path is None:
        return None
    ok, count = attempt(parent, lambda: export_isian(ctx.db, ctx.year, ctx.quarter, unit_id, path))
    if not ok:
        return None
    offer_to_open(
        parent,
        "Format Isian disimpan",
        f"Format Isian {tw} {ctx.year} ({count} indikator) disimpan di:\n{path}\n\n"
        "Isi sel berwarna kuning, simpan, lalu pilih Impor Format Isian.",
        path,
    )
    return path


def import_file(parent: QWidget, ctx: AppContext) -> list[int] | None:
    """'Impor Format Isian…': read the file, show what changes, and apply it when confirmed.

    Returns the realisasi written, or None when nothing was (refused, cancelled, or nothing to change).
    """
    path = ask_open_path(parent, "Impor Format Isian", XLSX_FILTER)
    if path is None:
        return None
    # Read off the GUI thread: a large or hostile file must not freeze the window.
    ok, preview = attempt_listed(
        parent,
        lambda: run_busy(
            parent, "Membaca Format Isian…", lambda: read_isian(ctx.db, path, year=ctx.year, quarter=ctx.quarter)
        ),
        "Berkas tidak diimpor",
    )
    if not ok or preview is None:
        return None
    has_changes = bool(preview.changes)
    if not confirm_import(parent, preview.file_name, has_changes, lambda: IsianPreviewDialog(preview, parent)):
        return None
    ok, ids = attempt_listed(parent, lambda: apply_isian(ctx.db, ctx.actor, preview), "Berkas tidak diimpor")
    return ids if ok else None
