"""The tabs of the meeting editor: Peserta (daftar hadir), Pembahasan (per indicator, beside its capaian) and
Tindak lanjut."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.monitoring.evaluation import (
    add_guest,
    add_participants,
    remove_participant,
    save_discussion,
    set_attendance,
)
from sakip_desktop.ops.monitoring.evaluation_views import DiscussionRow, ParticipantView, discussion_rows, participants
from sakip_desktop.ops.monitoring.follow_up_views import FollowUpView, meeting_follow_ups
from sakip_desktop.ops.monitoring.follow_ups import delete_follow_up
from sakip_desktop.ops.org.people import list_people
from ui.context import AppContext
from ui.errors import attempt
from ui.monitoring._common import due_text, measurement_columns
from ui.monitoring.follow_up_dialog import FollowUpDialog, FollowUpEditDialog
from ui.plain_text import esc, rich
from ui.widgets.colours import DONE_COLOUR, LATE_COLOUR
from ui.widgets.dialogs import FormDialog, confirm
from ui.widgets.forms import form_layout, hint
from ui.widgets.screen import resize_to_fit
from ui.widgets.table import Column, RecordTableModel, current_record, make_table, select_where


class _Tab(QWidget):
    """A tab with a table and a row of buttons; `notify` tells the editor something changed."""

    def __init__(self, ctx: AppContext, meeting_id: int, notify: Callable[[], None]) -> None:
        super().__init__()
        self.ctx, self.meeting_id, self.notify = ctx, meeting_id, notify
        self.editable = False
        self.buttons = QHBoxLayout()
        self.edit_buttons: list[QPushButton] = []

    def button(self, text: str, slot: Callable[[], None], *, edits: bool = True) -> QPushButton:
        b = QPushButton(text)
        b.clicked.connect(slot)
        self.buttons.addWidget(b)
        if edits:
            self.edit_buttons.append(b)
        return b

    def set_editable(self, editable: bool) -> None:
        """Enable the buttons that change the meeting (a draft, by the Sekretaris or Tim)."""
        self.editable = editable
        for b in self.edit_buttons:
            b.setEnabled(editable)

    def done(self, ok: bool) -> None:
        if ok:
            self.reload()
            self.notify()

    def reload(self) -> None:
        raise NotImplementedError


# ---- peserta ----------------------------------------------------------------------------------------------


class PeopleDialog(QDialog):
    """Tick the people of the office who were invited."""

    def __init__(self, ctx: AppContext, already: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tambah peserta dari kantor")
        self.list = QListWidget()
        today = ctx.today()
        for p in list_people(ctx.db, today):
            if not p.active_on(today) or p.id in already:
                continue
            item = QListWidgetItem(f"{p.full_name} — {p.position}" if p.position else p.full_name)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox()
        buttons.addButton("Tambahkan", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Centang pegawai yang diundang; nama dan jabatannya dicatat seperti hari ini."))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        resize_to_fit(self, 520, 440)

    def tick_all(self) -> None:
        """Tick everyone listed."""
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[int]:
        """The ids ticked."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]


class GuestDialog(FormDialog):
    """A participant from outside the office."""

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tambah tamu", parent)
        self.meeting_id = meeting_id
        self.name, self.title = QLineEdit(), QLineEdit()
        self.name.setMinimumWidth(360)
        self.fields.update(name=self.name, title=self.title)
        form = form_layout()
        form.addRow("Nama:", self.name)
        form.addRow("Jabatan/instansi:", self.title)
        self.finish_layout(form)

    def save(self) -> int:
        return add_guest(self.ctx.db, self.ctx.actor, self.meeting_id, self.name.text(), self.title.text())


PARTICIPANT_COLUMNS = [
    Column[ParticipantView]("Nama", lambda p: p.name),
    Column[ParticipantView]("Jabatan / instansi", lambda p: p.title or ("Tamu" if p.is_guest else ""), width=300),
    Column[ParticipantView]("NIP", lambda p: p.nip, width=150),
    Column[ParticipantView](
        "Kehadiran",
        lambda p: "Hadir" if p.present else "Tidak hadir",
        width=100,
        background=lambda p: None if p.present else LATE_COLOUR,
    ),
]


class ParticipantsTab(_Tab):
    """Daftar hadir: people of the office picked from a list, guests by name, present or not."""

    def __init__(self, ctx: AppContext, meeting_id: int, notify: Callable[[], None]) -> None:
        super().__init__(ctx, meeting_id, notify)
        self.model = RecordTableModel(PARTICIPANT_COLUMNS, self)
        self.table = make_table(self.model, PARTICIPANT_COLUMNS, 0)
        self.button("Tambah pegawai…", self.add_people)
        self.button("Tambah tamu…", self.add_guest)
        self.button("Hadir / tidak hadir", self.toggle_present)
        self.button("Hapus", self.remove)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)

    def reload(self) -> None:
        self.model.set_rows(participants(self.ctx.db, self.meeting_id))

    def add_people(self, dialog: PeopleDialog | None = None) -> None:
        """'Tambah pegawai…'."""
        already = {p.person_id for p in self.model.rows() if p.person_id}
        dialog = dialog or PeopleDialog(self.ctx, already, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            ids = dialog.chosen()
        finally:
            dialog.deleteLater()
        ctx = self.ctx
        self.done(attempt(self, lambda: add_participants(ctx.db, ctx.actor, self.meeting_id, ids))[0])

    def add_guest(self) -> None:
        """'Tambah tamu…'."""
        dialog = GuestDialog(self.ctx, self.meeting_id, self)
        try:
            self.done(dialog.exec() == QDialog.DialogCode.Accepted)
        finally:
            dialog.deleteLater()

    def toggle_present(self) -> None:
        """Mark the chosen participant present or absent."""
        p = current_record(self.table)
        if p is not None:
            ctx = self.ctx
            self.done(attempt(self, lambda: set_attendance(ctx.db, ctx.actor, p.id, not p.present))[0])

    def remove(self) -> None:
        """Take the chosen participant off the list."""
        p = current_record(self.table)
        if p is not None:
            ctx = self.ctx
            self.done(attempt(self, lambda: remove_participant(ctx.db, ctx.actor, p.id))[0])


# ---- pembahasan -------------------------------------------------------------------------------------------


def _short(text: str) -> str:
    return text.splitlines()[0] if text else ""


class DiscussionTab(_Tab):
    """Every indicator of the period with its capaian; the note-taker writes beside the numbers."""

    def __init__(self, ctx: AppContext, meeting_id: int, notify: Callable[[], None]) -> None:
        super().__init__(ctx, meeting_id, notify)
        self.columns = [
            Column[DiscussionRow]("Kode", lambda r: r.code, width=52),
            Column[DiscussionRow]("Indikator", lambda r: r.name),
            *measurement_columns(lambda r: r.measurement),
            Column[DiscussionRow](
                "Pembahasan", lambda r: _short(r.discussion), tooltip=lambda r: r.discussion, width=200
            ),
            Column[DiscussionRow](
                "Permasalahan", lambda r: _short(r.problems), tooltip=lambda r: r.problems, width=180
            ),
        ]
        self.model = RecordTableModel(self.columns, self)
        self.table = make_table(self.model, self.columns, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        self.subject = rich(QLabel("Pilih indikator untuk mencatat pembahasannya."))  # indicator names: escaped
        self.discussion, self.problems = QPlainTextEdit(), QPlainTextEdit()
        for edit, tip in ((self.discussion, "Hasil pembahasan"), (self.problems, "Permasalahan yang ditemukan")):
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(tip)
        self.save_button = self.button("Simpan pembahasan", self.save_current)
        self.buttons.insertStretch(0, 1)
        editor = QWidget()
        grid = QVBoxLayout(editor)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.subject)
        texts = QHBoxLayout()
        texts.addWidget(self.discussion)
        texts.addWidget(self.problems)
        grid.addLayout(texts, 1)
        grid.addLayout(self.buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(split)

    def reload(self) -> None:
        keep = current_record(self.table)
        self.model.set_rows(discussion_rows(self.ctx.db, self.meeting_id))
        if keep is not None:
            select_where(self.table, lambda r: r.indicator_id == keep.indicator_id)
        self._show_current()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._show_current()

    def _show_current(self) -> None:
        r = current_record(self.table)
        for edit in (self.discussion, self.problems):  # a final meeting's notes stay readable, not greyed
            edit.setEnabled(r is not None)
            edit.setReadOnly(not self.editable)
        self.save_button.setEnabled(r is not None and self.editable)
        if r is None:
            return
        self.subject.setText(f"<b>{esc(r.code)}</b> {esc(r.name)}")
        self.discussion.setPlainText(r.discussion)
        self.problems.setPlainText(r.problems)

    def save_current(self) -> None:
        """Store what was said of the chosen indicator."""
        r = current_record(self.table)
        if r is None:
            return
        ctx, said, problems = self.ctx, self.discussion.toPlainText(), self.problems.toPlainText()
        ok, _ = attempt(
            self, lambda: save_discussion(ctx.db, ctx.actor, self.meeting_id, r.indicator_id, said, problems)
        )
        self.done(ok)


# ---- tindak lanjut ----------------------------------------------------------------------------------------


def _fu_colour(f: FollowUpView) -> str | None:
    return LATE_COLOUR if f.overdue else DONE_COLOUR if f.status == "DONE" else None


FOLLOW_UP_COLUMNS = [
    Column[FollowUpView]("Tindak lanjut", lambda f: f.action, tooltip=lambda f: f.indicator),
    Column[FollowUpView]("Penanggung jawab", lambda f: f.responsible, width=200),
    Column[FollowUpView]("Batas waktu", lambda f: due_text(f.due_on), lambda f: f.due_on, width=140),
    Column[FollowUpView]("Status", lambda f: f.status_label, width=130, background=_fu_colour),
    Column[FollowUpView]("Progres", lambda f: f"{f.progress}%", lambda f: f.progress, True, width=70),
    Column[FollowUpView]("Bukti", lambda f: str(f.evidence_count or ""), align_right=True, width=50),
]


class FollowUpsTab(_Tab):
    """The meeting's tindak lanjut; they stay changeable after the meeting is final."""

    def __init__(self, ctx: AppContext, meeting_id: int, notify: Callable[[], None], can_edit: bool) -> None:
        super().__init__(ctx, meeting_id, notify)
        self.can_edit = can_edit
        self.model = RecordTableModel(FOLLOW_UP_COLUMNS, self)
        self.table = make_table(self.model, FOLLOW_UP_COLUMNS, 0)
        self.table.activated.connect(lambda _i: self.open_selected())
        self.add_button = self.button("Tambah…", self.add, edits=False)
        self.edit_button = self.button("Ubah…", self.edit, edits=False)
        self.delete_button = self.button("Hapus", self.delete, edits=False)
        self.button("Buka…", self.open_selected, edits=False)
        for b in (self.add_button, self.edit_button, self.delete_button):
            b.setEnabled(can_edit)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Tindak lanjut tampil di kotak 'Menunggu Anda' penanggung jawabnya sampai selesai."))
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)

    def reload(self) -> None:
        self.model.set_rows(meeting_follow_ups(self.ctx.db, self.meeting_id, self.ctx.today()))

    def _indicators(self) -> list[tuple[str, int | None]]:
        return [(f"{r.code} {r.name}", r.indicator_id) for r in discussion_rows(self.ctx.db, self.meeting_id)]

    def _exec(self, dialog: QDialog) -> None:
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            accepted = accepted or bool(getattr(dialog, "changed", False))
        finally:
            dialog.deleteLater()
        self.done(accepted)

    def add(self) -> None:
        """'Tambah…' a tindak lanjut of this meeting."""
        self._exec(FollowUpEditDialog(self.ctx, indicators=self._indicators(), meeting_id=self.meeting_id, parent=self))

    def edit(self) -> None:
        """'Ubah…' what, who, by when."""
        f = current_record(self.table)
        if f is not None:
            self._exec(FollowUpEditDialog(self.ctx, indicators=self._indicators(), follow_up=f, parent=self))

    def delete(self) -> None:
        """'Hapus' one not yet worked on."""
        f = current_record(self.table)
        if f is None or not confirm(self, "Hapus tindak lanjut", f"Hapus tindak lanjut ini?\n\n{f.action}", "Hapus"):
            return
        ctx = self.ctx
        self.done(attempt(self, lambda: delete_follow_up(ctx.db, ctx.actor, f.id))[0])

    def open_selected(self) -> None:
        """'Buka…': the progress dialog (its responsible person reports there)."""
        f = current_record(self.table)
        if f is not None:
            self._exec(FollowUpDialog(self.ctx, f.id, self))
