"""The "LHE dan TL LHE" page: the LHE received (of the Inspektorat or the Kementerian PANRB), chosen above; the
letter's score and predikat and what keeps its matrix a DRAF; the TL LHE matrix as a table (a row per RATL:
rekomendasi, RATL, PJ, batas waktu, status/progres, bukti); the buttons to record the letter and its rekomendasi,
set a RATL (a tindak lanjut that waits in its PJ's "Menunggu Anda"), report progress with bukti (the PJ), mark the
matrix checked (the Camat) and print or save the matrix (`documents.tl_lhe`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.documents.request import DocRequest
from sakip_desktop.documents.tl_lhe import KIND, KIND_KEMENPAN
from sakip_desktop.domain import formats
from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.lhe.edit import delete_lhe, delete_recommendation, review_matrix
from sakip_desktop.ops.lhe.rules import INSPEKTORAT
from sakip_desktop.ops.lhe.views import LheDetail, RecommendationView, lhe_detail, list_lhe
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView
from ui.context import AppContext
from ui.documents.output import build, print_request
from ui.errors import attempt
from ui.lhe.dialogs import LheDialog, RatlDialog, RecommendationDialog
from ui.plain_text import plain_label
from ui.widgets.colours import LATE_COLOUR
from ui.widgets.dialogs import confirm
from ui.widgets.files import ask_save_path, open_file
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, select_where

DONE_COLOUR = "#dff0d8"


@dataclass(frozen=True)
class MatrixRow:
    """A row of the matrix: a RATL of a rekomendasi (None: the rekomendasi has none yet)."""

    rec: RecommendationView
    action: FollowUpView | None
    first: bool  # the rekomendasi's first row: shows its number and text

    @property
    def evidence(self) -> str:
        return ", ".join(self.rec.evidence.get(self.action.id, ())) if self.action else ""


def _colour(r: MatrixRow) -> str | None:
    if r.action is None or r.action.overdue:
        return LATE_COLOUR
    return DONE_COLOUR if r.action.status == "DONE" else None


def _status(r: MatrixRow) -> str:
    a = r.action
    if a is None:
        return "RATL belum ditetapkan"
    late = f" · terlambat {a.days_overdue} hari" if a.overdue else ""
    return f"{a.status_label} ({a.progress}%){late}"


COLUMNS = [
    Column[MatrixRow]("No", lambda r: str(r.rec.number) if r.first else "", width=36),
    Column[MatrixRow]("Rekomendasi", lambda r: r.rec.text if r.first else "", width=260),
    Column[MatrixRow]("RATL", lambda r: r.action.action if r.action else "—", width=260),
    Column[MatrixRow]("Penanggung jawab", lambda r: r.action.responsible if r.action else "", width=180),
    Column[MatrixRow]("Batas waktu", lambda r: formats.long_date(r.action.due_on) if r.action else "", width=120),
    Column[MatrixRow](
        "Status/progres",
        _status,
        tooltip=lambda r: r.action.progress_note if r.action else "",
        width=170,
        background=_colour,
    ),
    Column[MatrixRow]("Bukti", lambda r: r.evidence, width=160),
]


class LhePage(QWidget):
    """The LHE and their TL LHE matrices: recorded by the Tim SAKIP, Sekretaris or Admin Data, RATL set by the
    Sekretaris or Tim, checked by the Camat."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: LheDetail | None = None
        # The save dialog; tests put a function here that returns a path.
        self.ask_path: Callable[[str, str, str], Path | None] = lambda t, n, f: ask_save_path(self, t, n, f)
        self.open_after = True
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.choice = QComboBox()
        self.choice.currentIndexChanged.connect(lambda _i: self.show_lhe())
        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, action in (
            ("new", "LHE baru…", self.new_lhe),
            ("edit", "Ubah LHE…", self.edit_lhe),
            ("delete", "Hapus LHE", self.remove_lhe),
        ):
            top.addWidget(self._button(key, text, action))
        self.info = plain_label()
        self.info.setWordWrap(True)
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, 1, sortable=False, striped=False)
        self.table.activated.connect(lambda _i: self.open_ratl())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        row = QHBoxLayout()
        for key, text, action in (
            ("rec_add", "Tambah rekomendasi…", self.add_recommendation),
            ("rec_edit", "Ubah rekomendasi…", self.edit_recommendation),
            ("rec_delete", "Hapus rekomendasi", self.remove_recommendation),
            ("ratl_add", "Tetapkan RATL…", self.add_ratl),
            ("ratl_edit", "Ubah RATL…", self.edit_ratl),
            ("ratl_open", "Laporkan progres…", self.open_ratl),
        ):
            row.addWidget(self._button(key, text, action))
        row.addStretch(1)
        outputs: list[tuple[str, str, Callable[[], object]]] = [
            ("review", "Tandai matriks diperiksa", self.review),
            ("pdf", "Buat PDF matriks…", self.make_pdf),
            ("print", "Cetak matriks…", self.print_matrix),
        ]
        for key, text, output in outputs:
            row.addWidget(self._button(key, text, output))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.ctx.signals.work_changed.connect(self.reload)
        self.reload()

    def _button(self, key: str, text: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: action())
        self.buttons[key] = button
        return button

    # ---- reading ------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the LHE list again, keeping the chosen one."""
        chosen = self.choice.currentData()
        _ok, found = attempt(self, lambda: list_lhe(self.ctx.db, self.ctx.today()))
        self.choice.blockSignals(True)
        self.choice.clear()
        for lhe in found or []:
            self.choice.addItem(f"LHE {lhe.evaluator_label} atas tahun {lhe.year} — {lhe.number}", lhe.id)
        index = self.choice.findData(chosen) if chosen is not None else 0
        self.choice.setCurrentIndex(max(index, 0) if self.choice.count() else -1)
        self.choice.blockSignals(False)
        self.show_lhe()

    def show_lhe(self) -> None:
        """Show the chosen LHE's matrix."""
        lhe_id = self.choice.currentData()
        chosen = current_record(self.table)
        self.detail = None
        if lhe_id is not None:
            _ok, self.detail = attempt(self, lambda: lhe_detail(self.ctx.db, lhe_id, self.ctx.today()))
        rows = []
        for rec in self.detail.recommendations if self.detail else ():
            actions = rec.actions or (None,)
            rows += [MatrixRow(rec, a, n == 0) for n, a in enumerate(actions)]
        self.model.set_rows(rows)
        self.info.setText(self._info())
        if chosen is not None:
            select_where(
                self.table,
                lambda r: (
                    r.rec.id == chosen.rec.id and (r.action and r.action.id) == (chosen.action and chosen.action.id)
                ),
            )
        self._enable()

    def _info(self) -> str:
        if self.detail is None:
            return "Belum ada LHE yang dicatat. Catat LHE dari Inspektorat atau Kementerian PANRB dengan 'LHE baru…'."
        lhe = self.detail.lhe
        head = (
            f"Nomor {lhe.number}, tanggal {formats.long_date(lhe.letter_date)} · nilai {formats.number(lhe.score, 2)}"
            f" · predikat {lhe.predikat_label} · {lhe.closed} dari {lhe.recommendations} rekomendasi selesai"
        )
        if self.detail.final:
            return f"{head}\nMatriks sudah diperiksa Camat ({lhe.reviewed_by}); tercetak final."
        return f"{head}\nMatriks masih tercetak DRAF: {'; '.join(self.detail.missing)}."

    def _enable(self) -> None:
        may = self.ctx.actor.may
        has_lhe, row = self.detail is not None, current_record(self.table)
        action = row.action if row else None
        states = {
            "new": may(Op.LHE_SAVE),
            "edit": has_lhe and may(Op.LHE_SAVE),
            "delete": has_lhe and may(Op.LHE_DELETE),
            "rec_add": has_lhe and may(Op.LHE_RECOMMENDATION_SAVE),
            "rec_edit": row is not None and may(Op.LHE_RECOMMENDATION_SAVE),
            "rec_delete": row is not None and not row.rec.actions and may(Op.LHE_RECOMMENDATION_DELETE),
            "ratl_add": row is not None and may(Op.FOLLOW_UP_ADD),
            "ratl_edit": action is not None and action.status != "DONE" and may(Op.FOLLOW_UP_UPDATE),
            "ratl_open": action is not None,
            "review": has_lhe and may(Op.LHE_MATRIX_REVIEW) and not (self.detail and self.detail.final),
            "pdf": has_lhe,
            "print": has_lhe,
        }
        for key, enabled in states.items():
            self.buttons[key].setEnabled(bool(enabled))

    def choose_lhe(self, lhe_id: int) -> None:
        """Show the LHE `lhe_id` (for tests and for opening from elsewhere)."""
        self.choice.setCurrentIndex(max(self.choice.findData(lhe_id), 0))

    # ---- writing ------------------------------------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> int | None:
        """Run a form dialog; after a save the lists redraw (every inbox too). Returns the saved id or None."""
        try:
            accepted = self.run_dialog(dialog)
            saved = getattr(dialog, "saved_id", None) if accepted else None
        finally:
            dialog.deleteLater()
        if accepted:
            self.ctx.signals.work_changed.emit()
        return saved

    def new_lhe(self) -> None:
        saved = self._run(LheDialog(self.ctx, parent=self))
        if saved is not None:
            self.reload()
            self.choose_lhe(saved)

    def edit_lhe(self) -> None:
        if self.detail is not None:
            self._run(LheDialog(self.ctx, self.detail.lhe, parent=self))

    def remove_lhe(self) -> None:
        if self.detail is None:
            return
        lhe = self.detail.lhe
        text = f"Hapus LHE {lhe.evaluator_label} nomor {lhe.number} beserta rekomendasinya?"
        if confirm(self, "Hapus LHE", text, "Hapus"):
            ok, _ = attempt(self, lambda: delete_lhe(self.ctx.db, self.ctx.actor, lhe.id))
            if ok:
                self.ctx.signals.work_changed.emit()

    def add_recommendation(self) -> None:
        if self.detail is not None:
            self._run(RecommendationDialog(self.ctx, self.detail.lhe.id, parent=self))

    def edit_recommendation(self) -> None:
        row = current_record(self.table)
        if self.detail is not None and row is not None:
            dialog = RecommendationDialog(
                self.ctx, self.detail.lhe.id, recommendation_id=row.rec.id, text=row.rec.text, parent=self
            )
            self._run(dialog)

    def remove_recommendation(self) -> None:
        row = current_record(self.table)
        if row is not None and confirm(
            self, "Hapus rekomendasi", f"Hapus rekomendasi nomor {row.rec.number}?", "Hapus"
        ):
            ok, _ = attempt(self, lambda: delete_recommendation(self.ctx.db, self.ctx.actor, row.rec.id))
            if ok:
                self.ctx.signals.work_changed.emit()

    def add_ratl(self) -> None:
        row = current_record(self.table)
        if row is not None:
            self._run(RatlDialog(self.ctx, recommendation_id=row.rec.id, recommendation=row.rec.text, parent=self))

    def edit_ratl(self) -> None:
        row = current_record(self.table)
        if row is not None and row.action is not None:
            dialog = RatlDialog(
                self.ctx, recommendation_id=row.rec.id, recommendation=row.rec.text, action=row.action, parent=self
            )
            self._run(dialog)

    def open_ratl(self) -> None:
        """The RATL's own dialog: its PJ reports status, progress and bukti there."""
        from ui.monitoring.follow_up_dialog import FollowUpDialog

        row = current_record(self.table)
        if row is None or row.action is None:
            return
        dialog = FollowUpDialog(self.ctx, row.action.id, self)
        try:
            self.run_dialog(dialog)
        finally:
            dialog.deleteLater()
        self.ctx.signals.work_changed.emit()

    def review(self) -> None:
        if self.detail is not None:
            lhe_id = self.detail.lhe.id
            ok, _ = attempt(self, lambda: review_matrix(self.ctx.db, self.ctx.actor, lhe_id))
            if ok:
                self.ctx.signals.work_changed.emit()

    # ---- the printed matrix -------------------------------------------------------------------------------------

    def _request(self) -> DocRequest | None:
        if self.detail is None:
            return None
        lhe = self.detail.lhe
        kind = KIND if lhe.evaluator == INSPEKTORAT else KIND_KEMENPAN
        return DocRequest(kind, year=lhe.year, day=self.ctx.today())

    def make_pdf(self) -> Path | None:
        """Save the matrix as PDF (entered in the document register) to a chosen file."""
        from sakip_desktop.documents.catalog import generate
        from sakip_desktop.files import write_atomically

        request = self._request()
        if request is None or self.detail is None:
            return None
        name = f"Matriks TL LHE {self.detail.lhe.evaluator_label} {self.detail.lhe.year}.pdf"
        path = self.ask_path("Simpan matriks TL LHE (PDF)", name, "PDF (*.pdf)")
        if path is None:
            return None
        write = lambda: write_atomically(path, generate(self.ctx.db, self.ctx.actor, request).pdf)  # noqa: E731
        ok, _ = attempt(self, lambda: build(self, write))
        if ok and self.open_after:
            open_file(path)
        return path if ok else None

    def print_matrix(self) -> None:
        """Print the matrix through the print dialog (entered in the register once printed)."""
        request = self._request()
        if request is not None:
            print_request(self, self.ctx.db, self.ctx.actor, request, "Cetak matriks TL LHE")
