"""What the office's own records say about a year, gathered once for the LKE rules (`ops.lke.rules`).

Read-only. Every figure is plain data (counts, dates, shares' parts), so each rule is a pure function of `Facts`
and a test can state the facts it needs. Quarters count only once they have ended (`quarters_due`): an
assessment made in October asks for TW I–III, one made after the year for all four.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.errors import NotFound
from sakip_desktop.ops.lhe.reads import follow_up_share
from sakip_desktop.ops.lkj.data import lkj_data
from sakip_desktop.ops.lkj.sections import signed_info
from sakip_desktop.ops.monitoring.minutes import team_decree
from sakip_desktop.ops.pack.checklist import checklist
from sakip_desktop.ops.sop.compliance import StepCompliance, compliance
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

REPORTING_SOP_WORDS = ("pelaporan", "laporan", "pengukuran")
COLLECTING_SOP_WORDS = ("pengumpulan data",)
EVALUATING_SOP_WORDS = ("evaluasi", "pemantauan")
PUBLISHED_ON_TIME = ("DIUNGGAH", "DITERIMA")


@dataclass(frozen=True)
class Part:
    """A share: how many of how many (e.g. IKU with a definition)."""

    have: int
    of: int

    @property
    def share(self) -> Decimal | None:
        """have / of as a percent, None when there is nothing to count."""
        return None if self.of == 0 else Decimal(self.have) * 100 / Decimal(self.of)


@dataclass(frozen=True)
class SopFacts:
    """SOPs of one kind: names of the active ones, finished step visits and how many took longer than standard."""

    active: tuple[str, ...]
    visits: int
    over_standard: int


@dataclass(frozen=True)
class Facts:
    """Everything the rules read for one year."""

    year: int
    today: dt.date
    quarters_due: tuple[int, ...]
    dpa_date: dt.date | None
    plan: str  # the name of the Renstra covering the year, '' when none
    indicators: int
    iku: Part  # IKU with definition, formula and data source filled in
    iku_count: int
    yearly_targets: Part
    renstra_targets: Part
    quarter_targets: Part  # indicators with all four quarterly targets
    benchmarks: Part
    office_pk_signed_on: dt.date | None  # the office PK (Murni) of the year, when it is final
    pk_revisions: tuple[str, ...]  # reasons of the final PK Perubahan of the year
    unit_pks: Part  # units (Sekretariat, Subbagian, Seksi) with a final PK of the year
    pk_budget_lines: int
    entered: Part  # realisasi entered for the quarters due
    approved: Part  # of those entered, approved by the Camat
    with_evidence: Part  # of those entered, with bukti dukung
    with_narrative: Part  # of those entered, with faktor pendukung/penghambat
    verified_checks: Part  # of those approved, with the Sekretaris' verification checklist
    units_entering: Part  # units responsible for an indicator that entered realisasi themselves
    reporting_sops: SopFacts
    collecting_sops: SopFacts
    evaluating_sops: SopFacts
    collecting_runs: Part  # quarters due with a finished run of a data-collection SOP
    meetings: Part  # quarters due with a final evaluation meeting (berita acara)
    meetings_final: int
    meeting_participants: int
    meeting_discussions: int
    follow_ups: Part  # tindak lanjut due by today closed on or before their deadline
    recommendations: Part  # accepted monitoring recommendations whose follow-ups are all done
    recommendations_decided: Part  # recommendations of the year decided by the Camat
    reviews: Part  # quarters due with a telaah of the Tim SAKIP
    triwulan_printed: Part  # quarters due with a printed Laporan Kinerja Triwulan
    e81_printed: Part  # quarters due with a printed Formulir E.81
    lkj_printed: bool
    lkj_signed_on: dt.date | None
    published: Part  # PK, IKU, Rencana Aksi of the year uploaded by their deadline
    lkj_published: bool | None  # None: the deadline has not come
    team_decree: str
    lkj_target_actual: Part
    lkj_renstra: Part
    lkj_history: Part
    lkj_causes: Part
    lkj_efficiency: Part  # sasaran with a budget line (pagu and realisasi: efisiensi)
    achievement: Decimal | None  # the office's mean capaian of the year
    lhe_follow_up: Part  # rekomendasi of the LHE of the year before, closed on time
    lhe_scores: tuple[tuple[int, Decimal], ...]  # (year evaluated, AKIP score) of the Inspektorat, oldest first


def quarters_ended(year: int, today: dt.date) -> tuple[int, ...]:
    """The quarters of `year` that have ended by `today`."""
    return tuple(q for q in (1, 2, 3, 4) if dt.date(year + (q == 4), q * 3 % 12 + 1, 1) <= today)


def gather_facts(db: Database, year: int, today: dt.date, dpa_date: dt.date | None = None) -> Facts:
    """The facts of `year` as of `today`."""
    due = quarters_ended(year, today)
    with db.reading() as s:
        planning = _planning(s, year)
        pk = _agreements(s, year)
        work = _realisations(s, year, due)
        monitoring = _monitoring(s, year, today, due)
        printed = _printed(s, year, due)
    lkj = _lkj(db, year, today)
    return Facts(
        year=year,
        today=today,
        quarters_due=due,
        dpa_date=dpa_date,
        **planning,
        **pk,
        **work,
        **monitoring,
        **printed,
        **lkj,
        **_sops(db, year, due),
        **_pack(db, year, today),
        **_lhe(db, year),
        team_decree=team_decree(db),
    )


def _planning(s: Session, year: int) -> dict[str, Any]:
    plans = s.scalars(
        select(m.StrategicPlan).where(m.StrategicPlan.start_year <= year, m.StrategicPlan.end_year >= year)
    ).all()
    indicators = s.scalars(select(m.Indicator)).all()
    iku = [i for i in indicators if i.is_key]
    yearly = dict(
        s.execute(select(m.YearlyTarget.indicator_id, m.YearlyTarget.id).where(m.YearlyTarget.year == year)).all()
    )
    quarters = dict(
        s.execute(
            select(m.QuarterlyTarget.yearly_target_id, func.count(m.QuarterlyTarget.id)).group_by(
                m.QuarterlyTarget.yearly_target_id
            )
        ).all()
    )
    renstra = set(s.scalars(select(m.RenstraTarget.indicator_id).where(m.RenstraTarget.year == year)))
    n = len(indicators)
    return {
        "plan": plans[0].name if plans else "",
        "indicators": n,
        "iku_count": len(iku),
        "iku": Part(
            sum(1 for i in iku if i.definition.strip() and i.formula.strip() and i.data_source.strip()), len(iku)
        ),
        "yearly_targets": Part(sum(1 for i in indicators if i.id in yearly), n),
        "renstra_targets": Part(sum(1 for i in indicators if i.id in renstra), n),
        "quarter_targets": Part(sum(1 for i in indicators if quarters.get(yearly.get(i.id, -1), 0) >= 4), n),
        "benchmarks": Part(sum(1 for i in indicators if i.benchmark.strip()), n),
    }


def _agreements(s: Session, year: int) -> dict[str, Any]:
    rows = s.scalars(select(m.PerformanceAgreement).where(m.PerformanceAgreement.year == year)).all()
    final = [p for p in rows if p.status in ("FINAL", "SUPERSEDED")]
    office = [p for p in final if p.unit_id is None and p.kind == "MURNI"]
    units = s.scalars(select(m.Unit.id).where(m.Unit.kind != "PIMPINAN")).all()
    with_pk = {p.unit_id for p in final if p.unit_id is not None}
    office_ids = [p.id for p in final if p.unit_id is None]
    lines = s.scalar(select(func.count(m.AgreementBudget.id)).where(m.AgreementBudget.agreement_id.in_(office_ids)))
    return {
        "office_pk_signed_on": min((p.signed_on for p in office if p.signed_on), default=None),
        "pk_revisions": tuple(p.reason for p in final if p.kind == "PERUBAHAN" and p.reason.strip()),
        "unit_pks": Part(sum(1 for u in units if u in with_pk), len(units)),
        "pk_budget_lines": int(lines or 0),
    }


def _realisations(s: Session, year: int, due: tuple[int, ...]) -> dict[str, Any]:
    indicators = s.execute(select(m.Indicator.id, m.Indicator.responsible_unit_id)).all()
    rows = s.scalars(select(m.Realisation).where(m.Realisation.year == year, m.Realisation.quarter.in_(due))).all()
    entered = [r for r in rows if r.value is not None and r.status != "DRAFT"]
    approved = [r for r in entered if r.status == "APPROVED"]
    ids = [r.id for r in entered]
    evidenced = set(
        s.scalars(select(m.RealisationEvidence.realisation_id).where(m.RealisationEvidence.realisation_id.in_(ids)))
    )
    checked = set(
        s.scalars(select(m.VerificationCheck.realisation_id).where(m.VerificationCheck.realisation_id.in_(ids)))
    )
    people_units = dict(s.execute(select(m.Person.id, m.Person.unit_id)).all())
    unit_of = dict(indicators)
    responsible = {u for _, u in indicators if u is not None}
    self_entered = {
        unit_of.get(r.indicator_id)
        for r in entered
        if people_units.get(r.entered_by_id or -1) == unit_of.get(r.indicator_id)
    }
    expected = len(indicators) * len(due)
    return {
        "entered": Part(len(entered), expected),
        "approved": Part(len(approved), len(entered)),
        "with_evidence": Part(sum(1 for r in entered if r.id in evidenced), len(entered)),
        "with_narrative": Part(
            sum(1 for r in entered if r.supporting_factors.strip() or r.inhibiting_factors.strip()), len(entered)
        ),
        "verified_checks": Part(sum(1 for r in approved if r.id in checked), len(approved)),
        "units_entering": Part(len(self_entered & responsible), len(responsible)),
    }


def _monitoring(s: Session, year: int, today: dt.date, due: tuple[int, ...]) -> dict[str, Any]:
    meetings = s.scalars(
        select(m.EvaluationMeeting).where(m.EvaluationMeeting.year == year, m.EvaluationMeeting.status == "FINAL")
    ).all()
    quarters = {x.period_no for x in meetings if x.period_kind == "QUARTER"}
    ids = [x.id for x in meetings]
    present = s.scalar(
        select(func.count(m.MeetingParticipant.id)).where(
            m.MeetingParticipant.meeting_id.in_(ids), m.MeetingParticipant.present
        )
    )
    talks = s.scalar(select(func.count(m.MeetingDiscussion.id)).where(m.MeetingDiscussion.meeting_id.in_(ids)))
    follow = s.scalars(
        select(m.FollowUp).where(
            m.FollowUp.lhe_recommendation_id.is_(None),
            m.FollowUp.due_on >= dt.date(year, 1, 1),
            m.FollowUp.due_on <= min(today, dt.date(year, 12, 31)),
        )
    ).all()
    on_time = sum(1 for f in follow if f.status == "DONE" and f.done_at and f.done_at.date() <= f.due_on)
    recs = s.scalars(select(m.Recommendation).where(m.Recommendation.year == year)).all()
    accepted = [r.id for r in recs if r.status == "ACCEPTED"]
    rec_follow = s.execute(
        select(m.FollowUp.recommendation_id, m.FollowUp.status).where(m.FollowUp.recommendation_id.in_(accepted))
    ).all()
    done = {
        r
        for r in accepted
        if rec_follow
        and all(st == "DONE" for rid, st in rec_follow if rid == r)
        and any(rid == r for rid, _ in rec_follow)
    }
    reviewed = set(s.scalars(select(m.MonitoringReview.quarter).where(m.MonitoringReview.year == year)))
    return {
        "meetings": Part(sum(1 for q in due if q in quarters), len(due)),
        "meetings_final": len(meetings),
        "meeting_participants": int(present or 0),
        "meeting_discussions": int(talks or 0),
        "follow_ups": Part(on_time, len(follow)),
        "recommendations": Part(len(done), len(accepted)),
        "recommendations_decided": Part(sum(1 for r in recs if r.status != "PROPOSED"), len(recs)),
        "reviews": Part(sum(1 for q in due if q in reviewed), len(due)),
    }


def _printed(s: Session, year: int, due: tuple[int, ...]) -> dict[str, Any]:
    rows = s.execute(select(m.DocumentRecord.kind, m.DocumentRecord.quarter).where(m.DocumentRecord.year == year))
    seen = {(kind, quarter) for kind, quarter in rows}
    return {
        "triwulan_printed": Part(sum(1 for q in due if ("triwulan", q) in seen), len(due)),
        "e81_printed": Part(sum(1 for q in due if ("e81", q) in seen), len(due)),
        "lkj_printed": any(kind == "lkj" for kind, _ in seen),
    }


def _sop_kind(rows: list[StepCompliance], words: tuple[str, ...]) -> SopFacts:
    names = tuple(sorted({r.sop_name for r in rows if any(w in r.sop_name.casefold() for w in words)}))
    measured = [r for r in rows if r.sop_name in names]
    return SopFacts(names, sum(r.count for r in measured), sum(r.over_standard for r in measured))


def _sops(db: Database, year: int, due: tuple[int, ...]) -> dict[str, Any]:
    with db.reading() as s:
        active = {x.id: x.name for x in s.scalars(select(m.Sop).where(m.Sop.active))}
        runs = s.execute(
            select(m.Sop.name, m.SopRun.quarter)
            .join(m.SopVersion, m.SopVersion.sop_id == m.Sop.id)
            .join(m.SopRun, m.SopRun.sop_version_id == m.SopVersion.id)
            .where(m.SopRun.year == year, m.SopRun.status == "DONE")
        ).all()
    rows = [r for r in compliance(db) if r.sop_id in active]
    collected = {q for name, q in runs if any(w in name.casefold() for w in COLLECTING_SOP_WORDS)}
    return {
        "reporting_sops": _sop_kind(rows, REPORTING_SOP_WORDS),
        "collecting_sops": _sop_kind(rows, COLLECTING_SOP_WORDS),
        "evaluating_sops": _sop_kind(rows, EVALUATING_SOP_WORDS),
        "collecting_runs": Part(sum(1 for q in due if q in collected), len(due)),
    }


def _pack(db: Database, year: int, today: dt.date) -> dict[str, Any]:
    rows = {(r.item.code, r.quarter): r for r in checklist(db, year, today)}
    planning = [rows[(code, 0)] for code in ("pk", "iku", "renaksi") if (code, 0) in rows]
    ok = [r for r in planning if r.status in PUBLISHED_ON_TIME and r.uploaded_on and r.uploaded_on <= r.deadline]
    lkj = rows.get(("lkj", 0))
    lkj_ok: bool | None = None
    if lkj is not None and (lkj.status in PUBLISHED_ON_TIME or today > lkj.deadline):
        lkj_ok = bool(lkj.status in PUBLISHED_ON_TIME and lkj.uploaded_on and lkj.uploaded_on <= lkj.deadline)
    return {"published": Part(len(ok), len(planning)), "lkj_published": lkj_ok}


def _lkj(db: Database, year: int, today: dt.date) -> dict[str, Any]:
    try:
        data = lkj_data(db, year, today=today)
    except NotFound:  # no indicator has a target that year: the LKj has nothing to show
        none = Part(0, 0)
        return {
            "lkj_target_actual": none,
            "lkj_renstra": none,
            "lkj_history": none,
            "lkj_causes": none,
            "lkj_efficiency": none,
            "achievement": None,
            "lkj_signed_on": None,
        }
    rows = data.indicators
    n = len(rows)
    signed = signed_info(db, year)
    return {
        "lkj_target_actual": Part(sum(1 for i in rows if i.target is not None and i.actual is not None), n),
        "lkj_renstra": Part(sum(1 for i in rows if i.renstra_final_target is not None and i.actual is not None), n),
        "lkj_history": Part(sum(1 for i in rows if any(p.actual is not None for p in i.history)), n),
        "lkj_causes": Part(sum(1 for i in rows if any(c.supporting or c.inhibiting for c in i.causes)), n),
        "lkj_efficiency": Part(sum(1 for x in data.sasaran if x.budget is not None), len(data.sasaran)),
        "achievement": data.achievement,
        "lkj_signed_on": signed.signed_on if signed else None,
    }


def _lhe(db: Database, year: int) -> dict[str, Any]:
    share = follow_up_share(db, year - 1)
    with db.reading() as s:
        scores = s.execute(
            select(m.Lhe.year, m.Lhe.score)
            .where(m.Lhe.evaluator == "INSPEKTORAT", m.Lhe.year < year)
            .order_by(m.Lhe.year)
        ).all()
    return {
        "lhe_follow_up": Part(share.closed_on_time, share.recommendations),
        "lhe_scores": tuple((y, Decimal(str(sc).replace(",", "."))) for y, sc in scores if str(sc).strip()),
    }
