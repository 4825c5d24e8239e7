"""The Camat's list of role, Plt./Plh. and account changes he has not yet acknowledged (from "Menunggu Anda")."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.org.role_changes import RoleChangeView, acknowledge_role_changes, pending_role_changes
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.table import Column, RecordTableModel, make_table
from ui.widgets.texts import local_when

INTRO = (
    "Perubahan peran, penunjukan Plt./Plh., hak administrator dan akun masuk sejak terakhir Anda tandai. "
    "Periksa siapa memberi siapa peran apa; bila ada yang tidak semestinya, minta administrator membatalkannya."
)


def _columns(offset: int) -> list[Column[RoleChangeView]]:
    return [
        Column[RoleChangeView]("Waktu", lambda c: local_when(c.at, offset), sort_key=lambda c: c.at, width=130),
        Column[RoleChangeView]("Oleh", lambda c: c.by_name, width=200),
        Column[RoleChangeView]("Perubahan", lambda c: c.description, tooltip=lambda c: c.description),
    ]


class RoleChangesDialog(QDialog):
    """The changes, oldest first, and "Tandai sudah diketahui" for all of them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Perubahan peran dan Plt./Plh.")
        self.resize(900, 420)
        self.changes = pending_role_changes(ctx.db, ctx.actor.person_id)
        columns = _columns(get_settings(ctx.db).utc_offset_hours)
        self.model = RecordTableModel(columns, self)
        self.model.set_rows(self.changes)
        self.view = make_table(self.model, columns, 2, sortable=False, striped=False)
        intro = plain_label(INTRO)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.acknowledge_button = buttons.addButton("Tandai sudah diketahui", QDialogButtonBox.ButtonRole.AcceptRole)
        self.acknowledge_button.setEnabled(bool(self.changes))
        close = buttons.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.accepted.connect(self.acknowledge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.view.resizeRowsToContents()

    def acknowledge(self) -> None:
        """Mark the changes shown as known (those arriving meanwhile stay), then close."""
        if not self.changes:
            return
        up_to = self.changes[-1].id
        done, _ = attempt(self, lambda: acknowledge_role_changes(self.ctx.db, self.ctx.actor, up_to))
        if done:
            self.ctx.signals.work_changed.emit()
            self.accept()
