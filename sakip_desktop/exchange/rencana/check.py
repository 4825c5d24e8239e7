"""Cross-checks of a read planning workbook and what importing it would change.

Rows refer to each other by code and to units by name; a code may name a row of the file or one already in
the database. Duplicate codes, unknown parents and units, years outside the Renstra and spending above the
pagu are errors (the file is refused whole); quarterly targets that do not add up to the yearly target for
the indicator's aggregation kind are warnings shown in the preview.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Aggregation
from sakip_desktop.domain.targets import quarterly_target_problems
from sakip_desktop.exchange.rencana.data import PlanRow, RencanaData, TargetRow, load_rencana
from sakip_desktop.exchange.rencana.read import Located, ReadSheets
from sakip_desktop.exchange.rencana.write import (
    QUARTER_TITLES,
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
    """What a planning workbook would change; `ops.rencana_import.apply_rencana` writes it."""

    file_name: str
    data: RencanaData  # the rows as they will be stored (empty cells already filled from the database)
    sheets: tuple[SheetChanges, ...]
    warnings: tuple[str, ...]
    new_plan: bool  # no Renstra with these years yet: one is created

    @property
    def has_changes(self) -> bool:
        """True when applying would write anything."""
        return self.new_plan or any(s.added or s.changed for s in self.sheets)


def _overlay(old: tuple, new: tuple) -> tuple:
    return tuple(o if n is None else n for o, n in zip(old, new, strict=True))


def _unique(rows: list[Located], key, errors: ImportErrors, column: str, what: str) -> dict[Any, Located]:
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
    from sakip_desktop.ops.org.units import list_units

    plan = read.plan
    assert plan is not None
    stored = load_rencana(db, plan)
    new_plan = stored.plan is None or (stored.plan.start_year, stored.plan.end_year) != (plan.start_year, plan.end_year)
    if new_plan:
        # Tujuan and sasaran belong to a Renstra: a new period starts without them.
        stored = replace(stored, plan=None, goals=(), objectives=())
    units = {norm(u.name): u.name for u in list_units(db)} | {norm(u.code): u.name for u in list_units(db)}

    goals = _unique(read.goals, lambda r: r.code, errors, "Kode tujuan", "kode tujuan")
    objectives = _unique(read.objectives, lambda r: r.code, errors, "Kode sasaran", "kode sasaran")
    indicators = _unique(read.indicators, lambda r: r.code, errors, "Kode indikator", "kode indikator")
    targets = _unique(read.targets, lambda r: (r.indicator_code, r.year), errors, "Tahun", "target indikator")
    programs = _unique(read.programs, lambda r: r.code, errors, "Kode program", "kode program")
    activities = _unique(read.activities, lambda r: r.code, errors, "Kode kegiatan", "kode kegiatan")
    subs = _unique(read.subs, lambda r: r.code, errors, "Kode sub kegiatan", "kode sub kegiatan")
    spending = _unique(
        read.spending, lambda r: (r.sub_activity_code, r.year), errors, "Tahun", "realisasi anggaran sub kegiatan"
    )

    def valid(rows: dict[Any, Located]) -> dict[Any, Located]:
        return {k: v for k, v in rows.items() if not v.failed}

    def known(rows: dict, stored_rows) -> set[str]:
        return set(rows) | {r.code for r in stored_rows}

    def refer(items: dict[Any, Located], attr: str, codes: set[str], column: str, what: str, sheet: str) -> None:
        for item in valid(items).values():
            code = getattr(item.data, attr)
            if code and code not in codes:
                errors.add(
                    f"{what} '{code}' tidak ada di lembar '{sheet}' maupun di basis data.", item.sheet, item.row, column
                )

    refer(objectives, "goal_code", known(goals, stored.goals), "Kode tujuan", "tujuan", SHEET_GOALS)
    objective_codes = known(objectives, stored.objectives)
    refer(indicators, "objective_code", objective_codes, "Kode sasaran", "sasaran", SHEET_OBJECTIVES)
    for item in valid(indicators).values():
        if not item.data.objective_code:
            errors.add("kode sasaran wajib diisi.", item.sheet, item.row, "Kode sasaran")
    refer(
        targets, "indicator_code", known(indicators, stored.indicators), "Kode indikator", "indikator", SHEET_INDICATORS
    )
    refer(programs, "objective_code", objective_codes, "Kode sasaran", "sasaran", SHEET_OBJECTIVES)
    refer(activities, "program_code", known(programs, stored.programs), "Kode program", "program", SHEET_PROGRAMS)
    refer(subs, "activity_code", known(activities, stored.activities), "Kode kegiatan", "kegiatan", SHEET_ACTIVITIES)
    refer(
        spending,
        "sub_activity_code",
        known(subs, stored.sub_activities),
        "Kode sub kegiatan",
        "sub kegiatan",
        SHEET_SUBS,
    )

    unit_hint = ", ".join(sorted(set(units.values()))) or "(belum ada unit kerja; tambahkan di Pengaturan)"
    unit_columns = ((indicators, "responsible_unit", "Unit penanggung jawab"), (subs, "unit", "Unit pelaksana"))
    for items, attr, column in unit_columns:
        for item in valid(items).values():
            name = getattr(item.data, attr)
            if name and norm(name) not in units:
                errors.add(f"unit '{name}' tidak dikenal; pilih salah satu: {unit_hint}.", item.sheet, item.row, column)
            else:
                item.data = replace(item.data, **{attr: units.get(norm(name), "")})

    def in_plan(year: int, item: Located, column: str) -> None:
        if year not in plan.years:
            errors.add(
                f"tahun {year} di luar Renstra ({plan.start_year}–{plan.end_year}).", item.sheet, item.row, column
            )

    for item in valid(targets).values():
        in_plan(item.data.year, item, "Tahun")
    for item in valid(subs).values():
        for year, _amount in item.data.ceilings:
            in_plan(year, item, f"Pagu {year}")
    for item in valid(spending).values():
        in_plan(item.data.year, item, "Tahun")

    merged = _merge(stored, plan, goals, objectives, indicators, targets, programs, activities, subs, spending)
    _check_spending(stored, merged, spending, errors)
    _check_locked_quarters(db, stored, merged, targets, errors)
    _check_qualitative_targets(db, merged, targets, errors)
    for t in merged.targets:
        if t.yearly is None and any(q is not None for q in t.quarters):
            item = targets[(t.indicator_code, t.year)]
            errors.add(
                "target TW diisi tetapi target tahunan kosong; isi target tahunannya.",
                item.sheet,
                item.row,
                "Target tahunan",
            )
    if errors.items:
        raise errors.refuse()
    sheets = _changes(stored, merged, goals, objectives, indicators, targets, programs, activities, subs, spending)
    plan_changed = stored.plan != plan
    if plan_changed:
        sheets = (
            SheetChanges(SHEET_PLAN, (plan.name,) if new_plan else (), () if new_plan else (plan.name,), 0),
            *sheets,
        )
    else:
        sheets = (SheetChanges(SHEET_PLAN, (), (), 1), *sheets)
    return RencanaPreview(file_name, merged, sheets, tuple(_warnings(stored, merged, targets)), new_plan)


def _merge(
    stored: RencanaData, plan: PlanRow, goals, objectives, indicators, targets, programs, activities, subs, spending
) -> RencanaData:
    """The file's rows with what it leaves empty taken from the database; only the file's rows."""
    old_targets = {(t.indicator_code, t.year): t for t in stored.targets}
    merged_targets = []
    for key, item in targets.items():
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
        merged_targets.append(t)
    old_subs = {s.code: s for s in stored.sub_activities}
    merged_subs = []
    for code, item in subs.items():
        ceilings = dict(old_subs[code].ceilings) if code in old_subs else {}
        ceilings.update(item.data.ceilings)
        merged_subs.append(replace(item.data, ceilings=tuple(sorted(ceilings.items()))))
    old_spending = {(s.sub_activity_code, s.year): s for s in stored.spending}
    merged_spending = []
    for key, item in spending.items():
        old = old_spending.get(key)
        merged_spending.append(
            replace(item.data, amounts=_overlay(old.amounts, item.data.amounts)) if old else item.data
        )
    return RencanaData(
        plan=plan,
        goals=tuple(i.data for i in goals.values()),
        objectives=tuple(i.data for i in objectives.values()),
        indicators=tuple(i.data for i in indicators.values()),
        targets=tuple(merged_targets),
        programs=tuple(i.data for i in programs.values()),
        activities=tuple(i.data for i in activities.values()),
        sub_activities=tuple(merged_subs),
        spending=tuple(merged_spending),
    )


def _check_spending(stored: RencanaData, merged: RencanaData, spending: dict, errors: ImportErrors) -> None:
    """Realisasi anggaran needs a pagu that year and may not pass it."""
    ceilings = {(s.code, year): amount for s in stored.sub_activities for year, amount in s.ceilings}
    ceilings |= {(s.code, year): amount for s in merged.sub_activities for year, amount in s.ceilings}
    for row in merged.spending:
        item = spending[(row.sub_activity_code, row.year)]
        if item.failed:
            continue
        total = sum(a or 0 for a in row.amounts)
        ceiling = ceilings.get((row.sub_activity_code, row.year))
        if ceiling is None:
            errors.add(
                f"sub kegiatan {row.sub_activity_code} belum punya pagu tahun {row.year}; isi pagunya di "
                f"lembar '{SHEET_SUBS}'.",
                item.sheet,
                item.row,
                "Kode sub kegiatan",
            )
        elif total > ceiling:
            errors.add(
                f"jumlah realisasi anggaran TW I–IV {formats.rupiah(total, sen=False)} melebihi pagu "
                f"{formats.rupiah(ceiling, sen=False)} tahun {row.year}.",
                item.sheet,
                item.row,
                "TW IV",
            )


def _check_locked_quarters(
    db: Database, stored: RencanaData, merged: RencanaData, targets: dict, errors: ImportErrors
) -> None:
    """A quarter whose realisasi the Camat approved keeps its target (its capaian is locked), as on the screen."""
    from sqlalchemy import select

    from sakip_desktop.domain.realisation import Status
    from sakip_desktop.storage.models import Indicator, Realisation

    with db.reading() as session:
        approved = {
            (code, year, quarter)
            for code, year, quarter in session.execute(
                select(Indicator.code, Realisation.year, Realisation.quarter)
                .join(Realisation, Realisation.indicator_id == Indicator.id)
                .where(Realisation.status == Status.APPROVED.value)
            )
        }
    if not approved:
        return
    old_targets = {(t.indicator_code, t.year): t for t in stored.targets}
    for t in merged.targets:
        old = old_targets.get((t.indicator_code, t.year))
        for n in range(1, 5):
            if (t.indicator_code, t.year, n) not in approved:
                continue
            before = old.quarters[n - 1] if old else None
            if before != t.quarters[n - 1]:
                item = targets[(t.indicator_code, t.year)]
                errors.add(
                    f"target {QUARTER_TITLES[n - 1]} {t.indicator_code} tahun {t.year} tidak dapat diubah: realisasi "
                    f"{QUARTER_TITLES[n - 1]} sudah disetujui Camat dan terkunci.",
                    item.sheet,
                    item.row,
                    QUARTER_TITLES[n - 1],
                )


def _check_qualitative_targets(db: Database, merged: RencanaData, targets: dict, errors: ImportErrors) -> None:
    """The targets of a qualitative indicator are ranks of its scale (the workbook writes the rank number)."""
    from sqlalchemy import select

    from sakip_desktop.domain.qualitative import rank_of
    from sakip_desktop.ops.realisation.qualitative import indicator_scales
    from sakip_desktop.storage.models import Indicator

    with db.reading() as session:
        scales = indicator_scales(session)
        codes = dict(session.execute(select(Indicator.id, Indicator.code)).all())
    by_code = {codes[ind]: scale for ind, scale in scales.items()}
    for t in merged.targets:
        scale = by_code.get(t.indicator_code)
        if scale is None:
            continue
        item = targets[(t.indicator_code, t.year)]
        cells = [("Target tahunan", t.yearly), *zip(QUARTER_TITLES, t.quarters, strict=True)]
        for column, target in cells:
            for value in (target.low, target.high) if target is not None else ():
                if value is not None and rank_of(value) not in scale.levels:
                    ranks = ", ".join(f"{rank} = {label}" for rank, label in sorted(scale.levels.items()))
                    shown = formats.number(value, 0 if value == value.to_integral_value() else 2)
                    errors.add(
                        f"{t.indicator_code} memakai skala {scale.name}; target {shown} bukan peringkat skala itu "
                        f"(isi salah satu: {ranks}).",
                        item.sheet,
                        item.row,
                        column,
                    )


def _shown(key) -> str:
    return key if isinstance(key, str) else f"{key[0]} {key[1]}"


def _changes(stored: RencanaData, merged: RencanaData, *located: dict) -> tuple[SheetChanges, ...]:
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


def _warnings(stored: RencanaData, merged: RencanaData, targets: dict) -> list[str]:
    kinds = {i.code: i.aggregation for i in (*stored.indicators, *merged.indicators)}
    out = []
    for t in merged.targets:
        if t.yearly is None or all(q is None for q in t.quarters):
            continue
        kind = kinds.get(t.indicator_code)
        item = targets[(t.indicator_code, t.year)]
        for problem in quarterly_target_problems(t.yearly, t.quarters, Aggregation(kind)):
            out.append(f"Lembar '{item.sheet}', baris {item.row} ({t.indicator_code} {t.year}): {problem}.")
    return out


__all__ = ["RencanaPreview", "SheetChanges", "check_rencana"]
