"""The kabupaten's comparison read in a few queries over every kecamatan schema at once.

`comparison.kecamatan_figures` reads one kecamatan through the office's own reads (the Camat's dasbor, the pack's
checklist, the LKj signature) on its schema: dozens of queries and a connection per kecamatan. Here each query the
comparison needs runs once for all of them: a UNION ALL of the same query on every schema, its tables named with
their schema (the search_path is empty, so a table left unqualified fails instead of reading elsewhere), all in one
read-only snapshot. Each kecamatan's rows then go through the office's own computations: the measurement
(`ops.measurement.capaian`), the sasaran and office means and bands (`summary`, `bands`), the serapan
(`domain.achievement.absorption`), the pack's deadlines and statuses (`ops.pack.due`, `ChecklistRow`). Same rows,
same code, same figures: the tests compare every field with `kecamatan_figures`, which stays the reference. A
kecamatan whose file holds an LKE self-assessment of the year is the one exception: its score (which gathers the
year's facts) is read through the office's own view.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from sakip_desktop.domain.achievement import absorption
from sakip_desktop.ops.home.dashboard import AVERAGE_KEY
from sakip_desktop.ops.home.first_reads import MeasurementRead
from sakip_desktop.ops.kabupaten.figures import (
    E81_CODE,
    LKJ_CODE,
    KecamatanFigures,
    SasaranFigure,
    lke_text,
    submission,
)
from sakip_desktop.ops.kabupaten.sources import Kecamatan, kecamatan_of, opened, unreachable
from sakip_desktop.ops.lkj.sections import SIGNED_KEY
from sakip_desktop.ops.measurement.bands import SETTING_KEY, scale_from
from sakip_desktop.ops.measurement.capaian import measured_rows, objective_summary, office_summary
from sakip_desktop.ops.measurement.summary import OBJECTIVES
from sakip_desktop.ops.measurement.year import rated
from sakip_desktop.ops.pack.checklist import ChecklistRow, pack_count
from sakip_desktop.ops.pack.due import (
    BELUM,
    DEFAULT_TYPES,
    TYPE_COLUMNS,
    ItemType,
    is_overdue,
    late_from_rows,
    periods_of,
)
from sakip_desktop.ops.realisation.evidence import EvidenceView
from sakip_desktop.storage import consolidate

_SCHEMA = re.compile(r"kec_\d{2}_\d{2}_\d{2}")  # `storage.consolidate.schema_name`: safe to write into SQL


@dataclass(frozen=True)
class _Query:
    """One query of the comparison: its columns and its FROM … (tables written `{s}name`), the rows' order."""

    columns: str
    source: str
    order: str = ""


# As `ops.home.first_reads` reads them for the Camat's dasbor (measurement: one year), and the pack's lists.
_SETTINGS = _Query('"key", value', 'FROM {s}setting WHERE "key" IN (:average_key, :scale_key)')
_INDICATORS = _Query(
    "i.id, i.code, i.name, i.unit, i.polarity, i.aggregation, i.is_key, i.responsible_unit_id, i.scale_id, o.id, "
    "o.code, o.statement",
    "FROM {s}indicator i JOIN {s}objective o ON o.id = i.objective_id JOIN {s}goal g ON g.id = o.goal_id",
    "g.sort_order, g.id, o.sort_order, o.code, o.id, i.sort_order, i.code",
)
_LEVELS = _Query("scale_id, rank, label", "FROM {s}qualitative_level")
_YEAR_TARGETS = _Query("id, indicator_id, year, value, value_high", "FROM {s}yearly_target WHERE year = :year")
_QUARTER_TARGETS = _Query(
    "q.yearly_target_id, q.quarter, q.value, q.value_high",
    "FROM {s}quarterly_target q JOIN {s}yearly_target y ON y.id = q.yearly_target_id WHERE y.year = :year",
)
_ACTUALS = _Query(
    "indicator_id, year, quarter, value, status, manual_achievement, manual_justification",
    "FROM {s}realisation WHERE year = :year",
)
# The year's pagu and its spending to TW n, summed. The dasbor's budget reaches each budget line through its sub
# kegiatan, kegiatan and program: every budget line has them (NOT NULL foreign keys, which the server checked as the
# rows were loaded), so the sums over the year's budget lines are the same.
_BUDGETS = _Query(
    "(SELECT COALESCE(SUM(b.ceiling), 0) FROM {s}budget b WHERE b.year = :year), "
    "(SELECT COALESCE(SUM(sp.amount), 0) FROM {s}budget_spending sp JOIN {s}budget b ON b.id = sp.budget_id "
    "WHERE b.year = :year AND sp.quarter <= :quarter)",
    "",
)
_TYPES = _Query(f"{TYPE_COLUMNS}, id", "FROM {s}pack_item_type", "sort_order, id")
_ITEMS = _Query("type_id, year, quarter, id, status, uploaded_on, note, updated_by, updated_at", "FROM {s}pack_item")
_FILES = _Query("id, item_id, filename, size, sha256, added_by, added_at", "FROM {s}pack_file", "id")
_PLANS = _Query("start_year, end_year", "FROM {s}strategic_plan")
_TARGET_YEARS = _Query("year", "FROM {s}yearly_target GROUP BY year")
_SIGNED = _Query("text", 'FROM {s}lkj_section WHERE year = :before AND "key" = :signed_key')
_LKE = _Query("id", "FROM {s}lke_assessment WHERE year = :year")


def _across(conn: Connection, schemas: Sequence[str], query: _Query, params: dict[str, Any]) -> list[list[Any]]:
    """The rows of `query` on every schema (one statement), per schema in the order of `schemas`."""
    number = f"row_number() OVER (ORDER BY {query.order})" if query.order else "0"
    branches = [
        f"SELECT {k} AS k_, {number} AS n_, {query.columns} {query.source}".format(s=schema + ".")
        for k, schema in enumerate(schemas)
    ]
    found: list[list[Any]] = [[] for _ in schemas]
    for row in conn.execute(text("\nUNION ALL\n".join(branches) + "\nORDER BY k_, n_"), params):
        found[row[0]].append(tuple(row[2:]))
    return found


def _exact(rows: list[Any], *positions: int) -> list[Any]:
    """The exact numbers kept as text (`DecimalText`) as `Decimal`s, as the office's reads give them."""
    return [tuple(Decimal(v) if i in positions and v is not None else v for i, v in enumerate(r)) for r in rows]


def _checklist(reads: dict[str, list[Any]], year: int, today: dt.date) -> list[ChecklistRow]:
    """`ops.pack.checklist.checklist` of `year` from the rows read (without the register's printing, which the
    comparison does not show)."""
    stored_types = reads["types"]
    types = [ItemType._make((*r[:9], r[10])) for r in stored_types if r[9]] if stored_types else list(DEFAULT_TYPES)
    stored = {(r[0], r[2]): r for r in reads["items"] if r[1] == year}
    files: dict[int, list[EvidenceView]] = defaultdict(list)
    for fid, item_id, *rest in reads["files"]:
        files[item_id].append(EvidenceView(fid, *rest))
    rows = []
    for item in types:
        for quarter in periods_of(item):
            got = stored.get((item.id, quarter)) if item.id is not None else None
            status = got[4] if got else BELUM
            rows.append(
                ChecklistRow(
                    item=item,
                    year=year,
                    quarter=quarter,
                    item_id=got[3] if got else None,
                    status=status,
                    uploaded_on=got[5] if got else None,
                    note=got[6] if got else "",
                    updated_by=got[7] if got else "",
                    updated_at=got[8] if got else None,
                    deadline=item.deadline(year, quarter),
                    overdue=is_overdue(item, year, quarter, status, today),
                    files=tuple(files.get(got[3], ())) if got else (),
                    printed=None,
                )
            )
    return rows


def _late_count(reads: dict[str, list[Any]], today: dt.date) -> int:
    """How many documents `ops.home.pack_reads.late_documents` lists."""
    code_of = {r[10]: r[0] for r in reads["types"]}
    statuses = [(code_of[type_id], y, q, status) for type_id, y, q, _id, status, *_rest in reads["items"]]
    years = {y for start, end in reads["plans"] for y in range(start, end + 1)} | {y for (y,) in reads["years"]}
    return len(late_from_rows(reads["types"], statuses, sorted(years), today))


def _figures(
    kecamatan: Kecamatan, reads: dict[str, list[Any]], year: int, quarter: int, today: dt.date, lke: str
) -> KecamatanFigures:
    """One kecamatan's row from its rows: the computations of its dasbor, pack checklist and LKj signature."""
    settings = dict(reads["settings"])
    measured = MeasurementRead(
        reads["indicators"],
        reads["levels"],
        _exact(reads["year_targets"], 3, 4),
        _exact(reads["quarter_targets"], 2, 3),
        _exact(reads["actuals"], 3, 5),
        settings.get(SETTING_KEY),
    )
    rows = rated(measured_rows(measured, year, quarter))  # as the dasbor: no data in TW n, no capaian
    scale = scale_from(settings.get(SETTING_KEY))
    stored_average = settings.get(AVERAGE_KEY)
    average = json.loads(stored_average) if stored_average else OBJECTIVES
    office = office_summary(rows, scale, average=average)
    ceiling, spent = (int(v) for v in reads["budgets"][0])
    pack_rows = _checklist(reads, year, today)
    signed = reads["signed"]
    return KecamatanFigures(
        kecamatan=kecamatan,
        achievement=scale.shown(office.achievement),
        band=office.band.label if office.band else "",
        band_colour=office.band.colour if office.band else "#9e9e9e",
        average=average,
        indicators=len(rows),
        no_data=sum(not r.has_data for r in rows),
        pending=sum(not r.all_approved for r in rows),
        objectives=tuple(
            SasaranFigure(o.code, o.statement, scale.shown(o.achievement), o.band.label if o.band else "")
            for o in objective_summary(rows)
        ),
        ceiling=ceiling,
        spent=spent,
        absorption=absorption(spent, ceiling),
        e81=submission(pack_rows, E81_CODE, quarter),
        lkj=submission(_checklist(reads, year - 1, today), LKJ_CODE, 0),
        lkj_signed_on=dt.date.fromisoformat(signed[0][0]) if signed else None,
        pack_text=pack_count(pack_rows, today).text,
        late_documents=_late_count(reads, today),
        lke=lke,
    )


_QUERIES = {
    "settings": _SETTINGS,
    "indicators": _INDICATORS,
    "levels": _LEVELS,
    "year_targets": _YEAR_TARGETS,
    "quarter_targets": _QUARTER_TARGETS,
    "actuals": _ACTUALS,
    "budgets": _BUDGETS,
    "types": _TYPES,
    "items": _ITEMS,
    "files": _FILES,
    "plans": _PLANS,
    "years": _TARGET_YEARS,
    "signed": _SIGNED,
    "lke": _LKE,
}


def read_all(conn: Connection, year: int, quarter: int) -> tuple[list[Kecamatan], list[dict[str, list[Any]]]]:
    """The kecamatan loaded and every query of the comparison over their schemas, in one read-only snapshot: the
    kecamatan (by kode wilayah) and, in their order, each one's rows by query name."""
    conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
    listed = [kecamatan_of(o) for o in consolidate.loaded_offices(conn).values()]
    schemas = [k.schema_name for k in listed]
    for schema in schemas:
        if not _SCHEMA.fullmatch(schema):
            raise ValueError(f"not a kecamatan schema: {schema!r}")
    params = {
        "year": year,
        "before": year - 1,
        "quarter": quarter,
        "average_key": AVERAGE_KEY,
        "scale_key": SETTING_KEY,
        "signed_key": SIGNED_KEY,
    }
    conn.execute(text("SET LOCAL search_path TO ''"))  # every table named with its schema
    found = {name: _across(conn, schemas, query, params) for name, query in _QUERIES.items()} if schemas else {}
    return listed, [{name: rows[k] for name, rows in found.items()} for k in range(len(schemas))]


def all_figures(url: str, year: int, quarter: int, today: dt.date) -> list[KecamatanFigures]:
    """The comparison's row of every kecamatan loaded into the kabupaten database at `url`, by kode wilayah."""
    engine = consolidate.kabupaten_engine(url)
    try:
        with engine.begin() as conn:
            listed, reads = read_all(conn, year, quarter)
    except OperationalError as exc:
        raise unreachable(url, exc) from exc
    finally:
        engine.dispose()
    figures = []
    for kecamatan, rows in zip(listed, reads, strict=True):
        lke = ""
        if rows["lke"]:  # rare: the self-assessment's score is the office's own view's
            with opened(url, kecamatan) as db:
                lke = lke_text(db, year, today)
        figures.append(_figures(kecamatan, rows, year, quarter, today, lke))
    return figures
