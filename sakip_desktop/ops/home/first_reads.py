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
from decimal import Decimal
from typing import Any, NamedTuple

from sakip_desktop.domain.follow_up import DONE
from sakip_desktop.storage import sql
from sakip_desktop.storage.database import Database

# A row: a tuple whose items are also attributes named as its columns (`sql.rows`).
Record = Any
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


class AccountRead(NamedTuple):
    """An account with its person, and the person's roles: (role, unit_id, unit name, acting kind or None)."""

    account: Record  # id, username, is_admin, person_id, front_title, name, back_title
    roles: list[tuple[str, int | None, str, str | None]]


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
    """Whether `year` has a yearly target, and the latest (year, quarter) with a realisasi."""
    with db.plain_reading() as s:
        planned = sql.scalar(s, "SELECT id FROM yearly_target WHERE year = :year LIMIT 1", year=year) is not None
        latest = sql.rows(s, "SELECT year, quarter FROM realisation ORDER BY year DESC, quarter DESC LIMIT 1")
    return planned, (latest[0][0], latest[0][1]) if latest else None


# --- "Menunggu Anda" ---------------------------------------------------------------------------------------


def count(db: Database, what: str, **params: Any) -> int:
    """How many of `what` wait: one of the counts of `COUNTS`."""
    with db.plain_reading() as s:
        return int(sql.scalar(s, COUNTS[what], **params) or 0)


_PENDING_CHANGES = """
    SELECT id, at, by_name, person_name, description FROM role_change
     WHERE acknowledged_at IS NULL AND (person_id IS NULL OR person_id IS NOT :viewer)
"""
COUNTS = {
    "realisation": "SELECT COUNT(*) FROM realisation WHERE year = :year AND quarter = :quarter AND status = :status",
    "proposed": "SELECT COUNT(*) FROM recommendation WHERE year = :year AND quarter = :quarter AND status = 'PROPOSED'",
    "draft_agreements": "SELECT COUNT(*) FROM performance_agreement WHERE year = :year AND status = 'DRAFT'",
    "role_changes": f"SELECT COUNT(*) FROM ({_PENDING_CHANGES})",
}


def unit_of_person(db: Database, person_id: int) -> list[tuple[int | None]]:
    """[(the unit of the person)], or [] when there is no such person."""
    with db.plain_reading() as s:
        return sql.rows(s, "SELECT unit_id FROM person WHERE id = :id", id=person_id)


# The indicators with a target for the year, each with the status of its realisasi of the quarter (NULL: none).
_PLANNED = """
    SELECT i.id, r.status
      FROM indicator i
      JOIN objective o ON o.id = i.objective_id
      JOIN goal g ON g.id = o.goal_id
      JOIN yearly_target t ON t.indicator_id = i.id AND t.year = :year
      LEFT JOIN realisation r ON r.indicator_id = i.id AND r.year = :year AND r.quarter = :quarter
     WHERE :unit IS NULL OR i.responsible_unit_id = :unit
"""


def planned_statuses(db: Database, year: int, quarter: int, unit_id: int | None) -> list[tuple[int, str | None]]:
    """Each indicator with a target in `year` (all, or one unit's) and the status of its TW `quarter` realisasi."""
    with db.plain_reading() as s:
        return [(i, status) for i, status in sql.rows(s, _PLANNED, year=year, quarter=quarter, unit=unit_id)]


def reviewed_indicators(db: Database, year: int, quarter: int) -> set[int]:
    """The indicators the Tim has reviewed (telaah) for TW `quarter` of `year`."""
    query = "SELECT indicator_id FROM monitoring_review WHERE year = :year AND quarter = :quarter"
    with db.plain_reading() as s:
        return {i for (i,) in sql.rows(s, query, year=year, quarter=quarter)}


class SopSteps(NamedTuple):
    """The open steps of running SOPs with what their inbox needs."""

    days_off: list[dt.date]
    steps: list[Record]  # id, run_id, position, role, started_at, title, sop_version_id (oldest first)
    pauses: list[tuple[int, dt.datetime, dt.datetime | None]]  # (step_run_id, start, end) in order
    definitions: dict[int, str]  # sop_version id -> its definition (JSON)


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


class FollowUpRead(NamedTuple):
    """Tindak lanjut rows and the records they name, by id."""

    rows: list[Record]  # id, action, responsible_person_id, due_on, status, progress, progress_note, done_at, …
    people: dict[int, Record]  # id, front_title, name, back_title, position
    meetings: dict[int, Record]  # id, period_kind, period_no, year
    recommendations: dict[int, Record]  # id, quarter, year
    indicators: dict[int, Record]  # id, code, name
    evidence: dict[int, int]  # follow_up id -> number of bukti


_FOLLOW_UPS = {"own": "responsible_person_id = :person", "overdue": "due_on < :before"}
_NAMED = {
    "people": ("responsible_person_id", "SELECT id, front_title, name, back_title, position FROM person"),
    "meetings": ("meeting_id", "SELECT id, period_kind, period_no, year FROM evaluation_meeting"),
    "recommendations": ("recommendation_id", "SELECT id, quarter, year FROM recommendation"),
    "indicators": ("indicator_id", "SELECT id, code, name FROM indicator"),
}


def follow_ups(db: Database, which: str, *, person: int | None = None, before: dt.date | None = None) -> FollowUpRead:
    """A person's open tindak lanjut (`which` 'own') or every overdue one ('overdue'), earliest due first."""
    query = f"""
        SELECT id, action, responsible_person_id, due_on, status, progress, progress_note, done_at,
               meeting_id, recommendation_id, indicator_id
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


class IndicatorTable(NamedTuple):
    """A role's indicators with the period's figures."""

    indicators: list[Record]  # id, code, name, unit, polarity, aggregation, is_key, responsible_unit_id, code, …
    units: dict[int, str]
    year_targets: dict[int, tuple[int, Decimal | None]]  # indicator -> (yearly target id, value)
    quarter_targets: dict[int, Decimal | None]  # yearly target id -> the quarter's value
    actuals: dict[int, tuple[Decimal | None, str]]  # indicator -> (the quarter's realisasi, its status)
    scales: dict[int, tuple[str, dict[int, str]]]  # qualitative indicator -> (scale name, labels by rank)


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
            sql.rows(s, ceilings, year=year), sql.rows(s, spending, year=year, quarter=quarter), sql.rows(s, programs)
        )
