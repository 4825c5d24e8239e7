"""'Revisi realisasi': an approved (locked) value changes only by a revision with a reason, kept with the old and
new value. For the Sekretaris, the Camat and administrators."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.realisation import Status
from sakip_desktop.ops.desa.fraction import Breakdown, entry_breakdown
from sakip_desktop.ops.desa.revision import revise_desa_marks
from sakip_desktop.ops.realisation.entry import EntryView, RevisionView, quarter_entries, revise, revisions
from ui.context import AppContext
from ui.cycle._common import capaian_text, entry_amount, entry_target, entry_value, num, with_action_bar
from ui.cycle.desa_dialog import DesaDialog
from ui.errors import attempt
from ui.plain_text import esc, plain_label, rich
from ui.widgets.dialogs import FormDialog, attempt_listed
from ui.widgets.fit import FitsItsRoom
from ui.widgets.forms import form_layout, hint, parse_number
from ui.widgets.pages import PeriodPage
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, select_where
from ui.widgets.texts import local_when, office_offset, period_title

APPROVED_COLUMNS = [
    Column[EntryView]("Kode", lambda e: e.code, width=52),
    Column[EntryView]("Indikator", lambda e: e.name, tooltip=lambda e: e.objective),
    Column[EntryView]("Unit kerja", lambda e: e.responsible_unit, width=190),
    Column[EntryView]("Target TW", lambda e: entry_target(e, e.quarter_target), align_right=True, width=80),
    Column[EntryView]("Realisasi", lambda e: entry_value(e, e.value), align_right=True, width=80),
    Column[EntryView]("Capaian", capaian_text, align_right=True, width=95),
    Column[EntryView]("Disetujui oleh", lambda e: e.approved_by, width=200),
    Column[EntryView]("Revisi", lambda e: f"{len(e.revisions)} kali" if e.revisions else "—", width=70),
]


class RevisionDialog(FormDialog):
    """New value and the required reason for an approved realisasi."""

    def __init__(self, ctx: AppContext, entry: EntryView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Revisi nilai {entry.code}", parent)
        self.entry = entry
        self.save_button.setText("Simpan revisi")
        self.value_edit = QLineEdit()
        self.value_edit.setPlaceholderText("mis. 12,5")
        # A qualitative indicator is revised by choosing a level of its scale, not by typing its rank.
        self.level_combo = QComboBox()
        self.level_combo.addItem("— pilih tingkat —", None)
        for rank in sorted(entry.levels):
            self.level_combo.addItem(entry.levels[rank], rank)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(90)
        self.reason_edit.setPlaceholderText("mengapa nilai yang sudah disetujui diubah")
        self.fields.update({"value": self.value_edit, "reason": self.reason_edit})
        form = form_layout()
        form.addRow(hint(f"{entry.code} {entry.name} ({entry.responsible_unit})"))
        form.addRow("Nilai sekarang", QLabel(entry_amount(entry, entry.value)))
        form.addRow("Nilai baru", self.level_combo if entry.levels else self.value_edit)
        if entry.levels:
            self.fields["value"] = self.level_combo
            self.value_edit.hide()
        else:
            self.level_combo.hide()
        form.addRow("Alasan revisi", self.reason_edit)
        form.addRow(hint("Nilai lama, nilai baru, alasan, nama Anda dan waktunya tercatat di riwayat revisi."))
        self.finish_layout(form)
        self.setMinimumWidth(520)
        self.value_edit.setFocus()

    def save(self) -> int:
        if self.entry.levels:
            rank = self.level_combo.currentData()
            value = None if rank is None else Decimal(rank)
        else:
            value = parse_number(self.value_edit.text(), "Nilai baru", "value")
        realisation_id = self.entry.realisation_id
        assert realisation_id is not None  # approved rows always have one
        # An empty value goes to the core as None, which refuses it with its own message.
        reason = self.reason_edit.toPlainText()
        return revise(self.ctx.db, self.ctx.actor, realisation_id, value, reason)  # type: ignore[arg-type]


class DesaRevisionDialog(DesaDialog):
    """The revision of an indicator over desa whose desa are marked: its value follows the marks, so the desa list
    is revised (with the required reason) instead of the number (`ops.desa.revision.revise_desa_marks`)."""

    def __init__(self, ctx: AppContext, entry: EntryView, found: Breakdown, parent: QWidget | None = None) -> None:
        super().__init__(ctx, entry, found, True, parent)
        self.setWindowTitle(f"Revisi per desa {entry.code}")
        self.save_button.setText("Simpan revisi")
        for n in range(self.table.rowCount()):  # bukti dukung belong to the entry, not to a revision
            for button in self.table.cellWidget(n, 4).findChildren(QPushButton):
                button.hide()
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(70)
        self.reason_edit.setPlaceholderText("mengapa tanda desa yang sudah disetujui diubah")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        at = layout.count() - 1  # over the buttons
        layout.insertWidget(at, plain_label(f"Nilai sekarang: {found.fraction or entry_amount(entry, entry.value)}. "
                                            "Ubah desa yang berubah; nilainya mengikuti. Alasan revisi:"))  # fmt: skip
        layout.insertWidget(at + 1, self.reason_edit)
        layout.insertWidget(at + 2, hint("Nilai lama, nilai baru, alasan, nama Anda dan waktunya tercatat di riwayat "
                                         "revisi."))  # fmt: skip

    def _store(self) -> int | None:
        realisation_id = self.entry.realisation_id
        assert realisation_id is not None  # approved rows always have one
        reason = self.reason_edit.toPlainText()
        ok, revision_id = attempt(
            self, lambda: revise_desa_marks(self.ctx.db, self.ctx.actor, realisation_id, self.marks(), reason)
        )
        self.saved = self.saved or ok
        return revision_id if ok else None


class RevisionPage(PeriodPage, FitsItsRoom):
    """Approved realisasi of ctx.year/ctx.quarter, "Revisi nilai…" and the revision history of the selected one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.offset = 7
        self.title = QLabel()
        self.summary = hint("")
        self.model = RecordTableModel(APPROVED_COLUMNS, self)
        self.table = make_table(self.model, APPROVED_COLUMNS, 1)
        self.history_columns = [
            Column[RevisionView]("Waktu", lambda r: local_when(r.revised_at, self.offset), lambda r: r.revised_at,
                                 width=140),
            Column[RevisionView]("Nilai lama", lambda r: self._value(r.old_value), align_right=True, width=85),
            Column[RevisionView]("Nilai baru", lambda r: self._value(r.new_value), align_right=True, width=85),
            Column[RevisionView]("Alasan", lambda r: r.reason, tooltip=lambda r: r.reason),
            Column[RevisionView]("Oleh", lambda r: r.revised_by, width=220),
        ]  # fmt: skip
        self.history_model = RecordTableModel(self.history_columns, self)
        self.history = make_table(self.history_model, self.history_columns, 3)
        self.history_title = rich(QLabel("<b>Riwayat revisi</b>"))  # with an indicator code: escaped
        self.revise_button = QPushButton("Revisi nilai…")
        self.revise_button.clicked.connect(self.revise_selected)
        allowed = ctx.actor.may(Op.REALISATION_REVISE)
        if not allowed:
            self.revise_button.setToolTip("Hanya Sekretaris, Camat, atau Administrator yang dapat merevisi.")

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.history_title)
        lower_layout.addWidget(self.history, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.scroller = with_action_bar(self, [(self.title, 0), (self.summary, 0), (split, 1)], [self.revise_button])
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._row_changed())
        self._row_changed()

    def _value(self, value) -> str:
        """A value in the revision history, as a level's label when the selected indicator is qualitative."""
        entry = current_record(self.table)
        return entry_value(entry, value) if entry is not None else num(value)

    def reload(self) -> None:
        ctx = self.ctx
        keep = current_record(self.table)
        ok, rows = attempt_listed(self, lambda: quarter_entries(ctx.db, ctx.year, ctx.quarter), "Data tidak terbaca")
        approved = [e for e in (rows or []) if e.status is Status.APPROVED] if ok else []
        self.offset = office_offset(ctx)
        self.model.set_rows(approved)
        if keep is not None:
            select_where(self.table, lambda e: e.realisation_id == keep.realisation_id)
        self._row_changed()
        tw = period_title(ctx)
        self.title.setText(f"<h3>Realisasi {tw} yang sudah disetujui</h3>")
        self.summary.setText(
            f"{len(approved)} realisasi disetujui dan terkunci. Nilai yang terkunci hanya dapat diubah melalui "
            "revisi dengan alasan; nilai lama tetap tercatat."
            if approved
            else f"Belum ada realisasi {tw} yang disetujui."
        )

    def _row_changed(self) -> None:
        entry = current_record(self.table)
        history: list[RevisionView] = []
        if entry is not None and entry.realisation_id is not None:
            ok, found = attempt_listed(self, lambda: revisions(self.ctx.db, entry.realisation_id), "Data tidak terbaca")
            history = list(found or []) if ok else []
        self.history_model.set_rows(history)
        if entry is None:
            self.history_title.setText("<b>Riwayat revisi</b> — pilih realisasi di atas")
        else:
            count = f"{len(history)} revisi" if history else "belum pernah direvisi"
            self.history_title.setText(f"<b>Riwayat revisi {esc(entry.code)}</b> — {esc(count)}")
        self.revise_button.setEnabled(entry is not None and self.ctx.actor.may(Op.REALISATION_REVISE))

    def revise_selected(self) -> None:
        """'Revisi nilai…' for the selected approved realisasi."""
        entry = current_record(self.table)
        if entry is None:
            return
        ok, found = attempt(self, lambda: entry_breakdown(self.ctx.db, entry.indicator_id, entry.year, entry.quarter))
        if not ok:
            return
        if found is not None and found.desa_counted is not None:  # its value follows the per-desa marks
            dialog: QDialog = DesaRevisionDialog(self.ctx, entry, found, self)
        else:
            dialog = RevisionDialog(self.ctx, entry, self)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self.message.setText(f"Nilai {entry.code} direvisi; riwayatnya tercatat di bawah.")
            self.changed()
