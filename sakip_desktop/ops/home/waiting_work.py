"""What waits for one role beside its SOP steps, in every open period at once: realisasi to fill, verify or
approve, rekomendasi to decide, PKs to make final, indicators the Tim has not yet reviewed.

The period selector of the status bar changes what the tools show, never what waits: an item names its period
and the tool tab of the role's tab that handles it, so "Menunggu Anda" opens that tool on that period. Items come
oldest first. Read through `first_reads` (plain SQL, one read for all counts): "Menunggu Anda" is part of the
first screen after start.

The open periods, defined once here (`open_periods`): every quarter of every year with a PK target (yearly
target), back to the oldest year held, that has ended by today (all four of a past year: in January–March the office
still enters, verifies and approves TW IV of the year before) or has been started (some realisasi entered), and is
not yet finished: a quarter is finished once every indicator with a target that year has its realisasi approved.
So a year the measurement counts final (`ops.measurement.year`: every realisasi in and approved) adds nothing, and
an earlier quarter left unfilled stays open until it is done. Work that exists (a draft, a submitted or verified
realisasi, a rekomendasi, a draft PK) waits whatever its period.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sakip_desktop.domain.periods import quarter_label, quarter_of
from sakip_desktop.domain.permissions import Op, roles_allowed
from sakip_desktop.domain.realisation import Status
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home import first_reads, pack_reads
from sakip_desktop.storage.database import Database

# The tool tabs (titles as in ui/role_tab.py and ui/monitoring) that handle each kind of work.
ENTRY_TOOL = "Isi realisasi"
VERIFY_TOOL = "Verifikasi realisasi"
APPROVE_TOOL = "Persetujuan realisasi"
RECOMMENDATION_TOOL = "Rekomendasi"
AGREEMENT_TOOL = "Perjanjian Kinerja"
REVIEW_TOOL = "Pemantauan"
PACK_TOOL = "Paket Kabupaten"  # ui/pack/page.py
LHE_TOOL = "LHE dan TL LHE"  # ui/lhe/page.py (issue 16 §3)
# Not a tool tab: the panel opens the list of role changes itself, where the Camat acknowledges them.
ROLE_CHANGES_TOOL = "Lihat dan tandai diketahui"

# Roles whose people fill the realisasi of their own unit (the Kasi: of the seksi in the grant).
ENTRY_ROLES = roles_allowed(Op.REALISATION_SAVE)

Period = tuple[int, int]  # (year, quarter)


@dataclass(frozen=True)
class WorkItem:
    """One kind of work waiting in one period: '3 realisasi TW III 2025 menunggu persetujuan Anda', for the tool
    tab `tool`, to be opened on `year` and `quarter` (None: a whole year, as a PK; both None: no period)."""

    text: str
    tool: str
    count: int
    year: int | None = None
    quarter: int | None = None

    @property
    def period(self) -> str:
        """'TW III 2025', '2025', or '' for work of no period."""
        if self.year is None:
            return ""
        return f"{quarter_label(self.quarter)} {self.year}" if self.quarter else str(self.year)


@dataclass(frozen=True)
class _Tallies:
    """The counts of `first_reads.waiting_tallies`, by period, and the open quarters."""

    planned: Counter[tuple[int, int | None]]  # (year, unit) -> indicators with a target
    statuses: Counter[tuple[int, int, int | None, str]]  # (year, quarter, unit, status) -> realisasi
    open: list[Period]  # oldest first


def open_periods(db: Database, today: dt.date) -> list[Period]:
    """The open quarters (see the module notes), oldest first."""
    return _tallies(first_reads.waiting_tallies(db), today).open


def _tallies(read: first_reads.WaitingRead, today: dt.date) -> _Tallies:
    planned = Counter({(year, unit): n for year, unit, n in read.planned})
    statuses = Counter({(y, q, unit, status): n for y, q, unit, status, n in read.realisations})
    per_year: Counter[int] = Counter()
    for (year, _unit), n in planned.items():
        per_year[year] += n
    approved: Counter[Period] = Counter()
    for (y, q, _unit, status), n in statuses.items():
        approved[(y, q)] += n if status == Status.APPROVED.value else 0
    due = {(year, q) for year in per_year for q in range(1, _ended_quarters(year, today) + 1)}
    candidates = due | set(approved)  # ended, or started (some realisasi entered)
    open_ = sorted(p for p in candidates if approved[p] < per_year[p[0]])
    return _Tallies(planned, statuses, open_)


def _ended_quarters(year: int, today: dt.date) -> int:
    """How many quarters of `year` have ended by `today`: 4 for a past year, 0 for a future one."""
    if year < today.year:
        return 4
    return quarter_of(today) - 1 if year == today.year else 0


def waiting_work(db: Database, grant: RoleGrant, person_id: int | None, today: dt.date) -> list[WorkItem]:
    """The work waiting for the holder of `grant`, in every open period, oldest first (only what waits).

    `person_id` finds the unit of a Kasubag or a staff member, whose realisasi they fill, and the Camat's role
    changes; `today` which quarters are due."""
    read = first_reads.waiting_tallies(db)
    tallies = _tallies(read, today)
    role = grant.role
    items: list[WorkItem] = []
    if role is Role.CAMAT:
        items += _by_status(tallies, Status.VERIFIED, "menunggu persetujuan Anda", APPROVE_TOOL)
        items += [
            _item(n, "rekomendasi", "menunggu keputusan Anda", RECOMMENDATION_TOOL, y, q) for y, q, n in read.proposed
        ]
        # A Plh. may not make a PK final (ops/agreements.py), and has no 'Perjanjian Kinerja' tab. Only the newest
        # version of a PK can be a draft, so a draft row is a PK waiting.
        if grant.acting is not ActingKind.PLH:
            what = "masih draf, menunggu penetapan Anda"
            items += [_item(n, "Perjanjian Kinerja", what, AGREEMENT_TOOL, y) for y, n in read.draft_agreements]
    elif role is Role.SEKRETARIS:
        items += _by_status(tallies, Status.SUBMITTED, "menunggu verifikasi Anda", VERIFY_TOOL)
    elif role is Role.TIM_SAKIP:
        what = "sudah diajukan realisasinya tetapi belum ditelaah Tim"
        open_ = set(tallies.open)
        items += [_item(n, "indikator", what, REVIEW_TOOL, y, q) for y, q, n in read.unreviewed if (y, q) in open_]
    elif role in ENTRY_ROLES:
        unit_id = grant.unit_id if role is Role.KASI else _unit_of(db, person_id)
        if unit_id is not None:
            items += _entry_items(tallies, unit_id)
    if role in (Role.CAMAT, Role.TIM_SAKIP):  # the submission pack to the kabupaten (issue 15 §2)
        items += _late_pack_items(db, today)
    if role in (Role.CAMAT, Role.SEKRETARIS, Role.TIM_SAKIP):  # the LHE's RATL and matrix (issue 16 §3)
        items += _lhe_items(db, role, today)
    items = sorted((i for i in items if i.count), key=lambda i: (i.year or 0, i.quarter or 0))
    if role is Role.CAMAT:  # of no period: after the periods' work
        items += [i for i in [_role_changes_item(db, person_id)] if i.count]
    return items


def _item(count: int, noun: str, what: str, tool: str, year: int, quarter: int | None = None) -> WorkItem:
    period = f"{quarter_label(quarter)} {year}" if quarter else str(year)
    return WorkItem(f"{count} {noun} {period} {what}", tool, count, year, quarter)


def _by_status(tallies: _Tallies, status: Status, what: str, tool: str) -> list[WorkItem]:
    """The realisasi of `status` (all units), one item per period."""
    counts: Counter[Period] = Counter()
    for (y, q, _unit, found), n in tallies.statuses.items():
        if found == status.value:
            counts[(y, q)] += n
    return [_item(n, "realisasi", what, tool, y, q) for (y, q), n in counts.items()]


def _entry_items(tallies: _Tallies, unit_id: int) -> list[WorkItem]:
    """A unit's indicators not yet filled in each open quarter, and its drafts and returned realisasi."""
    items = []
    for year, quarter in tallies.open:
        entered = sum(n for (y, q, unit, _s), n in tallies.statuses.items() if (y, q, unit) == (year, quarter, unit_id))
        missing = tallies.planned[(year, unit_id)] - entered
        items.append(_item(missing, "indikator", "belum diisi realisasinya", ENTRY_TOOL, year, quarter))
    for status, what in (
        (Status.DRAFT, "masih draf, belum diajukan"),
        (Status.RETURNED, "dikembalikan untuk diperbaiki"),
    ):
        for (y, q, unit, found), n in sorted(tallies.statuses.items()):
            if unit == unit_id and found == status.value:
                items.append(_item(n, "realisasi", what, ENTRY_TOOL, y, q))
    return items


def _late_pack_items(db: Database, today: dt.date) -> list[WorkItem]:
    """One item per year with documents of the submission pack past their deadline."""
    late = Counter(d.year for d in pack_reads.late_documents(db, today))
    return [
        WorkItem(f"{n} dokumen paket Kabupaten {year} lewat batas waktu", PACK_TOOL, n, year)
        for year, n in sorted(late.items())
    ]


def _lhe_items(db: Database, role: Role, today: dt.date) -> list[WorkItem]:
    """The Camat: matrices to check and RATL past their batas waktu; the Sekretaris and the Tim: rekomendasi of an
    LHE without a RATL."""
    from sakip_desktop.ops.lhe.rules import EVALUATORS
    from sakip_desktop.ops.lhe.waiting import lhe_waiting

    items = []
    for w in lhe_waiting(db, today):
        who = EVALUATORS.get(w.evaluator, w.evaluator)
        if role is Role.CAMAT and w.overdue:
            text = f"{w.overdue} tindak lanjut LHE {who} {w.year} melewati batas waktu"
            items.append(WorkItem(text, LHE_TOOL, w.overdue, w.year))
        if role is Role.CAMAT and w.to_review:
            items.append(WorkItem(f"Matriks TL LHE {who} {w.year} menunggu pemeriksaan Anda", LHE_TOOL, 1, w.year))
        elif role is not Role.CAMAT and w.without_action:
            text = f"{w.without_action} rekomendasi LHE {who} {w.year} belum memiliki RATL"
            items.append(WorkItem(text, LHE_TOOL, w.without_action, w.year))
    return items


def _role_changes_item(db: Database, person_id: int | None) -> WorkItem:
    # Any period: who was given which role matters until the Camat has seen it (ops/role_changes.py).
    count = first_reads.role_changes_waiting(db, person_id)
    return WorkItem(f"{count} perubahan peran, Plt./Plh. atau akun yang perlu Anda ketahui", ROLE_CHANGES_TOOL, count)


def _unit_of(db: Database, person_id: int | None) -> int | None:
    if not person_id:
        return None
    found = first_reads.unit_of_person(db, person_id)
    if not found:
        raise NotFound("Pegawai tidak ditemukan.")
    return found[0][0]


__all__ = [
    "AGREEMENT_TOOL",
    "APPROVE_TOOL",
    "ENTRY_TOOL",
    "LHE_TOOL",
    "PACK_TOOL",
    "RECOMMENDATION_TOOL",
    "REVIEW_TOOL",
    "ROLE_CHANGES_TOOL",
    "VERIFY_TOOL",
    "WorkItem",
    "open_periods",
    "waiting_work",
]
