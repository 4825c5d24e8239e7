"""Qualitative scales (opini BPK, predikat SAKIP…) and their ordered levels; ranks stand for levels in values.

Defined by the Kasubag Perencanaan or the administrator. A scale's levels are given lowest first and get
ranks 1, 2, 3…; targets and realisasi of an indicator with that scale store the rank. Once indicators use a
scale its levels may be renamed and new ones added on top, but none removed: stored ranks must keep a level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.qualitative import level_problem, rank_of
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, utcnow, write
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

MAX_LEVELS = 20


@dataclass(frozen=True)
class LevelView:
    """One level of a scale: its rank (1 = lowest) and label."""

    rank: int
    label: str


@dataclass(frozen=True)
class ScaleView:
    """A scale with its levels (lowest first) and how many indicators use it."""

    id: int
    name: str
    description: str
    levels: tuple[LevelView, ...]
    indicator_count: int

    @property
    def levels_text(self) -> str:
        """'D < C < CC < B'."""
        return " < ".join(level.label for level in self.levels)


@dataclass(frozen=True)
class ScaleInput:
    """What a person types for a scale: its name and its level labels, lowest first."""

    name: str
    labels: tuple[str, ...]
    description: str = ""


def scale_levels(session: Session, scale_id: int) -> tuple[LevelView, ...]:
    """The levels of a scale, lowest first (inside an open session)."""
    rows = session.execute(
        select(m.QualitativeLevel.rank, m.QualitativeLevel.label)
        .where(m.QualitativeLevel.scale_id == scale_id)
        .order_by(m.QualitativeLevel.rank)
    )
    return tuple(LevelView(rank, label) for rank, label in rows)


@dataclass(frozen=True)
class IndicatorScale:
    """The scale of a qualitative indicator as screens and files need it: its name and labels by rank."""

    name: str
    levels: dict[int, str]

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, lowest first."""
        return tuple(self.levels[rank] for rank in sorted(self.levels))


def indicator_scales(session: Session, indicator_ids: Iterable[int] | None = None) -> dict[int, IndicatorScale]:
    """The scale of every qualitative indicator (or of those among `indicator_ids`), by indicator id."""
    query = select(m.Indicator.id, m.Indicator.scale_id).where(m.Indicator.scale_id.is_not(None))
    if indicator_ids is not None:
        query = query.where(m.Indicator.id.in_(list(indicator_ids)))
    used = {ind: scale_id for ind, scale_id in session.execute(query) if scale_id is not None}
    if not used:
        return {}
    names = {i: name for i, name in session.execute(select(m.QualitativeScale.id, m.QualitativeScale.name))}
    levels: dict[int, dict[int, str]] = {scale_id: {} for scale_id in names}
    level = m.QualitativeLevel
    for scale_id, rank, label in session.execute(select(level.scale_id, level.rank, level.label)):
        levels[scale_id][rank] = label
    return {ind: IndicatorScale(names[scale_id], levels[scale_id]) for ind, scale_id in used.items()}


def list_scales(db: Database) -> list[ScaleView]:
    """Every scale, by name, with its levels and the number of indicators using it."""
    with db.reading() as s:
        counts = dict(
            s.execute(
                select(m.Indicator.scale_id, func.count())
                .where(m.Indicator.scale_id.is_not(None))
                .group_by(m.Indicator.scale_id)
            ).all()
        )
        return [
            ScaleView(sc.id, sc.name, sc.description, scale_levels(s, sc.id), counts.get(sc.id, 0))
            for sc in s.scalars(select(m.QualitativeScale).order_by(m.QualitativeScale.name))
        ]


def indicator_levels(db: Database, indicator_id: int) -> tuple[LevelView, ...]:
    """The levels of an indicator's scale, lowest first; empty for a quantitative indicator."""
    with db.reading() as s:
        scale_id = s.scalar(select(m.Indicator.scale_id).where(m.Indicator.id == indicator_id))
        return scale_levels(s, scale_id) if scale_id else ()


def _typed(value: Decimal) -> str:
    """A rank as a person would have typed it: '9', '4,5' (not `domain.formats`: the first screen imports this
    module and should not load babel)."""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def check_rank(session: Session, indicator: m.Indicator, value: Decimal | None, label: str, field: str) -> None:
    """Refuse a value of a qualitative indicator that is not the rank of one of its scale's levels
    (`level_problem`, the rule the Format Isian applies to a written label)."""
    if value is None or indicator.scale_id is None:
        return
    scale = session.get(m.QualitativeScale, indicator.scale_id)
    levels = {level.rank: level.label for level in scale_levels(session, indicator.scale_id)}
    problem = level_problem(scale.name if scale else "", levels, rank_of(value), _typed(value))
    if problem:
        raise ValidationError(
            f"{label} indikator {indicator.code} harus salah satu tingkat skala kualitatifnya: {problem}", field=field
        )


def _clean(session: Session, data: ScaleInput, scale_id: int | None) -> ScaleInput:
    name = data.name.strip()
    if not name:
        raise ValidationError("Nama skala wajib diisi.", field="name")
    if len(name) > 120:
        raise ValidationError("Nama skala paling panjang 120 karakter.", field="name")
    clash = session.scalar(
        select(m.QualitativeScale.id).where(
            func.lower(m.QualitativeScale.name) == name.lower(), m.QualitativeScale.id != (scale_id or 0)
        )
    )
    if clash:
        raise ValidationError(f"Skala bernama '{name}' sudah ada.", field="name")
    labels = tuple(label.strip() for label in data.labels if label.strip())
    if len(labels) < 2:
        raise ValidationError("Isi paling sedikit dua tingkat, dari yang terendah ke yang tertinggi.", field="labels")
    if len(labels) > MAX_LEVELS:
        raise ValidationError(f"Paling banyak {MAX_LEVELS} tingkat.", field="labels")
    seen: set[str] = set()
    for label in labels:
        if len(label) > 60:
            raise ValidationError(f"Tingkat '{label[:20]}…' terlalu panjang (paling banyak 60 karakter).", "labels")
        if label.lower() in seen:
            raise ValidationError(f"Tingkat '{label}' tertulis dua kali.", field="labels")
        seen.add(label.lower())
    return ScaleInput(name=name, labels=labels, description=data.description.strip())


def _snapshot(name: str, description: str, labels: Sequence[str]) -> dict[str, object]:
    return {"name": name, "description": description, "levels": list(labels)}


def _store_levels(session: Session, scale_id: int, labels: Sequence[str]) -> None:
    for level in session.scalars(select(m.QualitativeLevel).where(m.QualitativeLevel.scale_id == scale_id)):
        session.delete(level)
    session.flush()  # the unique (scale, label) and (scale, rank) must be free before the new levels go in
    for rank, label in enumerate(labels, start=1):
        session.add(m.QualitativeLevel(scale_id=scale_id, rank=rank, label=label))


def add_scale(db: Database, actor: Actor, data: ScaleInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah skala kualitatif'; returns the new scale's id."""
    with write(db, actor, Op.SCALE_ADD, clock=clock) as tx:
        data = _clean(tx.session, data, None)
        scale = m.QualitativeScale(name=data.name, description=data.description)
        tx.session.add(scale)
        tx.session.flush()
        _store_levels(tx.session, scale.id, data.labels)
        tx.audit("qualitative_scale", scale.id, None, _snapshot(data.name, data.description, data.labels))
        return scale.id


def update_scale(db: Database, actor: Actor, scale_id: int, data: ScaleInput) -> None:
    """Operation 'Ubah skala kualitatif': rename, describe, rename or add levels (none removed while in use)."""
    with write(db, actor, Op.SCALE_UPDATE) as tx:
        s = tx.session
        scale = s.get(m.QualitativeScale, scale_id)
        if scale is None:
            raise NotFound("Skala kualitatif tidak ditemukan (mungkin sudah dihapus).")
        data = _clean(s, data, scale_id)
        old_labels = [level.label for level in scale_levels(s, scale_id)]
        used = s.scalar(select(func.count()).select_from(m.Indicator).where(m.Indicator.scale_id == scale_id)) or 0
        if used and len(data.labels) < len(old_labels):
            raise ValidationError(
                f"Skala '{scale.name}' dipakai {used} indikator: tingkat boleh diganti namanya atau ditambah di atas, "
                "tetapi tidak boleh dikurangi (nilai yang tersimpan menunjuk peringkat tingkatnya).",
                field="labels",
            )
        old = _snapshot(scale.name, scale.description, old_labels)
        scale.name, scale.description = data.name, data.description
        if list(data.labels) != old_labels:
            _store_levels(s, scale_id, data.labels)
        tx.audit("qualitative_scale", scale_id, old, _snapshot(data.name, data.description, data.labels))


def delete_scale(db: Database, actor: Actor, scale_id: int) -> None:
    """Operation 'Hapus skala kualitatif': only a scale no indicator uses."""
    with write(db, actor, Op.SCALE_DELETE) as tx:
        s = tx.session
        scale = s.get(m.QualitativeScale, scale_id)
        if scale is None:
            raise NotFound("Skala kualitatif tidak ditemukan (mungkin sudah dihapus).")
        used = s.scalars(
            select(m.Indicator.code).where(m.Indicator.scale_id == scale_id).order_by(m.Indicator.code)
        ).all()
        if used:
            raise ValidationError(
                f"Skala '{scale.name}' tidak dapat dihapus karena dipakai indikator {', '.join(used)}."
            )
        old = _snapshot(scale.name, scale.description, [level.label for level in scale_levels(s, scale_id)])
        tx.audit("qualitative_scale", scale_id, old, None)
        s.delete(scale)
