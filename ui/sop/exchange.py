"""SOP files: export and import as .xlsx, print the SOP sheet as PDF (their libraries load only when used)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.office import get_logo, get_profile, get_settings
from sakip_desktop.ops.sop.library import SopView, create_sop, get_definition, save_version
from sakip_desktop.sop.definition import SopDefinition
from ui.background import run_busy
from ui.context import AppContext
from ui.errors import attempt, show_error
from ui.plain_text import plain_box
from ui.widgets.dialogs import TextDialog

XLSX_FILTER = "Buku kerja Excel (*.xlsx)"
PDF_FILTER = "Dokumen PDF (*.pdf)"


def office_lines(ctx: AppContext) -> tuple[str, str]:
    """The sheet header's regency and unit lines: this office, not the one a template came from."""
    profile = get_profile(ctx.db)
    return f"PEMERINTAH {profile.regency_title.upper()}", f"KANTOR KECAMATAN {profile.name.upper()}"


def export_workbook(parent: QWidget, ctx: AppContext, sop: SopView, path: Path) -> bool:
    """Write the SOP's newest version to `path`; False (after saying why) when it failed."""

    def export() -> None:
        from sakip_desktop.exchange.sop.write import export_sop

        export_sop(get_definition(ctx.db, sop.id), path)

    ok, _ = attempt(parent, export)
    return ok


def read_workbook(parent: QWidget, path: Path) -> SopDefinition | None:
    """The SOP in a workbook; every problem of a refused file is listed in one scrollable window."""
    try:
        from sakip_desktop.exchange.sop.read import import_sop

        # Read off the GUI thread: a large or hostile file must not freeze the window.
        return run_busy(parent, "Membaca berkas SOP…", lambda: import_sop(path))
    except ValidationError as exc:
        TextDialog("Berkas SOP tidak dapat diimpor", "Perbaiki isi berkas lalu impor lagi.", exc.message, parent).exec()
    except Exception as exc:
        show_error(parent, exc)
    return None


def _confirm_new_version(parent: QWidget, definition: SopDefinition, same: SopView) -> bool:
    question = QMessageBox(
        QMessageBox.Icon.Question,
        "SOP sudah ada",
        f"Kantor ini sudah punya SOP berkode {definition.code} ({same.name}, versi {same.version}).\n\n"
        "Simpan isi berkas sebagai versi baru SOP itu?",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    plain_box(question)
    yes = question.addButton("Simpan sebagai versi baru", QMessageBox.ButtonRole.AcceptRole)
    question.setEscapeButton(question.addButton("Batal", QMessageBox.ButtonRole.RejectRole))
    question.exec()
    return question.clickedButton() is yes


def import_workbook(parent: QWidget, ctx: AppContext, sops: list[SopView], path: Path) -> tuple[int, str] | None:
    """Store a workbook's SOP: new, or (asked first) a new version of the SOP with its code.

    Returns the SOP id and what to tell the person, or None when nothing was stored.
    """
    definition = read_workbook(parent, path)
    if definition is None:
        return None
    note = f"Diimpor dari {path.name}"
    same = next((s for s in sops if s.code == definition.code), None)
    if same is None:
        ok, sop_id = attempt(parent, lambda: create_sop(ctx.db, ctx.actor, definition, note))
        return (sop_id, f"SOP {definition.identity.name} diimpor dari {path.name}.") if ok and sop_id else None
    if not _confirm_new_version(parent, definition, same):
        return None
    ok, version = attempt(parent, lambda: save_version(ctx.db, ctx.actor, same.id, definition, note))
    return (same.id, f"SOP {same.name} diperbarui dari {path.name} menjadi versi {version}.") if ok else None


def print_sheet(parent: QWidget, ctx: AppContext, sop: SopView, path: Path) -> int | None:
    """Build the SOP sheet PDF on the office's paper with its logo; the page count, or None when it failed."""

    def build() -> int:
        from sakip_desktop.documents.sop_sheet.sheet import build_sop_sheet, nip_grouping_of

        settings = get_settings(ctx.db)
        return build_sop_sheet(
            get_definition(ctx.db, sop.id),
            path,
            paper=settings.paper_size,
            font=settings.document_font,
            logo=get_logo(ctx.db),
            office_lines=office_lines(ctx),
            nip_grouping=nip_grouping_of(settings.nip_grouping),
        )

    ok, pages = attempt(parent, build)
    return pages if ok else None
