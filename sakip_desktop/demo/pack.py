"""The demo office's submission pack to the kabupaten (issue 15 §2): what it sent, as an office that keeps its pack.

For every required document of the years the pack reminds of (`ops.pack.due.overdue_years`: the anchor's year and
the one before) whose deadline is before the anchor, the Tim SAKIP's Analis Kebijakan records it uploaded a day to
four working days before its deadline, and accepted by the kabupaten eight days later (what would come after the anchor
stays 'diunggah'); the Admin Data first attaches the scan of what the office attaches itself (the DPA, the IKU, the
berita acara, ...), a one-page PDF. The Rencana Aksi of the story's year is rejected by the verifikator with a note,
corrected and uploaded again after its deadline; the LKj of the year before is uploaded three days late. Left open,
so "Menunggu Anda" and the Dasbor remind of them: the Formulir E.81 and the Laporan Kinerja Triwulan of the newest
quarter past its deadline (TW III 2025 on 15 Oktober 2025: the quarter is still under review).

Documents due before the office started with SAKIP Desktop (`timeline.SETUP_DAY`) are recorded in the first days,
with the day they were uploaded. Everything is written through `ops.pack.edit`, on its day, in the order it happened;
nothing after the anchor.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.demo.timeline import Story, at, person, wib
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.pack.checklist import ChecklistRow, checklist
from sakip_desktop.ops.pack.due import DITERIMA, DITOLAK, DIUNGGAH, overdue_years
from sakip_desktop.ops.pack.edit import attach_file, set_status
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

TIM, ADMIN_DATA = "analis_kebijakan", "admin_data"
# The office records what it had sent before it used the program (2025 story: Thursday 9 Januari, 14.00 WIB).
CATCH_UP_DAY = dt.date(2025, 1, 9)
# Left open: the newest quarter's documents that wait for the quarter's approval.
OPEN_CODES = ("triwulan", "e81")
REJECTED_CODE = "renaksi"  # of the story's year
REJECTION_NOTE = (
    "Rencana aksi belum memuat target per triwulan dan penanggung jawab setiap kegiatan; lengkapi lalu unggah ulang."
)
LATE_CODE = "lkj"  # of the year before the story's: uploaded three days after 28 Februari
ACCEPTED_AFTER = dt.timedelta(days=8)
Write = Callable[[dt.datetime], object]  # a write of the story, made at the moment it is given


@dataclass(frozen=True)
class _Event:
    moment: dt.datetime  # UTC
    order: int  # the writes of one moment, in the order they are made
    write: Write


def add_pack_history(db: Database, story: Story) -> None:
    """The pack's statuses and files up to the anchor, written in the order they happened."""
    today = story.today
    with db.reading() as s:
        plans = s.execute(select(m.StrategicPlan.start_year, m.StrategicPlan.end_year)).all()
        targets = set(s.scalars(select(m.YearlyTarget.year)))
    years = overdue_years(today, {y for start, end in plans for y in range(start, end + 1)} | targets)
    rows = [r for year in years for r in checklist(db, year, today) if r.item.required and r.deadline < today]
    quarters = [(r.year, r.quarter) for r in rows if r.item.code == "e81"]
    newest = max(quarters) if quarters else None
    office = get_profile(db).name
    events: list[_Event] = []
    for row in rows:
        if (row.year, row.quarter) == newest and row.item.code in OPEN_CODES:
            continue
        events += _story_of(db, story, row, office)
    for event in sorted((e for e in events if story.happened(e.moment)), key=lambda e: (e.moment, e.order)):
        event.write(event.moment)


def _story_of(db: Database, story: Story, row: ChecklistRow, office: str) -> list[_Event]:
    """The writes telling one document's road to the kabupaten."""
    code, year, quarter, due = row.item.code, row.year, row.quarter, row.deadline
    first_day = story.day(CATCH_UP_DAY)
    if code == REJECTED_CODE and year == story.year:
        uploads = [_weekday(due - dt.timedelta(days=1)), _weekday(due + dt.timedelta(days=9))]
        rejected_on = _weekday(due + dt.timedelta(days=6))
    else:
        late = code == LATE_CODE and year == story.year - 1
        uploads = [_weekday(due + dt.timedelta(days=3)) if late else _working_days_before(due, _lead(row))]
        rejected_on = None
    events: list[_Event] = []
    for n, uploaded in enumerate(uploads):
        moment = wib(uploaded, 14) if uploaded >= first_day else wib(first_day, 15)
        if not row.item.source_kind:
            data = _scan(office, row, corrected=n > 0)
            name = _file_name(row, corrected=n > 0)
            events.append(_Event(moment, 2 * n, _attach(db, code, year, quarter, name, data)))
        events.append(_Event(moment, 2 * n + 1, _status(db, code, year, quarter, DIUNGGAH, uploaded_on=uploaded)))
        if rejected_on is not None and n == 0:
            events.append(_Event(wib(rejected_on, 10), 0, _status(db, code, year, quarter, DITOLAK, REJECTION_NOTE)))
    accepted_at = max(wib(_weekday(uploads[-1] + ACCEPTED_AFTER), 11), events[-1].moment + dt.timedelta(minutes=1))
    events.append(_Event(accepted_at, 9, _status(db, code, year, quarter, DITERIMA)))
    return events


def _lead(row: ChecklistRow) -> int:
    """Working days before its deadline a document is uploaded (1-4, varying from document to document); a berita
    acara on the day of its deadline, after the evaluation meeting."""
    if row.item.code == "berita-acara":
        return 0
    return (row.item.sort_order + row.quarter + row.year) % 4 + 1


def _working_days_before(day: dt.date, days: int) -> dt.date:
    day = _weekday(day)
    while days:
        day -= dt.timedelta(days=1)
        days -= day.weekday() < 5
    return day


def _weekday(day: dt.date) -> dt.date:
    """`day`, or the Friday before it when it is a Saturday or a Sunday."""
    return day - dt.timedelta(days=max(day.weekday() - 4, 0))


def _status(
    db: Database, code: str, year: int, quarter: int, status: str, note: str = "", uploaded_on: dt.date | None = None
) -> Write:
    def write(moment: dt.datetime) -> object:
        actor = person(db, TIM, moment)
        return set_status(db, actor, code, year, quarter, status, uploaded_on=uploaded_on, note=note, clock=at(moment))

    return write


def _attach(db: Database, code: str, year: int, quarter: int, name: str, data: bytes) -> Write:
    def write(when: dt.datetime) -> object:
        return attach_file(db, person(db, ADMIN_DATA, when), code, year, quarter, name, data, clock=at(when))

    return write


def _file_name(row: ChecklistRow, *, corrected: bool) -> str:
    fixed = " (perbaikan)" if corrected else ""
    return f"{row.item.title} {row.period}{fixed}.pdf"


def _scan(office: str, row: ChecklistRow, *, corrected: bool) -> bytes:
    """A one-page PDF standing for the signed scan the office attaches (the same bytes for the same anchor)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A4, invariant=1)
    pdf.setTitle(f"{row.item.title} {row.period} - {office}")
    width, height = A4
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawCentredString(width / 2, height - 90, row.item.title.upper())
    pdf.setFont("Helvetica", 12)
    pdf.drawCentredString(width / 2, height - 110, f"{office.upper()} - {row.period}")
    pdf.setFont("Helvetica", 10)
    lines = [
        f"Jenis dokumen ESR: {row.item.esr_type}",
        "Pindaian dokumen bertanda tangan (berkas contoh kantor contoh).",
    ]
    if corrected:
        lines.append("Perbaikan sesuai catatan verifikator Kabupaten.")
    for n, line in enumerate(lines):
        pdf.drawString(72, height - 150 - 16 * n, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()
