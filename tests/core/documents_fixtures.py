"""Data the document tests need that the demo office does not carry: a PK and an evaluation meeting.

Rows are written the way the PK and evaluation operations write them (parties copied as text, the
scope's indicators and budget), so the documents read real tables.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.ops.agreements.common import (
    parties_for,
    read_pk_settings,
    scope_budget,
    scope_indicators,
)
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    AgreementBudget,
    AgreementTarget,
    EvaluationMeeting,
    FollowUp,
    Indicator,
    MeetingDiscussion,
    MeetingParticipant,
    PerformanceAgreement,
    Person,
    RoleAssignment,
    YearlyTarget,
)

NOW = dt.datetime(2025, 1, 20, 3, 0)


def make_pk(db: Database, year: int = 2025, unit_id: int | None = None, *, status: str = "FINAL") -> int:
    """A PK of `year` for the office (or a unit) with its scope's indicators, targets and budget."""
    day = dt.date(year, 1, 15)
    with db.transaction() as s:
        first, second = parties_for(s, unit_id, day)
        if unit_id is None and not second.name:
            second = type(second)(name="H. Bambang Sutrisno, S.H., M.H.", title=second.title)
        row = PerformanceAgreement(
            year=year,
            unit_id=unit_id,
            version=1,
            kind="MURNI",
            status=status,
            statement_text=read_pk_settings(s).statement_text,
            place="Contoh",
            signed_on=day,
            created_by="Kasubag",
            created_at=NOW,
            document_number="000.8/12/Kec.Contoh/2025",
            **{f"first_party_{k}": getattr(first, k) for k in ("name", "title", "rank", "nip")},
            **{f"second_party_{k}": getattr(second, k) for k in ("name", "title", "rank", "nip")},
        )
        s.add(row)
        s.flush()
        for n, indicator in enumerate(scope_indicators(s, year, unit_id)):
            target = s.scalars(
                select(YearlyTarget).where(YearlyTarget.indicator_id == indicator.id, YearlyTarget.year == year)
            ).first()
            value = target.value if target is not None else Decimal(100)
            s.add(AgreementTarget(agreement_id=row.id, indicator_id=indicator.id, value=value, sort_order=n))
        for n, line in enumerate(scope_budget(s, year, unit_id)):
            s.add(
                AgreementBudget(
                    agreement_id=row.id,
                    code=line.code,
                    name=line.name,
                    amount=line.amount,
                    note=line.note,
                    sort_order=n,
                )
            )
        return row.id


def person_id(db: Database, role: str) -> int:
    """The first person holding `role`."""
    with db.reading() as s:
        return s.scalars(
            select(Person.id)
            .join(RoleAssignment, RoleAssignment.person_id == Person.id)
            .where(RoleAssignment.role == role)
        ).first()


def make_meeting(db: Database, year: int = 2025, quarter: int = 2) -> int:
    """A final evaluation meeting for TW `quarter` with participants, discussions and follow-ups."""
    chair, notulis = person_id(db, "CAMAT"), person_id(db, "KASUBAG_PERENCANAAN")
    with db.transaction() as s:
        meeting = EvaluationMeeting(
            year=year,
            period_kind="QUARTER",
            period_no=quarter,
            held_on=dt.date(year, 7, 10),
            time_text="09.00 WIB s.d. selesai",
            place="Aula Kantor Kecamatan Contoh",
            basis="Peraturan Bupati Contoh tentang Pedoman Evaluasi Kinerja Perangkat Daerah",
            summary="Capaian kinerja triwulan ini umumnya baik; dua indikator perlu percepatan.",
            chair_person_id=chair,
            note_taker_person_id=notulis,
            status="FINAL",
            created_by="Kasubag",
            created_at=NOW,
        )
        s.add(meeting)
        s.flush()
        people = s.scalars(select(Person).where(Person.active_to.is_(None)).order_by(Person.id)).all()
        for n, p in enumerate(people[:9]):
            s.add(
                MeetingParticipant(
                    meeting_id=meeting.id, person_id=p.id, name=p.name, title=p.position, present=n != 4, sort_order=n
                )
            )
        indicators = s.scalars(select(Indicator).order_by(Indicator.code)).all()[:3]
        for i in indicators:
            s.add(
                MeetingDiscussion(
                    meeting_id=meeting.id,
                    indicator_id=i.id,
                    discussion=f"Realisasi {i.name} dibahas bersama seksi penanggung jawab.",
                    problems="Data dari desa terlambat masuk." if i is indicators[0] else "",
                )
            )
            s.add(
                FollowUp(
                    meeting_id=meeting.id,
                    indicator_id=i.id,
                    action=f"Percepat pengumpulan data {i.name}.",
                    responsible_person_id=notulis,
                    due_on=dt.date(year, 9, 30),
                    created_by="Kasubag",
                    created_at=NOW,
                )
            )
        return meeting.id
