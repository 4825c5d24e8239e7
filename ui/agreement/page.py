"""'Perjanjian Kinerja': the PKs of the year (the office's and each unit head's), the selected PK's targets and
budget lines, the checks before it is final, and its earlier versions (read only).

The Kasubag Perencanaan prepares, edits, checks, makes final and starts a PK Perubahan; the Camat reads and may
make a PK final ("Tetapkan").
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.ops.agreements.pk import (
    AgreementDetail,
    AgreementSummary,
    Status,
    agreement_problems,
    agreement_versions,
    create_agreement,
    delete_draft,
    finalise_agreement,
    get_agreement,
    list_agreements,
    refresh_agreement,
)
from ui.agreement.columns import BUDGET_COLUMNS, LIST_COLUMNS, TARGET_COLUMNS
from ui.agreement.dialogs import AgreementDialog, RevisionDialog
from ui.context import AppContext
from ui.cycle._common import with_action_bar
from ui.errors import attempt
from ui.widgets.dialogs import attempt_listed, confirm, show_listing
from ui.widgets.fit import FitsItsRoom
from ui.widgets.forms import DASH, hint
from ui.widgets.pages import PeriodPage
from ui.widgets.table import RecordTableModel, current_record, make_table, select_where

PROBLEM_STYLE = "color: #8a4b00;"
OK_STYLE = "color: #1b5e20;"


def _party_html(label: str, name: str, title: str, nip: str) -> str:
    nip_text = f", NIP {html.escape(nip)}" if nip else ""
    return f"<b>{label}:</b> {html.escape(name) or DASH} — {html.escape(title) or DASH}{nip_text}"


def _button(text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(slot)
    return button


class AgreementPage(PeriodPage, FitsItsRoom):
    """The PKs of ctx.year; `can_prepare` for the Kasubag Perencanaan (and administrators), else read + Tetapkan."""

    def __init__(self, ctx: AppContext, can_prepare: bool, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_prepare = can_prepare
        self.summaries: list[AgreementSummary] = []
        self.versions: list[AgreementSummary] = []
        self.detail: AgreementDetail | None = None
        self.problems: list[str] = []
        self.heading = QLabel()
        intro = (
            "Susun draf PK kantor (Camat dengan Bupati) dan PK tiap kepala unit (Sekretaris dan para Kasi dengan "
            "Camat) dari target tahunan, rencana aksi dan anggaran. Periksa, lalu tetapkan. Bila ada pergantian "
            "pejabat atau perubahan strategi/prioritas, buat PK Perubahan; versi sebelumnya tetap dapat dibaca."
            if can_prepare
            else "PK kantor dan PK para kepala unit tahun ini. Draf yang sudah lolos pemeriksaan dapat Anda tetapkan."
        )
        self.list_model = RecordTableModel(LIST_COLUMNS, self)
        self.list_table = make_table(self.list_model, LIST_COLUMNS, 1)
        self.list_table.setMinimumHeight(96)  # three rows and the header
        buttons = self._build_buttons()
        versions = self._build_version_row()
        self._build_detail_tabs()
        self._assemble(intro, buttons, versions)
        self.list_table.selectionModel().selectionChanged.connect(lambda *_: self._scope_changed())
        self._update_buttons()

    def _build_buttons(self) -> list[QPushButton]:
        """The action buttons (of the PK chosen in the list); the preparing ones only for `can_prepare`."""
        self.prepare_button = _button("Susun draf", self.prepare)
        self.refresh_button = _button("Perbarui dari data", self.refresh_draft)
        self.edit_button = _button("Ubah…", self.edit)
        self.check_button = _button("Periksa", self.check)
        self.finalise_button = _button("Tetapkan…", self.finalise)
        self.revise_button = _button("PK Perubahan…", self.revise)
        self.delete_button = _button("Hapus draf…", self.delete)
        shown = [self.check_button, self.finalise_button]
        if self.can_prepare:
            shown = [
                self.prepare_button,
                self.refresh_button,
                self.edit_button,
                *shown,
                self.revise_button,
                self.delete_button,
            ]
        return shown

    def _build_version_row(self) -> QHBoxLayout:
        """The selected version's header with the 'Versi:' chooser at its right (one row less to fit the laptop)."""
        self.version_combo = QComboBox()
        self.version_combo.setMinimumWidth(360)
        self.version_combo.currentIndexChanged.connect(lambda _i: self._show_version())
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        versions = QHBoxLayout()
        versions.addWidget(self.header, 1, Qt.AlignmentFlag.AlignTop)
        versions.addWidget(QLabel("Versi:"), 0, Qt.AlignmentFlag.AlignTop)
        versions.addWidget(self.version_combo, 0, Qt.AlignmentFlag.AlignTop)
        return versions

    def _build_detail_tabs(self) -> None:
        """The tabs of the selected version: targets, budget lines with their total, and the checks."""
        self.target_model = RecordTableModel(TARGET_COLUMNS, self)
        self.target_table = make_table(self.target_model, TARGET_COLUMNS, 2)
        self.budget_model = RecordTableModel(BUDGET_COLUMNS, self)
        self.budget_table = make_table(self.budget_model, BUDGET_COLUMNS, 2)
        self.budget_total = QLabel()
        budget_page = QWidget()
        budget_layout = QVBoxLayout(budget_page)
        budget_layout.setContentsMargins(0, 0, 0, 0)
        budget_layout.addWidget(self.budget_table, 1)
        budget_layout.addWidget(self.budget_total)
        self.problem_text = QPlainTextEdit()
        self.problem_text.setReadOnly(True)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.target_table, "Sasaran, indikator dan target")
        self.detail_tabs.addTab(budget_page, "Program dan anggaran")
        self.detail_tabs.addTab(self.problem_text, "Pemeriksaan")

    def _assemble(self, intro: str, buttons: list[QPushButton], versions: QHBoxLayout) -> None:
        """The list over the chosen version's detail in a vertical splitter (each table shrinks to fit the room),
        the action buttons in a bar under them that never scrolls away nor covers a table."""
        # The heading and the wrapped intro stand above the splitter: a splitter gives its panes their minimum
        # height without a wrapped label's extra lines.
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(versions)
        bottom_layout.addWidget(self.detail_tabs, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list_table)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        with_action_bar(self, [(self.heading, 0), (hint(intro), 0), (split, 1)], list(buttons))

    # ---- reading ------------------------------------------------------------------------------------------

    def reload(self) -> None:
        ctx = self.ctx
        keep = self.selected()
        self.heading.setText(f"<h3>Perjanjian Kinerja tahun {ctx.year}</h3>")
        ok, rows = attempt(self, lambda: list_agreements(ctx.db, ctx.year))
        self.summaries = list(rows or []) if ok else []
        self.list_model.set_rows(self.summaries)
        wanted = keep.unit_id if keep is not None else None
        if not select_where(self.list_table, lambda r: r.unit_id == wanted):
            self._scope_changed()

    def selected(self) -> AgreementSummary | None:
        """The PK chosen in the list (its latest version), or None."""
        return current_record(self.list_table)

    def _scope_changed(self) -> None:
        summary = self.selected()
        self.versions = []
        if summary is not None and summary.agreement_id is not None:
            ok, rows = attempt(self, lambda: agreement_versions(self.ctx.db, summary.year, summary.unit_id))
            self.versions = list(rows or []) if ok else []
        self.version_combo.blockSignals(True)
        self.version_combo.clear()
        for v in self.versions:
            self.version_combo.addItem(f"Versi {v.version} — {v.kind_label} — {v.status_label}", v.agreement_id)
        self.version_combo.blockSignals(False)
        self.version_combo.setEnabled(len(self.versions) > 1)
        self._show_version()

    def _show_version(self) -> None:
        agreement_id = self.version_combo.currentData()
        self.detail, self.problems = None, []
        if agreement_id is not None:
            ok, detail = attempt(self, lambda: get_agreement(self.ctx.db, agreement_id))
            self.detail = detail if ok else None
        if self.detail is not None and self.detail.status is Status.DRAFT:
            ok, found = attempt(self, lambda: agreement_problems(self.ctx.db, agreement_id))
            self.problems = list(found or [])
        self._show_detail()
        self._update_buttons()

    def _show_detail(self) -> None:
        d = self.detail
        summary = self.selected()
        if d is None:
            self.target_model.set_rows([])
            self.budget_model.set_rows([])
            self.budget_total.clear()
            self.problem_text.clear()
            if summary is None:
                self.header.setText("Pilih satu perjanjian kinerja di atas.")
            else:
                todo = " Pilih <b>Susun draf</b> untuk membuatnya." if self.can_prepare else ""
                self.header.setText(f"PK {html.escape(summary.scope)} tahun {summary.year} belum dibuat.{todo}")
            return
        state = f"versi {d.version}, {d.status.label.lower()}"
        lines = [f"<b>{html.escape(d.title)}</b> — {html.escape(d.scope)} ({state})"]
        number = html.escape(d.document_number) or "belum diisi"
        date = formats.long_date(d.signed_on) if d.signed_on else "belum diisi"
        dated = f"Nomor: {number} · {html.escape(d.place)}, {date}"
        if d.finalised_at:
            dated += f" · ditetapkan {formats.long_date(d.finalised_at.date())} oleh {html.escape(d.finalised_by)}"
        lines.append(dated)
        if d.reason_code:
            lines.append(f"<b>Dasar perubahan:</b> {html.escape(d.reason_label)} — {html.escape(d.reason)}")
        lines.append(_party_html("Pihak pertama", d.first_party.name, d.first_party.title, d.first_party.nip))
        lines.append(_party_html("Pihak kedua", d.second_party.name, d.second_party.title, d.second_party.nip))
        self.header.setText("<br>".join(lines))
        self.target_model.set_rows(d.targets)
        self.budget_model.set_rows(d.budget)
        self.budget_total.setText(f"<b>Jumlah: Rp{formats.number(d.budget_total, 0)}</b> (sumber: APBD)")
        self._show_problems()

    def _show_problems(self) -> None:
        d = self.detail
        if d is None:
            return
        if d.status is not Status.DRAFT:
            self.problem_text.setStyleSheet(OK_STYLE)
            self.problem_text.setPlainText(f"PK ini sudah ditetapkan ({d.status.label.lower()}); tidak diperiksa lagi.")
        elif self.problems:
            self.problem_text.setStyleSheet(PROBLEM_STYLE)
            self.problem_text.setPlainText(
                f"{len(self.problems)} hal harus dibereskan sebelum PK ditetapkan:\n"
                + "\n".join(f"• {p}" for p in self.problems)
            )
        else:
            self.problem_text.setStyleSheet(OK_STYLE)
            self.problem_text.setPlainText("Tidak ada masalah: PK ini siap ditetapkan.")
        self.detail_tabs.setTabText(2, f"Pemeriksaan ({len(self.problems)})" if self.problems else "Pemeriksaan")

    def _update_buttons(self) -> None:
        summary, d = self.selected(), self.detail
        draft = d is not None and d.status is Status.DRAFT
        self.prepare_button.setEnabled(summary is not None and summary.agreement_id is None)
        for button in (self.refresh_button, self.edit_button, self.finalise_button, self.delete_button):
            button.setEnabled(draft)
        self.check_button.setEnabled(draft)
        self.revise_button.setEnabled(d is not None and d.status is Status.FINAL)

    # ---- actions ------------------------------------------------------------------------------------------

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.changed()

    def prepare(self) -> None:
        """'Susun draf': the PK Murni of the chosen scope from current data."""
        summary = self.selected()
        if summary is None or summary.agreement_id is not None:
            return
        ctx = self.ctx
        ok, _ = attempt(
            self, lambda: create_agreement(ctx.db, ctx.actor, ctx.year, summary.unit_id, signed_on=ctx.today())
        )
        if ok:
            self._done(f"Draf PK {summary.scope} {ctx.year} disusun dari data perencanaan. Periksa lalu tetapkan.")

    def refresh_draft(self) -> None:
        """'Perbarui dari data': take targets, budget and parties again."""
        if self.detail is None:
            return
        d = self.detail
        ok, _ = attempt(self, lambda: refresh_agreement(self.ctx.db, self.ctx.actor, d.id))
        if ok:
            self._done(f"Draf PK {d.scope} diperbarui dari data perencanaan saat ini.")

    def edit(self) -> None:
        """'Ubah…': the draft's number, place, date, parties and statement."""
        if self.detail is None:
            return
        if self._run(AgreementDialog(self.ctx, self.detail, self)):
            self._done(f"Draf PK {self.detail.scope} disimpan.")

    def check(self) -> None:
        """'Periksa': run the checks again and show them."""
        self._show_version()
        self.detail_tabs.setCurrentIndex(2)
        found = len(self.problems)
        text = f"Pemeriksaan: {found} hal harus dibereskan." if found else "Pemeriksaan: siap ditetapkan."
        self.message.setText(text)

    def finalise(self) -> None:
        """'Tetapkan…': the checks first, read again now; with problems, the refusal listing them (nothing to
        confirm); without, the question. The operation checks once more (someone may change the data meanwhile)."""
        if self.detail is None:
            return
        self.check()
        d = self.detail
        if d is None or d.status is not Status.DRAFT:
            return
        if self.problems:
            listing = "\n".join(f"- {p}" for p in self.problems)
            show_listing(
                self, "PK belum dapat ditetapkan", f"PK {d.year} versi {d.version} belum dapat ditetapkan:\n{listing}"
            )
            return
        question = (
            f"Tetapkan {d.title.lower()} {d.scope} (versi {d.version})?\n\n"
            "Pemeriksaan: tidak ada masalah. Setelah ditetapkan, isi PK dan para pihaknya tidak dapat diubah lagi; "
            "perubahan hanya melalui PK Perubahan."
        )
        if not confirm(self, "Tetapkan perjanjian kinerja", question, "Tetapkan"):
            return
        ok, _ = attempt_listed(
            self, lambda: finalise_agreement(self.ctx.db, self.ctx.actor, d.id), "PK belum dapat ditetapkan"
        )
        if ok:
            self._done(f"PK {d.scope} {d.year} versi {d.version} ditetapkan.")
        else:
            self.check()

    def revise(self) -> None:
        """'PK Perubahan…': ask the ground, reason and number, then make the next version's draft."""
        d = self.detail
        if d is None:
            return
        if self._run(RevisionDialog(self.ctx, d, self)):
            self._done(f"Draf PK Perubahan {d.scope} (versi {d.version + 1}) disusun. Periksa lalu tetapkan.")

    def delete(self) -> None:
        """'Hapus draf…': after asking."""
        d = self.detail
        if d is None or not confirm(self, "Hapus draf", f"Hapus draf PK {d.scope} versi {d.version}?", "Hapus"):
            return
        ok, _ = attempt(self, lambda: delete_draft(self.ctx.db, self.ctx.actor, d.id))
        if ok:
            self._done(f"Draf PK {d.scope} versi {d.version} dihapus.")

    def _run(self, dialog: QDialog) -> bool:
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
