"""The one read of a year's self-assessment: the template, every criterion with the program's proposal, the
person's answer and evidence, and the projected score with its predikat and gap list.

The projection counts the person's answer where he gave one and the program's current proposal elsewhere (a
criterion with neither counts 0), so an office sees at once where the records already place it. A proposal is
fitted to the criterion's scale in the template (a kabupaten template may answer a criterion Y/T where 88/2021
answers AA–E): the best answer of that scale whose value does not exceed the proposal's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.ops.base import utcnow
from sakip_desktop.ops.lke.facts import Facts, gather_facts
from sakip_desktop.ops.lke.proposal import Proposal, Rule
from sakip_desktop.ops.lke.rules import RULES
from sakip_desktop.ops.lke.score import Score, score
from sakip_desktop.ops.lke.store import carried_template, template_in
from sakip_desktop.ops.lke.template import Criterion, Template, shipped_template
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

# The value of each answer of the 88/2021 scale, which the rules answer in.
STANDARD = {"AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0, "Y": 100, "T": 0}
DECISION_LABELS = {
    "": "Belum diputuskan",
    "ACCEPTED": "Usulan diterima",
    "OVERRIDDEN": "Diubah (beralasan)",
    "MANUAL": "Dijawab sendiri",
}


@dataclass(frozen=True)
class EvidenceLink:
    """A piece of evidence linked to a criterion."""

    id: int
    source: str
    ref_id: int | None
    filename: str
    size: int
    added_by: str
    added_at: dt.datetime


@dataclass(frozen=True)
class Line:
    """One criterion of the year: the proposal now, the answer decided (if any) and the evidence."""

    criterion: Criterion
    component: str
    subcomponent: str
    rule: Rule | None
    proposal: Proposal | None
    answer: str
    decision: str
    proposed_then: str
    override_reason: str
    justification: str
    evidence: tuple[EvidenceLink, ...]

    @property
    def effective(self) -> str:
        """The answer the projection counts: the person's, else the proposal, else ''."""
        if self.decision:
            return self.answer
        return self.proposal.answer if self.proposal else ""


@dataclass(frozen=True)
class LkeView:
    """A year's self-assessment (or, before it is started, what the shipped template would show)."""

    year: int
    assessment_id: int | None
    template_id: int | None
    template: Template
    status: str
    signed_by: str
    signed_at: dt.datetime | None
    dpa_date: dt.date | None
    lines: tuple[Line, ...]
    score: Score

    @property
    def proposed(self) -> int:
        """Criteria with a proposal from the records."""
        return sum(1 for x in self.lines if x.proposal and x.proposal.answer)

    @property
    def signed(self) -> bool:
        """True once the Camat signed it."""
        return self.status == "SIGNED"

    def line(self, code: str) -> Line:
        """The line of criterion `code`."""
        return next(x for x in self.lines if x.criterion.code == code)


def fit(template: Template, kind: str, code: str) -> str:
    """The answer of `kind` in `template` that stands for the rule's answer `code`."""
    answers = template.answers(kind)
    if not answers or code not in STANDARD:
        return ""
    value = STANDARD[code]
    return next((a.code for a in answers if a.value <= value), answers[-1].code)


def proposals(template: Template, facts: Facts) -> dict[str, tuple[Rule, Proposal]]:
    """The proposal of every rule whose criterion the template has, fitted to the criterion's scale."""
    kinds = {c.code: c.kind for c in template.criteria}
    out = {}
    for rule in RULES:
        if rule.criterion not in kinds:
            continue
        p = rule.decide(facts)
        out[rule.criterion] = (
            rule,
            Proposal(fit(template, kinds[rule.criterion], p.answer) if p.answer else "", p.reason, p.change),
        )
    return out


def lke_view(db: Database, year: int, *, today: dt.date | None = None) -> LkeView:
    """The self-assessment of `year` as of `today` (default: today, UTC)."""
    today = today or utcnow().date()
    with db.reading() as s:
        row = s.scalar(select(m.LkeAssessment).where(m.LkeAssessment.year == year))
        carried = None if row else carried_template(s, year)
        template = (
            template_in(s, row.template_id) if row else template_in(s, carried) if carried else shipped_template()
        )
        stored: dict[str, m.LkeAnswer] = {}
        evidence: dict[int, list[EvidenceLink]] = {}
        if row is not None:
            q = (
                select(m.LkeCriterion.code, m.LkeAnswer)
                .join(m.LkeAnswer, m.LkeAnswer.criterion_id == m.LkeCriterion.id)
                .where(m.LkeAnswer.assessment_id == row.id)
            )
            stored = {code: a for code, a in s.execute(q)}
            ids = [a.id for a in stored.values()]
            for e in s.scalars(
                select(m.LkeEvidence).where(m.LkeEvidence.answer_id.in_(ids)).order_by(m.LkeEvidence.id)
            ):
                evidence.setdefault(e.answer_id, []).append(
                    EvidenceLink(e.id, e.source, e.ref_id, e.filename, e.size, e.added_by, e.added_at)
                )
        head = (
            (row.id, row.template_id, row.status, row.signed_by, row.signed_at, row.dpa_date)
            if row
            else (None, None, "", "", None, None)
        )
        s.expunge_all()
    found = proposals(template, gather_facts(db, year, today, head[5]))
    lines = []
    for comp in template.components:
        for sub in comp.subcomponents:
            for c in sub.criteria:
                a = stored.get(c.code)
                rule, proposal = found.get(c.code, (None, None))
                lines.append(
                    Line(
                        c,
                        comp.code,
                        sub.code,
                        rule,
                        proposal,
                        a.answer if a else "",
                        a.decision if a else "",
                        a.proposed if a else "",
                        a.override_reason if a else "",
                        a.justification if a else "",
                        tuple(evidence.get(a.id, ())) if a else (),
                    )
                )
    answers = {x.criterion.code: x.effective for x in lines}
    return LkeView(
        year, head[0], head[1], template, head[2], head[3], head[4], head[5], tuple(lines), score(template, answers)
    )


def evidence_choices(db: Database, year: int) -> list[tuple[str, int, str]]:
    """What can be linked as evidence for `year`: (source, id, label) of printed documents, bukti dukung of
    realisasi, bukti of tindak lanjut and files of the submission pack."""
    with db.reading() as s:
        out = [
            ("DOKUMEN", i, f"Dokumen: {t} versi {v}")
            for i, t, v in s.execute(
                select(m.DocumentRecord.id, m.DocumentRecord.title, m.DocumentRecord.version)
                .where(m.DocumentRecord.year == year)
                .order_by(m.DocumentRecord.id)
            )
        ]
        out += [
            ("BUKTI", i, f"Bukti dukung {code} TW {q}: {name}")
            for i, name, code, q in s.execute(
                select(
                    m.RealisationEvidence.id, m.RealisationEvidence.filename, m.Indicator.code, m.Realisation.quarter
                )
                .join(m.Realisation, m.Realisation.id == m.RealisationEvidence.realisation_id)
                .join(m.Indicator, m.Indicator.id == m.Realisation.indicator_id)
                .where(m.Realisation.year == year)
                .order_by(m.Indicator.code, m.Realisation.quarter)
            )
        ]
        out += [
            ("BUKTI_TL", i, f"Bukti tindak lanjut: {name}")
            for i, name in s.execute(
                select(m.FollowUpEvidence.id, m.FollowUpEvidence.filename).order_by(m.FollowUpEvidence.id)
            )
        ]
        out += [
            ("PAKET", i, f"Paket Kabupaten: {name}")
            for i, name in s.execute(
                select(m.PackFile.id, m.PackFile.filename)
                .join(m.PackItem, m.PackItem.id == m.PackFile.item_id)
                .where(m.PackItem.year == year)
                .order_by(m.PackFile.id)
            )
        ]
    return out


def attached_file(db: Database, evidence_id: int) -> tuple[str, bytes]:
    """The name and bytes of a file attached to a criterion (checked against its checksum)."""
    from sakip_desktop.errors import NotFound
    from sakip_desktop.ops.realisation.evidence import verified_bytes

    with db.reading() as s:
        row = s.get(m.LkeEvidence, evidence_id)
        if row is None or row.data is None:
            raise NotFound("Berkas bukti itu tidak ditemukan.")
        return row.filename, verified_bytes(row.filename, row.data, row.sha256)
