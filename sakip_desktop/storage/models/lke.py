"""The Lembar Kerja Evaluasi (LKE) of SAKIP: templates as data (components, sub-components, criteria, the answer
scale and the predikat bands), and each year's self-assessment (penilaian mandiri) of the office with its answers,
the proposals the program made from the records, and the evidence linked to each answer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base, DecimalText


class LkeTemplate(Base):
    """A template of the LKE (the shipped PermenPAN-RB 88/2021 one, or one a kabupaten gives its offices)."""

    __tablename__ = "lke_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    basis: Mapped[str] = mapped_column(Text, default="")
    format_version: Mapped[int] = mapped_column(Integer, default=1)
    lower_exclusive: Mapped[bool] = mapped_column(Boolean, default=True)  # predikat bands: "> 90" rather than ">= 90"
    created_by: Mapped[str] = mapped_column(String(250), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LkeComponent(Base):
    """A component (no parent) or a sub-component (its parent a component) with its weight in points."""

    __tablename__ = "lke_component"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("lke_template.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("lke_component.id", ondelete="CASCADE"), nullable=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(250))
    weight: Mapped[Decimal] = mapped_column(DecimalText)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class LkeCriterion(Base):
    """A criterion of a sub-component: its text, the evidence it asks for and its kind of answer (SKALA or YT)."""

    __tablename__ = "lke_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("lke_component.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    answer_kind: Mapped[str] = mapped_column(String(10))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class LkeScale(Base):
    """One answer of a template's scale (AA 100 … E 0, Y 100, T 0)."""

    __tablename__ = "lke_scale"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("lke_template.id", ondelete="CASCADE"), index=True)
    answer_kind: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(4))
    value: Mapped[Decimal] = mapped_column(DecimalText)
    label: Mapped[str] = mapped_column(String(250), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class LkePredikat(Base):
    """A predikat band of a template: the score above (or from) `minimum` up to the next band."""

    __tablename__ = "lke_predikat"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("lke_template.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(4))
    minimum: Mapped[Decimal] = mapped_column(DecimalText)
    label: Mapped[str] = mapped_column(String(120))
    interpretation: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class LkeAssessment(Base):
    """The office's self-assessment of one year (the year evaluated), on one template; signed by the Camat."""

    __tablename__ = "lke_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("lke_template.id", ondelete="RESTRICT"))
    dpa_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="DRAFT")  # DRAFT / SIGNED
    signed_by: Mapped[str] = mapped_column(String(250), default="")
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(250), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class LkeAnswer(Base):
    """The answer to one criterion: accepted from the program's proposal or overridden with a reason."""

    __tablename__ = "lke_answer"
    __table_args__ = (UniqueConstraint("assessment_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("lke_assessment.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("lke_criterion.id", ondelete="CASCADE"))
    answer: Mapped[str] = mapped_column(String(4), default="")
    proposed: Mapped[str] = mapped_column(String(4), default="")  # the proposal when the person decided
    rule_code: Mapped[str] = mapped_column(String(60), default="")
    proposal_reason: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(12), default="")  # ACCEPTED / OVERRIDDEN
    override_reason: Mapped[str] = mapped_column(Text, default="")
    justification: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class LkeEvidence(Base):
    """Evidence linked to an answer: a printed document of the register, a bukti dukung of a realisasi, a bukti of
    a tindak lanjut, a file of the submission pack (by reference), or a file attached here (stored inside)."""

    __tablename__ = "lke_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("lke_answer.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # DOKUMEN / BUKTI / BUKTI_TL / PAKET / BERKAS
    ref_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    filename: Mapped[str] = mapped_column(String(250))
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    added_by: Mapped[str] = mapped_column(String(250))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
