"""Riwayat perubahan: the audit trail, newest first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.ops.audit import AuditView, list_audit
from ui.context import AppContext
from ui.table import Column, RecordTableModel, sorting_proxy


def _local(at: dt.datetime) -> str:
    local = at.replace(tzinfo=dt.UTC).astimezone()
    return f"{formats.long_date(local.date())} {local:%H.%M}"


COLUMNS = [
    Column[AuditView]("Waktu", lambda a: _local(a.at), lambda a: a.at.isoformat()),
    Column[AuditView]("Pengguna", lambda a: a.actor_name),
    Column[AuditView]("Kegiatan", lambda a: a.operation),
    Column[AuditView]("Data", lambda a: a.entity_label),
    Column[AuditView]("Perubahan", lambda a: a.summary, tooltip=lambda a: a.summary.replace("; ", "\n")),
]


class AuditPage(QWidget):
    """The newest 500 audit entries with a text filter."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RecordTableModel(COLUMNS, self)
        self.proxy = sorting_proxy(self.model, self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Cari pengguna, kegiatan atau isi perubahan…")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Riwayat perubahan</h3>Siapa mengubah apa dan kapan (500 terakhir)."))
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def refresh(self) -> None:
        """Reload the entries."""
        self.model.set_rows(list_audit(self.ctx.db))
