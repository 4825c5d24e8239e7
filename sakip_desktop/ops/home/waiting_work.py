"""What waits for one role in the period being worked on, beside its SOP steps: realisasi to fill, verify or
approve, rekomendasi to decide, PKs to make final, indicators the Tim has not yet reviewed.

Each item names the tool tab of the role's tab that handles it, so "Menunggu Anda" can open it. Read through
`first_reads` (plain SQL): "Menunggu Anda" is part of the first screen after start.
"""

from __future__ import annotations

from dataclasses import dataclass

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.permissions import Op, roles_allowed
from sakip_desktop.domain.realisation import Status
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.errors import NotFound
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home import first_reads
from sakip_desktop.storage.database import Database

# The tool tabs (titles as in ui/role_tab.py and ui/monitoring) that handle each kind of work.
ENTRY_TOOL = "Isi realisasi"
VERIFY_TOOL = "Verifikasi realisasi"
APPROVE_TOOL = "Persetujuan realisasi"
RECOMMENDATION_TOOL = "Rekomendasi"
AGREEMENT_TOOL = "Perjanjian Kinerja"
REVIEW_TOOL = "Pemantauan"
# Not a tool tab: the panel opens the list of role changes itself, where the Camat acknowledges them.
ROLE_CHANGES_TOOL = "Lihat dan tandai diketahui"

# Roles whose people fill the realisasi of their own unit (the Kasi: of the seksi in the grant).
ENTRY_ROLES = roles_allowed(Op.REALISATION_SAVE)


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
    if role is Role.CAMAT:
        items.append(
            _item(
                _count_realisasi(db, year, quarter, Status.VERIFIED),
                "realisasi",
                period,
                "menunggu persetujuan Anda",
                APPROVE_TOOL,
            )
        )
        proposed = first_reads.count(db, "proposed", year=year, quarter=quarter)
        items.append(_item(proposed, "rekomendasi", period, "menunggu keputusan Anda", RECOMMENDATION_TOOL))
        # A Plh. may not make a PK final (ops/agreements.py), and has no 'Perjanjian Kinerja' tab.
        if grant.acting is not ActingKind.PLH:
            # Only the newest version of a PK can be a draft, so a draft row is a PK waiting.
            drafts = first_reads.count(db, "draft_agreements", year=year)
            items.append(
                _item(drafts, "Perjanjian Kinerja", str(year), "masih draf, menunggu penetapan Anda", AGREEMENT_TOOL)
            )
        items.append(_role_changes_item(db, person_id))
    elif role is Role.SEKRETARIS:
        items.append(
            _item(
                _count_realisasi(db, year, quarter, Status.SUBMITTED),
                "realisasi",
                period,
                "menunggu verifikasi Anda",
                VERIFY_TOOL,
            )
        )
    elif role is Role.TIM_SAKIP:
        items.append(
            _item(
                _unreviewed(db, year, quarter),
                "indikator",
                period,
                "sudah diajukan realisasinya tetapi belum ditelaah Tim",
                REVIEW_TOOL,
            )
        )
    elif role in ENTRY_ROLES:
        unit_id = grant.unit_id if role is Role.KASI else _unit_of(db, person_id)
        if unit_id is not None:
            items += _entry_items(db, unit_id, year, quarter, period)
    return [i for i in items if i.count]


def _role_changes_item(db: Database, person_id: int | None) -> WorkItem:
    # Any period: who was given which role matters until the Camat has seen it (ops/role_changes.py).
    count = first_reads.count(db, "role_changes", viewer=person_id)
    return WorkItem(f"{count} perubahan peran, Plt./Plh. atau akun yang perlu Anda ketahui", ROLE_CHANGES_TOOL, count)


def _item(count: int, noun: str, period: str, what: str, tool: str) -> WorkItem:
    return WorkItem(f"{count} {noun} {period} {what}", tool, count)


def _count_realisasi(db: Database, year: int, quarter: int, status: Status) -> int:
    return first_reads.count(db, "realisation", year=year, quarter=quarter, status=status.value)


def _unit_of(db: Database, person_id: int | None) -> int | None:
    if not person_id:
        return None
    found = first_reads.unit_of_person(db, person_id)
    if not found:
        raise NotFound("Pegawai tidak ditemukan.")
    return found[0][0]


def _statuses(db: Database, year: int, quarter: int, unit_id: int | None = None) -> list[tuple[int, Status | None]]:
    """Each indicator with a PK target for the year (all, or one unit's; as `realisation.common.planned_indicators`
    picks them) with the status of its realisasi of the quarter (None: not entered)."""
    found = first_reads.planned_statuses(db, year, quarter, unit_id)
    return [(indicator_id, None if status is None else Status(status)) for indicator_id, status in found]


def _unreviewed(db: Database, year: int, quarter: int) -> int:
    # Telaah follows the Kasi's submission: a realisasi still in draft (or returned) has nothing to review yet.
    sent = {i for i, status in _statuses(db, year, quarter) if status and not status.editable}
    return len(sent - first_reads.reviewed_indicators(db, year, quarter))


def _entry_items(db: Database, unit_id: int, year: int, quarter: int, period: str) -> list[WorkItem]:
    statuses = [status for _, status in _statuses(db, year, quarter, unit_id)]
    missing = sum(1 for status in statuses if status is None)
    drafts = sum(1 for status in statuses if status is Status.DRAFT)
    returned = sum(1 for status in statuses if status is Status.RETURNED)
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
    "ROLE_CHANGES_TOOL",
    "VERIFY_TOOL",
    "WorkItem",
    "waiting_work",
]
