"""What waits for one role in the period being worked on, beside its SOP steps: realisasi to fill, verify or
approve, rekomendasi to decide, PKs to make final, indicators the Tim has not yet reviewed.

Each item names the tool tab of the role's tab that handles it, so "Menunggu Anda" can open it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.realisation import Status
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.people import get_person
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import MonitoringReview, PerformanceAgreement, Realisation, Recommendation

# The tool tabs (titles as in ui/role_tab.py and ui/monitoring) that handle each kind of work.
ENTRY_TOOL = "Isi realisasi"
VERIFY_TOOL = "Verifikasi realisasi"
APPROVE_TOOL = "Persetujuan realisasi"
RECOMMENDATION_TOOL = "Rekomendasi"
AGREEMENT_TOOL = "Perjanjian Kinerja"
REVIEW_TOOL = "Pemantauan"

# Roles whose people fill the realisasi of their own unit (the Kasi: of the seksi in the grant).
ENTRY_ROLES = (Role.KASI, Role.KASUBAG_PERENCANAAN, Role.KASUBAG_UMUM, Role.STAF)


@dataclass(frozen=True)
class WorkItem:
    """One kind of work waiting: '3 realisasi TW III 2025 menunggu persetujuan Anda', for the tool tab `tool`."""

    text: str
    tool: str
    count: int


def waiting_work(db: Database, grant: RoleGrant, person_id: int | None, year: int, quarter: int) -> list[WorkItem]:
    """The work waiting for the holder of `grant` in `year`, TW `quarter` (only kinds with something waiting).

    `person_id` finds the unit of a Kasubag or a staff member, whose realisasi they fill."""
    period = f"{quarter_label(quarter)} {year}"
    role = grant.role
    items: list[WorkItem] = []
    # The Camat's and the Sekretaris's counts are plain counts: their tab is the first one shown at start-up.
    if role is Role.CAMAT:
        items.append(_item(_count_realisasi(db, year, quarter, Status.VERIFIED), "realisasi", period,
                           "menunggu persetujuan Anda", APPROVE_TOOL))
        proposed = _count(db, select(func.count()).select_from(Recommendation).where(
            Recommendation.year == year, Recommendation.quarter == quarter, Recommendation.status == "PROPOSED"))
        items.append(_item(proposed, "rekomendasi", period, "menunggu keputusan Anda", RECOMMENDATION_TOOL))
        # A Plh. may not make a PK final (ops/agreements.py), and has no 'Perjanjian Kinerja' tab.
        if grant.acting is not ActingKind.PLH:
            # Only the newest version of a PK can be a draft, so a draft row is a PK waiting.
            drafts = _count(db, select(func.count()).select_from(PerformanceAgreement).where(
                PerformanceAgreement.year == year, PerformanceAgreement.status == "DRAFT"))
            items.append(_item(drafts, "Perjanjian Kinerja", str(year), "masih draf, menunggu penetapan Anda",
                               AGREEMENT_TOOL))
    elif role is Role.SEKRETARIS:
        items.append(_item(_count_realisasi(db, year, quarter, Status.SUBMITTED), "realisasi", period,
                           "menunggu verifikasi Anda", VERIFY_TOOL))
    elif role is Role.TIM_SAKIP:
        items.append(_item(_unreviewed(db, year, quarter), "indikator", period,
                           "sudah diajukan realisasinya tetapi belum ditelaah Tim", REVIEW_TOOL))
    elif role in ENTRY_ROLES:
        unit_id = grant.unit_id if role is Role.KASI else _unit_of(db, person_id)
        if unit_id is not None:
            items += _entry_items(db, unit_id, year, quarter, period)
    return [i for i in items if i.count]


def _item(count: int, noun: str, period: str, what: str, tool: str) -> WorkItem:
    return WorkItem(f"{count} {noun} {period} {what}", tool, count)


def _count(db: Database, query) -> int:
    with db.reading() as s:
        return int(s.scalar(query) or 0)


def _count_realisasi(db: Database, year: int, quarter: int, status: Status) -> int:
    return _count(db, select(func.count()).select_from(Realisation).where(
        Realisation.year == year, Realisation.quarter == quarter, Realisation.status == status.value))


def _unit_of(db: Database, person_id: int | None) -> int | None:
    return get_person(db, person_id).unit_id if person_id else None


def _unreviewed(db: Database, year: int, quarter: int) -> int:
    from sakip_desktop.ops.realisation_views import quarter_entries

    # Telaah follows the Kasi's submission: a realisasi still in draft (or returned) has nothing to review yet.
    sent = {e.indicator_id for e in quarter_entries(db, year, quarter) if e.status and not e.status.editable}
    with db.reading() as s:
        reviewed = set(
            s.scalars(
                select(MonitoringReview.indicator_id).where(
                    MonitoringReview.year == year, MonitoringReview.quarter == quarter
                )
            )
        )
    return len(sent - reviewed)


def _entry_items(db: Database, unit_id: int, year: int, quarter: int, period: str) -> list[WorkItem]:
    from sakip_desktop.ops.realisation_views import quarter_entries

    entries = quarter_entries(db, year, quarter, unit_id)
    missing = sum(1 for e in entries if e.status is None)
    drafts = sum(1 for e in entries if e.status is Status.DRAFT)
    returned = sum(1 for e in entries if e.status is Status.RETURNED)
    return [
        _item(missing, "indikator", period, "belum diisi realisasinya", ENTRY_TOOL),
        _item(drafts, "realisasi", period, "masih draf, belum diajukan", ENTRY_TOOL),
        _item(returned, "realisasi", period, "dikembalikan untuk diperbaiki", ENTRY_TOOL),
    ]


__all__ = [
    "AGREEMENT_TOOL",
    "APPROVE_TOOL",
    "ENTRY_TOOL",
    "RECOMMENDATION_TOOL",
    "REVIEW_TOOL",
    "VERIFY_TOOL",
    "WorkItem",
    "waiting_work",
]
