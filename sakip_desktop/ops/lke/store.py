"""LKE templates in the database: the shipped one stored on first use, imported ones, and reading one back.

A template is stored whole (components, sub-components, criteria, scale, predikat bands) and read back as the
plain `Template` the scoring and the rules use. Importing a template whose code is already stored replaces it,
unless a self-assessment already answers on it: then the import is refused and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, utcnow, write
from sakip_desktop.ops.lke.template import (
    Answer,
    Band,
    Component,
    Criterion,
    SubComponent,
    Template,
    check_template,
    shipped_template,
)
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class TemplateInfo:
    """A stored template as listed: id, code, name, number of criteria, the years assessed on it."""

    id: int
    code: str
    name: str
    criteria: int
    years: tuple[int, ...]


def store_template(tx: Tx, t: Template) -> int:
    """Write `t` as a new stored template (audited as one record with its counts); its id."""
    row = m.LkeTemplate(
        code=t.code,
        name=t.name,
        basis=t.basis,
        format_version=t.format_version,
        lower_exclusive=t.lower_exclusive,
        created_by=tx.actor.name,
        created_at=tx.now,
    )
    tx.session.add(row)
    tx.session.flush()
    for i, a in enumerate(t.scale):
        tx.session.add(
            m.LkeScale(template_id=row.id, answer_kind=a.kind, code=a.code, value=a.value, label=a.label, sort_order=i)
        )
    for i, b in enumerate(t.bands):
        tx.session.add(
            m.LkePredikat(
                template_id=row.id,
                code=b.code,
                minimum=b.minimum,
                label=b.label,
                interpretation=b.interpretation,
                sort_order=i,
            )
        )
    for i, comp in enumerate(t.components):
        top = m.LkeComponent(template_id=row.id, code=comp.code, name=comp.name, weight=comp.weight, sort_order=i)
        tx.session.add(top)
        tx.session.flush()
        for j, sub in enumerate(comp.subcomponents):
            part = m.LkeComponent(
                template_id=row.id, parent_id=top.id, code=sub.code, name=sub.name, weight=sub.weight, sort_order=j
            )
            tx.session.add(part)
            tx.session.flush()
            for k, c in enumerate(sub.criteria):
                tx.session.add(
                    m.LkeCriterion(
                        component_id=part.id,
                        code=c.code,
                        text=c.text,
                        evidence=c.evidence,
                        answer_kind=c.kind,
                        sort_order=k,
                    )
                )
    tx.session.flush()
    tx.audit("lke_template", row.id, None, {"code": t.code, "name": t.name, "kriteria": len(t.criteria)})
    return row.id


def ensure_shipped(tx: Tx) -> int:
    """The id of the shipped PermenPAN-RB 88/2021 template, stored now when it is not yet."""
    shipped = shipped_template()
    found = tx.session.scalar(select(m.LkeTemplate.id).where(m.LkeTemplate.code == shipped.code))
    return found if found is not None else store_template(tx, shipped)


def carried_template(session: Session, year: int) -> int | None:
    """The template of the latest assessment before `year` (a kabupaten template stays in use), or None."""
    return session.scalar(
        select(m.LkeAssessment.template_id)
        .where(m.LkeAssessment.year < year)
        .order_by(m.LkeAssessment.year.desc())
        .limit(1)
    )


def template_in(session: Session, template_id: int) -> Template:
    """The stored template `template_id` as plain data."""
    row = session.get(m.LkeTemplate, template_id)
    if row is None:
        raise NotFound("Templat LKE itu tidak ditemukan.")
    parts = session.scalars(
        select(m.LkeComponent)
        .where(m.LkeComponent.template_id == template_id)
        .order_by(m.LkeComponent.sort_order, m.LkeComponent.id)
    ).all()
    criteria = session.scalars(
        select(m.LkeCriterion)
        .where(m.LkeCriterion.component_id.in_([p.id for p in parts]))
        .order_by(m.LkeCriterion.sort_order, m.LkeCriterion.id)
    ).all()
    by_part: dict[int, list[Criterion]] = {}
    for c in criteria:
        by_part.setdefault(c.component_id, []).append(Criterion(c.code, c.text, c.evidence, c.answer_kind))
    comps = []
    for top in (p for p in parts if p.parent_id is None):
        subs = tuple(
            SubComponent(p.code, p.name, p.weight, tuple(by_part.get(p.id, ()))) for p in parts if p.parent_id == top.id
        )
        comps.append(Component(top.code, top.name, top.weight, subs))
    scale = session.scalars(
        select(m.LkeScale).where(m.LkeScale.template_id == template_id).order_by(m.LkeScale.sort_order)
    ).all()
    bands = session.scalars(
        select(m.LkePredikat).where(m.LkePredikat.template_id == template_id).order_by(m.LkePredikat.sort_order)
    ).all()
    return Template(
        code=row.code,
        name=row.name,
        basis=row.basis,
        components=tuple(comps),
        scale=tuple(Answer(a.answer_kind, a.code, a.value, a.label) for a in scale),
        bands=tuple(Band(b.code, b.minimum, b.label, b.interpretation) for b in bands),
        lower_exclusive=row.lower_exclusive,
        format_version=row.format_version,
    )


def load_template(db: Database, template_id: int) -> Template:
    """The stored template `template_id` as plain data."""
    with db.reading() as s:
        return template_in(s, template_id)


def list_templates(db: Database) -> list[TemplateInfo]:
    """Every stored template, in the order they were stored."""
    with db.reading() as s:
        rows = s.scalars(select(m.LkeTemplate).order_by(m.LkeTemplate.id)).all()
        counts = dict(
            s.execute(
                select(m.LkeComponent.template_id, func.count(m.LkeCriterion.id))
                .join(m.LkeCriterion, m.LkeCriterion.component_id == m.LkeComponent.id)
                .group_by(m.LkeComponent.template_id)
            ).all()
        )
        years: dict[int, list[int]] = {}
        for tid, year in s.execute(select(m.LkeAssessment.template_id, m.LkeAssessment.year)):
            years.setdefault(tid, []).append(year)
        return [
            TemplateInfo(r.id, r.code, r.name, counts.get(r.id, 0), tuple(sorted(years.get(r.id, ())))) for r in rows
        ]


def import_template(db: Database, actor: Actor, t: Template, *, clock: Clock = utcnow) -> int:
    """Operation 'Impor templat LKE': store `t` (replacing a stored template of the same code that no assessment
    uses yet); the whole template is checked first (weights of each component add up, codes, scale, bands)."""
    with write(db, actor, Op.LKE_TEMPLATE_IMPORT, clock=clock) as tx:
        problems = check_template(t)
        if problems:
            raise ValidationError("Templat LKE tidak sah: " + "; ".join(text for _, text in problems), field="template")
        old = tx.session.scalar(select(m.LkeTemplate).where(m.LkeTemplate.code == t.code))
        if old is not None:
            used = tx.session.scalars(select(m.LkeAssessment.year).where(m.LkeAssessment.template_id == old.id)).all()
            if used:
                years = ", ".join(str(y) for y in sorted(used))
                raise ValidationError(
                    f"Templat berkode {t.code} sudah dipakai penilaian mandiri tahun {years}; beri templat baru "
                    "kode lain agar penilaian yang ada tidak berubah.",
                    field="code",
                )
            tx.audit("lke_template", old.id, {"code": old.code, "name": old.name}, None)
            tx.session.delete(old)
            tx.session.flush()
        return store_template(tx, t)
