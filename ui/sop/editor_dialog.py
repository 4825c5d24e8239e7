"""The SOP editor: a copy of the newest version, saved as a new version with a note of what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.sop.library import get_definition, list_versions, save_version
from sakip_desktop.sop.approver import check_approver
from sakip_desktop.sop.definition import SopDefinition, StepKind, to_dict, validate
from sakip_desktop.sop.stdtime import parse_standard_time
from ui.context import AppContext
from ui.sop.editor_models import (
    ACTOR,
    APPROVE,
    KIND,
    KIND_LABELS,
    MULTILINE,
    RETURN,
    ROLE,
    TIME,
    UNIT,
    ActorsModel,
    StepsModel,
)
from ui.sop.editor_widgets import ComboDelegate, IdentityForm, Index, TextDelegate, lane_unit_choices
from ui.widgets.dialogs import ReasonDialog
from ui.widgets.forms import error_label, hint

STEP_WIDTHS = (52, 230, 115, 170, 72, 150, 110, 82, 115, 125, 100)
TAB_OF_FIELD = {"actors": 1, "steps": 2}


def _table(model, editable: bool) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    triggers = QAbstractItemView.EditTrigger
    view.setEditTriggers(
        triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        if editable
        else triggers.NoEditTriggers
    )
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def _bar(*buttons: QPushButton) -> QHBoxLayout:
    bar = QHBoxLayout()
    for button in buttons:
        button.setAutoDefault(False)
        bar.addWidget(button)
    bar.addStretch(1)
    return bar


class SopEditorDialog(QDialog):
    """Edit identity, pelaksana and steps; read-only for people who do not maintain the library."""

    def __init__(self, ctx: AppContext, sop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.sop_id = ctx, sop_id
        self.editable = ctx.actor.may(Op.SOP_SAVE_VERSION)
        self.saved_version: int | None = None
        self.original: SopDefinition = get_definition(ctx.db, sop_id)
        version = list_versions(ctx.db, sop_id)[0].version
        name = self.original.identity.name
        self.setWindowTitle(f"{'Ubah' if self.editable else 'Lihat'} SOP — {name} (versi {version})")

        self.identity_form = IdentityForm(self.original, self.editable)
        self._build_actor_table()
        self._build_step_table()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.identity_form, "Identitas")
        self.tabs.addTab(self._page(self.actor_table, self._actor_buttons(), "actors"), "Pelaksana")
        self.tabs.addTab(self._page(self.step_table, self._step_buttons(), "steps"), "Langkah")
        self.tabs.setCurrentIndex(2)
        self.problem = error_label()
        buttons = self._dialog_buttons()
        intro = (
            "Perubahan disimpan sebagai versi baru; pelaksanaan yang sedang berjalan tetap memakai versinya."
            if self.editable
            else "Anda dapat melihat SOP ini. Perubahan hanya oleh Administrator, Sekretaris atau Kasubag Perencanaan."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(hint(intro))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(1280, 700)

    def _build_actor_table(self) -> None:
        """The 'Pelaksana' table: each actor's role (chosen from a list) and label."""
        units = lane_unit_choices(self.ctx)
        labels = {value: text for text, value in units}

        def unit_label(value: str) -> str:
            return labels.get(value) or f"{value.partition(':')[2]} (unit ini tidak ada lagi: pilih unitnya)"

        self.actors = ActorsModel(self.original.actors, self.editable, unit_label, self)
        self.actor_table = _table(self.actors, self.editable)
        roles = [(r.label, r) for r in Role]
        self.actor_table.setItemDelegateForColumn(ROLE, ComboDelegate(lambda _i: roles, self))
        self.actor_table.setItemDelegateForColumn(UNIT, ComboDelegate(lambda _i: units, self))
        self.actor_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((180, 260, 170)):
            self.actor_table.setColumnWidth(column, width)

    def _build_step_table(self) -> None:
        """The 'Langkah' table, following the actors' renames, with a chooser or a text box per column."""
        self.steps = StepsModel(self.original.steps, self.actors.label_of, self.editable, self)
        self.actors.key_renamed.connect(self.steps.rename_actor)
        self.actors.dataChanged.connect(lambda *_: self.steps.refresh_actor_labels())
        self.actors.modelReset.connect(self.steps.refresh_actor_labels)
        self.step_table = _table(self.steps, self.editable)
        self.step_table.setItemDelegateForColumn(ACTOR, ComboDelegate(lambda _i: self.actors.choices(), self))
        kinds = [(label, kind) for kind, label in KIND_LABELS.items()]
        self.step_table.setItemDelegateForColumn(KIND, ComboDelegate(lambda _i: kinds, self))
        for column in (APPROVE, RETURN):
            self.step_table.setItemDelegateForColumn(column, ComboDelegate(self._branch_choices(column), self))
        for column in MULTILINE:
            self.step_table.setItemDelegateForColumn(column, TextDelegate(self))
        for column, width in enumerate(STEP_WIDTHS):
            self.step_table.setColumnWidth(column, width)
        self._fit_step_rows()

    def _branch_choices(self, column: int) -> Callable[[Index], list[tuple[str, int | None]]]:
        """The choices of a 'Jika disetujui' / 'Jika dikembalikan' cell, read when the cell is edited."""
        return lambda _index: self.steps.target_choices(column)

    def _fit_step_rows(self) -> None:
        """Fit the step rows to their text once the event loop runs, and again after every change."""
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.step_table.resizeRowsToContents)
        for signal in (
            self.steps.dataChanged,
            self.steps.modelReset,
            self.step_table.horizontalHeader().sectionResized,
        ):
            signal.connect(lambda *_: self._fit_rows.start())
        self._fit_rows.start()

    def _dialog_buttons(self) -> QDialogButtonBox:
        """'Simpan versi baru…' (only when editable) and 'Batal' / 'Tutup'."""
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Simpan versi baru…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setVisible(self.editable)
        close = buttons.addButton("Batal" if self.editable else "Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        self.save_button.setAutoDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    # ---- layout -----------------------------------------------------------------------------------------------

    def _page(self, table: QTableView, bar: QHBoxLayout, topic: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if self.editable:
            text = {
                "actors": "Kolom pelaksana pada lembar SOP, peran di program yang mengerjakannya, dan unitnya bila "
                "hanya pemegang peran di unit itu (atau Plt./Plh.-nya) yang boleh.",
                "steps": "Klik dua kali sel untuk mengubahnya. Kelengkapan: satu butir per baris. Nomor baris di "
                "kiri adalah urutan langkah yang dipakai tujuan cabang keputusan.",
            }[topic]
            layout.addWidget(hint(text))
            layout.addLayout(bar)
        layout.addWidget(table, 1)
        return page

    def _actor_buttons(self) -> QHBoxLayout:
        add, remove = QPushButton("Tambah pelaksana"), QPushButton("Hapus pelaksana")
        up, down = QPushButton("Naik"), QPushButton("Turun")
        add.clicked.connect(lambda: self.actor_table.selectRow(self.actors.add()))
        remove.clicked.connect(self.remove_actor)
        up.clicked.connect(lambda: self._move_actor(-1))
        down.clicked.connect(lambda: self._move_actor(1))
        return _bar(add, remove, up, down)

    def _step_buttons(self) -> QHBoxLayout:
        self.add_step_button = QPushButton("Tambah di akhir")
        self.insert_step_button = QPushButton("Sisipkan sebelum langkah terpilih")
        self.remove_step_button = QPushButton("Hapus langkah")
        up, down = QPushButton("Naik"), QPushButton("Turun")
        self.add_step_button.clicked.connect(lambda: self.insert_step(self.steps.rowCount() + 1))
        self.insert_step_button.clicked.connect(lambda: self.insert_step(self.current_position() or 1))
        self.remove_step_button.clicked.connect(self.remove_step)
        up.clicked.connect(lambda: self.move_step(-1))
        down.clicked.connect(lambda: self.move_step(1))
        return _bar(self.add_step_button, self.insert_step_button, self.remove_step_button, up, down)

    # ---- editing ----------------------------------------------------------------------------------------------

    def current_position(self) -> int | None:
        """The selected step's position (1-based)."""
        index = self.step_table.currentIndex()
        return index.row() + 1 if index.isValid() else None

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def insert_step(self, position: int) -> None:
        """A new step at `position`, done by the selected step's pelaksana (or the first)."""
        current = self.current_position()
        actor = self.steps.row(current - 1).actor if current else self.actors.key_at(0)
        self.steps.insert(position, actor)
        self._select_step(position)
        self._say("")

    def remove_step(self) -> None:
        position = self.current_position()
        if position is None:
            return
        try:
            self.steps.remove(position)
        except ValidationError as exc:
            self._say(exc.message)
            return
        self._say("")
        self._select_step(min(position, self.steps.rowCount()))

    def move_step(self, delta: int) -> None:
        position = self.current_position()
        if position is not None:
            self._select_step(self.steps.move(position, delta))

    def _select_step(self, position: int) -> None:
        if position >= 1:
            self.step_table.selectRow(position - 1)
            self.step_table.setCurrentIndex(self.steps.index(position - 1, 1))

    def remove_actor(self) -> None:
        index = self.actor_table.currentIndex()
        if not index.isValid():
            return
        key = self.actors.key_at(index.row())
        used = self.steps.using_actor(key)
        if used:
            self._say(
                f"Pelaksana '{self.actors.label_of(key)}' masih mengerjakan langkah {', '.join(map(str, used))}. "
                "Ganti dulu pelaksana langkah itu."
            )
            return
        self.actors.remove(index.row())
        self._say("")

    def _move_actor(self, delta: int) -> None:
        index = self.actor_table.currentIndex()
        if index.isValid():
            self.actor_table.selectRow(self.actors.move(index.row(), delta))

    # ---- saving -----------------------------------------------------------------------------------------------

    def definition(self) -> SopDefinition:
        """The definition as edited, checked; raises `ValidationError` saying what to fix."""
        steps = self.steps.steps()
        for position, step in enumerate(steps, start=1):
            try:
                parse_standard_time(step.time)
            except ValidationError as exc:
                self._select_step(position)
                self.step_table.setCurrentIndex(self.steps.index(position - 1, TIME))
                raise ValidationError(f"Langkah ke-{position}: {exc.message}", field="steps") from exc
            if step.kind is StepKind.DECISION and step.on_return is None:
                self._select_step(position)
                raise ValidationError(f"Langkah ke-{position}: pilih tujuan 'Jika dikembalikan ke'.", field="steps")
        start_roles = self.identity_form.chosen_start_roles()
        if not start_roles:
            raise ValidationError("Pilih sedikitnya satu peran yang boleh memulai SOP ini.", field="start_roles")
        edited = replace(
            self.original,
            identity=self.identity_form.identity(self.original.identity),
            actors=self.actors.actors(),
            steps=steps,
            start_roles=start_roles,
        )
        try:
            check_approver(edited.identity.approved_by)
        except ValidationError:
            self.tabs.setCurrentIndex(0)  # the identity page, where 'Disahkan oleh' is written
            self.identity_form.lines["approved_by"].setFocus()
            raise
        return validate(edited)

    def save(self) -> None:
        """Check, ask what changed, store a new version; problems stay in the dialog and nothing is saved."""
        self.step_table.setFocus()  # an open cell editor hands its text to the model first
        self._say("")
        try:
            edited = self.definition()
        except ValidationError as exc:
            self.tabs.setCurrentIndex(TAB_OF_FIELD.get(exc.field or "", 0))
            self._say(exc.message)
            return
        if to_dict(edited) == to_dict(self.original):
            self._say("Tidak ada perubahan dibanding versi terakhir.")
            return
        note = ReasonDialog(
            self.ctx,
            "Simpan versi baru",
            "Apa yang diubah? Catatan ini tampil di riwayat versi.",
            lambda text: self._store(edited, text),
            "Simpan",
            self,
        )
        if note.exec() == QDialog.DialogCode.Accepted:
            self.accept()

    def _store(self, edited: SopDefinition, note: str) -> None:
        self.saved_version = save_version(self.ctx.db, self.ctx.actor, self.sop_id, edited, note)

    def problem_text(self) -> str:
        """The message shown ('' when none)."""
        return self.problem.text() if self.problem.isVisibleTo(self) else ""
