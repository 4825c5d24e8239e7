"""A qualitative indicator in the files and read views: levels shown as labels (Format Isian, pengukuran
export, entry and overview views), chosen from a list in the Format Isian and read back from the label."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from _qualitative_data import CODE, DAY, PREDIKAT, RANK, add_qualitative_indicator

from sakip_desktop.domain.qualitative import label_of, rank_of_label, unknown_level_message
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.isian.preview import apply_isian
from sakip_desktop.exchange.isian.read import read_isian
from sakip_desktop.exchange.isian.write import export_isian
from sakip_desktop.exchange.measurement import export_measurement
from sakip_desktop.ops.home.overview import indicator_rows
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import quarter_entries, save_realisation

PEM = "Seksi Pemerintahan"
LEVELS = dict(enumerate(PREDIKAT, start=1))
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}


def test_labels_and_ranks_map_both_ways():
    # GIVEN the Predikat SAKIP levels WHEN a label is looked up THEN case and spaces do not matter
    assert rank_of_label(LEVELS, "  bb ") == 5
    assert rank_of_label(LEVELS, "BBB") is None
    assert rank_of_label(LEVELS, "5") is None  # the rank is not a label
    assert label_of(LEVELS, Decimal(5)) == "BB"
    assert label_of({}, Decimal(5)) is None  # a numeric indicator: the caller formats the number
    assert unknown_level_message("Predikat SAKIP", LEVELS, "BBB") == (
        "'BBB' bukan tingkat skala Predikat SAKIP; pilih salah satu: D, C, CC, B, BB, A, AA."
    )


def _sheet_rows(ws) -> dict[str, int]:
    return {ws.cell(row=r, column=2).value: r for r in range(9, ws.max_row + 1) if ws.cell(row=r, column=2).value}


def _column(ws, title: str) -> int:
    return next(c.column for c in ws[8] if c.value == title)


def _pemerintahan(db) -> int:
    return next(u.id for u in list_units(db) if u.code == "SEKSI_PEMERINTAHAN")


def test_format_isian_shows_labels_and_offers_the_levels(demo_db, tmp_path):
    # GIVEN IK60 on the Predikat SAKIP scale (TW IV target BB) next to the numeric indicators
    add_qualitative_indicator(demo_db)
    path = tmp_path / "isian.xlsx"
    # WHEN the Format Isian of TW IV is exported
    export_isian(demo_db, 2025, 4, _pemerintahan(demo_db), path)
    ws = openpyxl.load_workbook(path)[PEM]
    rows = _sheet_rows(ws)
    row = rows[CODE]
    # THEN its targets are labels, not ranks
    assert ws.cell(row=row, column=_column(ws, "Target TW")).value == "BB"
    assert ws.cell(row=row, column=_column(ws, "Target tahun")).value == "BB"
    value_cell = f"{openpyxl.utils.get_column_letter(_column(ws, 'Realisasi TW'))}{row}"
    # AND its realisasi cell has the list of levels while the numeric rows keep the number check
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"D,C,CC,B,BB,A,AA"'
    assert value_cell in lists[0].sqref
    checks = ws.data_validations.dataValidation
    decimal = next(dv for dv in checks if dv.type == "decimal" and "Realisasi" in dv.promptTitle)
    assert value_cell not in decimal.sqref
    numeric = f"{value_cell[0]}{rows['IK04']}"
    assert numeric in decimal.sqref


def _fill(path, row: int, value) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[PEM]
    ws.cell(row=row, column=_column(ws, "Realisasi TW"), value=value)
    for title in ("Faktor pendukung", "Faktor penghambat", "Upaya/tindak lanjut"):
        ws.cell(row=row, column=_column(ws, title), value="Catatan")
    wb.save(path)


def test_a_filled_label_imports_as_its_rank_and_shows_in_the_views(demo_db, tmp_path):
    new = add_qualitative_indicator(demo_db)
    path = tmp_path / "isian.xlsx"
    export_isian(demo_db, 2025, 4, _pemerintahan(demo_db), path)
    row = _sheet_rows(openpyxl.load_workbook(path)[PEM])[CODE]
    # GIVEN the Kasi chose " bb" for IK60 (typed in lower case with a space)
    _fill(path, row, " bb")
    # WHEN the file is read and applied
    preview = read_isian(demo_db, path, year=2025, quarter=4)
    [change] = preview.changes
    assert change.indicator_id == new and change.new.value == Decimal(RANK["BB"])
    apply_isian(demo_db, actor_for(demo_db, "kasi_pem", DAY), preview)
    # THEN the rank of BB is stored and the views name the level
    entry = next(e for e in quarter_entries(demo_db, 2025, 4) if e.code == CODE)
    assert entry.value == Decimal(5)
    assert entry.value_label(entry.value) == "BB" and entry.target_label(entry.quarter_target) == "BB"
    assert entry.scale_name == "Predikat SAKIP"
    overview = next(r for r in indicator_rows(demo_db, 2025, 4) if r.code == CODE)
    assert [overview.value_label(v) for v in (overview.year_target, overview.quarter_target, overview.actual)] == [
        "BB",
        "BB",
        "BB",
    ]
    assert next(r for r in indicator_rows(demo_db, 2025, 4) if r.code == "IK04").value_label(Decimal(5)) is None
    # AND a re-export shows the stored realisasi as its label
    export_isian(demo_db, 2025, 4, _pemerintahan(demo_db), path)
    ws = openpyxl.load_workbook(path)[PEM]
    assert ws.cell(row=row, column=_column(ws, "Realisasi TW")).value == "BB"
    assert read_isian(demo_db, path).changes == ()  # the label reads back as what is stored


@pytest.mark.parametrize("typed", ["BBB", 4])
def test_an_unknown_label_or_a_number_is_refused_where_it_is(demo_db, tmp_path, typed):
    add_qualitative_indicator(demo_db)
    path = tmp_path / "isian.xlsx"
    export_isian(demo_db, 2025, 4, _pemerintahan(demo_db), path)
    row = _sheet_rows(openpyxl.load_workbook(path)[PEM])[CODE]
    # GIVEN IK60 filled with something that is no level of its scale (a label that does not exist, or a rank)
    _fill(path, row, typed)
    # WHEN the file is read THEN it is refused, naming sheet, row, column and the allowed levels
    with pytest.raises(ValidationError) as caught:
        read_isian(demo_db, path)
    assert (
        f"lembar '{PEM}', baris {row}, kolom 'Realisasi TW': '{typed}' bukan tingkat skala Predikat SAKIP; "
        "pilih salah satu: D, C, CC, B, BB, A, AA." in caught.value.message
    )


def test_measurement_export_shows_levels_and_a_numeric_capaian(demo_db, tmp_path):
    # GIVEN IK60 with realisasi B in TW IV against BB
    new = add_qualitative_indicator(demo_db)
    save_realisation(demo_db, actor_for(demo_db, "kasi_pem", DAY), new, 2025, 4, Decimal(RANK["B"]), **EMPTY)
    # WHEN the measurement of TW IV is exported
    path = tmp_path / "pengukuran.xlsx"
    export_measurement(demo_db, 2025, 4, path)
    ws = openpyxl.load_workbook(path).active
    [row] = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[3] and r[3].startswith("Predikat SAKIP")]
    # THEN target, target to date and realisasi are labels; capaian is the number 4/5 × 100
    assert row[6:9] == ("BB", "BB", "B")
    assert row[9] == pytest.approx(80)
    ik04 = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[3] and r[3].startswith("Jumlah pembinaan"))
    assert isinstance(ik04[6], (int, float))  # numeric indicators stay numbers
