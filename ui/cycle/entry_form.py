"""The form under the Kasi's table: value, narrative, manual capaian and bukti dukung of one indicator."""

from __future__ import annotations

from functools import partial
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.qualitative import level_label
from sakip_desktop.domain.realisation import Narrative, Seen, Status, narrative_reason, quarter_achievement
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.realisation.entry import (
    MAX_EVIDENCE_BYTES,
    EntryView,
    add_evidence,
    remove_evidence,
    save_realisation,
)
from sakip_desktop.ops.realisation.qualitative import indicator_levels
from ui.context import AppContext
from ui.cycle._common import LOCKED_NOTE, join_words, note_label, target_of, zero_target
from ui.cycle.desa_dialog import DesaControl
from ui.errors import attempt
from ui.plain_text import esc, plain_label, rich
from ui.widgets.dialogs import confirm
from ui.widgets.files import EvidenceList, ask_open_paths, size_text
from ui.widgets.fit import HoldsItsLines
from ui.widgets.forms import fill_combo, form_layout, parse_number, plain_number, select_data

STATUS_NOTES = {
    Status.SUBMITTED: "Sudah diajukan ke Sekretaris dan sedang diperiksa; tidak dapat diubah kecuali dikembalikan.",
    Status.VERIFIED: "Sudah diverifikasi Sekretaris dan menunggu persetujuan Camat; tidak dapat diubah kecuali "
    "dikembalikan.",
    Status.APPROVED: LOCKED_NOTE,
}


def _text_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(52)
    return edit


def _seen(entry: EntryView) -> Seen:
    return Seen(
        entry.stored_input,
        when="dibuka di layar",
        again="isian terbaru kini tampil di tabel; simpan lagi untuk menimpanya",
    )


class EntryForm(HoldsItsLines):  # in the page's splitter: never shorter than its wrapped lines
    """Edits one indicator's realisasi; every write goes through a core operation and announces `work_changed`."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry: EntryView | None = None
        self.offset = 7
        self._loading = False
        self.dirty = False
        self.saved_id: int | None = None  # the realisasi the last "Simpan" wrote

        self.title = rich(QLabel())  # the indicator's code and name are data: escaped
        self.title.setWordWrap(True)
        self.note = note_label()
        value_row = self._build_value_fields()
        self.supporting_edit = _text_edit("apa yang membantu tercapainya target")
        self.inhibiting_edit = _text_edit("apa yang menghambat")
        self.follow_up_edit = _text_edit("apa yang akan dilakukan")
        self._build_evidence(ctx)
        self.save_button = QPushButton("Simpan")
        self.save_button.setDefault(True)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {
            "value": self.value_edit,
            "manual_achievement": self.manual_edit,
            "manual_justification": self.justification_edit,
            "supporting": self.supporting_edit,
            "inhibiting": self.inhibiting_edit,
            "follow_up": self.follow_up_edit,
        }
        self._placeholders = {name: edit.placeholderText() for name, edit in self.fields.items()}
        self._read_only_palette = QPalette(self.palette())
        self._read_only_palette.setColor(QPalette.ColorRole.Base, self.palette().color(QPalette.ColorRole.Window))
        self._assemble(value_row)
        self._connect_signals()
        self.set_entry(None, 7)

    def _build_value_fields(self) -> QWidget:
        """Target, realisasi (a number, or a level for a qualitative indicator), capaian and the manual capaian."""
        self.target_label = plain_label()
        self.value_edit = QLineEdit()
        self.value_edit.setPlaceholderText("mis. 12,5")
        # A qualitative indicator is entered by choosing its level; the rank goes into value_edit (hidden).
        self.level_combo = QComboBox()
        self.level_combo.setVisible(False)
        value_row = QWidget()
        value_box = QHBoxLayout(value_row)
        value_box.setContentsMargins(0, 0, 0, 0)
        value_box.addWidget(self.value_edit)
        value_box.addWidget(self.level_combo)
        self.desa = DesaControl(self.ctx)  # an indicator over desa: the value follows from the per-desa marks
        self.capaian_label = QLabel()
        self.capaian_note = note_label()  # why the narrative is required, said while typing
        self.manual_edit = QLineEdit()
        self.manual_edit.setPlaceholderText("dalam %, mis. 100")
        self.manual_edit.setToolTip("Capaian manual dan justifikasi hanya diisi bila Target TW bernilai 0.")
        self.justification_edit = QLineEdit()
        self.justification_edit.setPlaceholderText("mengapa capaiannya sebesar itu")
        return value_row

    def _build_evidence(self, ctx: AppContext) -> None:
        """The bukti dukung list with its 'Tambah berkas…' and 'Hapus' buttons."""
        self.evidence = EvidenceList(ctx)
        self.add_button = QPushButton("Tambah berkas…")
        self.add_button.setToolTip(f"Pindaian, foto, daftar hadir; paling besar {size_text(MAX_EVIDENCE_BYTES)}")
        self.remove_button = QPushButton("Hapus")
        self.evidence.buttons.insertWidget(0, self.add_button)
        self.evidence.buttons.insertWidget(2, self.remove_button)

    def _assemble(self, value_row: QWidget) -> None:
        """Values on the left, narrative in the middle, evidence on the right; the note and Simpan below."""
        values = form_layout()
        self.target_caption = QLabel("Target TW")
        values.addRow(self.target_caption, self.target_label)
        values.addRow("Realisasi", value_row)
        values.addRow(self.desa)  # the whole column's width: its fraction on one line
        values.addRow("Capaian", self.capaian_label)
        values.addRow(self.capaian_note)
        # Shown only for a target of 0 (the only case they are filled): the form fits under the table at 1366×768.
        values.addRow("Capaian manual", self.manual_edit)
        values.addRow("Justifikasi", self.justification_edit)
        self.values = values
        narrative = QFormLayout()
        narrative.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        narrative.addRow("Faktor pendukung", self.supporting_edit)
        narrative.addRow("Faktor penghambat", self.inhibiting_edit)
        narrative.addRow("Upaya/tindak lanjut", self.follow_up_edit)
        left = QWidget()
        left.setLayout(values)
        left.setFixedWidth(330)
        body = QHBoxLayout()
        body.addWidget(left)
        body.addLayout(narrative, 3)
        body.addWidget(self.evidence, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

    def _connect_signals(self) -> None:
        """Typing marks the form edited; tab order runs down the values, the narrative, then Simpan."""
        for edit in self.fields.values():
            edit.textChanged.connect(self._edited)
        chain = [*self.fields.values(), self.add_button, self.save_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)  # down the values, then the narrative, then Simpan
        self.value_edit.returnPressed.connect(self.save)
        self.level_combo.currentIndexChanged.connect(self._level_chosen)
        self.save_button.clicked.connect(self.save)
        self.add_button.clicked.connect(self.add_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.evidence.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # ---- showing ------------------------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        """True while the shown realisasi may still be changed by the Kasi."""
        return self.entry is not None and self.entry.editable

    def set_entry(self, entry: EntryView | None, offset: int) -> None:
        """Show `entry` (None: nothing chosen); unsaved typing is dropped, so ask first (`EntryPage.settle`)."""
        self.entry, self.offset = entry, offset
        # What the person starts from: a save is refused when someone changed the realisasi since.
        self.seen = _seen(entry) if entry is not None else None
        self._loading = True
        try:
            self._fill(entry)
        finally:
            self._loading = False
        self.dirty = False
        self._update_capaian()
        self._update_buttons()

    def _fill(self, entry: EntryView | None) -> None:
        if entry is None:
            self.title.setText("<b>Pilih indikator di tabel untuk mengisi realisasinya.</b>")
            self.note.setText("")
            self.target_label.setText("")
            for edit in self.fields.values():
                edit.clear() if isinstance(edit, QLineEdit) else edit.setPlainText("")
            self.evidence.set_items((), self.offset)
            self.desa.show_for(None)
            self.level_combo.setVisible(False)
            self.value_edit.setVisible(True)
            return
        self.title.setText(f"<b>{esc(entry.code)}</b> — {esc(entry.name)}")
        self.target_caption.setText(f"Target {quarter_label(entry.quarter)}")
        self.target_label.setText(target_of(entry))
        self.value_edit.setText(plain_number(entry.value))
        self.manual_edit.setText(plain_number(entry.manual_achievement))
        self.justification_edit.setText(entry.manual_justification)
        self.supporting_edit.setPlainText(entry.narrative.supporting)
        self.inhibiting_edit.setPlainText(entry.narrative.inhibiting)
        self.follow_up_edit.setPlainText(entry.narrative.follow_up)
        self.evidence.set_items(entry.evidence, self.offset)
        self._fill_levels(entry)
        self.desa.show_for(entry)
        if entry.status is Status.RETURNED:
            self.note.setText(f"Dikembalikan dengan alasan: {entry.return_reason}\nPerbaiki, simpan, lalu ajukan lagi.")
        else:
            self.note.setText(STATUS_NOTES.get(entry.status, "") if entry.status else "")

    def _fill_levels(self, entry: EntryView) -> None:
        """A qualitative indicator shows its scale's levels to choose from instead of a number field."""
        levels = indicator_levels(self.ctx.db, entry.indicator_id)
        self.level_combo.setVisible(bool(levels))
        self.value_edit.setVisible(not levels)
        if not levels:
            return
        fill_combo(self.level_combo, [("— pilih tingkat —", None)] + [(lv.label, lv.rank) for lv in levels])
        select_data(self.level_combo, None if entry.value is None else int(entry.value))
        labels = {lv.rank: lv.label for lv in levels}
        target = entry.quarter_target
        label = level_label(labels, target.low) if target is not None else None
        if label:
            self.target_label.setText(label)

    def _level_chosen(self) -> None:
        rank = self.level_combo.currentData()
        if not self.level_combo.isHidden():
            self.value_edit.setText("" if rank is None else str(rank))

    def _update_buttons(self) -> None:
        editable = self.editable
        zero = self.entry is not None and zero_target(self.entry)
        for name, edit in self.fields.items():
            typed = editable and not (name == "value" and self.desa.active)  # over desa: follows the marks
            edit.setReadOnly(not typed)
            # A read-only field must not look like one waiting for typing: grey, without its example text.
            edit.setPalette(self.palette() if typed else self._read_only_palette)
            edit.setPlaceholderText(self._placeholders[name] if typed else "")
            manual_only = name in ("manual_achievement", "manual_justification")
            edit.setEnabled(self.entry is not None and (zero or not manual_only))
            if manual_only:
                self.values.setRowVisible(edit, zero)
        self.level_combo.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.evidence.selected() is not None)

    def _edited(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._update_capaian()

    def _update_capaian(self) -> None:
        """Capaian as it would be with what is typed, and whether the narrative is then required."""
        entry = self.entry
        self.capaian_note.setText("")
        self.capaian_note.setVisible(False)
        if entry is None:
            self.capaian_label.setText("")
            return
        try:
            value = parse_number(self.value_edit.text(), "Realisasi", "value")
            manual = parse_number(self.manual_edit.text(), "Capaian manual", "manual_achievement")
        except ValidationError:
            self.capaian_label.setText("<span style='color:#b3261e'>angka belum benar</span>")
            return
        if value is None:
            self.capaian_label.setText("—")
            return
        manual = manual if zero_target(entry) else None
        current = quarter_achievement(value, entry.quarter_target, entry.polarity, manual)
        if current is None:
            self.capaian_label.setText("tidak dapat dihitung" if zero_target(entry) else "—")
            if zero_target(entry) and self.editable:
                self.capaian_note.setText("Target TW bernilai 0: isi capaian manual beserta justifikasinya.")
                self.capaian_note.setVisible(True)
            return
        self.capaian_label.setText(formats.percent(current))
        reason = narrative_reason(current, entry.previous_achievement)
        missing = Narrative(
            self.supporting_edit.toPlainText(), self.inhibiting_edit.toPlainText(), self.follow_up_edit.toPlainText()
        ).missing()
        if reason and missing and self.editable:
            self.capaian_note.setText(f"{reason[0].upper()}{reason[1:]}: {join_words(missing)} wajib diisi.")
            self.capaian_note.setVisible(True)

    # ---- writing ------------------------------------------------------------------------------------------

    def save(self) -> bool:
        """'Simpan': the value and narrative through `save_realisation`; False when refused."""
        entry = self.entry
        if entry is None or not self.editable:
            return False
        where: list[str | None] = []

        def run() -> int:
            try:
                zero = zero_target(entry)
                manual = parse_number(self.manual_edit.text(), "Capaian manual", "manual_achievement")
                return save_realisation(
                    self.ctx.db,
                    self.ctx.actor,
                    entry.indicator_id,
                    entry.year,
                    entry.quarter,
                    parse_number(self.value_edit.text(), "Realisasi", "value"),
                    supporting=self.supporting_edit.toPlainText(),
                    inhibiting=self.inhibiting_edit.toPlainText(),
                    follow_up=self.follow_up_edit.toPlainText(),
                    manual_achievement=manual if zero else None,
                    manual_justification=self.justification_edit.text() if zero else "",
                    seen=self.seen,
                )
            except ValidationError as exc:
                where.append(exc.field)
                raise

        ok, saved = attempt(self, run)
        if not ok and where == ["seen"]:
            # Someone changed it since: the table shows what is stored now; "Simpan" again overwrites it.
            self.ctx.signals.work_changed.emit()
            self.seen = _seen(self.entry) if self.entry is not None else None
        if not ok:
            widget = self.fields.get(where[0] or "") if where else None
            if widget is not None and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.dirty, self.saved_id = False, saved
        self.seen = None  # until the page shows the saved realisasi again (at once while it is visible)
        self.ctx.signals.work_changed.emit()
        return True

    def add_files(self) -> None:
        """'Tambah berkas…': stores the chosen files as bukti dukung (saving the form first)."""
        if self.entry is None or not self.editable:
            return
        names = ask_open_paths(self, "Tambah bukti dukung", "Semua berkas (*);;PDF (*.pdf);;Gambar (*.jpg *.png)")
        if not names:
            return
        # The files belong to a realisasi: one is made (with what is typed) when there is none yet.
        if (self.entry.realisation_id is None or self.dirty) and not self.save():
            return
        realisation_id = self.saved_id if self.entry.realisation_id is None else self.entry.realisation_id
        if realisation_id is None:
            return
        for name in names:
            ok, _ = attempt(self, partial(self._add_one, realisation_id, Path(name)))
            if not ok:
                break
        self.ctx.signals.work_changed.emit()

    def _add_one(self, realisation_id: int, path: Path) -> int:
        size = path.stat().st_size
        if size > MAX_EVIDENCE_BYTES:  # not read into memory: the core would refuse it anyway
            raise ValidationError(
                f"Berkas bukti dukung '{path.name}' berukuran {size_text(size)}; batasnya "
                f"{size_text(MAX_EVIDENCE_BYTES)}. Perkecil berkasnya (mis. kompres PDF atau pindai ulang dengan "
                "resolusi lebih rendah) lalu coba lagi."
            )
        return add_evidence(self.ctx.db, self.ctx.actor, realisation_id, path.name, path.read_bytes())

    def remove_selected(self) -> None:
        """'Hapus': removes the chosen bukti dukung after asking."""
        item = self.evidence.selected()
        if item is None or not self.editable:
            return
        if not confirm(self, "Hapus bukti dukung", f"Hapus berkas '{item.shown_name}' dari bukti dukung?", "Hapus"):
            return
        ok, _ = attempt(self, lambda: remove_evidence(self.ctx.db, self.ctx.actor, item.id))
        if ok:
            self.ctx.signals.work_changed.emit()
