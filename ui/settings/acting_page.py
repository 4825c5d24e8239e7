"""Pengaturan > Plt./Plh.: who acts in whose role, for which period, on which surat perintah."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from sakip_desktop.domain.formats import long_date
from sakip_desktop.ops.org.acting import ActingView, delete_acting, list_acting
from ui.context import AppContext
from ui.settings.acting_dialog import ActingDialog
from ui.widgets.forms import text_or_dash
from ui.widgets.pages import RecordPage
from ui.widgets.table import Column

NO_END = "tanpa batas"


def state_text(acting: ActingView, today: dt.date) -> str:
    """'Berlaku', 'Akan datang' or 'Selesai' as of `today`."""
    if acting.start > today:
        return "Akan datang"
    return "Berlaku" if acting.active_on(today) else "Selesai"


class ActingPage(RecordPage):
    """The list of Plt./Plh. assignments with Tambah / Ubah / Hapus."""

    topic = "acting"
    refresh_on = frozenset({"acting", "people", "units"})
    max_column_width = 260  # few columns: names and numbers fit on one line

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        today = ctx.today
        columns = [
            Column[ActingView]("Pelaksana", lambda a: a.person_name),
            Column[ActingView]("Jenis", lambda a: a.kind.prefix),
            Column[ActingView]("Jabatan yang dilaksanakan", lambda a: a.title),
            Column[ActingView]("Dari", lambda a: long_date(a.start), sort_key=lambda a: a.start.toordinal()),
            Column[ActingView](
                "Sampai",
                lambda a: long_date(a.end) if a.end else NO_END,
                sort_key=lambda a: (a.end or dt.date.max).toordinal(),
            ),
            Column[ActingView]("Nomor surat", lambda a: text_or_dash(a.decree)),
            Column[ActingView]("Status", lambda a: state_text(a, today())),
        ]
        intro = (
            "Pelaksana Tugas (Plt.) dan Pelaksana Harian (Plh.): selama masa berlakunya, pelaksana memegang "
            "peran itu di aplikasi dan menandatangani dengan awalan Plt./Plh."
        )
        super().__init__(ctx, columns, intro, "Tambah Plt./Plh.", parent, stretch_column=2)
        self.refresh()

    def load_rows(self) -> list[ActingView]:
        return list_acting(self.ctx.db)

    def make_dialog(self, record: ActingView | None) -> ActingDialog:
        return ActingDialog(self.ctx, record, self)

    def delete_question(self, record: ActingView) -> str:
        return f"Hapus penugasan {record.title} atas nama {record.person_name}?"

    def delete_record(self, record: ActingView) -> None:
        delete_acting(self.ctx.db, self.ctx.actor, record.id)
