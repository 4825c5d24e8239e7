"""Writes of the yearly self-assessment (penilaian mandiri LKE): start it on a template with the DPA date, answer a
criterion (accept the program's proposal, or override it with a reason), link evidence, and the Camat's signature
that locks the year (lifted again only with a reason).

An answer keeps the proposal it was decided against (answer, reason, rule), so the record says what the program
proposed and whether the person accepted or overrode it. The first answer of a year starts the assessment on the
shipped PermenPAN-RB 88/2021 template when none was started yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.ops.lke.store import carried_template, ensure_shipped, template_in
from sakip_desktop.ops.realisation.evidence import check_evidence
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

DRAFT, SIGNED = "DRAFT", "SIGNED"
ACCEPTED, OVERRIDDEN, MANUAL = "ACCEPTED", "OVERRIDDEN", "MANUAL"
_ASSESSMENT_FIELDS = ("year", "template_id", "dpa_date", "status", "signed_by", "signed_at")
_ANSWER_FIELDS = (
    "criterion_id",
    "answer",
    "proposed",
    "rule_code",
    "proposal_reason",
    "decision",
    "override_reason",
    "justification",
)
# Where a linked piece of evidence comes from, and the table and column naming it.
SOURCES = {
    "DOKUMEN": (m.DocumentRecord, "title"),
    "BUKTI": (m.RealisationEvidence, "filename"),
    "BUKTI_TL": (m.FollowUpEvidence, "filename"),
    "PAKET": (m.PackFile, "filename"),
}
ATTACHED = "BERKAS"


@dataclass(frozen=True)
class AnswerInput:
    """An answer as the person gives it, with the proposal shown to him ('' when there was none)."""

    criterion: str
    answer: str
    justification: str = ""
    override_reason: str = ""
    proposed: str = ""
    proposal_reason: str = ""
    rule_code: str = ""


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Tahun {year} tidak wajar (2000 sampai 2100).", field="year")


def _assessment(tx: Tx, year: int, *, create: bool = True) -> m.LkeAssessment:
    """The year's assessment (started on the shipped template when `create`), refused when signed."""
    _check_year(year)
    row = tx.session.scalar(select(m.LkeAssessment).where(m.LkeAssessment.year == year))
    if row is None:
        if not create:
            raise NotFound(f"Penilaian mandiri LKE tahun {year} belum dimulai.")
        row = m.LkeAssessment(
            year=year,
            template_id=carried_template(tx.session, year) or ensure_shipped(tx),
            status=DRAFT,
            created_by=tx.actor.name,
            created_at=tx.now,
        )
        tx.session.add(row)
        tx.session.flush()
        tx.audit("lke_assessment", row.id, None, snapshot(row, _ASSESSMENT_FIELDS))
    if row.status == SIGNED:
        raise ValidationError(
            f"Penilaian mandiri LKE tahun {year} sudah ditandatangani Camat; minta Camat membuka kuncinya dulu.",
            field="status",
        )
    return row


def save_assessment(
    db: Database,
    actor: Actor,
    year: int,
    *,
    template_id: int | None = None,
    dpa_date: dt.date | None = None,
    clock: Clock = utcnow,
) -> int:
    """Operation 'Simpan penilaian mandiri LKE': start the year's assessment or change its template and the DPA
    date. The template changes only while no criterion has been answered. Returns the assessment's id."""
    with write(db, actor, Op.LKE_ASSESSMENT_SAVE, clock=clock) as tx:
        row = _assessment(tx, year)
        before = snapshot(row, _ASSESSMENT_FIELDS)
        if template_id is not None and template_id != row.template_id:
            if tx.session.get(m.LkeTemplate, template_id) is None:
                raise NotFound("Templat LKE itu tidak ditemukan.")
            answered = tx.session.scalar(
                select(m.LkeAnswer.id).where(m.LkeAnswer.assessment_id == row.id, m.LkeAnswer.answer != "")
            )
            if answered is not None:
                raise ValidationError(
                    "Templat tidak dapat diganti karena sudah ada kriteria yang dijawab.", field="template"
                )
            row.template_id = template_id
        if dpa_date is not None and not dt.date(year - 1, 1, 1) <= dpa_date <= dt.date(year, 12, 31):
            raise ValidationError(
                f"Tanggal DPA untuk tahun {year} harus pada tahun {year - 1} atau {year}.", field="dpa_date"
            )
        row.dpa_date = dpa_date if dpa_date is not None else row.dpa_date
        row.updated_by, row.updated_at = actor.name, tx.now
        tx.audit("lke_assessment", row.id, before, snapshot(row, _ASSESSMENT_FIELDS))
        return row.id


def _criterion(tx: Tx, row: m.LkeAssessment, code: str) -> m.LkeCriterion:
    found = tx.session.scalar(
        select(m.LkeCriterion)
        .join(m.LkeComponent, m.LkeComponent.id == m.LkeCriterion.component_id)
        .where(m.LkeComponent.template_id == row.template_id, m.LkeCriterion.code == code)
    )
    if found is None:
        raise NotFound(f"Kriteria {code} tidak ada dalam templat penilaian tahun {row.year}.")
    return found


def _decision(given: AnswerInput, allowed: set[str]) -> str:
    if given.answer and given.answer not in allowed:
        raise ValidationError(
            f"Jawaban '{given.answer}' tidak ada pada skala kriteria {given.criterion}; pilih "
            f"{', '.join(sorted(allowed))}.",
            field="answer",
        )
    if not given.answer:
        return ""
    if not given.proposed:
        return MANUAL
    if given.answer == given.proposed:
        return ACCEPTED
    if not given.override_reason.strip():
        raise ValidationError(
            f"Jawaban {given.answer} untuk kriteria {given.criterion} berbeda dari usulan program "
            f"({given.proposed}); tulis alasan mengubahnya.",
            field="override_reason",
        )
    return OVERRIDDEN


def save_answer(db: Database, actor: Actor, year: int, given: AnswerInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Simpan jawaban LKE': accept the proposal (answer = proposed), override it (another answer, with
    a reason), answer a criterion without proposal, or clear the answer (''). Returns the answer's id."""
    with write(db, actor, Op.LKE_ANSWER_SAVE, clock=clock) as tx:
        row = _assessment(tx, year)
        criterion = _criterion(tx, row, given.criterion)
        template = template_in(tx.session, row.template_id)
        allowed = {a.code for a in template.answers(criterion.answer_kind)}
        decision = _decision(given, allowed)
        answer = tx.session.scalar(
            select(m.LkeAnswer).where(m.LkeAnswer.assessment_id == row.id, m.LkeAnswer.criterion_id == criterion.id)
        )
        before = None if answer is None else snapshot(answer, _ANSWER_FIELDS)
        if answer is None:
            answer = m.LkeAnswer(assessment_id=row.id, criterion_id=criterion.id)
            tx.session.add(answer)
        answer.answer, answer.decision = given.answer, decision
        answer.proposed, answer.proposal_reason, answer.rule_code = (
            given.proposed,
            given.proposal_reason,
            given.rule_code,
        )
        answer.override_reason = given.override_reason.strip() if decision == OVERRIDDEN else ""
        answer.justification = given.justification.strip()
        answer.updated_by, answer.updated_at = actor.name, tx.now
        tx.session.flush()
        tx.audit("lke_answer", answer.id, before, snapshot(answer, _ANSWER_FIELDS))
        return answer.id


def _answer_row(tx: Tx, year: int, code: str) -> m.LkeAnswer:
    row = _assessment(tx, year)
    criterion = _criterion(tx, row, code)
    answer = tx.session.scalar(
        select(m.LkeAnswer).where(m.LkeAnswer.assessment_id == row.id, m.LkeAnswer.criterion_id == criterion.id)
    )
    if answer is None:
        answer = m.LkeAnswer(
            assessment_id=row.id, criterion_id=criterion.id, updated_by=tx.actor.name, updated_at=tx.now
        )
        tx.session.add(answer)
        tx.session.flush()
    return answer


def link_evidence(
    db: Database, actor: Actor, year: int, criterion: str, source: str, ref_id: int, *, clock: Clock = utcnow
) -> int:
    """Operation 'Tambah bukti LKE': link a printed document, a bukti dukung, a bukti of a tindak lanjut or a file
    of the submission pack to a criterion. Returns the link's id."""
    if source not in SOURCES:
        raise ValidationError(f"Sumber bukti '{source}' tidak dikenal.", field="source")
    table, column = SOURCES[source]
    with write(db, actor, Op.LKE_EVIDENCE_ADD, clock=clock) as tx:
        found = tx.session.get(table, ref_id)
        if found is None:
            raise NotFound("Bukti itu tidak ditemukan; mungkin sudah dihapus.")
        answer = _answer_row(tx, year, criterion)
        name = str(getattr(found, column))
        if source == "DOKUMEN":
            name = f"{name} versi {getattr(found, 'version', '')}"
        link = m.LkeEvidence(
            answer_id=answer.id,
            source=source,
            ref_id=ref_id,
            filename=name[:250],
            size=int(getattr(found, "size", 0) or 0),
            sha256=str(getattr(found, "sha256", "") or ""),
            added_by=actor.name,
            added_at=tx.now,
        )
        tx.session.add(link)
        tx.session.flush()
        tx.audit("lke_evidence", link.id, None, snapshot(link, ("answer_id", "source", "ref_id", "filename")))
        return link.id


def attach_evidence(
    db: Database, actor: Actor, year: int, criterion: str, filename: str, data: bytes, *, clock: Clock = utcnow
) -> int:
    """Operation 'Tambah bukti LKE': attach a file (at most 10 MB) to a criterion, kept inside the database."""
    checked = check_evidence(filename, data)
    with write(db, actor, Op.LKE_EVIDENCE_ADD, clock=clock) as tx:
        answer = _answer_row(tx, year, criterion)
        link = m.LkeEvidence(
            answer_id=answer.id,
            source=ATTACHED,
            filename=checked.name,
            size=checked.size,
            sha256=checked.sha256,
            data=data,
            added_by=actor.name,
            added_at=tx.now,
        )
        tx.session.add(link)
        tx.session.flush()
        tx.audit("lke_evidence", link.id, None, snapshot(link, ("answer_id", "source", "filename", "size")))
        return link.id


def remove_evidence(db: Database, actor: Actor, evidence_id: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Hapus bukti LKE': unlink (or delete the attached file of) one piece of evidence."""
    with write(db, actor, Op.LKE_EVIDENCE_REMOVE, clock=clock) as tx:
        link = tx.session.get(m.LkeEvidence, evidence_id)
        if link is None:
            raise NotFound("Bukti itu tidak ditemukan; mungkin sudah dihapus.")
        answer = tx.session.get_one(m.LkeAnswer, link.answer_id)
        year = tx.session.get_one(m.LkeAssessment, answer.assessment_id).year
        _assessment(tx, year, create=False)
        tx.audit("lke_evidence", link.id, snapshot(link, ("answer_id", "source", "filename")), None)
        tx.session.delete(link)


def sign(db: Database, actor: Actor, year: int, *, clock: Clock = utcnow) -> None:
    """Operation 'Tandatangani penilaian mandiri LKE' (Camat): the year's answers are locked."""
    with write(db, actor, Op.LKE_SIGN, clock=clock) as tx:
        row = _assessment(tx, year, create=False)
        before = snapshot(row, _ASSESSMENT_FIELDS)
        row.status, row.signed_by, row.signed_at = SIGNED, actor.name, tx.now
        tx.audit("lke_assessment", row.id, before, snapshot(row, _ASSESSMENT_FIELDS))


def unlock(db: Database, actor: Actor, year: int, reason: str, *, clock: Clock = utcnow) -> None:
    """Operation 'Buka kunci penilaian mandiri LKE' (Camat), with a reason kept in the audit trail."""
    if not reason.strip():
        raise ValidationError("Tulis alasan membuka kunci penilaian mandiri.", field="reason")
    with write(db, actor, Op.LKE_UNLOCK, clock=clock) as tx:
        row = tx.session.scalar(select(m.LkeAssessment).where(m.LkeAssessment.year == year))
        if row is None or row.status != SIGNED:
            raise ValidationError(f"Penilaian mandiri LKE tahun {year} belum ditandatangani.", field="status")
        before = snapshot(row, _ASSESSMENT_FIELDS)
        row.status, row.signed_by, row.signed_at = DRAFT, "", None
        tx.audit(
            "lke_assessment",
            row.id,
            {**before, "alasan_buka_kunci": None},
            {**snapshot(row, _ASSESSMENT_FIELDS), "alasan_buka_kunci": reason.strip()},
        )
