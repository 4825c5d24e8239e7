"""The buttons of the LKE page that act on the whole year: the template in and out, the filled LKE as .xlsx, the
summary PDF for the Inspektorat, and the Camat's signature (and lifting it with a reason)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDateEdit, QPushButton, QWidget

from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.lke.views import LkeView
from ui.context import AppContext
from ui.documents.output import build
from ui.errors import attempt
from ui.widgets.dialogs import ReasonDialog, confirm
from ui.widgets.files import ask_open_path, ask_save_path

XLSX, PDF = "Buku kerja Excel (*.xlsx)", "PDF (*.pdf)"


class LkePageLike(Protocol):
    """What the actions use of the page (`ui.lke.page.LkePage`), named here so the two modules import one way."""

    ctx: AppContext
    view: LkeView | None
    year: int  # the year shown: the status bar's
    dpa: QDateEdit
    dpa_button: QPushButton

    def may(self, op: Op) -> bool: ...
    def dpa_date(self) -> dt.date | None: ...
    def say(self, text: str) -> None: ...
    def reload(self) -> None: ...
    def widget(self) -> QWidget: ...


class LkeActions:
    """The year's buttons and what they do; tests replace the `ask_*` functions with their answers."""

    def __init__(self, page: LkePageLike) -> None:
        self.page = page
        self.parent = page.widget()
        self.ask_save: Callable[[str, str, str], Path | None] = lambda title, name, kind: ask_save_path(
            self.parent, title, name, kind
        )
        self.ask_open: Callable[[str], Path | None] = lambda title: ask_open_path(self.parent, title, XLSX)
        self.ask_yes: Callable[[str, str], bool] = lambda title, text: confirm(self.parent, title, text, "Ya")
        self.ask_reason: Callable[[Callable[[str], object]], bool] = self._reason
        self.import_button = QPushButton("Impor templat…")
        self.import_button.setToolTip("Templat LKE dari Kabupaten (.xlsx): bobot, kriteria, skala, predikat")
        self.export_template_button = QPushButton("Ekspor templat…")
        self.xlsx_button = QPushButton("LKE terisi (.xlsx)…")
        self.pdf_button = QPushButton("Ringkasan PDF…")
        self.pdf_button.setToolTip("Ringkasan untuk Inspektorat, ditandatangani Camat; dicatat di register dokumen")
        self.sign_button = QPushButton("Tandatangani")
        self.unlock_button = QPushButton("Buka kunci…")
        for button, action in ((self.import_button, self.import_template),
                               (self.export_template_button, self.export_template), (self.xlsx_button, self.save_xlsx),
                               (self.pdf_button, self.save_pdf), (self.sign_button, self.sign),
                               (self.unlock_button, self.unlock)):  # fmt: skip
            button.clicked.connect(action)
        self.buttons = (self.import_button, self.export_template_button, self.xlsx_button, self.pdf_button,
                        self.sign_button, self.unlock_button)  # fmt: skip

    def refresh(self, view: LkeView) -> None:
        """Enable what the person may do on the year as it is."""
        p = self.page
        draft = not view.signed
        self.import_button.setVisible(p.may(Op.LKE_TEMPLATE_IMPORT))
        self.import_button.setEnabled(draft)
        p.dpa.setEnabled(draft and p.may(Op.LKE_ASSESSMENT_SAVE))
        p.dpa_button.setEnabled(draft and p.may(Op.LKE_ASSESSMENT_SAVE))
        self.pdf_button.setEnabled(p.may(Op.DOCUMENT_RECORD))
        self.sign_button.setVisible(p.may(Op.LKE_SIGN))
        self.sign_button.setEnabled(draft and view.assessment_id is not None)
        self.unlock_button.setVisible(p.may(Op.LKE_UNLOCK))
        self.unlock_button.setEnabled(view.signed)

    def _done(self, ok: bool, text: str) -> bool:
        if ok:
            self.page.say(text)
            self.page.reload()
        return ok

    def save_dpa(self) -> bool:
        """Store the DPA date (starting the year's assessment when it is not yet)."""
        from sakip_desktop.ops.lke.assessment import save_assessment

        p = self.page
        year, day = p.year, p.dpa_date()
        if day is None:
            p.say("Pilih tanggal pengesahan DPA dulu.")
            return False
        ok, _ = attempt(self.parent, lambda: save_assessment(p.ctx.db, p.ctx.actor, year, dpa_date=day))
        return self._done(ok, "Tanggal DPA disimpan.")

    def import_template(self) -> bool:
        """Read a template workbook, store it and put the year's assessment on it."""
        from sakip_desktop.exchange.lke.read import read_template
        from sakip_desktop.ops.lke.assessment import save_assessment
        from sakip_desktop.ops.lke.store import import_template

        p = self.page
        path = self.ask_open("Impor templat LKE")
        if path is None:
            return False
        ok, template = attempt(self.parent, lambda: read_template(path))
        if not ok or template is None:
            return False
        year = p.year
        answered = p.view is not None and any(line.answer for line in p.view.lines if line.decision)
        if answered:  # the year keeps the template it was answered on; the new one is only stored
            ok, _ = attempt(self.parent, lambda: import_template(p.ctx.db, p.ctx.actor, template))
            return self._done(ok, f"Templat {template.code} diimpor. Tahun {year} sudah dijawab dengan templat lain "
                              "dan tetap memakainya; templat baru dipakai untuk tahun yang belum dijawab.")  # fmt: skip
        if not self.ask_yes("Impor templat LKE", f"Pakai '{template.name}' ({len(template.criteria)} kriteria) untuk "
                            f"penilaian tahun {year}?"):  # fmt: skip
            return False
        ok, _ = attempt(
            self.parent,
            lambda: save_assessment(
                p.ctx.db, p.ctx.actor, year, template_id=import_template(p.ctx.db, p.ctx.actor, template)
            ),
        )
        return self._done(ok, f"Templat {template.code} diimpor dan dipakai untuk tahun {year}.")

    def export_template(self) -> bool:
        """Write the year's template as .xlsx (to edit, or to give other offices)."""
        from sakip_desktop.exchange.lke.write import write_template

        view = self.page.view
        path = (
            self.ask_save("Ekspor templat LKE", f"templat-lke-{view.template.code.lower()}.xlsx", XLSX)
            if view
            else None
        )
        if view is None or path is None:
            return False
        ok, _ = attempt(self.parent, lambda: write_template(path, view.template))
        return self._done(ok, f"Templat ditulis ke {path}.")

    def _request(self):
        from sakip_desktop.documents.request import DocRequest

        p = self.page
        return DocRequest("lke", year=p.year, day=p.ctx.today())

    def save_xlsx(self) -> bool:
        """Write the filled LKE in the template's layout."""
        from sakip_desktop.documents.tables_xlsx import export_tables
        from sakip_desktop.files import write_atomically

        p = self.page
        path = self.ask_save("Simpan LKE terisi", f"lke-{p.year}.xlsx", XLSX)
        if path is None:
            return False
        request = self._request()
        ok, _ = attempt(
            self.parent, lambda: write_atomically(path, build(self.parent, lambda: export_tables(p.ctx.db, request))[0])
        )
        return self._done(ok, f"LKE terisi ditulis ke {path}.")

    def save_pdf(self) -> bool:
        """Write the summary PDF for the Inspektorat (recorded in the document register)."""
        from sakip_desktop.documents.catalog import generate
        from sakip_desktop.files import write_atomically

        p = self.page
        path = self.ask_save("Simpan ringkasan LKE", f"ringkasan-lke-{p.year}.pdf", PDF)
        if path is None:
            return False
        request = self._request()
        w = self.parent
        ok, _ = attempt(
            w, lambda: write_atomically(path, build(w, lambda: generate(p.ctx.db, p.ctx.actor, request)).pdf)
        )
        return self._done(ok, f"Ringkasan ditulis ke {path}.")

    def sign(self) -> bool:
        """The Camat signs the year: its answers are locked."""
        from sakip_desktop.ops.lke.assessment import sign

        p = self.page
        year = p.year
        if not self.ask_yes("Tandatangani penilaian mandiri", f"Tandatangani penilaian mandiri LKE tahun {year}? "
                            "Jawabannya terkunci sampai Camat membuka kuncinya."):  # fmt: skip
            return False
        ok, _ = attempt(self.parent, lambda: sign(p.ctx.db, p.ctx.actor, year))
        return self._done(ok, f"Penilaian mandiri tahun {year} ditandatangani.")

    def _reason(self, action: Callable[[str], object]) -> bool:
        dialog = ReasonDialog(self.page.ctx, "Buka kunci penilaian mandiri", "Alasan membuka kunci:", action,
                              "Buka kunci", self.parent)  # fmt: skip
        return bool(dialog.exec())

    def unlock(self) -> bool:
        """The Camat lifts the lock with a reason."""
        from sakip_desktop.ops.lke.assessment import unlock

        p = self.page
        year = p.year
        done = self.ask_reason(lambda reason: unlock(p.ctx.db, p.ctx.actor, year, reason))
        return self._done(done, f"Kunci penilaian mandiri tahun {year} dibuka.")
