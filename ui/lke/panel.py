"""The chosen criterion of the LKE: what it asks, the program's proposal and why, the answer (accept the proposal,
or another answer with a reason), a justification, and the evidence linked to it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.permissions import Op
from sakip_desktop.ops.lke.assessment import AnswerInput, attach_evidence, link_evidence, remove_evidence, save_answer
from sakip_desktop.ops.lke.views import DECISION_LABELS, EvidenceLink, Line, LkeView
from ui.context import AppContext
from ui.errors import attempt
from ui.lke.picker import EvidencePicker
from ui.plain_text import plain_label
from ui.widgets.files import ask_open_path, size_text
from ui.widgets.table import Column, RecordTableModel, current_record, make_table

SOURCES = {"DOKUMEN": "Dokumen tercetak", "BUKTI": "Bukti dukung", "BUKTI_TL": "Bukti tindak lanjut",
           "PAKET": "Paket Kabupaten", "BERKAS": "Berkas dilampirkan"}  # fmt: skip
EVIDENCE_COLUMNS: list[Column[EvidenceLink]] = [
    Column[EvidenceLink]("Sumber", lambda e: SOURCES.get(e.source, e.source), width=120),
    Column[EvidenceLink]("Berkas", lambda e: e.filename, tooltip=lambda e: size_text(e.size) if e.size else ""),
]


def _text_box(height: int = 48) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class CriterionPanel(QWidget):
    """One criterion of the year's self-assessment."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.line: Line | None = None
        self.view: LkeView | None = None
        # The file dialog and the picker; tests put functions here.
        self.ask_file: Callable[[], Path | None] = lambda: ask_open_path(self, "Lampirkan bukti", "Semua berkas (*)")
        self.ask_evidence: Callable[[list[tuple[str, int, str]]], tuple[str, int] | None] = self._pick
        self.title = plain_label()
        self.title.setWordWrap(True)
        self.asked = plain_label()
        self.asked.setWordWrap(True)
        self.proposal = plain_label()
        self.proposal.setWordWrap(True)
        self.state = plain_label()
        self.state.setWordWrap(True)
        self.answer = QComboBox()
        self.justification = _text_box()
        self.justification.setPlaceholderText("Penjelasan jawaban (mis. bukti apa yang menunjukkannya)")
        self.reason = _text_box()
        self.reason.setPlaceholderText("Wajib bila jawaban berbeda dari usulan program")
        self.accept_button = QPushButton("Terima usulan")
        self.accept_button.clicked.connect(self.accept_proposal)
        self.save_button = QPushButton("Simpan jawaban")
        self.save_button.clicked.connect(self.save)
        self.evidence_model = RecordTableModel(EVIDENCE_COLUMNS, self)
        self.evidence = make_table(self.evidence_model, EVIDENCE_COLUMNS, 1, sortable=False)
        self.evidence.setMaximumHeight(96)
        self.link_button = QPushButton("Tambah dari data…")
        self.link_button.setToolTip("Dokumen tercetak, bukti dukung realisasi, bukti tindak lanjut, berkas paket")
        self.link_button.clicked.connect(self.link)
        self.attach_button = QPushButton("Lampirkan berkas…")
        self.attach_button.clicked.connect(self.attach)
        self.remove_button = QPushButton("Hapus bukti")
        self.remove_button.clicked.connect(self.remove)
        self.message = plain_label()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Jawaban", self.answer)
        form.addRow("Justifikasi", self.justification)
        form.addRow("Alasan mengubah", self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        evidence_buttons = QHBoxLayout()
        for b in (self.link_button, self.attach_button, self.remove_button):
            evidence_buttons.addWidget(b)
        evidence_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for w in (self.title, self.asked, self.proposal, self.state):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(plain_label("Bukti"))
        layout.addWidget(self.evidence)
        layout.addLayout(evidence_buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.show_line(None, None)

    @property
    def editable(self) -> bool:
        """The person may answer and the year is not signed."""
        return bool(self.line and self.view and not self.view.signed and self.ctx.actor.may(Op.LKE_ANSWER_SAVE))

    def show_line(self, line: Line | None, view: LkeView | None) -> None:
        """Show criterion `line` of `view` (None: nothing chosen)."""
        self.line, self.view = line, view
        self.message.setText("")
        if line is None or view is None:
            self.title.setText("Pilih kriteria di tabel.")
            for w in (self.asked, self.proposal, self.state):
                w.setText("")
            self.answer.clear()
            self.evidence_model.set_rows([])
        else:
            self._fill(line, view)
        editable = self.editable
        inputs: tuple[QWidget, ...] = (
            self.answer,
            self.justification,
            self.reason,
            self.save_button,
            self.link_button,
            self.attach_button,
            self.remove_button,
        )
        for widget in inputs:
            widget.setEnabled(editable)
        self.accept_button.setEnabled(editable and bool(line and line.proposal and line.proposal.answer))

    def _fill(self, line: Line, view: LkeView) -> None:
        c = line.criterion
        self.title.setText(f"{c.code}  {c.text}")
        self.asked.setText(f"Bukti yang diminta: {c.evidence or '-'}")
        p = line.proposal
        if p is None:
            self.proposal.setText("Usulan program: tidak ada aturan untuk kriteria ini; jawab sendiri.")
        elif not p.answer:
            self.proposal.setText(f"Usulan program: belum dapat diusulkan. {p.reason}")
        else:
            change = f"\nYang menaikkan: {p.change}" if p.change else ""
            self.proposal.setText(f"Usulan program: {p.answer}. {p.reason}{change}")
        state = DECISION_LABELS.get(line.decision, line.decision)
        self.state.setText(f"Keputusan: {state}" + (f" (jawaban {line.answer})" if line.decision else ""))
        self.answer.clear()
        self.answer.addItem("(belum dijawab)", "")
        for a in view.template.answers(c.kind):
            self.answer.addItem(f"{a.code} ({a.label})" if a.label else a.code, a.code)
        wanted = line.answer if line.decision else (p.answer if p else "")
        self.answer.setCurrentIndex(max(self.answer.findData(wanted), 0))
        self.justification.setPlainText(line.justification)
        self.reason.setPlainText(line.override_reason)
        self.evidence_model.set_rows(list(line.evidence))

    def _given(self, answer: str) -> AnswerInput:
        assert self.line is not None
        p = self.line.proposal
        return AnswerInput(self.line.criterion.code, answer, self.justification.toPlainText(),
                           self.reason.toPlainText(), p.answer if p else "", p.reason if p else "",
                           self.line.rule.code if self.line.rule else "")  # fmt: skip

    def _write(self, action: Callable[[], object], done: str) -> bool:
        ok, _ = attempt(self, action)
        if ok:
            self.message.setText(done)
            self.changed.emit()
        return ok

    def accept_proposal(self) -> bool:
        """Take the program's proposal as the answer."""
        if self.line is None or self.line.proposal is None or self.view is None:
            return False
        given, year = self._given(self.line.proposal.answer), self.view.year
        return self._write(lambda: save_answer(self.ctx.db, self.ctx.actor, year, given), "Usulan diterima.")

    def save(self) -> bool:
        """Save the answer chosen (another answer than the proposal needs a reason: the core refuses without)."""
        if self.line is None or self.view is None:
            return False
        given, year = self._given(str(self.answer.currentData() or "")), self.view.year
        return self._write(lambda: save_answer(self.ctx.db, self.ctx.actor, year, given), "Jawaban disimpan.")

    def _pick(self, choices: list[tuple[str, int, str]]) -> tuple[str, int] | None:
        dialog = EvidencePicker(choices, self)
        return dialog.chosen() if dialog.exec() else None

    def link(self) -> bool:
        """Link evidence the program already holds."""
        from sakip_desktop.ops.lke.views import evidence_choices

        if self.line is None or self.view is None:
            return False
        year = self.view.year
        ok, choices = attempt(self, lambda: evidence_choices(self.ctx.db, year))
        picked = self.ask_evidence(choices or []) if ok else None
        if picked is None:
            return False
        code, year = self.line.criterion.code, self.view.year
        return self._write(
            lambda: link_evidence(self.ctx.db, self.ctx.actor, year, code, *picked), "Bukti ditambahkan."
        )

    def attach(self) -> bool:
        """Attach a file from the computer."""
        path = self.ask_file() if self.line else None
        if path is None or self.line is None or self.view is None:
            return False
        code, year = self.line.criterion.code, self.view.year
        return self._write(lambda: attach_evidence(self.ctx.db, self.ctx.actor, year, code, path.name,
                                                   path.read_bytes()), f"Berkas {path.name} dilampirkan.")  # fmt: skip

    def remove(self) -> bool:
        """Remove the chosen piece of evidence."""
        chosen = current_record(self.evidence)
        if chosen is None:
            self.message.setText("Pilih bukti yang akan dihapus.")
            return False
        return self._write(lambda: remove_evidence(self.ctx.db, self.ctx.actor, chosen.id), "Bukti dihapus.")
