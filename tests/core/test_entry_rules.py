"""One rule, two roads: each rule of a realisasi entry refuses the same bad input on the entry screen's operation
(`save_realisation`) and in a real Format Isian .xlsx (read, or applied), in the same words of
`sakip_desktop.domain.realisation` / `domain.qualitative`; the file adds its sheet, row and column around them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from _qualitative_data import CODE as IK60
from _qualitative_data import add_qualitative_indicator
from sqlalchemy import select, update

from sakip_desktop.domain.realisation import LOCKED_MESSAGE, MAX_TEXT, Seen
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.isian.preview import apply_isian
from sakip_desktop.exchange.isian.read import read_isian
from sakip_desktop.exchange.isian.write import export_isian
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import quarter_entries, save_realisation
from sakip_desktop.storage import models as m

DAY = dt.date(2025, 10, 20)
YEAR = 2025
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}
PEM = "Seksi Pemerintahan"
KESOS = "Seksi Kesejahteraan Sosial"
TITLES = {
    "value": "Realisasi TW",
    "supporting": "Faktor pendukung",
    "manual": "Capaian manual",
    "justification": "Justifikasi",
}


def entry(db, code: str, quarter: int):
    return next(e for e in quarter_entries(db, YEAR, quarter) if e.code == code)


def screen_refusal(db, username: str, code: str, quarter: int, value, **kwargs) -> str:
    """The message the entry screen's operation refuses with."""
    with pytest.raises(ValidationError) as refused:
        save_realisation(
            db, actor_for(db, username, DAY), entry(db, code, quarter).indicator_id, YEAR, quarter, value, **kwargs
        )
    return refused.value.message


def filled_file(db, tmp_path: Path, unit_code: str, sheet: str, quarter: int, code: str, **values) -> tuple[Path, int]:
    """A unit's Format Isian for the quarter with `values` typed into `code`'s row; returns the path and the row."""
    path = tmp_path / f"isian-{quarter}.xlsx"
    unit = next(u.id for u in list_units(db) if u.code == unit_code)
    export_isian(db, YEAR, quarter, unit, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    row = next(r for r in range(9, ws.max_row + 1) if ws.cell(row=r, column=2).value == code)
    columns = {cell.value: cell.column for cell in ws[8]}
    for key, value in values.items():
        ws.cell(row=row, column=columns[TITLES[key]], value=value)
    wb.save(path)
    return path, row


def file_refusal(db, path: Path) -> str:
    with pytest.raises(ValidationError) as refused:
        read_isian(db, path)
    return refused.value.message


def test_a_manual_capaian_where_capaian_can_be_computed(demo_db, tmp_path):
    # GIVEN IK04 TW IV, target 6: capaian can be computed, so a manual capaian is refused on both roads
    on_screen = screen_refusal(demo_db, "kasi_pem", "IK04", 4, Decimal(7), **EMPTY,
                               manual_achievement=Decimal(100), manual_justification="x")  # fmt: skip
    path, row = filled_file(demo_db, tmp_path, "SEKSI_PEMERINTAHAN", PEM, 4, "IK04", value=7, manual=100,
                            justification="x")  # fmt: skip
    in_file = file_refusal(demo_db, path)
    # THEN both say it in the rule's words, each naming the target and the cell as its place shows them
    assert on_screen == "IK04: capaian manual hanya diisi bila target TW IV bernilai 0; kosongkan capaian manual."
    assert (
        f"lembar '{PEM}', baris {row}, kolom 'Capaian manual': capaian manual hanya diisi bila Target TW bernilai 0; "
        "kosongkan sel ini." in in_file
    )


def zero_quarter_target(db, code: str, quarter: int) -> None:
    """Set the indicator's quarterly target to 0 (capaian cannot be computed), as test_realisation does."""
    indicator_id = entry(db, code, quarter).indicator_id
    with db.transaction() as s:
        yearly = s.scalars(
            select(m.YearlyTarget).where(m.YearlyTarget.indicator_id == indicator_id, m.YearlyTarget.year == YEAR)
        ).one()
        s.execute(
            update(m.QuarterlyTarget)
            .where(m.QuarterlyTarget.yearly_target_id == yearly.id, m.QuarterlyTarget.quarter == quarter)
            .values(value=Decimal(0))
        )


def test_a_manual_capaian_without_justification(demo_db, tmp_path):
    # GIVEN IK12 TW IV with target 0: a manual capaian is right, but without its justification
    zero_quarter_target(demo_db, "IK12", 4)
    words = "tulis justifikasi untuk capaian manual."
    on_screen = screen_refusal(demo_db, "kasi_kesos", "IK12", 4, Decimal(2), **EMPTY, manual_achievement=Decimal(100))
    path, row = filled_file(demo_db, tmp_path, "SEKSI_KESOS", KESOS, 4, "IK12", value=2, manual=100)
    # THEN both roads refuse it in the same words
    assert on_screen == f"IK12: {words}"
    assert f"lembar '{KESOS}', baris {row}, kolom 'Justifikasi': {words}" in file_refusal(demo_db, path)


def test_a_realisasi_under_review_or_approved(demo_db, tmp_path):
    # GIVEN IK04 submitted in TW III and approved in TW II
    words = (
        "realisasi ini sudah diajukan dan sedang diperiksa; hanya dapat diubah setelah dikembalikan oleh "
        "Sekretaris atau Camat."
    )
    on_screen = screen_refusal(demo_db, "kasi_pem", "IK04", 3, Decimal(9), **EMPTY)
    path, row = filled_file(demo_db, tmp_path, "SEKSI_PEMERINTAHAN", PEM, 3, "IK04", value=9)
    # THEN both roads refuse the change in the same words
    assert on_screen == f"IK04 TW III 2025: {words}"
    assert f"lembar '{PEM}', baris {row}, kolom 'Realisasi TW': {words}" in file_refusal(demo_db, path)
    locked = screen_refusal(demo_db, "kasi_pem", "IK04", 2, Decimal(9), **EMPTY)
    path, row = filled_file(demo_db, tmp_path, "SEKSI_PEMERINTAHAN", PEM, 2, "IK04", value=9)
    assert locked == LOCKED_MESSAGE
    assert f"lembar '{PEM}', baris {row}, kolom 'Realisasi TW': {LOCKED_MESSAGE}" in file_refusal(demo_db, path)


def test_a_narrative_that_is_too_long(demo_db, tmp_path):
    # GIVEN a faktor pendukung one character over the limit
    text = "x" * (MAX_TEXT + 1)
    words = f"teks terlalu panjang ({MAX_TEXT + 1} karakter; paling banyak {MAX_TEXT})."
    on_screen = screen_refusal(demo_db, "kasi_pem", "IK04", 4, Decimal(7), supporting=text, inhibiting="",
                               follow_up="")  # fmt: skip
    path, row = filled_file(demo_db, tmp_path, "SEKSI_PEMERINTAHAN", PEM, 4, "IK04", value=7, supporting=text)
    # THEN both roads refuse it in the same words, naming the field
    assert on_screen == f"Faktor pendukung: {words}"
    assert f"lembar '{PEM}', baris {row}, kolom 'Faktor pendukung': {words}" in file_refusal(demo_db, path)
    # and surrounding spaces do not count on either road: 4000 characters and a space are taken
    fitting = "x" * MAX_TEXT + " "
    save_realisation(demo_db, actor_for(demo_db, "kasi_pem", DAY), entry(demo_db, "IK05", 4).indicator_id, YEAR, 4,
                     Decimal(90), supporting=fitting, inhibiting="", follow_up="")  # fmt: skip
    path, _ = filled_file(demo_db, tmp_path, "SEKSI_PEMERINTAHAN", PEM, 4, "IK04", value=7, supporting=fitting)
    [change] = read_isian(demo_db, path).changes
    assert change.new.supporting == "x" * MAX_TEXT  # the file's text as it will be stored


def test_a_value_that_is_no_level_of_the_scale(demo_db, tmp_path):
    # GIVEN IK60 on the Predikat SAKIP scale (ranks 1..7) and the value 9
    add_qualitative_indicator(demo_db)
    words = "'9' bukan tingkat skala Predikat SAKIP; pilih salah satu: D, C, CC, B, BB, A, AA."
    on_screen = screen_refusal(demo_db, "kasi_pem", IK60, 4, Decimal(9), **EMPTY)
    path, row = filled_file(demo_db, tmp_path, "SEKSI_PEMERINTAHAN", PEM, 4, IK60, value="9")
    # THEN both roads refuse it in the same words, listing the levels
    assert on_screen == f"Realisasi indikator {IK60} harus salah satu tingkat skala kualitatifnya: {words}"
    assert f"lembar '{PEM}', baris {row}, kolom 'Realisasi TW': {words}" in file_refusal(demo_db, path)


def test_a_change_made_from_what_someone_changed_since(demo_db, tmp_path):
    # GIVEN the Kasi opened IK04 TW IV (nothing entered) and read a filled Format Isian for it
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    seen = entry(demo_db, "IK04", 4)
    path, row = filled_file(demo_db, tmp_path, "SEKSI_PEMERINTAHAN", PEM, 4, "IK04", value=7)
    preview = read_isian(demo_db, path)
    # WHEN someone else (the administrator) enters IK04 meanwhile
    save_realisation(demo_db, actor_for(demo_db, "staf_renkeu", DAY), seen.indicator_id, YEAR, 4, Decimal(5), **EMPTY)
    # THEN the Kasi's change from the screen and from the file are refused in the rule's words
    with pytest.raises(ValidationError) as on_screen:
        save_realisation(demo_db, kasi, seen.indicator_id, YEAR, 4, Decimal(7), **EMPTY, seen=Seen(seen.stored_input))
    with pytest.raises(ValidationError) as in_file:
        apply_isian(demo_db, kasi, preview)
    assert (
        on_screen.value.message == "IK04 TW IV 2025: data ini berubah sejak dibuka di layar; muat ulang lalu ubah lagi."
    )
    assert f"lembar '{PEM}', baris {row}: data ini berubah sejak berkas dibaca; baca ulang berkasnya." in (
        in_file.value.message
    )
    assert entry(demo_db, "IK04", 4).value == Decimal(5)
    # and made from what is stored now, the screen's change is taken
    now = entry(demo_db, "IK04", 4)
    save_realisation(demo_db, kasi, now.indicator_id, YEAR, 4, Decimal(7), **EMPTY, seen=Seen(now.stored_input))
    assert entry(demo_db, "IK04", 4).value == Decimal(7)


def test_what_a_file_wrote_saves_unchanged_on_the_screen(demo_db, tmp_path):
    # GIVEN IK04 and IK05 entered from a Format Isian, narratives with line breaks and spaces around them
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    path, _ = filled_file(demo_db, tmp_path, "SEKSI_PEMERINTAHAN", PEM, 4, "IK05", value="85,71",
                          supporting="  Monitoring\r\nrutin ")  # fmt: skip
    apply_isian(demo_db, kasi, read_isian(demo_db, path))
    stored = entry(demo_db, "IK05", 4)
    assert stored.narrative.supporting == "Monitoring\nrutin"
    # WHEN the Kasi saves it unchanged on the screen THEN it is taken and nothing changes
    data = stored.stored_input
    assert data is not None
    save_realisation(demo_db, kasi, stored.indicator_id, YEAR, 4, data.value, supporting=data.supporting,
                     inhibiting=data.inhibiting, follow_up=data.follow_up, seen=Seen(data))  # fmt: skip
    assert entry(demo_db, "IK05", 4).stored_input == data
