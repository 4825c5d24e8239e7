"""Cross-checks of a read planning workbook and what importing it would change.

Rows refer to each other by code and to units by name; a code may name a row of the file or one already in
the database (tujuan and sasaran codes compared regardless of case, as the screens compare them). Duplicate codes,
unknown parents and units, years outside the Renstra, spending above the pagu and values the planning operations
would refuse (`against`) are errors (the file is refused whole); quarterly targets that do not add up to the
yearly target for the indicator's aggregation kind are warnings shown in the preview.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from sakip_desktop.domain.achievement import Aggregation
from sakip_desktop.domain.targets import quarterly_target_problems
from sakip_desktop.exchange.rencana.against import Merged, check_against_stored
from sakip_desktop.exchange.rencana.cells import Located, ReadSheets
from sakip_desktop.exchange.rencana.write import (
    SHEET_ACTIVITIES,
    SHEET_GOALS,
    SHEET_INDICATORS,
    SHEET_OBJECTIVES,
    SHEET_PLAN,
    SHEET_PROGRAMS,
    SHEET_SPENDING,
    SHEET_SUBS,
    SHEET_TARGETS,
)
from sakip_desktop.exchange.xlsxkit import ImportErrors, norm
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.planning.rows import PlanRow, RencanaData, SpendingRow, SubActivityRow, TargetRow
from sakip_desktop.ops.planning.stored import load_rencana
from sakip_desktop.storage.database import Database


@dataclass(frozen=True)
class SheetChanges:
    """What one sheet adds and changes (codes), and how many of its rows are the same as stored."""

    sheet: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: int


@dataclass(frozen=True)
class RencanaPreview:
    """What a planning workbook would change; `apply.apply_rencana` writes it."""

    file_name: str
    data: RencanaData  # the rows as they will be stored (empty cells already filled from the database)
    sheets: tuple[SheetChanges, ...]
    warnings: tuple[str, ...]
    new_plan: bool  # no Renstra with these years yet: one is created

    @property
    def has_changes(self) -> bool:
        """True when applying would write anything."""
        return self.new_plan or any(s.added or s.changed for s in self.sheets)

    @property
    def added(self) -> int:
        """How many rows of the workbook are new: the one count the preview and the result both give."""
        return sum(len(s.added) for s in self.sheets)

    @property
    def changed(self) -> int:
        """How many rows of the workbook change stored ones (same count as `added`)."""
        return sum(len(s.changed) for s in self.sheets)


@dataclass(frozen=True)
class _Rows:
    """The rows of each sheet by their key (a code, or code and year), the first of duplicates."""

    goals: dict[Any, Located]
    objectives: dict[Any, Located]
    indicators: dict[Any, Located]
    targets: dict[Any, Located]
    programs: dict[Any, Located]
    activities: dict[Any, Located]
    subs: dict[Any, Located]
    spending: dict[Any, Located]


def _overlay(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(o if n is None else n for o, n in zip(old, new, strict=True))


def _unique(
    rows: list[Located], key: Callable[[Any], Any], errors: ImportErrors, column: str, what: str
) -> dict[Any, Located]:
    seen: dict[Any, Located] = {}
    for item in rows:
        k = key(item.data)
        if not all(k if isinstance(k, tuple) else (k,)):
            continue  # a missing code or year: its own error is noted, and it is no duplicate
        if k in seen:
            shown = f"'{k}'" if isinstance(k, str) else f"{k[0]} tahun {k[1]}"
            errors.add(
                f"{what} {shown} sudah tertulis di baris {seen[k].row}; tulis sekali saja.",
                item.sheet,
                item.row,
                column,
            )
        else:
            seen[k] = item
    return seen


def check_rencana(db: Database, file_name: str, read: ReadSheets, errors: ImportErrors) -> RencanaPreview:
    """Check `read` against itself and `db`; the preview, or `ValidationError` listing every error."""
    plan = read.plan
    assert plan is not None
    stored, new_plan = _stored(db, plan)
    _align_codes(read, stored)
    rows = _unique_rows(read, errors)
    _check_references(rows, stored, errors)
    _check_units(db, rows, errors)
    _check_years(plan, rows, errors)
    merged = _merge(stored, plan, rows)
    check_against_stored(db, Merged(stored, merged, rows.indicators, rows.targets, rows.spending), errors)
    _check_quarters_need_a_year(merged, rows, errors)
    if errors.items:
        raise errors.refuse()
    sheets = _changes(stored, merged)
    if stored.plan != plan:
        sheets = (
            SheetChanges(SHEET_PLAN, (plan.name,) if new_plan else (), () if new_plan else (plan.name,), 0),
            *sheets,
        )
    else:
        sheets = (SheetChanges(SHEET_PLAN, (), (), 1), *sheets)
    return RencanaPreview(file_name, merged, sheets, tuple(_warnings(stored, merged, rows)), new_plan)


def _stored(db: Database, plan: PlanRow) -> tuple[RencanaData, bool]:
    """The stored plan with `plan`'s years (indicator codes in capitals, as the screen stores them), and whether
    the file makes a new Renstra."""
    stored = load_rencana(db, plan)
    stored = replace(
        stored,
        indicators=tuple(replace(i, code=i.code.upper()) for i in stored.indicators),
        targets=tuple(replace(t, indicator_code=t.indicator_code.upper()) for t in stored.targets),
    )
    new_plan = stored.plan is None or (stored.plan.start_year, stored.plan.end_year) != (plan.start_year, plan.end_year)
    if new_plan:
        # Tujuan and sasaran belong to a Renstra: a new period starts without them.
        stored = replace(stored, plan=None, goals=(), objectives=())
    return stored, new_plan


def _spelling(codes: Iterable[str], rows: list[Located]) -> dict[str, str]:
    """How each tujuan or sasaran code is spelled: as stored, else as first written in the file (by lower case)."""
    spelled: dict[str, str] = {}
    for code in [*codes, *(item.data.code for item in rows)]:
        spelled.setdefault(code.lower(), code)
    return spelled


def _respell(rows: list[Located], attr: str, spelled: dict[str, str]) -> None:
    for item in rows:
        code = getattr(item.data, attr)
        if code and spelled.get(code.lower(), code) != code:
            item.data = replace(item.data, **{attr: spelled[code.lower()]})


def _align_codes(read: ReadSheets, stored: RencanaData) -> None:
    """Tujuan and sasaran codes that differ from a stored or earlier one only in case are that code."""
    goals = _spelling((g.code for g in stored.goals), read.goals)
    _respell(read.goals, "code", goals)
    _respell(read.objectives, "goal_code", goals)
    objectives = _spelling((o.code for o in stored.objectives), read.objectives)
    _respell(read.objectives, "code", objectives)
    _respell(read.indicators, "objective_code", objectives)
    _respell(read.programs, "objective_code", objectives)


def _unique_rows(read: ReadSheets, errors: ImportErrors) -> _Rows:
    def code(r: Any) -> Any:
        return r.code

    return _Rows(
        goals=_unique(read.goals, code, errors, "Kode tujuan", "kode tujuan"),
        objectives=_unique(read.objectives, code, errors, "Kode sasaran", "kode sasaran"),
        indicators=_unique(read.indicators, code, errors, "Kode indikator", "kode indikator"),
        targets=_unique(read.targets, lambda r: (r.indicator_code, r.year), errors, "Tahun", "target indikator"),
        programs=_unique(read.programs, code, errors, "Kode program", "kode program"),
        activities=_unique(read.activities, code, errors, "Kode kegiatan", "kode kegiatan"),
        subs=_unique(read.subs, code, errors, "Kode sub kegiatan", "kode sub kegiatan"),
        spending=_unique(
            read.spending, lambda r: (r.sub_activity_code, r.year), errors, "Tahun", "realisasi anggaran sub kegiatan"
        ),
    )


def _valid(rows: dict[Any, Located]) -> dict[Any, Located]:
    return {k: v for k, v in rows.items() if not v.failed}


def _check_references(rows: _Rows, stored: RencanaData, errors: ImportErrors) -> None:
    """Every code a row names is a row of its sheet or a record of the database."""

    def known(located: dict[Any, Located], stored_rows: Iterable[Any]) -> set[str]:
        return set(located) | {r.code for r in stored_rows}

    def refer(items: dict[Any, Located], attr: str, codes: set[str], column: str, what: str, sheet: str) -> None:
        for item in _valid(items).values():
            code = getattr(item.data, attr)
            if code and code not in codes:
                errors.add(
                    f"{what} '{code}' tidak ada di lembar '{sheet}' maupun di basis data.", item.sheet, item.row, column
                )

    refer(rows.objectives, "goal_code", known(rows.goals, stored.goals), "Kode tujuan", "tujuan", SHEET_GOALS)
    objective_codes = known(rows.objectives, stored.objectives)
    refer(rows.indicators, "objective_code", objective_codes, "Kode sasaran", "sasaran", SHEET_OBJECTIVES)
    for item in _valid(rows.indicators).values():
        if not item.data.objective_code:
            errors.add("kode sasaran wajib diisi.", item.sheet, item.row, "Kode sasaran")
    indicator_codes = known(rows.indicators, stored.indicators)
    refer(rows.targets, "indicator_code", indicator_codes, "Kode indikator", "indikator", SHEET_INDICATORS)
    refer(rows.programs, "objective_code", objective_codes, "Kode sasaran", "sasaran", SHEET_OBJECTIVES)
    program_codes = known(rows.programs, stored.programs)
    refer(rows.activities, "program_code", program_codes, "Kode program", "program", SHEET_PROGRAMS)
    activity_codes = known(rows.activities, stored.activities)
    refer(rows.subs, "activity_code", activity_codes, "Kode kegiatan", "kegiatan", SHEET_ACTIVITIES)
    sub_codes = known(rows.subs, stored.sub_activities)
    refer(rows.spending, "sub_activity_code", sub_codes, "Kode sub kegiatan", "sub kegiatan", SHEET_SUBS)


def _check_units(db: Database, rows: _Rows, errors: ImportErrors) -> None:
    """A unit named by name or code is one of the office's (written as its name)."""
    units = {norm(u.name): u.name for u in list_units(db)} | {norm(u.code): u.name for u in list_units(db)}
    unit_hint = ", ".join(sorted(set(units.values()))) or "(belum ada unit kerja; tambahkan di Pengaturan)"
    unit_columns = (
        (rows.indicators, "responsible_unit", "Unit penanggung jawab"),
        (rows.subs, "unit", "Unit pelaksana"),
    )
    for items, attr, column in unit_columns:
        for item in _valid(items).values():
            name = getattr(item.data, attr)
            if name and norm(name) not in units:
                errors.add(f"unit '{name}' tidak dikenal; pilih salah satu: {unit_hint}.", item.sheet, item.row, column)
            else:
                item.data = replace(item.data, **{attr: units.get(norm(name), "")})


def _check_years(plan: PlanRow, rows: _Rows, errors: ImportErrors) -> None:
    """Targets and pagu only for the years of the Renstra."""

    def in_plan(year: int, item: Located, column: str) -> None:
        if year not in plan.years:
            errors.add(
                f"tahun {year} di luar Renstra ({plan.start_year}–{plan.end_year}).", item.sheet, item.row, column
            )

    for item in _valid(rows.targets).values():
        in_plan(item.data.year, item, "Tahun")
    for item in _valid(rows.subs).values():
        for year, _amount in item.data.ceilings:
            in_plan(year, item, f"Pagu {year}")
    for item in _valid(rows.spending).values():
        in_plan(item.data.year, item, "Tahun")


def _check_quarters_need_a_year(merged: RencanaData, rows: _Rows, errors: ImportErrors) -> None:
    for t in merged.targets:
        if t.yearly is None and any(q is not None for q in t.quarters):
            item = rows.targets[(t.indicator_code, t.year)]
            errors.add(
                "target TW diisi tetapi target tahunan kosong; isi target tahunannya.",
                item.sheet,
                item.row,
                "Target tahunan",
            )


def _merge(stored: RencanaData, plan: PlanRow, rows: _Rows) -> RencanaData:
    """The file's rows with what it leaves empty taken from the database; only the file's rows."""
    return RencanaData(
        plan=plan,
        goals=tuple(i.data for i in rows.goals.values()),
        objectives=tuple(i.data for i in rows.objectives.values()),
        indicators=tuple(i.data for i in rows.indicators.values()),
        targets=_merge_targets(stored, rows),
        programs=tuple(i.data for i in rows.programs.values()),
        activities=tuple(i.data for i in rows.activities.values()),
        sub_activities=_merge_subs(stored, rows),
        spending=_merge_spending(stored, rows),
    )


def _merge_targets(stored: RencanaData, rows: _Rows) -> tuple[TargetRow, ...]:
    old_targets = {(t.indicator_code, t.year): t for t in stored.targets}
    merged = []
    for key, item in rows.targets.items():
        t: TargetRow = item.data
        old = old_targets.get(key)
        if old is not None:
            t = TargetRow(
                t.indicator_code,
                t.year,
                t.renstra if t.renstra is not None else old.renstra,
                t.yearly if t.yearly is not None else old.yearly,
                _overlay(old.quarters, t.quarters),
            )
        merged.append(t)
    return tuple(merged)


def _merge_subs(stored: RencanaData, rows: _Rows) -> tuple[SubActivityRow, ...]:
    old_subs = {s.code: s for s in stored.sub_activities}
    merged = []
    for code, item in rows.subs.items():
        ceilings = dict(old_subs[code].ceilings) if code in old_subs else {}
        ceilings.update(item.data.ceilings)
        merged.append(replace(item.data, ceilings=tuple(sorted(ceilings.items()))))
    return tuple(merged)


def _merge_spending(stored: RencanaData, rows: _Rows) -> tuple[SpendingRow, ...]:
    old_spending = {(s.sub_activity_code, s.year): s for s in stored.spending}
    merged = []
    for key, item in rows.spending.items():
        old = old_spending.get(key)
        merged.append(replace(item.data, amounts=_overlay(old.amounts, item.data.amounts)) if old else item.data)
    return tuple(merged)


def _shown(key: Any) -> str:
    return key if isinstance(key, str) else f"{key[0]} {key[1]}"


def _changes(stored: RencanaData, merged: RencanaData) -> tuple[SheetChanges, ...]:
    pairs = (
        (SHEET_GOALS, stored.goals, merged.goals, lambda r: r.code),
        (SHEET_OBJECTIVES, stored.objectives, merged.objectives, lambda r: r.code),
        (SHEET_INDICATORS, stored.indicators, merged.indicators, lambda r: r.code),
        (SHEET_TARGETS, stored.targets, merged.targets, lambda r: (r.indicator_code, r.year)),
        (SHEET_PROGRAMS, stored.programs, merged.programs, lambda r: r.code),
        (SHEET_ACTIVITIES, stored.activities, merged.activities, lambda r: r.code),
        (SHEET_SUBS, stored.sub_activities, merged.sub_activities, lambda r: r.code),
        (SHEET_SPENDING, stored.spending, merged.spending, lambda r: (r.sub_activity_code, r.year)),
    )
    out = []
    for sheet, old_rows, new_rows, key in pairs:
        old = {key(r): r for r in old_rows}
        added = tuple(_shown(key(r)) for r in new_rows if key(r) not in old)
        changed = tuple(_shown(key(r)) for r in new_rows if key(r) in old and old[key(r)] != r)
        out.append(SheetChanges(sheet, added, changed, len(new_rows) - len(added) - len(changed)))
    return tuple(out)


def _warnings(stored: RencanaData, merged: RencanaData, rows: _Rows) -> list[str]:
    kinds = {i.code: i.aggregation for i in (*stored.indicators, *merged.indicators)}
    out = []
    for t in merged.targets:
        if t.yearly is None or all(q is None for q in t.quarters):
            continue
        kind = Aggregation(kinds.get(t.indicator_code, Aggregation.CUMULATIVE.value))
        item = rows.targets[(t.indicator_code, t.year)]
        for problem in quarterly_target_problems(t.yearly, t.quarters, kind):
            out.append(f"Lembar '{item.sheet}', baris {item.row} ({t.indicator_code} {t.year}): {problem}.")
    return out


__all__ = ["RencanaPreview", "SheetChanges", "check_rencana"]
