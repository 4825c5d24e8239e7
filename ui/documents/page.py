"""'Dokumen': choose an official document and its subject, preview it, print it, save it, open it elsewhere.

Printing, saving and opening generate the document through the core (`documents.catalog.generate`),
which records it in the register with its version and data hash; the preview does not record.
Documents are built off the GUI thread (`output.build`). "Ekspor Excel…" writes the document's tables
to .xlsx (`documents.tables_xlsx`), a working copy that is not recorded in the register.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest, Generated
from sakip_desktop.documents.tables_xlsx import write_tables_xlsx
from sakip_desktop.files import write_atomically
from sakip_desktop.ops.agreements.views import agreement_versions, list_agreements
from sakip_desktop.ops.letters import list_letters
from sakip_desktop.ops.monitoring.evaluation_views import list_meetings
from sakip_desktop.ops.org.office import get_settings
from ui.context import AppContext
from ui.documents.output import build, print_request, temp_pdf
from ui.documents.preview import PreviewDialog
from ui.documents.registers import RegistersPanel
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.files import ask_save_path, tell_saved
from ui.widgets.fit import FitsItsRoom
from ui.widgets.forms import date_edit, date_of, form_layout, hint, set_date

QUARTERS = [("TW I", 1), ("TW II", 2), ("TW III", 3), ("TW IV", 4)]


def file_name(title: str) -> str:
    """A file name from a document title: 'Laporan-Kinerja-TW-III-2025.pdf'."""
    return re.sub(r"[^0-9A-Za-z.]+", "-", title).strip("-") + ".pdf"


def xlsx_name(title: str) -> str:
    """'Laporan-Kinerja-Triwulan-2025-TW-III.xlsx'."""
    return file_name(title).removesuffix(".pdf") + ".xlsx"


class DocumentsPage(FitsItsRoom):
    """The Dokumen tool of a role tab."""

    def __init__(self, ctx: AppContext, open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl) -> None:
        super().__init__()
        self.ctx = ctx
        self._open_url = open_url
        self.preview: PreviewDialog | None = None
        self.last: Generated | None = None
        choose = self._build_choose_box()
        self.registers = RegistersPanel(ctx, self)
        layout = QVBoxLayout(self)
        layout.addWidget(choose)
        layout.addWidget(self.registers, 1)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.year.valueChanged.connect(lambda _v: self._kind_changed())
        self._kind_changed()

    def _build_choose_box(self) -> QGroupBox:
        """'Cetak dokumen': the document and its options, the output buttons, and the last result."""
        choose = QGroupBox("Cetak dokumen")
        box = QVBoxLayout(choose)
        box.addLayout(self._build_form())
        box.addLayout(self._build_buttons())
        box.addWidget(
            hint(
                "Dokumen yang dicetak, disimpan atau dibuka dicatat di register dengan versinya; "
                "versi naik bila datanya berubah sejak cetakan sebelumnya."
            )
        )
        self.status = plain_label()  # names documents and files
        box.addWidget(self.status)
        return choose

    def _build_form(self) -> QFormLayout:
        """Which document, year, period, subject, signing date and paper."""
        ctx = self.ctx
        self.kind = QComboBox()
        for kind, spec in catalog.kinds().items():
            self.kind.addItem(spec.label, kind)
        # The status bar's year, shown here, not a second choice that could disagree with it (issue 13).
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.year)
        self.year.setReadOnly(True)
        self.year.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.year.setSuffix("   (Tahun di bilah bawah jendela)")
        self.year.setToolTip("Tahun dokumen mengikuti pilihan Tahun di bilah bawah jendela")
        ctx.signals.period_changed.connect(lambda *_: self._follow_period())
        self.quarter = QComboBox()
        self.subject = QComboBox()
        self.subject.setMinimumWidth(380)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "F4"])
        self.paper.setCurrentText(get_settings(ctx.db).paper_size)
        self.sign_day = date_edit()
        set_date(self.sign_day, ctx.today())

        self.form = form = form_layout()
        form.addRow("Dokumen:", self.kind)
        form.addRow("Tahun:", self.year)
        self.quarter_label = QLabel("Periode:")
        form.addRow(self.quarter_label, self.quarter)
        self.subject_label = QLabel("Pilihan:")
        form.addRow(self.subject_label, self.subject)
        form.addRow("Tanggal tanda tangan:", self.sign_day)
        form.addRow("Kertas:", self.paper)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        """Pratinjau, Cetak, Simpan PDF, Buka di aplikasi lain, Ekspor Excel."""
        self.preview_button = QPushButton("Pratinjau")
        self.print_button = QPushButton("Cetak…")
        self.save_button = QPushButton("Simpan PDF…")
        self.open_button = QPushButton("Buka di aplikasi lain")
        self.xlsx_button = QPushButton("Ekspor Excel…")
        self.xlsx_button.setToolTip(
            "Tabel-tabel dokumen ini ke .xlsx, satu lembar per tabel (tidak dicatat di register)"
        )
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.open_button.clicked.connect(self.open_external)
        self.xlsx_button.clicked.connect(lambda: self.export_xlsx())
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.save_button, self.open_button, self.xlsx_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        return buttons

    # --- the subject ---------------------------------------------------------------------------------------

    def _follow_period(self) -> None:
        """Another period was chosen in the status bar: its year, and its quarter for a quarter's document."""
        self.year.setValue(self.ctx.year)  # redraws the subjects when it changed
        self.quarter.setCurrentIndex(max(0, self.quarter.findData(self.ctx.quarter)))

    def _kind_changed(self) -> None:
        kind, year = self.kind.currentData(), self.year.value()
        current_quarter = self.quarter.currentData()
        self.quarter.clear()
        quarters = QUARTERS if kind != "pengukuran" else [("Seluruh tahun", None), *QUARTERS]
        for text, value in quarters:
            self.quarter.addItem(text, value)
        wanted = current_quarter if current_quarter is not None else self.ctx.quarter
        self.quarter.setCurrentIndex(max(0, self.quarter.findData(wanted)))
        self.form.setRowVisible(self.quarter, kind in ("pengukuran", "triwulan", "e81"))
        self.subject.clear()
        items: list[tuple[str, object]] = []
        if kind == "pk":
            self.subject_label.setText("Perjanjian Kinerja:")
            for a in list_agreements(self.ctx.db, year):
                for v in agreement_versions(self.ctx.db, year, a.unit_id):
                    items.append((f"{v.scope} – versi {v.version} ({v.kind_label}, {v.status_label})", v.agreement_id))
        elif kind == "berita-acara":
            self.subject_label.setText("Rapat evaluasi:")
            items = [(m.title, m.id) for m in list_meetings(self.ctx.db, year)]
        elif kind == "surat-pengantar":
            self.subject_label.setText("Surat keluar:")
            items = [
                (f"{x.agenda_number} – {x.recipient}: {x.subject}", x.id)
                for x in list_letters(self.ctx.db, year, cover_letters_only=True)
            ]
        for text, subject in items:
            self.subject.addItem(text, subject)
        self.form.setRowVisible(self.subject, kind in ("pk", "berita-acara", "surat-pengantar"))
        self.sign_day.setEnabled(kind in ("pengukuran", "triwulan", "e81"))
        self.xlsx_button.setEnabled(catalog.has_tables(kind))

    def request(self) -> DocRequest:
        """What the form describes."""
        kind, subject = self.kind.currentData(), self.subject.currentData()
        return DocRequest(
            kind=kind,
            year=self.year.value(),
            quarter=self.quarter.currentData() if kind in ("pengukuran", "triwulan", "e81") else None,
            agreement_id=subject if kind == "pk" else None,
            meeting_id=subject if kind == "berita-acara" else None,
            letter_id=subject if kind == "surat-pengantar" else None,
            day=date_of(self.sign_day),
            paper=self.paper.currentText(),
        )

    # --- actions ---------------------------------------------------------------------------------------------

    def show_preview(self) -> PreviewDialog | None:
        """Build the document (not recorded) and open the preview window."""
        request = self.request()
        ok, result = attempt(self, lambda: build(self, lambda: catalog.preview(self.ctx.db, request)))
        if not ok or result is None:
            return None
        pdf, _pages = result
        title = self.kind.currentText()
        self.preview = PreviewDialog(
            pdf,
            title,
            on_print=self.print_document,
            on_save=lambda: self.save_pdf(),
            on_open=self.open_external,
            parent=self,
        )
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()
        return self.preview

    def generate(self) -> Generated | None:
        """Generate the document for printing/saving and record it in the register."""
        request = self.request()
        ok, result = attempt(self, lambda: build(self, lambda: catalog.generate(self.ctx.db, self.ctx.actor, request)))
        if not ok or result is None:
            return None
        self.last = result
        r = result.record
        self.status.setText(f"Tercatat: {r.title}, versi {r.version} (data {r.short_hash}), {result.pages} halaman.")
        self.registers.refresh()
        return result

    def print_document(self) -> None:
        """Print through the print dialog on the document's paper; recorded in the register only once printed."""
        result = print_request(self, self.ctx.db, self.ctx.actor, self.request(), "Cetak dokumen")
        if result is not None:
            self.last, r = result, result.record
            self.status.setText(f"Dicetak dan tercatat: {r.title}, versi {r.version}, {result.pages} halaman.")
            self.registers.refresh()

    def save_pdf(self, path: str | None = None) -> Path | None:
        """Generate, then save the PDF where the user chooses (or to `path`)."""
        result = self.generate()
        if result is None:
            return None
        if path is None:
            chosen = ask_save_path(self, "Simpan PDF", file_name(result.record.title), "Dokumen PDF (*.pdf)")
            if chosen is None:
                return None
            path = str(chosen)
        target = Path(path)
        ok, _ = attempt(self, lambda: write_atomically(target, result.pdf))
        if not ok:
            return None
        r = result.record
        self.status.setText(f"Disimpan: {r.title}, versi {r.version}, di {target}.")
        self.saved_box = tell_saved(self, f"{r.title} (PDF, versi {r.version})", target)
        return target

    def export_xlsx(self, path: str | None = None) -> Path | None:
        """Write the document's tables to an .xlsx the user chooses (or `path`); not recorded in the register."""
        request = self.request()
        if path is None:
            period = f" {self.quarter.currentText()}" if request.quarter else ""
            suggested = xlsx_name(f"{self.kind.currentText()} {request.year}{period}")
            chosen = ask_save_path(self, "Ekspor Excel", suggested, "Buku kerja Excel (*.xlsx)")
            if chosen is None:
                return None
            path = str(chosen)
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        ok, tables = attempt(self, lambda: build(self, lambda: write_tables_xlsx(self.ctx.db, request, target)))
        if not ok or tables is None:
            return None
        self.status.setText(f"Diekspor {len(tables)} tabel ke {target.name} (ekspor Excel tidak dicatat di register).")
        return target

    def open_external(self) -> Path | None:
        """Generate, write to a temporary folder and open in the computer's PDF program."""
        result = self.generate()
        if result is None:
            return None
        target = temp_pdf(f"v{result.record.version}-{file_name(result.record.title)}", result.pdf)
        self._open_url(QUrl.fromLocalFile(str(target)))
        return target
