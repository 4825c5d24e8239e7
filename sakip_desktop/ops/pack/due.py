"""What the kabupaten expects, as plain data: the ESR document types (kabupaten.md §1), the statuses of an item,
the default list of expected documents, their deadlines, and which are overdue.

Pure: no database, no ORM, so the first screen ("Menunggu Anda") can count overdue items from its plain-SQL rows
with `late_from_rows`. The office's own list lives in the table `pack_item_type`; while the office has not stored
one, `DEFAULT_TYPES` is its list (the first change stores it, `ops.pack.edit`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

# The 19 document types of KemenPAN-RB's ESR, numbered as there.
ESR_TYPES: tuple[str, ...] = (
    "RPJMD",
    "Renstra",
    "IKU",
    "Renja/RKT",
    "RKPD",
    "Perjanjian Kinerja",
    "Rencana Aksi",
    "Laporan Kinerja",
    "Pedoman Teknis Evaluasi Internal",
    "Lainnya",
    "RPJPD",
    "DPA",
    "Pohon Kinerja & Cascading",
    "LHE AKIP Internal",
    "TL LHE AKIP Internal",
    "Laporan Monev Renaksi",
    "Pedoman Teknis Perencanaan",
    "Pedoman Teknis Pengukuran & Pengumpulan Data Kinerja",
    "TL LHE AKIP Kemenpan",
)

BELUM, SIAP, DIUNGGAH, DITERIMA, DITOLAK = "BELUM", "SIAP", "DIUNGGAH", "DITERIMA", "DITOLAK"
STATUS_LABELS = {
    BELUM: "Belum",
    SIAP: "Siap",
    DIUNGGAH: "Diunggah",
    DITERIMA: "Diterima",
    DITOLAK: "Ditolak",
}
# Still to be done by the office: counted as overdue once the deadline has passed.
OPEN_STATUSES = frozenset({BELUM, SIAP, DITOLAK})
# The program's own documents an item can take (catalog kinds that need only a year, or a year and a quarter).
PRODUCED_KINDS = {
    "pk": "Perjanjian Kinerja (PK)",
    "lkj": "Laporan Kinerja (LKj) tahunan",
    "pengukuran": "Formulir Pengukuran Kinerja",
    "triwulan": "Laporan Kinerja Triwulan",
    "e81": "Formulir E.81 Evaluasi Renja",
    "tl-lhe": "Matriks TL LHE Inspektorat",
    "tl-lhe-kemenpan": "Matriks TL LHE Kementerian PANRB",
}
QUARTER_KINDS = frozenset({"triwulan", "e81"})  # need a quarter; "pengukuran" prints a year or a quarter
# Documents about the year before the item's year: the TL LHE matrix answers the LHE received in the item's year
# (the LHE of 2024's work comes in 2025, its TL LHE is due 30 September 2025), and is printed for the year evaluated.
EVALUATED_YEAR_KINDS = frozenset({"tl-lhe", "tl-lhe-kemenpan"})


def document_year(kind: str, year: int) -> int:
    """The year of the program's document `kind` that fills the item of `year`."""
    return year - 1 if kind in EVALUATED_YEAR_KINDS else year


class ItemType(NamedTuple):
    """One line of the list: what the kabupaten expects, its ESR type, the program's document that fills it
    (`source_kind`, '' for a file the office attaches), per year or per quarter, and its deadline: day `due_day`
    (cut to the month's last day) of the month `due_months` months after the period's first month."""

    code: str
    title: str
    esr_type: str
    source_kind: str = ""
    per_quarter: bool = False
    due_months: int = 0
    due_day: int = 31
    required: bool = True
    sort_order: int = 0
    id: int | None = None  # None: from the default list, not stored yet

    def deadline(self, year: int, quarter: int = 0) -> dt.date:
        """The deadline of this item for `year` (and quarter 1–4 of a quarterly item)."""
        return deadline(year, quarter if self.per_quarter else 0, self.due_months, self.due_day)

    @property
    def due_text(self) -> str:
        """How the deadline is set, in words: 'tanggal 10, 3 bulan setelah awal triwulan'."""
        period = "triwulan" if self.per_quarter else "tahun"
        months = "bulan pertama" if self.due_months == 0 else f"{self.due_months} bulan setelah awal"
        return f"tanggal {self.due_day}, {months} {period}"


def deadline(year: int, quarter: int, due_months: int, due_day: int) -> dt.date:
    """Day `due_day` of the month `due_months` after the first month of the year (quarter 0) or the quarter."""
    first = 1 if quarter == 0 else 3 * (quarter - 1) + 1
    index = year * 12 + first - 1 + due_months
    y, m = divmod(index, 12)
    last = (dt.date(y + (m == 11), (m + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day  # the month's last day
    return dt.date(y, m + 1, min(max(due_day, 1), last))


_Y, _Q = False, True
DEFAULT_TYPES: tuple[ItemType, ...] = tuple(
    ItemType(code, title, esr, kind, per_quarter, months, day, required, order)
    for order, (code, title, esr, kind, per_quarter, months, day, required) in enumerate(
        (
            ("dpa", "DPA", "DPA", "", _Y, 0, 31, True),
            ("pk", "Perjanjian Kinerja", "Perjanjian Kinerja", "pk", _Y, 0, 31, True),
            ("pk-perubahan", "Perjanjian Kinerja Perubahan", "Perjanjian Kinerja", "", _Y, 9, 31, False),
            ("iku", "Indikator Kinerja Utama", "IKU", "", _Y, 0, 31, True),
            ("renaksi", "Rencana Aksi", "Rencana Aksi", "", _Y, 0, 31, True),
            ("sop-data", "SOP Pengumpulan Data Kinerja", ESR_TYPES[17], "", _Y, 2, 31, True),
            ("pengukuran-tw", "Pengukuran Kinerja", "Laporan Monev Renaksi", "pengukuran", _Q, 3, 10, True),
            ("triwulan", "Laporan Kinerja Triwulan", "Laporan Monev Renaksi", "triwulan", _Q, 3, 10, True),
            ("e81", "Formulir E.81", "Lainnya", "e81", _Q, 3, 10, True),
            ("berita-acara", "Berita Acara Evaluasi Kinerja", "Laporan Monev Renaksi", "", _Q, 3, 15, True),
            ("lkj", "Laporan Kinerja", "Laporan Kinerja", "lkj", _Y, 13, 28, True),
            ("lhe", "LHE AKIP Internal", "LHE AKIP Internal", "", _Y, 5, 30, True),
            ("tl-lhe", "TL LHE AKIP Internal", "TL LHE AKIP Internal", "tl-lhe", _Y, 8, 30, True),
            ("tl-lhe-kemenpan", "TL LHE AKIP Kemenpan", "TL LHE AKIP Kemenpan", "tl-lhe-kemenpan", _Y, 8, 30, False),
        )
    )
)


def periods_of(item: ItemType) -> tuple[int, ...]:
    """The quarters an item has in a year: (1, 2, 3, 4) for a quarterly one, (0,) for a yearly one."""
    return (1, 2, 3, 4) if item.per_quarter else (0,)


def is_overdue(item: ItemType, year: int, quarter: int, status: str, today: dt.date) -> bool:
    """A required item not yet uploaded (or rejected) whose deadline has passed."""
    return item.required and status in OPEN_STATUSES and item.deadline(year, quarter) < today


def overdue_years(today: dt.date, plan_years: Iterable[int], kept_years: Iterable[int] = ()) -> list[int]:
    """The years whose documents are reminded of: this year and the last (the LKj of last year is due in
    February), among the years the office plans for, and every earlier year whose pack the office kept (some
    status stored), until each of its documents is done. Reminders follow from the list and its deadlines alone:
    no status needs to have been stored, so an office that never opened the pack's tool is reminded too."""
    return sorted(({today.year - 1, today.year} & set(plan_years)) | {y for y in kept_years if y <= today.year})


def is_reminded(item: ItemType, year: int, quarter: int, status: str, today: dt.date) -> bool:
    """Overdue (`is_overdue`): what "Menunggu Anda" and the Dasbor list, however long ago the deadline passed,
    until the document is uploaded or the office marks it not required (pending work never disappears)."""
    return is_overdue(item, year, quarter, status, today)


def uploaded_late(item: ItemType, year: int, quarter: int, uploaded_on: dt.date | None) -> bool:
    """True when the document was uploaded after its deadline (the record keeps that, whatever follows)."""
    return uploaded_on is not None and uploaded_on > item.deadline(year, quarter)


def pack_file_name(esr_type: str, title: str, year: int, quarter: int = 0, *, draft: bool = False) -> str:
    """'<ESR type> - <title> - <year>.pdf' (a quarterly item adds its quarter to the title; a DRAF ends
    '… - <year> (DRAF).pdf'), safe as a file name on Windows and on a FAT flash drive."""
    if quarter:
        title = f"{title} TW {('I', 'II', 'III', 'IV')[quarter - 1]}"
    name = f"{esr_type} - {title} - {year}"
    for bad in '<>:"/\\|?*':
        name = name.replace(bad, "-" if bad in "/\\" else "")
    return " ".join(name.split())[:180] + (" (DRAF)" if draft else "") + ".pdf"


TypeRow = Sequence[Any]  # a row of pack_item_type, columns as `TYPE_COLUMNS`
StatusRow = Sequence[Any]  # (type code, year, quarter, status)
TYPE_COLUMNS = "code, title, esr_type, source_kind, per_quarter, due_months, due_day, required, sort_order, active"


class LateDocument(NamedTuple):
    """A required document past its deadline and not uploaded (or rejected), as the first screen lists it."""

    title: str
    esr_type: str
    year: int
    quarter: int
    deadline: dt.date
    status: str
    code: str = ""  # the item's code in the office's list (opens the pack on it)

    @property
    def period(self) -> str:
        """'TW III 2025' or '2025'."""
        return f"TW {('I', 'II', 'III', 'IV')[self.quarter - 1]} {self.year}" if self.quarter else str(self.year)


def late_from_rows(
    type_rows: Iterable[TypeRow],
    status_rows: Iterable[StatusRow],
    plan_years: Iterable[int],
    today: dt.date,
) -> list[LateDocument]:
    """The late documents from plain rows, oldest deadline first, for the first screen: `type_rows` as
    `SELECT {TYPE_COLUMNS} FROM pack_item_type ORDER BY sort_order, id`, `status_rows` as
    `SELECT t.code, i.year, i.quarter, i.status FROM pack_item i JOIN pack_item_type t ON t.id = i.type_id`.
    A document with no stored status is 'belum': the list and its deadlines alone make the reminders."""
    stored = list(type_rows)
    types = [ItemType(*row[:9]) for row in stored if row[9]] if stored else list(DEFAULT_TYPES)
    statuses = {(code, year, quarter): status for code, year, quarter, status in status_rows}
    late = [
        LateDocument(item.title, item.esr_type, year, quarter, item.deadline(year, quarter), status, item.code)
        for year in overdue_years(today, plan_years, {year for _code, year, _quarter in statuses})
        for item in types
        for quarter in periods_of(item)
        if is_reminded(item, year, quarter, status := statuses.get((item.code, year, quarter), BELUM), today)
    ]
    return sorted(late, key=lambda d: d.deadline)
