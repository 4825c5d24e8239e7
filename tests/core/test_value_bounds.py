"""One bound per kind of number (realisasi and targets, Rupiah, a typed capaian), refused alike by the entry screen's
operation, the Format Isian preview, `sakip isian import --dry-run`, the real import and the planning workbook,
each naming where; and every number the program accepts prints in every report and export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdfium2
import pytest
from _hostile_fixtures import table_digest
from docx import Document

from sakip_desktop.cli import main as cli_main
from sakip_desktop.documents.catalog import DocRequest, generate
from sakip_desktop.documents.lkj.docx import write_lkj_docx
from sakip_desktop.documents.tables_xlsx import write_tables_xlsx
from sakip_desktop.domain import bounds, formats
from sakip_desktop.domain.achievement import Target
from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.isian.preview import apply_isian
from sakip_desktop.exchange.isian.read import read_isian
from sakip_desktop.exchange.isian.write import export_isian
from sakip_desktop.exchange.measurement import export_measurement
from sakip_desktop.exchange.rencana.apply import apply_rencana
from sakip_desktop.exchange.rencana.read import read_rencana
from sakip_desktop.exchange.rencana.write import export_rencana
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.planning.budget import SUB_ACTIVITY, budget_tree, save_budget
from sakip_desktop.ops.planning.targets import set_year_targets
from sakip_desktop.ops.realisation.entry import save_realisation
from sakip_desktop.storage import models as m

DAY = dt.date(2025, 10, 20)
PEM = "Seksi Pemerintahan"
FORTY = "1234567890123456789012345678901234567890"
LARGEST = Decimal(999_999_999_999_999)  # of a realisasi or a target, and of Rupiah


def indicator_id(db, code: str) -> int:
    with db.reading() as s:
        return s.query(m.Indicator.id).filter(m.Indicator.code == code).scalar()


def who(tmp_path: Path, username: str) -> list[str]:
    password = tmp_path / f"{username}.txt"
    password.write_text(f"{username}123\n", encoding="utf-8")
    return ["--as", username, "--password-file", str(password)]


def set_cell(path: Path, sheet: str, row: int, title: str, value: object, header_row: int) -> None:
    """Type `value` in the column titled `title` of `row`, as a person would in Excel."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    column = next(c.column for c in ws[header_row] if c.value == title)
    ws.cell(row=row, column=column, value=value)
    wb.save(path)


# --- the bounds themselves -------------------------------------------------------------------------------------


def test_the_largest_value_of_each_kind_is_accepted_and_one_more_is_refused_in_words():
    for bound, largest in ((bounds.INDICATOR_VALUE, LARGEST), (bounds.RUPIAH, LARGEST), (bounds.PERCENT, 10_000)):
        assert bounds.check(Decimal(largest), bound, "Nilai") == largest
        with pytest.raises(ValidationError) as refused:
            bounds.check(Decimal(largest) + 1, bound, "Nilai", "value")
        assert refused.value.field == "value"
        assert "Nilai terlalu besar" in refused.value.message
        assert formats.number(bound.maximum, 0) in refused.value.message
    # the decimals a computed Excel cell brings are kept; a Rupiah has none; nothing is negative
    two_thirds = Decimal("0.666666666666667")
    assert bounds.check(two_thirds, bounds.INDICATOR_VALUE, "Realisasi") == two_thirds
    assert bounds.check(Decimal("1E+3"), bounds.INDICATOR_VALUE, "Realisasi") == Decimal(1000)
    for value, bound, problem in (
        (Decimal("1500.5"), bounds.RUPIAH, "harus bilangan bulat"),
        (Decimal(-1), bounds.INDICATOR_VALUE, "tidak boleh negatif"),
        (Decimal("NaN"), bounds.INDICATOR_VALUE, "harus berupa angka"),
        (Decimal("1E-30"), bounds.INDICATOR_VALUE, "terlalu banyak angka di belakang koma"),
        (Decimal("123456789012345.6"), bounds.INDICATOR_VALUE, r"terlalu rinci \(16 angka; paling banyak 15"),
        (Decimal(FORTY), bounds.INDICATOR_VALUE, "angka 40 digit di depan koma"),
    ):
        with pytest.raises(ValidationError, match=problem):
            bounds.check(value, bound, "Nilai")


@pytest.mark.parametrize(
    "value",
    [
        -LARGEST,
        LARGEST + Decimal("0.99999999999999999999"),
        Decimal(10) ** 40,
        -(Decimal(10) ** 38),
        Decimal(10) ** 5000,
        Decimal("1E-100"),
        Decimal("-0.004"),
        Decimal("NaN"),
        Decimal("-Infinity"),
        10**5000,
        1e308,
        float("nan"),
    ],
    ids=[
        *("-terbesar", "terbesar+desimal", "1e40", "-1e38", "1e5000", "1e-100", "-0,004", "nan", "-inf"),
        *("int-5001-digit", "float-1e308", "float-nan"),
    ],
)
def test_formats_never_raise_on_a_number(value):
    # WHEN any number is formatted, with or without decimals, as a number, a percentage or Rupiah
    # THEN there is text (the default 28 digits of Decimal used to raise InvalidOperation past 26 digits)
    for decimals in (0, 2):
        assert formats.number(value, decimals)
    assert formats.percent(value) and formats.rupiah(value if not isinstance(value, float) else Decimal(0))
    assert formats.number(-LARGEST, 0) == "-999.999.999.999.999"
    assert formats.number(Decimal("-0.004")) == "0,00"


# --- a realisasi: screen, preview, dry run, import -------------------------------------------------------------


@pytest.mark.sqlite_only(reason="digests the office file's tables with sqlite3")
def test_a_realisasi_beyond_the_bound_is_refused_alike_everywhere_naming_the_column(demo_db, tmp_path, capsys):
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    ik04 = indicator_id(demo_db, "IK04")
    # WHEN the Kasi types 40 digits, or the 26 that used to be stored and then broke every report, on the screen
    for digits in (FORTY, FORTY[:26]):
        with pytest.raises(ValidationError) as screen:
            save_realisation(demo_db, kasi, ik04, 2025, 4, Decimal(digits), supporting="", inhibiting="", follow_up="")
        # THEN the operation refuses it, naming the field
        assert screen.value.field == "value"
        assert screen.value.message.startswith(f"Realisasi terlalu besar (angka {len(digits)} digit di depan koma)")

    # GIVEN his Format Isian for TW IV 2025 with the 40 digits as the realisasi of IK04 (row 9)
    path = tmp_path / "pem.xlsx"
    pem = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    export_isian(demo_db, 2025, 4, pem, path)
    set_cell(path, PEM, 9, "Realisasi TW", FORTY, header_row=8)
    before = table_digest(demo_db.path)
    where = f"Berkas pem.xlsx, lembar '{PEM}', baris 9, kolom 'Realisasi TW': '{FORTY}' terlalu besar"
    # WHEN the screen reads it for the preview THEN it is refused naming sheet, row and column
    with pytest.raises(ValidationError) as preview:
        read_isian(demo_db, path, year=2025, quarter=4)
    assert where in preview.value.message
    # WHEN `sakip isian import --dry-run` and then the real import run THEN both refuse it the same way
    for dry_run in (["--dry-run"], []):
        assert cli_main(["isian", "import", "--db", str(demo_db.path), *who(tmp_path, "kasi_pem"), *dry_run,
                         str(path)]) == 1  # fmt: skip
        assert where in capsys.readouterr().err
    # AND nothing was stored (the login of the command line is all that changed)
    after = table_digest(demo_db.path)
    assert {t for t in before if before[t] != after[t]} <= {"account", "audit_entry"}
    assert after["realisation"] == before["realisation"]

    # GIVEN a preview read before the bound existed (a file with 7, the value then changed behind it)
    set_cell(path, PEM, 9, "Realisasi TW", 7, header_row=8)
    read = read_isian(demo_db, path, year=2025, quarter=4)
    change = dataclasses.replace(read.changes[0], new=dataclasses.replace(read.changes[0].new, value=Decimal(FORTY)))
    before = table_digest(demo_db.path)
    # WHEN it is applied THEN the import itself refuses, naming the column, and writes nothing
    with pytest.raises(ValidationError) as applied:
        apply_isian(demo_db, kasi, dataclasses.replace(read, changes=(change,)))
    assert f"lembar '{PEM}', baris 9, kolom 'Realisasi TW': Realisasi terlalu besar" in applied.value.message
    assert table_digest(demo_db.path) == before


def test_a_manual_capaian_is_a_percentage_with_its_own_bound(demo_db, tmp_path):
    # GIVEN a Format Isian with a capaian manual of 20.000% typed for IK04
    path = tmp_path / "pem.xlsx"
    pem = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    export_isian(demo_db, 2025, 4, pem, path)
    set_cell(path, PEM, 9, "Capaian manual", 20_000, header_row=8)
    # WHEN it is read THEN the column is named with the percentage's bound
    with pytest.raises(ValidationError) as refused:
        read_isian(demo_db, path)
    assert "baris 9, kolom 'Capaian manual': '20000' terlalu besar; paling besar 10.000" in refused.value.message


# --- a target and a pagu: screen, planning workbook, dry run, import -------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "title", "value", "shown", "command_line"),
    [
        ("Target", "Target tahunan", Decimal(10) ** 15, "1000000000000000", True),
        ("Target", "TW II", f"{FORTY} – {FORTY}1", f"rentang '{FORTY} – {FORTY}1': terlalu besar", False),
        ("Indikator", "Baseline", 10**20, "100000000000000000000", False),
        ("Sub Kegiatan", "Pagu 2025", 10**20, "100000000000000000000", True),
        ("Realisasi Anggaran", "TW I", 10**15, "1000000000000000", False),
    ],
    ids=["target", "target-rentang", "baseline", "pagu", "realisasi-anggaran"],
)
@pytest.mark.sqlite_only(reason="digests the office file's tables with sqlite3")
def test_a_planning_number_beyond_its_bound_is_refused_naming_the_column(
    demo_db, tmp_path, capsys, sheet, title, value, shown, command_line
):
    # GIVEN the office's plan exported, with one number made too large
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    set_cell(path, sheet, 2, title, value, header_row=1)
    before = table_digest(demo_db.path)
    where = f"Berkas rencana.xlsx, lembar '{sheet}', baris 2, kolom '{title}': "
    # WHEN the import screen reads it THEN it is refused naming sheet, row and column
    with pytest.raises(ValidationError) as preview:
        read_rencana(demo_db, path)
    message = preview.value.message
    assert where + (shown if shown.startswith("rentang") else f"'{shown}' terlalu besar") in message
    # WHEN `sakip import rencana --dry-run` and the real import run THEN both refuse it alike
    for dry_run in (["--dry-run"], []) if command_line else ():
        assert cli_main(["import", "rencana", "--db", str(demo_db.path), *who(tmp_path, "kasubag_renkeu"),
                         *dry_run, str(path)]) == 1  # fmt: skip
        assert where in capsys.readouterr().err
    after = table_digest(demo_db.path)
    assert {t for t in before if before[t] != after[t]} <= {"account", "audit_entry"}


@pytest.mark.sqlite_only(reason="digests the office file's tables with sqlite3")
def test_the_screens_refuse_a_target_and_a_pagu_beyond_the_bound(demo_db):
    kasubag = actor_for(demo_db, "kasubag_renkeu", DAY)
    sub = next(n for n in budget_tree(demo_db, 2025) if n.level == SUB_ACTIVITY)
    before = table_digest(demo_db.path)
    # WHEN a yearly target of 16 digits is saved THEN the operation refuses it naming the field
    with pytest.raises(ValidationError) as target:
        set_year_targets(demo_db, kasubag, indicator_id(demo_db, "IK04"), 2026, Target(Decimal(10) ** 15), [None] * 4)
    assert target.value.field == "yearly" and target.value.message.startswith("Target tahun 2026 terlalu besar")
    # WHEN a pagu of 20 digits (which used to overflow SQLite's integer) is saved THEN it is refused the same way
    with pytest.raises(ValidationError) as pagu:
        save_budget(demo_db, kasubag, sub.id, 2025, 10**20, (0, 0, 0, 0))
    assert pagu.value.field == "ceiling" and pagu.value.message.startswith("Pagu terlalu besar (angka 21 digit")
    with pytest.raises(ValidationError, match="Realisasi anggaran TW II tidak boleh negatif"):
        save_budget(demo_db, kasubag, sub.id, 2025, 100, (0, -1, 0, 0))
    assert table_digest(demo_db.path) == before


@pytest.mark.sqlite_only(reason="digests the office file's tables with sqlite3")
def test_a_planning_preview_changed_behind_the_reader_is_refused_by_the_import(demo_db, tmp_path):
    # GIVEN a preview of the exported plan, its first target then made too large (as by another program)
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    preview = read_rencana(demo_db, path)
    first = preview.data.targets[0]
    targets = (dataclasses.replace(first, yearly=Target(Decimal(10) ** 15)), *preview.data.targets[1:])
    doctored = dataclasses.replace(preview, data=dataclasses.replace(preview.data, targets=targets))
    before = table_digest(demo_db.path)
    # WHEN it is applied THEN it is refused naming the indicator and year, and nothing is written
    with pytest.raises(ValidationError, match=f"Target {first.indicator_code} tahun {first.year} terlalu besar"):
        apply_rencana(demo_db, SYSTEM, doctored)
    assert table_digest(demo_db.path) == before


# --- every accepted number prints ----------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def test_the_largest_accepted_values_print_in_every_report_and_export(demo_db, tmp_path):
    # GIVEN TW IV 2025 with the largest realisasi, against the smallest target a person can type (a capaian of
    # about ±10^37 %, negative for the negative indicator IK07), a capaian manual at its bound and the largest pagu
    tiny = Decimal("0.00000000000000000001")
    save_realisation(demo_db, SYSTEM, indicator_id(demo_db, "IK05"), 2025, 4, LARGEST, supporting="a", inhibiting="b",
                     follow_up="c")  # fmt: skip
    for code, target in (("IK04", tiny), ("IK07", tiny), ("IK09", Decimal(0))):
        ind = indicator_id(demo_db, code)
        with demo_db.reading() as s:
            yearly = s.query(m.YearlyTarget).filter_by(indicator_id=ind, year=2025).one()
            quarters = {q.quarter: Target(q.value, q.value_high) for q in s.query(m.QuarterlyTarget).filter_by(
                yearly_target_id=yearly.id)}  # fmt: skip
            year_target = Target(yearly.value, yearly.value_high)
        tw = [quarters[1], quarters[2], quarters[3], Target(target)]
        set_year_targets(demo_db, SYSTEM, ind, 2025, year_target, tw)
        manual = bounds.PERCENT.maximum if code == "IK09" else None
        save_realisation(demo_db, SYSTEM, ind, 2025, 4, LARGEST, supporting="a", inhibiting="b", follow_up="c",
                         manual_achievement=manual, manual_justification="j" if manual else "")  # fmt: skip
    sub = next(n for n in budget_tree(demo_db, 2025) if n.level == SUB_ACTIVITY)
    save_budget(demo_db, SYSTEM, sub.id, 2025, int(LARGEST), (0, 0, 0, int(LARGEST)))
    largest = "999.999.999.999.999"

    # WHEN every report that shows them is printed THEN each prints, with the values in full
    texts = {}
    for kind, quarter in (("pengukuran", 4), ("pengukuran", None), ("triwulan", 4), ("lkj", None)):
        pdf = generate(demo_db, SYSTEM, DocRequest(kind=kind, year=2025, quarter=quarter)).pdf
        texts[kind, quarter] = re.sub(r"\s+", "", _pdf_text(pdf))
        assert largest in texts[kind, quarter], kind
        if quarter != 4 or kind == "pengukuran":  # AND its tables export as .xlsx (the quarter's are the year's)
            assert write_tables_xlsx(demo_db, DocRequest(kind=kind, year=2025, quarter=quarter), tmp_path / "t.xlsx")
    # (the capaian to date of the negative IK07, far below zero since TW IV's target is tiny, is printed in full)
    assert re.search(r"-\d{1,3}(\.\d{3}){5,},\d\d", texts["pengukuran", 4]), "a capaian of about -10^19 %"
    # AND the Word LKj, the measurement export, the Format Isian and the planning workbook are written
    docx = write_lkj_docx(demo_db, 2025, io.BytesIO())
    words = "\n".join(cell.text for table in Document(docx).tables for row in table.rows for cell in row.cells)
    assert largest in words
    assert export_measurement(demo_db, 2025, 4, tmp_path / "pengukuran.xlsx") == 12
    assert export_measurement(demo_db, 2025, None, tmp_path / "pengukuran-tahun.xlsx") == 12
    assert export_isian(demo_db, 2025, 4, None, tmp_path / "isian.xlsx") == 12
    export_rencana(demo_db, tmp_path / "rencana.xlsx")
    # AND the Format Isian and the planning workbook come back unchanged (Excel's 15 digits hold every value)
    assert not read_isian(demo_db, tmp_path / "isian.xlsx", year=2025, quarter=4).changes
    assert not read_rencana(demo_db, tmp_path / "rencana.xlsx").has_changes
    values = [c.value for row in openpyxl.load_workbook(tmp_path / "pengukuran.xlsx").active.iter_rows() for c in row]
    assert int(LARGEST) in values
