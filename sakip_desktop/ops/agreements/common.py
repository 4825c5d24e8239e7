"""What the Perjanjian Kinerja (PK) operations and views share: kinds, statuses, reasons, the scope of a PK
(which indicators and budget lines it carries), who its parties are, and the PK settings of the office.

Scope decisions (regulations.md §2.1 "PK uses the IKU tanpa mengesampingkan indikator kinerja lain yang relevan"):
- the office's PK (unit_id NULL) carries every indicator of the Renstra covering the year, IKU and others;
- a unit's PK carries the indicators whose responsible unit is that unit or one of its sub-units (the Sekretaris
  answers to the Camat for the sub bagian under the Sekretariat). Units with a PK of their own: the Sekretariat
  and each Seksi (their heads sign with the Camat, issue #4).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from sakip_desktop.domain import formats
from sakip_desktop.domain.people import full_name
from sakip_desktop.domain.ranks import rank_label
from sakip_desktop.domain.roles import Role, UnitKind
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.storage.models import (
    ActingAssignment,
    Budget,
    Goal,
    Indicator,
    Objective,
    Office,
    PerformanceAgreement,
    Person,
    Program,
    QualitativeLevel,
    RoleAssignment,
    Setting,
    StrategicPlan,
    SubActivity,
    Unit,
)
from sakip_desktop.storage.models import Activity as ActivityRow

PK_UNIT_KINDS = (UnitKind.SEKRETARIAT.value, UnitKind.SEKSI.value)
BUDGET_NOTE = "APBD"


class Kind(StrEnum):
    """PK Murni (the first version of a year) or PK Perubahan (a revision)."""

    MURNI = "MURNI"
    PERUBAHAN = "PERUBAHAN"

    @property
    def label(self) -> str:
        """'PK Murni' / 'PK Perubahan'."""
        return "PK Murni" if self is Kind.MURNI else "PK Perubahan"


class Status(StrEnum):
    """Where a PK version stands."""

    DRAFT = "DRAFT"
    FINAL = "FINAL"
    SUPERSEDED = "SUPERSEDED"

    @property
    def label(self) -> str:
        """Indonesian label."""
        return {"DRAFT": "Draf", "FINAL": "Ditetapkan", "SUPERSEDED": "Diganti perubahan"}[self.value]


# regulations.md §2.1: the three grounds for a PK Perubahan (PermenPAN-RB 53/2014).
REASONS: dict[str, str] = {
    "MUTASI": "Pergantian atau mutasi pejabat",
    "STRATEGI": "Perubahan strategi (program, kegiatan, alokasi anggaran)",
    "PRIORITAS": "Perubahan prioritas atau asumsi",
}

# regulations.md §2.2. The first paragraph goes above the parties, the others below them (paragraphs are
# separated by an empty line).
DEFAULT_STATEMENT = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi "
    "pada hasil, kami yang bertanda tangan di bawah ini:\n\n"
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam "
    "rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. "
    "Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.\n\n"
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja "
    "dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi."
)
STATEMENT_KEY = "pk_statement_text"
SUPERIOR_KEY = "pk_superior"
MAX_STATEMENT = 6000


@dataclass(frozen=True)
class Party:
    """A signing party as printed: name with gelar, jabatan, pangkat (golongan) and NIP."""

    name: str = ""
    title: str = ""
    rank: str = ""
    nip: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class PkSettings:
    """The office's PK settings: the statement text and the Bupati (pihak kedua of the office's PK)."""

    statement_text: str = DEFAULT_STATEMENT
    superior: Party = Party()


# ---- settings ---------------------------------------------------------------------------------------------


def read_pk_settings(session: Session) -> PkSettings:
    """The stored PK settings; the Bupati's jabatan defaults to 'Bupati <kabupaten>'."""
    rows = {
        r.key: json.loads(r.value)
        for r in session.scalars(select(Setting).where(Setting.key.in_([STATEMENT_KEY, SUPERIOR_KEY])))
    }
    text = rows.get(STATEMENT_KEY) or DEFAULT_STATEMENT
    stored = rows.get(SUPERIOR_KEY) or {}
    office = session.scalars(select(Office)).first()
    default_title = ""
    if office is not None:
        default_title = f"{'Wali Kota' if office.regency_kind == 'Kota' else 'Bupati'} {office.regency_name}"
    superior = Party(
        name=stored.get("name", ""),
        title=stored.get("title") or default_title,
        rank=stored.get("rank", ""),
        nip=stored.get("nip", ""),
    )
    return PkSettings(statement_text=text, superior=superior)


def write_setting(session: Session, key: str, value: object) -> tuple[object, object]:
    """Store one JSON setting; returns (old, new) for the audit trail."""
    row = session.get(Setting, key)
    old = json.loads(row.value) if row else None
    if row is None:
        session.add(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
    else:
        row.value = json.dumps(value, ensure_ascii=False)
    return old, value


def clean_statement(text: str) -> str:
    """The statement text trimmed, with its line ends made plain; empty or too long is refused."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError("Teks pernyataan perjanjian kinerja wajib diisi.", field="statement_text")
    if len(text) > MAX_STATEMENT:
        raise ValidationError(
            f"Teks pernyataan terlalu panjang ({len(text)} karakter; paling banyak {MAX_STATEMENT}).",
            field="statement_text",
        )
    return text


# ---- scope ------------------------------------------------------------------------------------------------


def plan_for_year(session: Session, year: int) -> StrategicPlan:
    """The Renstra whose period covers `year`."""
    plan = session.scalars(
        select(StrategicPlan)
        .where(StrategicPlan.start_year <= year, StrategicPlan.end_year >= year)
        .order_by(StrategicPlan.start_year.desc())
    ).first()
    if plan is None:
        raise ValidationError(f"Belum ada Renstra yang mencakup tahun {year}; isi Renstra lebih dahulu.", field="year")
    return plan


def pk_unit(session: Session, unit_id: int) -> Unit:
    """A unit that has a PK of its own (the Sekretariat or a Seksi)."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("Unit kerja tidak ditemukan (mungkin sudah dihapus).")
    if unit.kind not in PK_UNIT_KINDS:
        raise ValidationError(
            f"{unit.name} tidak membuat perjanjian kinerja sendiri; PK unit dibuat untuk Sekretariat dan tiap Seksi "
            "(sub bagian masuk PK Sekretaris).",
            field="unit_id",
        )
    return unit


def pk_units(session: Session) -> list[Unit]:
    """The units with a PK of their own, in the office's order."""
    return list(session.scalars(select(Unit).where(Unit.kind.in_(PK_UNIT_KINDS)).order_by(Unit.sort_order, Unit.name)))


def unit_family(session: Session, unit_id: int) -> set[int]:
    """The unit and all its sub-units."""
    children: dict[int | None, list[int]] = {}
    for uid, parent in session.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found, todo = set(), [unit_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, []))
    return found


def scope_name(session: Session, unit_id: int | None) -> str:
    """'Kecamatan Contoh' for the office, else the unit's name."""
    if unit_id is None:
        office = session.scalars(select(Office)).first()
        return f"Kecamatan {office.name}" if office else "Kecamatan"
    unit = session.get(Unit, unit_id)
    return unit.name if unit else "(unit terhapus)"


def plan_objectives(session: Session, plan_id: int) -> list[Objective]:
    """The sasaran of a Renstra in plan order."""
    return list(
        session.scalars(
            select(Objective)
            .join(Goal, Goal.id == Objective.goal_id)
            .where(Goal.plan_id == plan_id)
            .order_by(Goal.sort_order, Objective.sort_order, Objective.code)
        )
    )


def scope_indicators(session: Session, year: int, unit_id: int | None) -> list[Indicator]:
    """The indicators a PK of the year carries (see the module notes), in plan order."""
    plan = plan_for_year(session, year)
    query = (
        select(Indicator)
        .join(Objective, Objective.id == Indicator.objective_id)
        .join(Goal, Goal.id == Objective.goal_id)
        .where(Goal.plan_id == plan.id)
        .order_by(Goal.sort_order, Objective.sort_order, Indicator.sort_order, Indicator.code)
    )
    if unit_id is not None:
        query = query.where(Indicator.responsible_unit_id.in_(unit_family(session, unit_id)))
    return list(session.scalars(query))


@dataclass(frozen=True)
class BudgetLine:
    """A line of the PK's second table, before it is stored."""

    code: str
    name: str
    amount: int
    note: str = BUDGET_NOTE


def scope_budget(session: Session, year: int, unit_id: int | None) -> list[BudgetLine]:
    """Office: each program with the sum of its sub kegiatan pagu; a unit: its sub kegiatan with their pagu."""
    plan = plan_for_year(session, year)
    rows = session.execute(
        select(Program.code, Program.name, SubActivity.code, SubActivity.name, SubActivity.unit_id, Budget.ceiling)
        .join(ActivityRow, ActivityRow.program_id == Program.id)
        .join(SubActivity, SubActivity.activity_id == ActivityRow.id)
        .join(Budget, (Budget.sub_activity_id == SubActivity.id) & (Budget.year == year))
        .where(Program.plan_id == plan.id)
        .order_by(Program.code, SubActivity.code)
    ).all()
    if unit_id is None:
        totals: dict[tuple[str, str], int] = {}
        for p_code, p_name, _sc, _sn, _u, ceiling in rows:
            totals[(p_code, p_name)] = totals.get((p_code, p_name), 0) + int(ceiling)
        return [BudgetLine(code, name, amount) for (code, name), amount in totals.items()]
    family = unit_family(session, unit_id)
    return [BudgetLine(sc, sn, int(ceiling)) for _pc, _pn, sc, sn, u, ceiling in rows if u in family]


# ---- parties ----------------------------------------------------------------------------------------------


def _active_on(day: dt.date) -> ColumnElement[bool]:
    """The people in office on `day`."""
    return and_(Person.active_from <= day, or_(Person.active_to.is_(None), Person.active_to >= day))


def _party(person: Person, title: str | None = None) -> Party:
    return Party(
        name=full_name(person.front_title, person.name, person.back_title),
        title=title if title is not None else person.position,
        rank=rank_label(person.grade),
        nip=person.nip,
        person_id=person.id,
    )


def role_holder(session: Session, role: Role, unit_id: int | None, day: dt.date) -> Party:
    """Who holds `role` (for `unit_id`, for a Kasi) on `day`; a Plt. when nobody holds it; empty when none."""
    query = (
        select(Person)
        .join(RoleAssignment, RoleAssignment.person_id == Person.id)
        .where(RoleAssignment.role == role.value)
    )
    if role.per_unit:
        query = query.where(RoleAssignment.unit_id == unit_id)
    person = session.scalars(query.where(_active_on(day)).order_by(Person.active_from.desc())).first()
    if person is not None:
        return _party(person)
    acting = select(ActingAssignment).where(
        ActingAssignment.role == role.value,
        ActingAssignment.kind == "PLT",
        ActingAssignment.start <= day,
        or_(ActingAssignment.end.is_(None), ActingAssignment.end >= day),
    )
    if role.per_unit:
        acting = acting.where(ActingAssignment.unit_id == unit_id)
    found = session.scalars(acting).first()
    if found is not None:
        person = session.get(Person, found.person_id)
        if person is not None:
            return _party(person, f"Plt. {found.position or role.label}")
    return Party()


def head_role(unit: Unit) -> Role:
    """The role that heads a unit with a PK: the Sekretaris for the Sekretariat, the Kasi for a Seksi."""
    return Role.SEKRETARIS if unit.kind == UnitKind.SEKRETARIAT.value else Role.KASI


def parties_for(session: Session, unit_id: int | None, day: dt.date) -> tuple[Party, Party]:
    """(pihak pertama, pihak kedua) of a PK on `day`: Camat with the Bupati, or a unit head with the Camat."""
    camat = role_holder(session, Role.CAMAT, None, day)
    if unit_id is None:
        return camat, read_pk_settings(session).superior
    unit = pk_unit(session, unit_id)
    role = head_role(unit)
    return role_holder(session, role, unit.id if role.per_unit else None, day), camat


# ---- texts ------------------------------------------------------------------------------------------------


def plain_number(value: Decimal) -> str:
    """'70', '92,86': no decimals when whole, otherwise up to two (`formats.compact`)."""
    return formats.compact(value)


def target_text(value: Decimal, high: Decimal | None, satuan: str, levels: dict[int, str] | None = None) -> str:
    """A target as the PK prints it: '70 nilai', '95%', '80–90%'; a qualitative target by its level's label."""
    upper = high if high is not None and high != value else None
    if levels:
        low_text = levels.get(int(value), formats.compact(value))
        return formats.span(low_text, None if upper is None else levels.get(int(upper), formats.compact(upper)))
    text = formats.span(formats.compact(value), None if upper is None else formats.compact(upper))
    return formats.with_unit(text, satuan)


def scale_levels(session: Session, scale_id: int | None) -> dict[int, str]:
    """The labels of a qualitative scale by rank (empty for a numeric indicator)."""
    if scale_id is None:
        return {}
    return dict(
        session.execute(
            select(QualitativeLevel.rank, QualitativeLevel.label).where(QualitativeLevel.scale_id == scale_id)
        ).all()
    )


def get_agreement_row(session: Session, agreement_id: int) -> PerformanceAgreement:
    """The PK version, or `NotFound`."""
    row = session.get(PerformanceAgreement, agreement_id)
    if row is None:
        raise NotFound("Perjanjian kinerja tidak ditemukan (mungkin draf sudah dihapus).")
    return row
