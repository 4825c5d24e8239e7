"""'Evaluasi kinerja': the evaluation meetings of the year, and the meeting editor (Rapat / Peserta / Pembahasan /
Tindak lanjut). The Sekretaris and Tim SAKIP edit; the Camat reads."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.monitoring.evaluation import (
    MeetingInput,
    create_meeting,
    delete_meeting,
    finalise_meeting,
    update_meeting,
)
from sakip_desktop.ops.monitoring.evaluation_views import MeetingView, get_meeting_view, list_meetings
from ui.context import AppContext
from ui.errors import attempt
from ui.monitoring._common import fill_people
from ui.monitoring.meeting_tabs import DiscussionTab, FollowUpsTab, ParticipantsTab
from ui.plain_text import esc, rich
from ui.widgets.colours import DONE_COLOUR
from ui.widgets.dialogs import attempt_listed, confirm
from ui.widgets.forms import date_edit, date_of, fill_combo, form_layout, hint, set_date
from ui.widgets.pages import PeriodPage
from ui.widgets.screen import resize_to_fit
from ui.widgets.table import Column, RecordTableModel, current_record, make_table

KINDS = [("Triwulan", "QUARTER"), ("Semester", "SEMESTER"), ("Tahunan", "YEAR")]
BASIS = (
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah; "
    "Keputusan Camat tentang Tim SAKIP Kecamatan."
)

COLUMNS = [
    Column[MeetingView]("Rapat", lambda m: m.title),
    Column[MeetingView]("Tanggal", lambda m: formats.long_date(m.held_on), lambda m: m.held_on, width=150),
    Column[MeetingView]("Tempat", lambda m: m.place, width=200),
    Column[MeetingView]("Hadir", lambda m: f"{m.present} dari {m.participants}", align_right=True, width=90),
    Column[MeetingView]("Tindak lanjut", lambda m: str(m.follow_ups), align_right=True, width=90),
    Column[MeetingView](
        "Status", lambda m: m.status_label, width=70, background=lambda m: DONE_COLOUR if m.is_final else None
    ),
]


class MeetingForm(QWidget):
    """The meeting's own data: period, date, time, place, dasar, chair, note-taker, kesimpulan."""

    def __init__(self, ctx: AppContext, meeting: MeetingView | None) -> None:
        super().__init__()
        self.ctx = ctx
        self.kind = QComboBox()
        fill_combo(self.kind, KINDS, meeting.period_kind if meeting else "QUARTER")
        self.number = QSpinBox()
        self.number.setRange(1, 4)
        self.number.setValue(meeting.period_no if meeting else ctx.quarter)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(meeting.year if meeting else ctx.year)
        self.held_on = date_edit()
        set_date(self.held_on, meeting.held_on if meeting else ctx.today())
        self.time_text = QLineEdit(meeting.time_text if meeting else "09.00 WIB s.d. selesai")
        self.place = QLineEdit(meeting.place if meeting else "Aula Kantor Kecamatan")
        self.basis = QPlainTextEdit(meeting.basis if meeting else BASIS)
        self.summary = QPlainTextEdit(meeting.summary if meeting else "")
        for edit in (self.basis, self.summary):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70)
        self.chair, self.note_taker = QComboBox(), QComboBox()
        fill_people(self.chair, ctx, meeting.chair_person_id if meeting else None, empty="(pilih)")
        fill_people(self.note_taker, ctx, meeting.note_taker_person_id if meeting else None, empty="(pilih)")
        period = QHBoxLayout()
        for w in (self.kind, QLabel("ke-"), self.number, QLabel("tahun"), self.year):
            period.addWidget(w)
        period.addStretch(1)
        form = form_layout()
        form.addRow("Periode:", period)
        form.addRow("Tanggal:", self.held_on)
        form.addRow("Waktu:", self.time_text)
        form.addRow("Tempat:", self.place)
        form.addRow("Dasar:", self.basis)
        form.addRow("Pimpinan rapat:", self.chair)
        form.addRow("Notulis:", self.note_taker)
        form.addRow("Kesimpulan:", self.summary)
        self.setLayout(form)
        self.fields = {
            "period_kind": self.kind,
            "period_no": self.number,
            "year": self.year,
            "held_on": self.held_on,
            "place": self.place,
            "basis": self.basis,
            "summary": self.summary,
            "chair_person_id": self.chair,
            "note_taker_person_id": self.note_taker,
        }

    def data(self) -> MeetingInput:
        """What the form holds."""
        return MeetingInput(
            year=self.year.value(),
            period_kind=self.kind.currentData(),
            period_no=self.number.value(),
            held_on=date_of(self.held_on),
            time_text=self.time_text.text(),
            place=self.place.text(),
            basis=self.basis.toPlainText(),
            summary=self.summary.toPlainText(),
            chair_person_id=self.chair.currentData(),
            note_taker_person_id=self.note_taker.currentData(),
        )


class NewMeetingDialog(QDialog):
    """'Rapat baru…': the meeting's data; saving creates a draft and the editor opens on it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Rapat evaluasi baru")
        self.saved_id: int | None = None
        self.form = MeetingForm(ctx, None)
        buttons = QDialogButtonBox()
        buttons.addButton("Buat rapat", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        resize_to_fit(self, 640, 520)

    def accept(self) -> None:
        ok, meeting_id = attempt(self, lambda: create_meeting(self.ctx.db, self.ctx.actor, self.form.data()))
        if ok:
            self.saved_id = meeting_id
            super().accept()


class MeetingEditor(QDialog):
    """One meeting: its data and the tabs Peserta / Pembahasan / Tindak lanjut; 'Finalkan' freezes all but the
    tindak lanjut."""

    def __init__(self, ctx: AppContext, meeting_id: int, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.meeting_id, self.can_edit = ctx, meeting_id, can_edit
        self.changed = False
        meeting = get_meeting_view(ctx.db, meeting_id)
        self.heading = rich(QLabel())  # the meeting's title and place are data: escaped
        self.form = MeetingForm(ctx, meeting)
        self.save_button = QPushButton("Simpan data rapat")
        self.save_button.clicked.connect(self.save_form)
        form_page = QWidget()
        form_layout_ = QVBoxLayout(form_page)
        form_layout_.addWidget(self.form)
        form_layout_.addWidget(self.save_button)
        form_layout_.addStretch(1)
        self.participants = ParticipantsTab(ctx, meeting_id, self._notify)
        self.discussion = DiscussionTab(ctx, meeting_id, self._notify)
        self.follow_ups = FollowUpsTab(ctx, meeting_id, self._notify, can_edit)
        self.tabs = QTabWidget()
        self.tabs.addTab(form_page, "Rapat")
        self.tabs.addTab(self.participants, "Peserta")
        self.tabs.addTab(self.discussion, "Pembahasan")
        self.tabs.addTab(self.follow_ups, "Tindak lanjut")
        self.finalise_button = QPushButton("Finalkan rapat…")
        self.finalise_button.clicked.connect(self.finalise)
        close = QPushButton("Tutup")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        self.state = hint("")
        bottom.addWidget(self.state, 1)
        bottom.addWidget(self.finalise_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        resize_to_fit(self, 1100, 680)
        self.reload()

    def _notify(self) -> None:
        self.changed = True
        self._show_meeting()

    def reload(self) -> None:
        """Read the meeting and every tab again."""
        for tab in (self.participants, self.discussion, self.follow_ups):
            tab.reload()
        self._show_meeting()

    def _show_meeting(self) -> None:
        m = get_meeting_view(self.ctx.db, self.meeting_id)
        self.setWindowTitle(m.title)
        self.heading.setText(
            f"<b>{esc(m.title)}</b> — {formats.long_date(m.held_on)}, {esc(m.place or 'tempat belum diisi')} "
            f"({m.present} hadir dari {m.participants} undangan; capaian s.d. {quarter_label(m.measured_quarter)})"
        )
        editable = self.can_edit and not m.is_final
        for w in (self.form, self.save_button, self.finalise_button):
            w.setEnabled(editable)
        for tab in (self.participants, self.discussion):
            tab.set_editable(editable)
        if m.is_final:
            self.state.setText("Rapat sudah final: peserta dan pembahasan terkunci; tindak lanjut tetap diperbarui.")
        elif not self.can_edit:
            self.state.setText("Hanya Sekretaris dan Tim SAKIP yang mengubah rapat evaluasi.")
        else:
            self.state.setText("Draf: lengkapi peserta, pembahasan dan tindak lanjut, lalu finalkan.")

    def save_form(self) -> None:
        """'Simpan data rapat'."""
        ok, _ = attempt(self, lambda: update_meeting(self.ctx.db, self.ctx.actor, self.meeting_id, self.form.data()))
        if ok:
            self.discussion.reload()  # another period means other capaian
            self._notify()

    def finalise(self) -> None:
        """'Finalkan rapat…' after asking."""
        if not confirm(
            self,
            "Finalkan rapat",
            "Setelah final, data rapat, peserta dan pembahasan tidak dapat diubah lagi. Finalkan sekarang?",
            "Finalkan",
        ):
            return
        ok, _ = attempt_listed(
            self, lambda: finalise_meeting(self.ctx.db, self.ctx.actor, self.meeting_id), "Rapat belum dapat difinalkan"
        )
        if ok:
            self._notify()


class MeetingsPage(PeriodPage):
    """The meetings of ctx.year; double-click opens one."""

    def __init__(self, ctx: AppContext, *, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_edit = can_edit
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, 0)
        self.table.activated.connect(lambda _i: self.open_selected())
        self.title = QLabel()
        buttons = QHBoxLayout()
        self.new_button = QPushButton("Rapat baru…")
        self.open_button = QPushButton("Buka…")
        self.delete_button = QPushButton("Hapus")
        self.new_button.clicked.connect(self.new_meeting)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for b in (self.new_button, self.open_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.new_button.setVisible(can_edit)
        self.delete_button.setVisible(can_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(
            hint(
                "Rapat evaluasi kinerja per triwulan, semester atau tahun: daftar hadir, pembahasan capaian per "
                "indikator, permasalahan dan tindak lanjut dengan penanggung jawab dan batas waktu."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def reload(self) -> None:
        """Read the meetings of ctx.year."""
        rows = list_meetings(self.ctx.db, self.ctx.year)
        self.model.set_rows(rows)
        self.title.setText(f"<b>Rapat evaluasi kinerja tahun {self.ctx.year}</b> — {len(rows)} rapat")

    def selected(self) -> MeetingView | None:
        """The chosen meeting."""
        return current_record(self.table)

    def new_meeting(self) -> None:
        """'Rapat baru…': create it, then open the editor on it."""
        dialog = NewMeetingDialog(self.ctx, self)
        try:
            created = dialog.exec() == QDialog.DialogCode.Accepted
            meeting_id = dialog.saved_id
        finally:
            dialog.deleteLater()
        if created and meeting_id is not None:
            self.changed()
            self.open_meeting(meeting_id)

    def open_selected(self) -> None:
        """'Buka…' the chosen meeting."""
        m = self.selected()
        if m is not None:
            self.open_meeting(m.id)

    def open_meeting(self, meeting_id: int) -> None:
        """Open the editor; afterwards every screen redraws if something changed."""
        editor = MeetingEditor(self.ctx, meeting_id, self.can_edit, self)
        try:
            editor.exec()
            changed = editor.changed
        finally:
            editor.deleteLater()
        if changed:
            self.changed()

    def delete_selected(self) -> None:
        """'Hapus' a draft meeting with everything recorded in it."""
        m = self.selected()
        if m is None or not confirm(
            self, "Hapus rapat", f"Hapus {m.title} beserta peserta, pembahasan dan tindak lanjutnya?", "Hapus"
        ):
            return
        ok, _ = attempt(self, lambda: delete_meeting(self.ctx.db, self.ctx.actor, m.id))
        if ok:
            self.message.setText(f"{m.title} dihapus.")
            self.changed()
