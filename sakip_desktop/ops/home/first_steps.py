"""Langkah awal: what a new office still has to set up before its first quarter of work, read from its data.

Six steps, in the order an office does them: its units (the seksi), its people and their roles, the plan (Renstra,
IKU, yearly and quarterly targets: the planning workbook), the office's Perjanjian Kinerja for the year, the SOPs it
adopts, and the first backup to a flash drive. Each step says whether it is done and, in the office's words, what
is there and what is still missing. The screens that do each step are the UI's business (`ui/first_steps.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sakip_desktop.domain import formats
from sakip_desktop.domain.roles import Role, UnitKind
from sakip_desktop.ops.home.backup_status import backup_status
from sakip_desktop.ops.realisation.common import KASUBAG_ROLES
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import (
    ActingAssignment,
    Goal,
    Indicator,
    Objective,
    PerformanceAgreement,
    Person,
    QuarterlyTarget,
    RoleAssignment,
    Sop,
    StrategicPlan,
    Unit,
    YearlyTarget,
)


class StepKey(StrEnum):
    """The steps, in the order they are done."""

    UNITS = "units"
    PEOPLE = "people"
    PLAN = "plan"
    AGREEMENT = "agreement"
    SOPS = "sops"
    BACKUP = "backup"


@dataclass(frozen=True)
class FirstStep:
    """One step: its title, whether it is done, what the data shows (`state`) and how it is done (`how`)."""

    key: StepKey
    title: str
    done: bool
    state: str
    how: str


@dataclass(frozen=True)
class FirstSteps:
    """The six steps for a year."""

    year: int
    steps: tuple[FirstStep, ...]

    @property
    def remaining(self) -> tuple[FirstStep, ...]:
        """The steps not done yet."""
        return tuple(s for s in self.steps if not s.done)

    @property
    def all_done(self) -> bool:
        """True when nothing is left to set up."""
        return not self.remaining

    def step(self, key: StepKey) -> FirstStep:
        """The step of `key`."""
        return next(s for s in self.steps if s.key is key)


# Roles every kecamatan needs filled before the cycle can run (the Kasi, one per seksi, are checked per seksi).
_NEEDED_ROLES = (Role.CAMAT, Role.SEKRETARIS, Role.KASUBAG_PERENCANAAN)


def first_steps(db: Database, year: int, today: dt.date) -> FirstSteps:
    """The steps of setting up the office, for the `year` being worked on, as the data stands `today`."""
    with db.reading() as s:
        steps = [
            _units(s),
            _people(s, today),
            _plan(s, year, today),
            _agreement(s, year),
            _sops(s),
        ]
    steps.append(_backup(db))
    return FirstSteps(year, tuple(steps))


def _units(s: Session) -> FirstStep:
    kinds: dict[str, int] = {kind: n for kind, n in s.execute(select(Unit.kind, func.count()).group_by(Unit.kind))}
    sections = kinds.get(UnitKind.SEKSI.value, 0)
    total = sum(kinds.values())
    state = f"{total} unit kerja, {sections} seksi." if sections else f"{total} unit kerja, belum ada seksi."
    return FirstStep(
        StepKey.UNITS,
        "Unit kerja: seksi-seksi kantor",
        sections > 0,
        state,
        "Pimpinan, Sekretariat dan kedua Sub Bagian sudah dibuat oleh program. Tambahkan setiap seksi kantor "
        "(mis. Seksi Pemerintahan, Seksi Ekonomi dan Pembangunan) di Pengaturan › Unit kerja.",
    )


def _people(s: Session, today: dt.date) -> FirstStep:
    in_service = (Person.active_from <= today) & or_(Person.active_to.is_(None), Person.active_to >= today)
    held = {
        (role, unit)
        for role, unit in s.execute(select(RoleAssignment.role, RoleAssignment.unit_id).join(Person).where(in_service))
    }
    acting = (ActingAssignment.start <= today) & or_(ActingAssignment.end.is_(None), ActingAssignment.end >= today)
    held |= {
        (role, unit) for role, unit in s.execute(select(ActingAssignment.role, ActingAssignment.unit_id).where(acting))
    }
    roles = {role for role, _unit in held}
    missing = [r.label for r in _NEEDED_ROLES if r.value not in roles]
    kasi_units = {unit for role, unit in held if role == Role.KASI.value}
    sections = s.execute(select(Unit.id, Unit.name).where(Unit.kind == UnitKind.SEKSI.value).order_by(Unit.sort_order))
    missing += [f"Kasi {name}" for unit_id, name in sections if unit_id not in kasi_units]
    people = s.scalar(select(func.count()).select_from(Person).where(in_service)) or 0
    state = f"{people} pegawai. " + (f"Belum ada: {', '.join(missing)}." if missing else "Semua peran utama terisi.")
    return FirstStep(
        StepKey.PEOPLE,
        "Pegawai dan perannya",
        not missing,
        state,
        "Tambahkan setiap pegawai di Pengaturan › Pegawai dengan jabatan, unit kerja, akun dan perannya: Camat, "
        "Sekretaris, Kasubag Perencanaan, seorang Kasi untuk setiap seksi, Tim SAKIP dan staf. Administrator juga "
        "memberi dirinya peran jabatannya sendiri.",
    )


def _entry_units(s: Session, today: dt.date) -> set[int]:
    """The units whose realisasi someone in service can enter (ops.realisation.common.may_enter): a seksi with its
    Kasi (or his Plt./Plh.), a sub bagian with its Kasubag, any unit with a staf member of its own."""
    in_service = (Person.active_from <= today) & or_(Person.active_to.is_(None), Person.active_to >= today)
    kasubag = {role.value for role in KASUBAG_ROLES}
    held = s.execute(
        select(RoleAssignment.role, RoleAssignment.unit_id, Person.unit_id, Unit.kind)
        .join(Person, Person.id == RoleAssignment.person_id)
        .outerjoin(Unit, Unit.id == Person.unit_id)
        .where(in_service)
    )
    units: set[int] = set()
    for role, grant_unit, own_unit, own_kind in held:
        if role == Role.KASI.value and grant_unit is not None:
            units.add(grant_unit)
        elif own_unit is not None and (
            role == Role.STAF.value or (role in kasubag and own_kind == UnitKind.SUBBAGIAN.value)
        ):
            units.add(own_unit)
    acting = (ActingAssignment.start <= today) & or_(ActingAssignment.end.is_(None), ActingAssignment.end >= today)
    units |= {
        unit
        for unit in s.scalars(select(ActingAssignment.unit_id).where(acting, ActingAssignment.role == Role.KASI.value))
        if unit is not None
    }
    return units


def _without_entry(s: Session, ids: set[int], today: dt.date) -> list[str]:
    """'IK02 (Sekretariat)' for every indicator whose realisasi nobody in service may enter."""
    units = _entry_units(s, today)
    rows = s.execute(
        select(Indicator.code, Unit.name)
        .outerjoin(Unit, Unit.id == Indicator.responsible_unit_id)
        .where(
            Indicator.id.in_(ids),
            or_(Indicator.responsible_unit_id.is_(None), Indicator.responsible_unit_id.not_in(units)),
        )
        .order_by(Indicator.code)
    )
    return [f"{code} ({name or 'tanpa unit penanggung jawab'})" for code, name in rows]


def _plan(s: Session, year: int, today: dt.date) -> FirstStep:
    plan = s.scalars(
        select(StrategicPlan).where(StrategicPlan.start_year <= year, StrategicPlan.end_year >= year)
    ).first()
    how = (
        "Kasubag Perencanaan (atau administrator) mengisi Renstra, sasaran, indikator kinerja, IKU, target tahunan "
        "dan target triwulan: paling cepat dengan templat rencana (.xlsx) di 'Anggaran dan impor rencana', atau satu "
        "per satu di 'Perencanaan'. Setiap indikator perlu unit penanggung jawab yang punya Kasi, Kasubag atau staf "
        "untuk mengisi realisasinya."
    )
    if plan is None:
        return FirstStep(
            StepKey.PLAN, "Renstra, IKU dan target", False, f"Belum ada Renstra yang mencakup {year}.", how
        )
    indicators = select(Indicator.id).join(Objective).join(Goal).where(Goal.plan_id == plan.id)
    ids = set(s.scalars(indicators))
    key = s.scalar(select(func.count()).where(Indicator.id.in_(ids), Indicator.is_key)) or 0
    yearly = set(s.scalars(select(YearlyTarget.indicator_id).where(YearlyTarget.year == year)))
    quarterly = set(
        s.scalars(
            select(YearlyTarget.indicator_id)
            .join(QuarterlyTarget, QuarterlyTarget.yearly_target_id == YearlyTarget.id)
            .where(YearlyTarget.year == year)
        )
    )
    with_targets = len(ids & yearly & quarterly)
    state = (
        f"Renstra {plan.start_year}–{plan.end_year}: {len(ids)} indikator, {key} IKU; "
        f"target tahunan dan triwulan {year} lengkap untuk {with_targets} dari {len(ids)} indikator."
    )
    orphans = _without_entry(s, ids, today)
    if orphans:
        state += f" Belum ada yang dapat mengisi realisasi: {', '.join(orphans)}."
    done = bool(ids) and key > 0 and with_targets == len(ids) and not orphans
    return FirstStep(StepKey.PLAN, "Renstra, IKU dan target", done, state, how)


def _agreement(s: Session, year: int) -> FirstStep:
    statuses = set(
        s.scalars(
            select(PerformanceAgreement.status).where(
                PerformanceAgreement.year == year, PerformanceAgreement.unit_id.is_(None)
            )
        )
    )
    final = bool(statuses & {"FINAL", "SUPERSEDED"})
    if final:
        state = f"Perjanjian Kinerja kantor tahun {year} sudah ditetapkan."
    elif statuses:
        state = f"Perjanjian Kinerja kantor tahun {year} masih draf."
    else:
        state = f"Belum ada Perjanjian Kinerja kantor tahun {year}."
    return FirstStep(
        StepKey.AGREEMENT,
        f"Perjanjian Kinerja {year}",
        final,
        state,
        "Setelah target tahunan ada, Kasubag Perencanaan atau administrator menyusun draf PK kantor (Camat dengan "
        "Bupati/Wali Kota) di 'Perjanjian Kinerja' dan memeriksa indikator serta targetnya. Cetak PK di 'Dokumen' "
        "(jenis Perjanjian Kinerja) untuk ditandatangani; setelah ditandatangani, Camat, Kasubag Perencanaan atau "
        "administrator menetapkannya di 'Perjanjian Kinerja'.",
    )


def _sops(s: Session) -> FirstStep:
    active = s.scalar(select(func.count()).select_from(Sop).where(Sop.active)) or 0
    return FirstStep(
        StepKey.SOPS,
        "SOP kantor",
        active > 0,
        f"{active} SOP aktif." if active else "Belum ada SOP.",
        "Di tab SOP › Daftar SOP dan pelaksanaan, pilih 'Adopsi templat…' untuk memakai SOP yang sudah disalin dari "
        "SOP kecamatan, lalu sesuaikan pelaksana dan waktunya dengan kantor Anda.",
    )


def _backup(db: Database) -> FirstStep:
    last = backup_status(db).last_external_at
    state = (
        "Belum pernah dicadangkan ke flash disk atau drive lain (cadangan di komputer ini tidak dihitung)."
        if last is None
        else f"Cadangan terakhir ke flash disk: {formats.long_date(last.date())}."
    )
    return FirstStep(
        StepKey.BACKUP,
        "Cadangan pertama ke flash disk",
        last is not None,
        state,
        "Colokkan flash disk, pilih Berkas › Cadangkan…, pilih flash disk itu lalu tekan Cadangkan. Hanya salinan "
        "di drive lain (flash disk atau hard disk eksternal) yang dihitung: cadangan di folder cadangan komputer ini, "
        "juga cadangan otomatis harian, tidak menolong bila komputer rusak atau hilang. Ulangi paling sedikit "
        "sekali seminggu; simpan flash disk terpisah dari komputer.",
    )
