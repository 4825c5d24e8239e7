"""The office's SOP library: adopting templates, new SOPs, versions, and the office's days off."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.formats import long_date
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, UserError, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, utcnow, write
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.signers import office_signer
from sakip_desktop.sop.adoption import OfficeFacts
from sakip_desktop.sop.adoption import adopted as own_sop
from sakip_desktop.sop.approver import Approver, check_approver
from sakip_desktop.sop.definition import SopDefinition, from_json, load_templates, to_dict, validate
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import OfficeDayOff, Sop, SopRun, SopVersion

# Who maintains the SOP library.


@dataclass(frozen=True)
class SopView:
    """An SOP as listed: its newest version and how many runs are under way."""

    id: int
    code: str
    name: str
    version: int
    version_id: int
    steps: int
    template_code: str
    active: bool
    running: int
    finished: int


def _latest(session: Session, sop_id: int) -> SopVersion:
    version = session.scalars(
        select(SopVersion).where(SopVersion.sop_id == sop_id).order_by(SopVersion.version.desc()).limit(1)
    ).first()
    if version is None:
        raise NotFound("SOP tidak punya versi.")
    return version


def list_sops(db: Database, include_inactive: bool = False) -> list[SopView]:
    """The office's SOPs by name."""
    with db.reading() as s:
        sops = s.scalars(select(Sop).order_by(Sop.name)).all()
        latest = {
            v.sop_id: v
            for v in s.scalars(
                select(SopVersion).where(SopVersion.id.in_(select(func.max(SopVersion.id)).group_by(SopVersion.sop_id)))
            )
        }
        counts: dict[tuple[int, str], int] = {}
        for sop_id, status, n in s.execute(
            select(SopVersion.sop_id, SopRun.status, func.count())
            .join(SopRun, SopRun.sop_version_id == SopVersion.id)
            .group_by(SopVersion.sop_id, SopRun.status)
        ):
            counts[(sop_id, status)] = n
        out = []
        for sop in sops:
            if not sop.active and not include_inactive:
                continue
            version = latest[sop.id]
            out.append(
                SopView(
                    id=sop.id,
                    code=sop.code,
                    name=sop.name,
                    version=version.version,
                    version_id=version.id,
                    steps=len(json.loads(version.definition)["steps"]),
                    template_code=sop.template_code,
                    active=sop.active,
                    running=counts.get((sop.id, "RUNNING"), 0),
                    finished=counts.get((sop.id, "DONE"), 0),
                )
            )
        return out


def get_definition(db: Database, sop_id: int, version: int | None = None) -> SopDefinition:
    """The definition of an SOP version (the newest by default)."""
    with db.reading() as s:
        row: SopVersion | None
        if version is None:
            row = _latest(s, sop_id)
        else:
            row = s.scalars(
                select(SopVersion).where(SopVersion.sop_id == sop_id, SopVersion.version == version)
            ).first()
            if row is None:
                raise NotFound(f"SOP versi {version} tidak ditemukan.")
        return from_json(row.definition)


def version_definition(db: Database, version_id: int) -> SopDefinition:
    """The definition stored in one version row."""
    with db.reading() as s:
        row = s.get(SopVersion, version_id)
        if row is None:
            raise NotFound("Versi SOP tidak ditemukan.")
        return from_json(row.definition)


@dataclass(frozen=True)
class VersionView:
    """One version in the history of an SOP."""

    version: int
    created_at: dt.datetime  # local
    created_by: str
    note: str
    runs: int


def list_versions(db: Database, sop_id: int) -> list[VersionView]:
    """The versions of an SOP, newest first (times in the office's local time)."""
    from sakip_desktop.ops.org.office import get_settings
    from sakip_desktop.ops.sop.runs import local_time

    offset = get_settings(db).utc_offset_hours
    with db.reading() as s:
        runs = dict(s.execute(select(SopRun.sop_version_id, func.count()).group_by(SopRun.sop_version_id)).all())
        return [
            VersionView(v.version, local_time(v.created_at, offset), v.created_by, v.note, runs.get(v.id, 0))
            for v in s.scalars(
                select(SopVersion).where(SopVersion.sop_id == sop_id).order_by(SopVersion.version.desc())
            )
        ]


def run_title(sop_name: str, year: int, quarter: int | None) -> str:
    """'Pengukuran Kinerja Triwulan III 2025' (no doubled 'Triwulan'); 'Penyusunan LKj Tahun 2025'."""
    if quarter is None:
        return f"{sop_name} Tahun {year}"
    roman = ("I", "II", "III", "IV")[quarter - 1]
    if sop_name.lower().rstrip().endswith("triwulan"):
        return f"{sop_name} {roman} {year}"
    return f"{sop_name} Triwulan {roman} {year}"


def template_choices() -> list[SopDefinition]:
    """The SOP templates shipped with the program."""
    return load_templates()


def _add_sop(tx: Tx, definition: SopDefinition, template_code: str, note: str) -> int:
    definition = validate(definition)
    if tx.session.scalars(select(Sop).where(Sop.code == definition.code)).first() is not None:
        raise ValidationError(f"SOP berkode {definition.code} sudah ada di kantor ini.", field="code")
    sop = Sop(code=definition.code, name=definition.identity.name, template_code=template_code, created_at=tx.now)
    tx.session.add(sop)
    tx.session.flush()
    tx.session.add(
        SopVersion(
            sop_id=sop.id,
            version=1,
            definition=json.dumps(to_dict(definition), ensure_ascii=False),
            note=note,
            created_at=tx.now,
            created_by=tx.actor.name,
        )
    )
    tx.audit("sop", sop.id, None, {"code": definition.code, "name": definition.identity.name, "version": 1})
    return sop.id


def adopted(template: SopDefinition, db: Database, day: dt.date) -> SopDefinition:
    """The template as this office's SOP (`sop.adoption.adopted`): its own code and sentence-case name, its kop
    names, the adoption date, its Camat as approver, no seed number, lanes bound to its units.

    The seed's identity stays readable in `source` ("Disusun dari SOP …"). Without a Camat on `day` the approver
    is left empty for the office to fill in the editor.
    """
    from sakip_desktop.ops.sop.lanes import unit_facts

    profile = get_profile(db)
    try:
        camat = office_signer(db, day)
        approver = Approver(camat.jabatan, camat.name, camat.rank, camat.nip).as_text()
    except UserError:
        approver = ""
    office = OfficeFacts(profile.name, profile.office_title, profile.regency_title, approver, long_date(day))
    with db.reading() as s:
        units = list(unit_facts(s).values())
    return own_sop(template, office, units)


def adopt_templates(db: Database, actor: Actor, codes: list[str], *, clock: Clock = utcnow) -> list[int]:
    """Operation 'Adopsi templat SOP': copy shipped templates into the office (all or none), each with the
    office's own identity (see `adopted`)."""
    templates = {t.code: t for t in template_choices()}
    missing = [c for c in codes if c not in templates]
    if missing:
        raise ValidationError(f"Templat tidak dikenal: {', '.join(missing)}.")
    day = clock().date()
    own = {c: adopted(templates[c], db, day) for c in codes}
    with write(db, actor, Op.SOP_ADOPT, clock=clock) as tx:
        return [_add_sop(tx, own[c], c, "Diadopsi dari templat") for c in codes]


def _check_units(db: Database, definition: SopDefinition) -> None:
    """A pelaksana bound to a unit names one of this office's units (a file from another office may not)."""
    from sakip_desktop.ops.sop.lanes import unit_facts

    with db.reading() as s:
        codes = {u.code for u in unit_facts(s).values()}
    for lane in definition.actors:
        if lane.unit and lane.unit not in codes:
            raise ValidationError(
                f"Pelaksana '{lane.label}': unit '{lane.unit}' tidak ada di kantor ini. "
                f"Pilih unitnya (kode yang ada: {', '.join(sorted(codes))}) atau kosongkan.",
                field="actors",
            )


def create_sop(db: Database, actor: Actor, definition: SopDefinition, note: str = "SOP baru") -> int:
    """Operation 'Buat SOP baru' (also used by the .xlsx import). A NIP in 'Disahkan oleh' must be valid; a
    pelaksana bound to a unit names one of the office's units."""
    check_approver(definition.identity.approved_by)
    _check_units(db, definition)
    with write(db, actor, Op.SOP_CREATE) as tx:
        return _add_sop(tx, definition, "", note)


def save_version(db: Database, actor: Actor, sop_id: int, definition: SopDefinition, note: str) -> int:
    """Operation 'Simpan versi SOP': a new version; runs under way keep theirs. Returns the version number."""
    definition = validate(definition)
    check_approver(definition.identity.approved_by)
    _check_units(db, definition)
    if not note.strip():
        raise ValidationError("Tulis apa yang diubah pada versi ini.", field="note")
    with write(db, actor, Op.SOP_SAVE_VERSION) as tx:
        sop = tx.session.get(Sop, sop_id)
        if sop is None:
            raise NotFound("SOP tidak ditemukan.")
        latest = _latest(tx.session, sop_id)
        old = to_dict(from_json(latest.definition))  # read as today's shape (older versions lack newer fields)
        definition = replace(definition, code=sop.code)
        new = to_dict(definition)
        if new == old:
            raise ValidationError("Tidak ada perubahan dibanding versi terakhir.")
        version = latest.version + 1
        tx.session.add(
            SopVersion(
                sop_id=sop_id,
                version=version,
                definition=json.dumps(new, ensure_ascii=False),
                note=note.strip(),
                created_at=tx.now,
                created_by=actor.name,
            )
        )
        sop.name = definition.identity.name
        tx.audit("sop", sop_id, {"version": latest.version}, {"version": version, "note": note.strip()})
        return version


def set_active(db: Database, actor: Actor, sop_id: int, active: bool) -> None:
    """Operation 'Aktifkan/nonaktifkan SOP': an inactive SOP cannot be started; its history stays."""
    with write(db, actor, Op.SOP_SET_ACTIVE) as tx:
        sop = tx.session.get(Sop, sop_id)
        if sop is None:
            raise NotFound("SOP tidak ditemukan.")
        tx.audit("sop", sop_id, {"active": sop.active}, {"active": active})
        sop.active = active


# --- the office's days off --------------------------------------------------------------------


@dataclass(frozen=True)
class DayOff:
    """A day off the office added."""

    id: int
    day: dt.date
    name: str


def list_days_off(db: Database) -> list[DayOff]:
    """Days off the office added, by date."""
    with db.reading() as s:
        return [DayOff(d.id, d.day, d.name) for d in s.scalars(select(OfficeDayOff).order_by(OfficeDayOff.day))]


def add_day_off(db: Database, actor: Actor, day: dt.date, name: str) -> int:
    """Operation 'Tambah hari libur kantor' (administrator)."""
    if not name.strip():
        raise ValidationError("Tulis keterangan hari libur (mis. 'Cuti bersama').", field="name")
    with write(db, actor, Op.DAY_OFF_ADD) as tx:
        if tx.session.scalars(select(OfficeDayOff).where(OfficeDayOff.day == day)).first():
            raise ValidationError("Tanggal itu sudah tercatat sebagai hari libur kantor.", field="day")
        row = OfficeDayOff(day=day, name=name.strip())
        tx.session.add(row)
        tx.session.flush()
        tx.audit("office_day_off", row.id, None, {"day": day.isoformat(), "name": row.name})
        return row.id


def delete_day_off(db: Database, actor: Actor, day_off_id: int) -> None:
    """Operation 'Hapus hari libur kantor' (administrator)."""
    with write(db, actor, Op.DAY_OFF_DELETE) as tx:
        row = tx.session.get(OfficeDayOff, day_off_id)
        if row is None:
            raise NotFound("Hari libur tidak ditemukan.")
        tx.audit("office_day_off", row.id, {"day": row.day.isoformat(), "name": row.name}, None)
        tx.session.delete(row)
