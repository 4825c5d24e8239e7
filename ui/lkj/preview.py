"""'Pratinjau' of the LKj page: the Dokumen preview window (ui/documents) on the year's LKj.

The preview itself is not recorded; opening in another program generates the document through the catalog, which
records it in the document register like every printed document; printing records it once it has been printed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from ui.context import AppContext
from ui.documents.output import build, print_request, temp_pdf
from ui.documents.preview import PreviewDialog
from ui.errors import attempt


def _request(ctx: AppContext, year: int) -> DocRequest:
    return DocRequest("lkj", year=year, day=ctx.today())


def _generate(parent: QWidget, ctx: AppContext, year: int) -> catalog.Generated | None:
    request = _request(ctx, year)
    ok, result = attempt(parent, lambda: build(parent, lambda: catalog.generate(ctx.db, ctx.actor, request)))
    return result if ok else None


def print_lkj(parent: QWidget, ctx: AppContext, year: int) -> None:
    """Print through the print dialog on the office's paper; recorded in the register only once printed."""
    print_request(parent, ctx.db, ctx.actor, _request(ctx, year), "Cetak LKj")


def open_lkj(parent: QWidget, ctx: AppContext, year: int) -> Path | None:
    """Generate (recorded), write to a temporary folder and open it in the computer's PDF program."""
    result = _generate(parent, ctx, year)
    if result is None:
        return None
    target = temp_pdf(f"LKj {year} v{result.record.version}.pdf", result.pdf)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    return target


def show_preview(page, ctx: AppContext, year: int) -> PreviewDialog | None:
    """Build the LKj (not recorded) and open the preview window over `page` (an LkjPage)."""
    ok, result = attempt(page, lambda: build(page, lambda: catalog.preview(ctx.db, _request(ctx, year))))
    if not ok or result is None:
        return None
    pdf, _pages = result
    dialog = PreviewDialog(
        pdf,
        f"Laporan Kinerja Tahun {year}",
        on_print=lambda: print_lkj(page, ctx, year),
        on_save=page.make_pdf,
        on_open=lambda: open_lkj(page, ctx, year),
        parent=page,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
