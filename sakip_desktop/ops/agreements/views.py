"""Read views of the Perjanjian Kinerja (PK): the PKs of a year, one PK with its two lampiran tables, the
versions of a PK, the checks before a PK is final, and the office's PK settings.

The PK document (lembar pernyataan + lampiran) is printed from `get_agreement`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.ops.agreements.checks import agreement_problems
from sakip_desktop.ops.agreements.common import (
    REASONS,
    Kind,
    Party,
    PkSettings,
    Status,
    get_agreement_row,
    pk_units,
    plain_number,
    read_pk_settings,
    scale_levels,
    scope_name,
    target_text,
)
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    AgreementBudget,
    AgreementTarget,
    Indicator,
    Objective,
    PerformanceAgreement,
)


@dataclass(frozen=True)
class AgreementSummary:
    """One PK version in a list; `agreement_id` None for a scope that has no PK for the year yet."""

    agreement_id: int | None
    year: int
    unit_id: int | None  # None: the office's PK (Camat with the Bupati)
    scope: str  # 'Kecamatan Contoh' / 'Seksi Pemerintahan'
    first_party: str
    version: int
    kind: Kind | None
    status: Status | None
    document_number: str
    signed_on: dt.date | None
    target_count: int
    reason_code: str = ""

    @property
    def kind_label(self) -> str:
        """'PK Murni' / 'PK Perubahan' / '—'."""
        return self.kind.label if self.kind else "—"

    @property
    def status_label(self) -> str:
        """'Draf' / 'Ditetapkan' / 'Diganti perubahan' / 'Belum dibuat'."""
        return self.status.label if self.status else "Belum dibuat"


@dataclass(frozen=True)
class TargetLine:
    """A row of lampiran table 1: sasaran, indicator and its target (with satuan)."""

    no: int
    objective_code: str
    objective: str  # the sasaran statement
    indicator_id: int
    indicator_code: str
    indicator: str
    is_key: bool
    satuan: str
    value: Decimal
    value_high: Decimal | None
    target: str  # '70 nilai', '95%', '80–90%'
    figure: str = ""  # the target without its satuan, for a table with a Satuan column: '70', '80–90', 'Baik'
    qualitative: bool = False  # the target is a level of a qualitative scale (no satuan)


@dataclass(frozen=True)
class BudgetLineView:
    """A row of lampiran table 2: program (office) or sub kegiatan (unit) with its anggaran."""

    no: int
    code: str
    name: str
    amount: int
    note: str


@dataclass(frozen=True)
class AgreementDetail:
    """One PK version with everything the screen and the printed document need."""

    id: int
    year: int
    unit_id: int | None
    scope: str
    version: int
    kind: Kind
    status: Status
    reason_code: str
    reason: str
    document_number: str
    first_party: Party
    second_party: Party
    statement_text: str  # paragraphs split by an empty line; the first goes above the parties
    place: str
    signed_on: dt.date | None
    created_by: str
    created_at: dt.datetime
    finalised_by: str
    finalised_at: dt.datetime | None
    targets: tuple[TargetLine, ...]
    budget: tuple[BudgetLineView, ...]

    @property
    def title(self) -> str:
        """'PERJANJIAN KINERJA TAHUN 2025' or 'PERJANJIAN KINERJA PERUBAHAN TAHUN 2025'."""
        middle = " PERUBAHAN" if self.kind is Kind.PERUBAHAN else ""
        return f"PERJANJIAN KINERJA{middle} TAHUN {self.year}"

    @property
    def reason_label(self) -> str:
        """The ground of a PK Perubahan ('' for a PK Murni)."""
        return REASONS.get(self.reason_code, "")

    @property
    def budget_total(self) -> int:
        """The 'Jumlah' of table 2."""
        return sum(b.amount for b in self.budget)

    @property
    def editable(self) -> bool:
        """Only a draft can be changed."""
        return self.status is Status.DRAFT

    @property
    def paragraphs(self) -> list[str]:
        """The statement's paragraphs."""
        return [p.strip() for p in self.statement_text.split("\n\n") if p.strip()]


def _summary(row: PerformanceAgreement, scope: str, count: int) -> AgreementSummary:
    return AgreementSummary(
        agreement_id=row.id,
        year=row.year,
        unit_id=row.unit_id,
        scope=scope,
        first_party=row.first_party_name,
        version=row.version,
        kind=Kind(row.kind),
        status=Status(row.status),
        document_number=row.document_number,
        signed_on=row.signed_on,
        target_count=count,
        reason_code=row.reason_code,
    )


def _counts(session: Session, ids: list[int]) -> dict[int, int]:
    return dict(
        session.execute(
            select(AgreementTarget.agreement_id, func.count())
            .where(AgreementTarget.agreement_id.in_(ids))
            .group_by(AgreementTarget.agreement_id)
        ).all()
    )


def list_agreements(db: Database, year: int) -> list[AgreementSummary]:
    """The PKs of a year: the office's first, then the Sekretariat and each Seksi; the latest version of each
    (a scope without a PK yet appears with `agreement_id` None)."""
    with db.reading() as s:
        rows = s.scalars(
            select(PerformanceAgreement).where(PerformanceAgreement.year == year).order_by(PerformanceAgreement.version)
        ).all()
        latest: dict[int | None, PerformanceAgreement] = {}
        for row in rows:
            latest[row.unit_id] = row
        counts = _counts(s, [r.id for r in latest.values()])
        scopes: list[tuple[int | None, str]] = [(None, scope_name(s, None))]
        scopes += [(u.id, u.name) for u in pk_units(s)]
        known = {uid for uid, _ in scopes}
        scopes += [(uid, scope_name(s, uid)) for uid in latest if uid not in known]  # a unit whose kind changed
        out = []
        for uid, name in scopes:
            pk = latest.get(uid)
            if pk is None:
                out.append(AgreementSummary(None, year, uid, name, "", 0, None, None, "", None, 0))
            else:
                out.append(_summary(pk, name, counts.get(pk.id, 0)))
        return out


def agreement_versions(db: Database, year: int, unit_id: int | None) -> list[AgreementSummary]:
    """Every version of the PK of a year for the office (unit_id None) or a unit, newest first."""
    with db.reading() as s:
        query = select(PerformanceAgreement).where(PerformanceAgreement.year == year)
        query = query.where(
            PerformanceAgreement.unit_id.is_(None) if unit_id is None else PerformanceAgreement.unit_id == unit_id
        )
        rows = s.scalars(query.order_by(PerformanceAgreement.version.desc())).all()
        counts = _counts(s, [r.id for r in rows])
        name = scope_name(s, unit_id)
        return [_summary(r, name, counts.get(r.id, 0)) for r in rows]


def _party(row: PerformanceAgreement, which: str) -> Party:
    return Party(
        name=getattr(row, f"{which}_party_name"),
        title=getattr(row, f"{which}_party_title"),
        rank=getattr(row, f"{which}_party_rank"),
        nip=getattr(row, f"{which}_party_nip"),
        person_id=getattr(row, f"{which}_party_person_id"),
    )


def read_agreement(session: Session, agreement_id: int) -> AgreementDetail:
    """`get_agreement` inside an open session."""
    row = get_agreement_row(session, agreement_id)
    target_rows = session.execute(
        select(AgreementTarget, Indicator, Objective)
        .join(Indicator, Indicator.id == AgreementTarget.indicator_id)
        .join(Objective, Objective.id == Indicator.objective_id)
        .where(AgreementTarget.agreement_id == row.id)
        .order_by(AgreementTarget.sort_order, Indicator.code)
    ).all()
    targets = tuple(
        TargetLine(
            no=n,
            objective_code=o.code,
            objective=o.statement,
            indicator_id=i.id,
            indicator_code=i.code,
            indicator=i.name,
            is_key=i.is_key,
            satuan=i.unit,
            value=t.value,
            value_high=t.value_high,
            target=target_text(t.value, t.value_high, i.unit, levels := scale_levels(session, i.scale_id)),
            figure=target_text(t.value, t.value_high, "", levels),
            qualitative=bool(levels),
        )
        for n, (t, i, o) in enumerate(target_rows, start=1)
    )
    budget_rows = session.scalars(
        select(AgreementBudget).where(AgreementBudget.agreement_id == row.id).order_by(AgreementBudget.sort_order)
    ).all()
    budget = tuple(BudgetLineView(n, b.code, b.name, b.amount, b.note) for n, b in enumerate(budget_rows, start=1))
    return AgreementDetail(
        id=row.id,
        year=row.year,
        unit_id=row.unit_id,
        scope=scope_name(session, row.unit_id),
        version=row.version,
        kind=Kind(row.kind),
        status=Status(row.status),
        reason_code=row.reason_code,
        reason=row.reason,
        document_number=row.document_number,
        first_party=_party(row, "first"),
        second_party=_party(row, "second"),
        statement_text=row.statement_text,
        place=row.place,
        signed_on=row.signed_on,
        created_by=row.created_by,
        created_at=row.created_at,
        finalised_by=row.finalised_by,
        finalised_at=row.finalised_at,
        targets=targets,
        budget=budget,
    )


def get_agreement(db: Database, agreement_id: int) -> AgreementDetail:
    """One PK version with its targets (lampiran table 1) and budget lines (table 2)."""
    with db.reading() as s:
        return read_agreement(s, agreement_id)


def pk_settings(db: Database) -> PkSettings:
    """The office's PK settings (statement text, the Bupati as pihak kedua of the office's PK)."""
    with db.reading() as s:
        return read_pk_settings(s)


def format_target(value: Decimal, high: Decimal | None, satuan: str) -> str:
    """A numeric target with its satuan, as the PK prints it ('80–90%')."""
    return target_text(value, high, satuan)


__all__ = [
    "AgreementDetail",
    "AgreementSummary",
    "BudgetLineView",
    "TargetLine",
    "agreement_problems",
    "agreement_versions",
    "format_target",
    "get_agreement",
    "list_agreements",
    "pk_settings",
    "plain_number",
]
