"""Every read of the login dialog and the first window, in plain SQL: the only plain SQL of the program.

The login list, the actor, the office and its settings, a role's "Menunggu Anda" (realisasi, rekomendasi, PK,
role changes, SOP steps, tindak lanjut, the backup reminder), its indicators, the year selector and the Camat's
dasbor (measurement, budget) are read here, on `Database.plain_reading()`'s sqlite3 connection: start-up pays
neither for declaring the mapped classes nor for SQLAlchemy's engine. Each function is one read transaction;
its rows are typed as the mapped classes give them (`Decimal`, `date`, `datetime`, `bool`), so a feature module
builds its views from these rows and from ORM rows alike. Every other read goes through the ORM; a test
(tests/core/test_plain_sql.py) keeps plain SQL out of the other modules. The SQL names the migrations' tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, NamedTuple

from sakip_desktop.domain.follow_up import DONE

# The shapes of the reads, re-exported: their users import them from here.
from sakip_desktop.ops.home.first_rows import AccountRead as AccountRead
from sakip_desktop.ops.home.first_rows import FollowUpRead as FollowUpRead
from sakip_desktop.ops.home.first_rows import IndicatorTable as IndicatorTable
from sakip_desktop.ops.home.first_rows import Record as Record
from sakip_desktop.ops.home.first_rows import SopSteps as SopSteps
from sakip_desktop.ops.home.first_rows import WaitingRead as WaitingRead
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database

# Columns typed as the mapped classes give them.
_FLAGS: dict[str, sql.Converter] = {"is_demo": sql.boolean, "has_logo": sql.boolean, "is_admin": sql.boolean}
_EXACT: dict[str, sql.Converter] = {n: sql.decimal for n in ("value", "value_high", "manual_achievement")}

# --- the office, its settings, logging in -----------------------------------------------------------------


def has_office(db: Database) -> bool:
    """True once the office has been created."""
    with db.plain_reading() as s:
        return sql.scalar(s, "SELECT id FROM office LIMIT 1") is not None


def office_row(db: Database, columns: Sequence[str]) -> Record | None:
    """The office's `columns`, then is_demo, whether it has a logo, and logo_filename; None before first run."""
    listed = ", ".join(columns)
    query = f"SELECT {listed}, is_demo, logo IS NOT NULL AS has_logo, logo_filename FROM office ORDER BY id LIMIT 1"
    with db.plain_reading() as s:
        found = sql.rows(s, query, types=_FLAGS)
    return found[0] if found else None


def settings(db: Database, keys: Collection[str] | None = None) -> dict[str, str]:
    """The stored settings (JSON text) by key: all, or those of `keys`."""
    with db.plain_reading() as s:
        if keys is None:
            return dict(sql.rows(s, "SELECT key, value FROM setting"))
        return dict(sql.rows(s, "SELECT key, value FROM setting WHERE key IN :keys", keys=keys))


def login_list(db: Database, today: dt.date) -> list[Record]:
    """(username, front_title, name, back_title, position) of the people in service `today` with an account."""
    with db.plain_reading() as s:
        return sql.rows(
            s,
            """
            SELECT a.username, p.front_title, p.name, p.back_title, p.position
              FROM account a JOIN person p ON p.id = a.person_id
             WHERE p.active_from <= :today AND (p.active_to IS NULL OR p.active_to >= :today)
             ORDER BY p.name
            """,
            today=today.isoformat(),
        )


def account(db: Database, username: str, today: dt.date) -> AccountRead | None:
    """The account `username` and its person's roles in person and acting on `today`; None when there is none."""
    with db.plain_reading() as s:
        found = sql.rows(
            s,
            """
            SELECT a.id, a.username, a.is_admin, p.id AS person_id, p.front_title, p.name, p.back_title
              FROM account a JOIN person p ON p.id = a.person_id
             WHERE a.username = :username
            """,
            types=_FLAGS,
            username=username,
        )
        if not found:
            return None
        a = found[0]
        units = dict(sql.rows(s, "SELECT id, name FROM unit"))
        held = sql.rows(s, "SELECT role, unit_id, NULL FROM role_assignment WHERE person_id = :p", p=a.person_id)
        acting = """
            SELECT role, unit_id, kind FROM acting_assignment
             WHERE person_id = :p AND start <= :today AND ("end" IS NULL OR "end" >= :today)
        """
        held += sql.rows(s, acting, p=a.person_id, today=today.isoformat())
    roles = [(role, unit, units.get(unit, "") if unit else "", kind) for role, unit, kind in held]
    return AccountRead(a, roles)


def must_change_password(db: Database, username: str) -> tuple[bool, bool] | None:
    """(the account must change its password, the office is the demo); None when there is no such account."""
    demo = "(SELECT o.is_demo FROM office o ORDER BY o.id LIMIT 1)"
    query = f"SELECT a.must_change_password, {demo} FROM account a WHERE a.username = :username"
    with db.plain_reading() as s:
        found = sql.rows(s, query, username=username)
    return (bool(found[0][0]), bool(found[0][1])) if found else None


# --- the year selector, the period to open on --------------------------------------------------------------


def plan_years(db: Database) -> list[int]:
    """The years of the Renstra periods and of the yearly targets."""
    with db.plain_reading() as s:
        years: set[int] = set()
        for start, end in sql.rows(s, "SELECT start_year, end_year FROM strategic_plan"):
            years.update(range(start, end + 1))
        years.update(year for (year,) in sql.rows(s, "SELECT DISTINCT year FROM yearly_target"))
    return sorted(years)


def period_facts(db: Database, year: int) -> tuple[bool, tuple[int, int] | None]:
    """Whether `year` has a yearly target, and the earliest (year, quarter) with a realisasi not yet approved, else
    the latest with a realisasi."""
    with db.plain_reading() as s:
        planned = sql.scalar(s, "SELECT id FROM yearly_target WHERE year = :year LIMIT 1", year=year) is not None
        found = sql.rows(
            s, "SELECT year, quarter FROM realisation WHERE status <> 'APPROVED' ORDER BY year, quarter LIMIT 1"
        ) or sql.rows(s, "SELECT year, quarter FROM realisation ORDER BY year DESC, quarter DESC LIMIT 1")
    return planned, (found[0][0], found[0][1]) if found else None


# --- "Menunggu Anda" ---------------------------------------------------------------------------------------


def role_changes_waiting(db: Database, viewer: int | None) -> int:
    """How many role changes wait for the Camat `viewer` to acknowledge (those about himself excepted)."""
    query = """SELECT COUNT(*) FROM role_change
                WHERE acknowledged_at IS NULL AND (person_id IS NULL OR person_id IS NOT :viewer)"""
    with db.plain_reading() as s:
        return int(sql.scalar(s, query, viewer=viewer) or 0)


def unit_of_person(db: Database, person_id: int) -> list[tuple[int | None]]:
    """[(the unit of the person)], or [] when there is no such person."""
    with db.plain_reading() as s:
        return sql.rows(s, "SELECT unit_id FROM person WHERE id = :id", id=person_id)


# The indicators with a target in the year (as `realisation.common.planned_indicators` picks them).
_PLANNED_IN = """
      FROM indicator i JOIN objective o ON o.id = i.objective_id JOIN goal g ON g.id = o.goal_id
      JOIN yearly_target t ON t.indicator_id = i.id
"""
_TALLIES = {
    "planned": f"SELECT t.year, i.responsible_unit_id, COUNT(*) {_PLANNED_IN} GROUP BY 1, 2",
    "realisations": f"""
        SELECT r.year, r.quarter, i.responsible_unit_id, r.status, COUNT(*) {_PLANNED_IN}
          JOIN realisation r ON r.indicator_id = i.id AND r.year = t.year GROUP BY 1, 2, 3, 4
    """,
    "unreviewed": f"""
        SELECT r.year, r.quarter, COUNT(*) {_PLANNED_IN}
          JOIN realisation r ON r.indicator_id = i.id AND r.year = t.year
         WHERE r.status IN ('SUBMITTED', 'VERIFIED', 'APPROVED') AND NOT EXISTS (
               SELECT 1 FROM monitoring_review v
                WHERE v.indicator_id = r.indicator_id AND v.year = r.year AND v.quarter = r.quarter)
         GROUP BY 1, 2
    """,
    "proposed": "SELECT year, quarter, COUNT(*) FROM recommendation WHERE status = 'PROPOSED' GROUP BY 1, 2",
    "draft_agreements": "SELECT year, COUNT(*) FROM performance_agreement WHERE status = 'DRAFT' GROUP BY 1",
}


def waiting_tallies(db: Database) -> WaitingRead:
    """The counts "Menunggu Anda" is made of, by period, in one read."""
    with db.plain_reading() as s:
        return WaitingRead(**{name: sql.rows(s, query) for name, query in _TALLIES.items()})


def step_periods(db: Database) -> dict[int, tuple[int, int | None]]:
    """The period (year, quarter or None) of the run of each open step visit of a running SOP, by visit id."""
    query = """
        SELECT sr.id, r.year, r.quarter FROM sop_step_run sr JOIN sop_run r ON r.id = sr.run_id
         WHERE r.status = 'RUNNING' AND sr.finished_at IS NULL
    """
    with db.plain_reading() as s:
        return {i: (year, quarter) for i, year, quarter in sql.rows(s, query)}


def units(db: Database) -> list[Record]:
    """Every unit: id, code, name, kind, parent_id (whether a person's unit lies in an SOP lane's unit)."""
    with db.plain_reading() as s:
        return sql.rows(s, "SELECT id, code, name, kind, parent_id FROM unit")


def sop_returns(db: Database, run_ids: Collection[int]) -> list[Record]:
    """The returned step visits of these runs, oldest first: id, run_id, position, finished_at, finished_by, reason."""
    query = """
        SELECT id, run_id, position, finished_at, finished_by, reason FROM sop_step_run
         WHERE outcome = 'RETURNED' AND run_id IN :ids ORDER BY finished_at, id
    """
    with db.plain_reading() as s:
        return sql.rows(s, query, types={"finished_at": sql.datetime}, ids=list(run_ids))


def open_sop_steps(db: Database) -> SopSteps:
    """Every open step visit of the running SOPs, with the pauses, days off and definitions to time them."""
    with db.plain_reading() as s:
        days_off = [dt.date.fromisoformat(day) for (day,) in sql.rows(s, "SELECT day FROM office_day_off")]
        found = sql.rows(
            s,
            """
            SELECT sr.id, sr.run_id, sr.position, sr.role, sr.started_at, r.title, r.sop_version_id
              FROM sop_step_run sr JOIN sop_run r ON r.id = sr.run_id
             WHERE r.status = 'RUNNING' AND sr.finished_at IS NULL
             ORDER BY sr.started_at
            """,
            types={"started_at": sql.datetime},
        )
        ids = [row.id for row in found]
        pause_query = 'SELECT step_run_id, start, "end" FROM sop_pause WHERE step_run_id IN :ids ORDER BY id'
        found_pauses = sql.rows(s, pause_query, ids=ids)
        pauses = [(i, dt.datetime.fromisoformat(a), sql.datetime(b)) for i, a, b in found_pauses]
        versions = {row.sop_version_id for row in found}
        texts = dict(sql.rows(s, "SELECT id, definition FROM sop_version WHERE id IN :ids", ids=versions))
    return SopSteps(days_off, found, pauses, texts)


_FOLLOW_UPS = {"own": "responsible_person_id = :person", "overdue": "due_on < :before"}
_NAMED = {
    "people": ("responsible_person_id", "SELECT id, front_title, name, back_title, position FROM person"),
    "meetings": ("meeting_id", "SELECT id, period_kind, period_no, year FROM evaluation_meeting"),
    "recommendations": ("recommendation_id", "SELECT id, quarter, year FROM recommendation"),
    "indicators": ("indicator_id", "SELECT id, code, name FROM indicator"),
    # the LHE of an LHE rekomendasi, whose RATL the tindak lanjut is (issue 16 §3)
    "lhe": (
        "lhe_recommendation_id",
        "SELECT id, evaluator, year FROM (SELECT r.id AS id, l.evaluator AS evaluator, l.year AS year "
        "FROM lhe_recommendation r JOIN lhe l ON l.id = r.lhe_id) AS x",
    ),
}


def follow_ups(db: Database, which: str, *, person: int | None = None, before: dt.date | None = None) -> FollowUpRead:
    """A person's open tindak lanjut (`which` 'own') or every overdue one ('overdue'), earliest due first."""
    query = f"""
        SELECT id, action, responsible_person_id, due_on, status, progress, progress_note, done_at,
               meeting_id, recommendation_id, indicator_id, lhe_recommendation_id
          FROM follow_up WHERE {_FOLLOW_UPS[which]} AND status <> :done ORDER BY due_on, id
    """
    with db.plain_reading() as s:
        types = {"due_on": sql.date, "done_at": sql.datetime}
        day = before.isoformat() if before else None
        found = sql.rows(s, query, types=types, person=person, before=day, done=DONE)
        named = {
            name: {r[0]: r for r in sql.rows(s, f"{select} WHERE id IN :ids", ids={getattr(f, key) for f in found})}
            for name, (key, select) in _NAMED.items()
        }
        evidence_query = "SELECT follow_up_id, COUNT(*) FROM follow_up_evidence WHERE follow_up_id IN :ids GROUP BY 1"
        evidence = dict(sql.rows(s, evidence_query, ids=[f.id for f in found]))
    return FollowUpRead(found, evidence=evidence, **named)


# --- a role's indicators -------------------------------------------------------------------------------------


def indicator_table(db: Database, year: int, quarter: int, unit_id: int | None) -> IndicatorTable:
    """The indicators (all, or one unit's) in plan order, with the year's and quarter's target and realisasi."""
    with db.plain_reading() as s:
        indicators = sql.rows(
            s,
            """
            SELECT i.id, i.code, i.name, i.unit, i.polarity, i.aggregation, i.is_key, i.responsible_unit_id,
                   o.code, o.statement
              FROM indicator i JOIN objective o ON o.id = i.objective_id JOIN goal g ON g.id = o.goal_id
             WHERE :unit IS NULL OR i.responsible_unit_id = :unit
             ORDER BY g.sort_order, o.sort_order, i.sort_order, i.code
            """,
            types={"is_key": sql.boolean},
            unit=unit_id,
        )
        yearly = "SELECT indicator_id, id, value FROM yearly_target WHERE year = :year"
        quarterly = "SELECT yearly_target_id, value FROM quarterly_target WHERE quarter = :quarter"
        actual = "SELECT indicator_id, value, status FROM realisation WHERE year = :year AND quarter = :quarter"
        table = IndicatorTable(
            indicators,
            dict(sql.rows(s, "SELECT id, name FROM unit")),
            {i: (t, sql.decimal(v)) for i, t, v in sql.rows(s, yearly, year=year)},
            {t: sql.decimal(v) for t, v in sql.rows(s, quarterly, quarter=quarter)},
            {i: (sql.decimal(v), status) for i, v, status in sql.rows(s, actual, year=year, quarter=quarter)},
            _scales(s),
        )
    return table


def _scales(s: Any) -> dict[int, tuple[str, dict[int, str]]]:
    names = dict(sql.rows(s, "SELECT id, name FROM qualitative_scale"))
    levels: dict[int, dict[int, str]] = {scale_id: {} for scale_id in names}
    for scale_id, rank, label in sql.rows(s, "SELECT scale_id, rank, label FROM qualitative_level"):
        levels[scale_id][rank] = label
    used = sql.rows(s, "SELECT id, scale_id FROM indicator WHERE scale_id IS NOT NULL")
    return {ind: (names[scale_id], levels[scale_id]) for ind, scale_id in used}


# --- the Camat's dasbor --------------------------------------------------------------------------------------


def last_realised_quarters(db: Database, year: int) -> dict[int, int]:
    """Per year up to `year`: the last quarter with a realisasi value."""
    query = """
        SELECT year, MAX(quarter) FROM realisation
         WHERE year <= :year AND value IS NOT NULL AND quarter BETWEEN 1 AND 4
         GROUP BY year
    """
    with db.plain_reading() as s:
        return {y: q for y, q in sql.rows(s, query, year=year)}


class MeasurementRead(NamedTuple):
    """What measurement reads (`ops.measurement.capaian`), as rows of the same columns as its ORM reads."""

    indicators: list[Record]  # id, code, name, unit, polarity, aggregation, is_key, unit id, scale_id, objective…
    levels: list[Record]  # scale_id, rank, label
    year_targets: list[Record]  # id, indicator_id, year, value, value_high
    quarter_targets: list[Record]  # yearly_target_id, quarter, value, value_high
    actuals: list[Record]  # indicator_id, year, quarter, value, status, manual_achievement, manual_justification
    scale: str | None  # the stored bands setting (JSON)


_MEASURED_INDICATORS = """
    SELECT i.id, i.code, i.name, i.unit, i.polarity, i.aggregation, i.is_key, i.responsible_unit_id, i.scale_id,
           o.id, o.code, o.statement
      FROM indicator i JOIN objective o ON o.id = i.objective_id JOIN goal g ON g.id = o.goal_id
     WHERE :unit IS NULL OR i.responsible_unit_id = :unit
     ORDER BY g.sort_order, g.id, o.sort_order, o.code, o.id, i.sort_order, i.code
"""
_YEAR_TARGETS = "SELECT id, indicator_id, year, value, value_high FROM yearly_target WHERE year IN :years"
_QUARTER_TARGETS = """
    SELECT q.yearly_target_id, q.quarter, q.value, q.value_high
      FROM quarterly_target q JOIN yearly_target y ON y.id = q.yearly_target_id
     WHERE y.year IN :years
"""
_ACTUALS = """
    SELECT indicator_id, year, quarter, value, status, manual_achievement, manual_justification
      FROM realisation WHERE year IN :years
"""


def measurement(db: Database, years: Sequence[int], unit_id: int | None, scale_key: str) -> MeasurementRead:
    """Indicators in plan order with the targets and realisasi of `years`, and the setting `scale_key`."""
    with db.plain_reading() as s:
        return MeasurementRead(
            sql.rows(s, _MEASURED_INDICATORS, types={"is_key": sql.boolean}, unit=unit_id),
            sql.rows(s, "SELECT scale_id, rank, label FROM qualitative_level"),
            sql.rows(s, _YEAR_TARGETS, types=_EXACT, years=years),
            sql.rows(s, _QUARTER_TARGETS, types=_EXACT, years=years),
            sql.rows(s, _ACTUALS, types=_EXACT, years=years),
            sql.scalar(s, 'SELECT value FROM setting WHERE "key" = :key', key=scale_key),
        )


class BudgetRead(NamedTuple):
    """The year's pagu per program, its spending to a quarter, and every program with the sasaran it serves."""

    ceilings: list[Record]  # program id, budget id, ceiling
    spending: list[Record]  # budget id, amount
    programs: list[Record]  # id, code, name, objective_id, objective code, objective statement (by code)
    subs: Sequence[Record] = ()  # budget id, sub kegiatan code
    links: Sequence[Record] = ()  # budget id, unit PK id, unit id, version, status, objective id, code, statement


def budget(db: Database, year: int, quarter: int) -> BudgetRead:
    """What `ops.measurement.budget` reads for TW `quarter` of `year`."""
    with db.plain_reading() as s:
        ceilings = """
            SELECT p.id, b.id, b.ceiling FROM program p
              JOIN activity a ON a.program_id = p.id JOIN sub_activity sa ON sa.activity_id = a.id
              JOIN budget b ON b.sub_activity_id = sa.id
             WHERE b.year = :year
        """
        spending = """
            SELECT sp.budget_id, sp.amount FROM budget_spending sp JOIN budget b ON b.id = sp.budget_id
             WHERE b.year = :year AND sp.quarter <= :quarter
        """
        programs = """
            SELECT p.id, p.code, p.name, p.objective_id, o.code, o.statement
              FROM program p LEFT OUTER JOIN objective o ON o.id = p.objective_id ORDER BY p.code
        """
        return BudgetRead(
            sql.rows(s, ceilings, year=year),
            sql.rows(s, spending, year=year, quarter=quarter),
            sql.rows(s, programs),
            sql.rows(s, _BUDGET_SUBS, year=year),
            sql.rows(s, _BUDGET_LINKS, year=year),
        )


# The sub kegiatan of the year's pagu, and the sasaran the units' PKs link them to (`ops.measurement.budget_links`).
_BUDGET_SUBS = """
    SELECT b.id, sa.code FROM budget b JOIN sub_activity sa ON sa.id = b.sub_activity_id WHERE b.year = :year
"""
_BUDGET_LINKS = """
    SELECT DISTINCT b.id, pa.id, pa.unit_id, pa.version, pa.status, o.id, o.code, o.statement
      FROM budget b JOIN sub_activity sa ON sa.id = b.sub_activity_id JOIN activity a ON a.id = sa.activity_id
      JOIN program p ON p.id = a.program_id JOIN agreement_budget ab ON ab.code IN (sa.code, a.code, p.code)
      JOIN performance_agreement pa ON pa.id = ab.agreement_id JOIN agreement_target t ON t.agreement_id = pa.id
      JOIN indicator i ON i.id = t.indicator_id JOIN objective o ON o.id = i.objective_id
     WHERE b.year = :year AND pa.year = :year AND pa.unit_id IS NOT NULL AND pa.status IN ('FINAL', 'DRAFT')
       AND NOT EXISTS (
           SELECT pb.id FROM performance_agreement pb
            WHERE pb.unit_id = pa.unit_id AND pb.year = pa.year AND pb.status IN ('FINAL', 'DRAFT')
              AND ((pb.status = 'FINAL') > (pa.status = 'FINAL')
                   OR ((pb.status = 'FINAL') = (pa.status = 'FINAL') AND pb.version > pa.version)))
"""
