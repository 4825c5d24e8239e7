"""Pengaturan > Hari libur: the office's own days off beside the national holidays the timers already know."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from sakip_desktop.domain.formats import long_date
from sakip_desktop.ops.sop.library import DayOff, add_day_off, delete_day_off, list_days_off
from sakip_desktop.sop.calendar import OfficeCalendar
from ui.context import AppContext
from ui.errors import attempt
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import date_edit, date_of, form_layout, hint, set_date
from ui.widgets.pages import RecordPage
from ui.widgets.table import Column, RecordTableModel, make_table
from ui.widgets.texts import DAYS


@dataclass(frozen=True)
class Holiday:
    """A national holiday or the government's cuti bersama."""

    day: dt.date
    name: str


def national_holidays(year: int) -> list[Holiday]:
    """The national holidays and cuti bersama of `year`, by date."""
    calendar = OfficeCalendar()
    day, out = dt.date(year, 1, 1), []
    while day.year == year:
        name = calendar.holiday_name(day)
        if name:
            out.append(Holiday(day, name))
        day += dt.timedelta(days=1)
    return out


def _day_columns(kind) -> list[Column]:
    return [
        Column[kind]("Tanggal", lambda d: long_date(d.day), sort_key=lambda d: d.day.toordinal(), width=160),
        Column[kind]("Hari", lambda d: DAYS[d.day.weekday()], width=80),
        Column[kind]("Keterangan", lambda d: d.name),
    ]


class DayOffDialog(FormDialog):
    """'Tambah hari libur kantor'."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tambah hari libur kantor", parent)
        self.day_edit = date_edit()
        today = ctx.today()
        set_date(self.day_edit, today if today.year == year else dt.date(year, 1, 1))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("mis. Cuti bersama Idul Fitri")
        self.name_edit.setMinimumWidth(320)
        self.day_note = hint("")
        self.fields.update(day=self.day_edit, name=self.name_edit)
        self.day_edit.dateChanged.connect(lambda _d: self._describe_day())
        self._describe_day()
        form = form_layout()
        form.addRow("Tanggal:", self.day_edit)
        form.addRow("", self.day_note)
        form.addRow("Keterangan:", self.name_edit)
        self.finish_layout(form)
        self.name_edit.setFocus()

    def _describe_day(self) -> None:
        day = date_of(self.day_edit)
        holiday = OfficeCalendar().holiday_name(day)
        text = DAYS[day.weekday()]
        if holiday:
            text += f"; sudah libur nasional: {holiday}"
        elif day.weekday() >= 5:
            text += "; sudah bukan hari kerja"
        self.day_note.setText(text)

    def save(self) -> int:
        return add_day_off(self.ctx.db, self.ctx.actor, date_of(self.day_edit), self.name_edit.text())


class DaysOffPage(RecordPage):
    """The office's days off of one year (Tambah / Hapus) and that year's national holidays."""

    topic = "days_off"
    refresh_on = frozenset({"days_off"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        intro = (
            "Waktu standar SOP dalam hari dihitung dalam hari kerja: Sabtu, Minggu, libur nasional dan cuti "
            "bersama pemerintah sudah diketahui program. Tambahkan di sini hari libur yang hanya berlaku di "
            "kantor ini (mis. cuti bersama daerah)."
        )
        super().__init__(ctx, _day_columns(DayOff), intro, "Tambah hari libur…", parent, stretch_column=2)
        self.edit_button.hide()  # a day off is added or removed, not changed
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(ctx.year)
        self.year_spin.valueChanged.connect(lambda _y: self.refresh())
        self.toolbar.insertWidget(0, QLabel("Tahun:"))
        self.toolbar.insertWidget(1, self.year_spin)
        self.toolbar.insertSpacing(2, 12)
        self.national_model = RecordTableModel(_day_columns(Holiday), self)
        self.national_table = make_table(self.national_model, _day_columns(Holiday), 2)
        self.national_box = QGroupBox()
        QVBoxLayout(self.national_box).addWidget(self.national_table)
        page = self.layout()
        assert isinstance(page, QVBoxLayout)  # made by RecordPage
        page.addWidget(self.national_box, 1)
        self._shown = False  # read when first shown: the holiday tables load a library start-up does not need

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.refresh()

    def refresh(self) -> None:
        """The year's days off of the office and its national holidays."""
        super().refresh()
        year = self.year_spin.value()
        _ok, holidays = attempt(self, lambda: national_holidays(year))
        self.national_model.set_rows(holidays or [])
        self.national_box.setTitle(f"Libur nasional dan cuti bersama pemerintah {year} (sudah diketahui program)")

    def load_rows(self) -> list[DayOff]:
        year = self.year_spin.value()
        return [d for d in list_days_off(self.ctx.db) if d.day.year == year]

    def edit_selected(self) -> None:
        """Nothing to change: remove the day and add the right one."""

    def make_dialog(self, record: DayOff | None) -> DayOffDialog:
        return DayOffDialog(self.ctx, self.year_spin.value(), self)

    def delete_question(self, record: DayOff) -> str:
        return f"Hapus hari libur kantor {long_date(record.day)} ({record.name})?"

    def delete_record(self, record: DayOff) -> None:
        delete_day_off(self.ctx.db, self.ctx.actor, record.id)
