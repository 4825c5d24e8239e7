"""The planning workbook from the screen: download a blank template, export the current plan, import a filled
one after looking at what it changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QMessageBox, QVBoxLayout, QWidget

from sakip_desktop.exchange.rencana.apply import RencanaResult, apply_rencana
from sakip_desktop.exchange.rencana.check import RencanaPreview, SheetChanges
from sakip_desktop.exchange.rencana.read import read_rencana
from sakip_desktop.exchange.rencana.write import blank_template, export_rencana
from ui.background import run_busy
from ui.context import AppContext
from ui.errors import attempt
from ui.widgets.dialogs import apply_cancel_buttons, attempt_listed, confirm_import
from ui.widgets.files import ask_open_path, ask_save_path, offer_to_open
from ui.widgets.forms import hint
from ui.widgets.screen import resize_to_fit
from ui.widgets.table import Column, RecordTableModel, make_table

XLSX_FILTER = "Buku kerja Excel (*.xlsx)"


def _codes(codes: tuple[str, ...]) -> str:
    if not codes:
        return "—"
    shown = ", ".join(codes[:8])
    return shown + (f", … ({len(codes) - 8} lagi)" if len(codes) > 8 else "")


def counted(added: int, changed: int) -> str:
    """'menambah 10 baris dan mengubah 2 baris': rows of the workbook, in the preview and after applying alike."""
    return f"menambah {added} baris dan mengubah {changed} baris"


SHEET_COLUMNS = [
    Column[SheetChanges]("Lembar", lambda s: s.sheet, width=140),
    Column[SheetChanges]("Baru", lambda s: str(len(s.added)), lambda s: len(s.added), align_right=True, width=55),
    Column[SheetChanges](
        "Berubah", lambda s: str(len(s.changed)), lambda s: len(s.changed), align_right=True, width=65
    ),
    Column[SheetChanges]("Tetap", lambda s: str(s.unchanged), lambda s: s.unchanged, align_right=True, width=55),
    Column[SheetChanges](
        "Kode yang baru / berubah",
        lambda s: (
            "; ".join(
                x for x in (s.added and f"baru: {_codes(s.added)}", s.changed and f"berubah: {_codes(s.changed)}") if x
            )
            or "—"
        ),
        tooltip=lambda s: f"Baru: {', '.join(s.added) or '—'}\nBerubah: {', '.join(s.changed) or '—'}",
    ),
]


class RencanaPreviewDialog(QDialog):
    """What a planning workbook would change, per sheet, and its warnings; "Terapkan" writes it all."""

    def __init__(self, preview: RencanaPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Impor rencana — periksa perubahan")
        plan = preview.data.plan
        new = " Renstra periode ini belum ada dan akan dibuat." if preview.new_plan else ""
        intro = hint(
            f"Berkas {preview.file_name} ({plan.name if plan else ''}) {counted(preview.added, preview.changed)}."
            f"{new} Data yang tidak ada di berkas tidak dihapus. Tekan Terapkan untuk menyimpan semuanya, atau Batal "
            "bila ada yang salah."
        )
        self.model = RecordTableModel(SHEET_COLUMNS, self)
        self.model.set_rows(preview.sheets)
        self.table = make_table(self.model, SHEET_COLUMNS, 4)
        self.warnings = QListWidget()
        self.warnings.addItems(list(preview.warnings))
        self.warnings.setWordWrap(True)
        warn_title = QLabel(
            f"Peringatan ({len(preview.warnings)}): target triwulan yang tidak cocok dengan target tahunan. "
            "Impor tetap dapat diterapkan; perbaiki sebelum Perjanjian Kinerja difinalkan."
            if preview.warnings
            else "Tidak ada peringatan."
        )
        warn_title.setWordWrap(True)
        self.buttons, self.apply_button, self.cancel_button = apply_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 2)
        layout.addWidget(warn_title)
        layout.addWidget(self.warnings, 1)
        layout.addWidget(self.buttons)
        self.warnings.setVisible(bool(preview.warnings))
        resize_to_fit(self, 900, 520)


def download_template(parent: QWidget, ctx: AppContext) -> Path | None:
    """'Unduh templat rencana (.xlsx)': a blank workbook (this office's units in its lists)."""
    path = ask_save_path(parent, "Unduh templat rencana", "Templat rencana kinerja.xlsx", XLSX_FILTER)
    if path is None:
        return None
    ok, _ = attempt(parent, lambda: blank_template(path, ctx.db))
    if not ok:
        return None
    offer_to_open(parent, "Templat disimpan", f"Templat rencana disimpan di:\n{path}\n\nBaca lembar Petunjuk.", path)
    return path


def export_current(parent: QWidget, ctx: AppContext) -> Path | None:
    """'Ekspor rencana saat ini': the office's plan as a filled workbook, to edit and import again."""
    path = ask_save_path(parent, "Ekspor rencana saat ini", "Rencana kinerja.xlsx", XLSX_FILTER)
    if path is None:
        return None
    ok, data = attempt(parent, lambda: export_rencana(ctx.db, path))
    if not ok or data is None:
        return None
    offer_to_open(
        parent,
        "Rencana diekspor",
        f"Rencana ({len(data.indicators)} indikator, {len(data.programs)} program, {len(data.sub_activities)} "
        f"sub kegiatan) disimpan di:\n{path}\n\nUbah seperlunya, simpan, lalu pilih Impor rencana.",
        path,
    )
    return path


def import_file(parent: QWidget, ctx: AppContext) -> RencanaResult | None:
    """'Impor rencana…': read the file, show what it changes, apply it when confirmed (None otherwise)."""
    path = ask_open_path(parent, "Impor rencana", XLSX_FILTER)
    if path is None:
        return None
    # Read off the GUI thread: a large or hostile file must not freeze the window.
    ok, preview = attempt_listed(
        parent,
        lambda: run_busy(parent, "Membaca buku kerja rencana…", lambda: read_rencana(ctx.db, path)),
        "Berkas rencana tidak diimpor",
    )
    if not ok or preview is None:
        return None
    has_changes = preview.has_changes
    if not confirm_import(parent, preview.file_name, has_changes, lambda: RencanaPreviewDialog(preview, parent)):
        return None
    ok, result = attempt(parent, lambda: apply_rencana(ctx.db, ctx.actor, preview))
    if not ok or result is None:
        return None
    QMessageBox.information(parent, "Rencana diimpor", f"Disimpan: {counted(result.added, result.changed)}.")
    return result
