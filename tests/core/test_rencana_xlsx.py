"""The planning workbook: a blank template filled with openpyxl and imported, the demo plan exported and imported
unchanged, a bad file refused whole with every error located, and a file re-saved by LibreOffice Calc."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from sakip_desktop.cli import main as cli_main
from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.exchange.rencana.apply import apply_rencana
from sakip_desktop.exchange.rencana.read import read_rencana
from sakip_desktop.exchange.rencana.write import blank_template, export_rencana
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.planning import budget as budget_ops
from sakip_desktop.ops.planning.renstra import (
    IndicatorInput,
    NodeInput,
    PlanInput,
    update_goal,
    update_indicator,
    update_objective,
    update_plan,
)
from sakip_desktop.ops.planning.stored import load_rencana
from sakip_desktop.ops.planning.targets import set_renstra_targets, set_year_targets
from sakip_desktop.ops.planning.views import indicator_targets, planning_tree
from sakip_desktop.storage import models as m

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="soffice (LibreOffice) is not on PATH")


def append(path: Path, sheet: str, *rows: tuple) -> None:
    """Type rows under the last filled row of a sheet, as a person pasting from the office's Excel would."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    last = max((c.row for c in ws["A"] if c.value is not None), default=1)
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            ws.cell(row=last + offset, column=column, value=value)
    wb.save(path)


def set_cells(path: Path, sheet: str, cells: dict[str, object]) -> None:
    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)


def count(db, model) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def fill_small_plan(path: Path) -> None:
    """A Renstra 2025-2029 with one tujuan, one sasaran, two indicators, targets, and a small budget tree."""
    set_cells(path, "Renstra", {"B1": "Renstra Kecamatan Baru 2025-2029", "B2": 2025, "B3": 2029, "B4": "Visi",
                                "B5": "Misi satu\nMisi dua"})  # fmt: skip
    append(path, "Tujuan", ("T1", "Meningkatkan tata kelola"))
    append(path, "Sasaran", ("S1", "Meningkatnya akuntabilitas", "T1"))
    append(
        path,
        "Indikator",
        ("IK01", "Nilai AKIP", "nilai", "Positif", "Nilai akhir", "", "", "LHE", "", "Ya", 58.2, "S1"),
        ("IK02", "Jumlah pengaduan", "kasus", "negatif", "Kumulatif", "", "", "", "", "Tidak", None, "S1"),
    )
    append(
        path,
        "Target",
        ("IK01", 2025, 60, 60, None, 55, 57, 58, 60),
        ("IK01", 2026, 62, "62,5", None, None, None, None, None),
        ("IK02", 2025, 20, 80, 90, "20 – 22", 20, 20, "20 – 28"),
    )
    append(path, "Program", ("7.01.01", "PROGRAM PENUNJANG", "S1"), ("7.01.02", "PROGRAM TANPA SASARAN", None))
    append(path, "Kegiatan", ("7.01.01.2.01", "Perencanaan", "7.01.01"))
    append(
        path, "Sub Kegiatan", ("7.01.01.2.01.0001", "Penyusunan dokumen", "7.01.01.2.01", "", 18_500_000, "20.000.000")
    )
    append(path, "Realisasi Anggaran", ("7.01.01.2.01.0001", 2025, 4_000_000, 5_000_000, None, None))


def save_every_record_through_the_screens(db, actor) -> int:
    """Open every planning record in the operation its screen calls and save it exactly as the screen shows it:
    the Renstra, tujuan, sasaran and indicators (Perencanaan), their Renstra, yearly and TW targets, and programs,
    kegiatan, sub kegiatan with pagu and realisasi anggaran (Anggaran). Returns how many saves were made."""
    saved = 0
    years: set[int] = set()
    for plan in planning_tree(db):
        years.update(plan.years)
        update_plan(db, actor, plan.id, PlanInput(plan.name, plan.start_year, plan.end_year, plan.vision, plan.mission))
        for goal in plan.goals:
            update_goal(db, actor, goal.id, NodeInput(goal.code, goal.statement, goal.sort_order))
            for objective in goal.objectives:
                update_objective(db, actor, objective.id, NodeInput(objective.code, objective.statement,
                                                                   objective.sort_order))  # fmt: skip
                for i in objective.indicators:
                    update_indicator(db, actor, i.id, IndicatorInput(
                        i.code, i.name, i.unit, i.polarity, i.aggregation, i.definition, i.formula, i.data_source,
                        i.responsible_unit_id, i.is_key, i.scale_id, i.baseline, i.sort_order))  # fmt: skip
                    set_renstra_targets(db, actor, i.id, indicator_targets(db, i.id, plan.start_year).renstra)
                    saved += 2
                    for year in plan.years:
                        targets = indicator_targets(db, i.id, year)
                        if targets.yearly is not None:
                            set_year_targets(db, actor, i.id, year, targets.yearly, targets.quarterly)
                            saved += 1
                saved += 1
            saved += 1
        saved += 1
    nodes_saved: set[tuple[int, int]] = set()
    for year in sorted(years):
        for node in budget_ops.budget_tree(db, year):
            if (node.level, node.id) not in nodes_saved:
                nodes_saved.add((node.level, node.id))
                data = budget_ops.NodeInput(node.code, node.name, node.link_id)
                budget_ops.save_node(db, actor, node.level, data, node.id, node.parent_id)
                saved += 1
            if node.level == budget_ops.SUB_ACTIVITY and node.ceiling is not None:
                budget_ops.save_budget(db, actor, node.id, year, node.ceiling, node.spent)
                saved += 1
    return saved


def test_blank_template_filled_and_imported_into_an_empty_database(empty_db, tmp_path):
    # GIVEN a blank template for a Renstra from 2025, filled in as an office would
    path = tmp_path / "rencana.xlsx"
    blank_template(path, start_year=2025)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Petunjuk" and wb["_format"].sheet_state == "hidden"
    assert [c.value for c in wb["Sub Kegiatan"][1]][-5:] == [f"Pagu {y}" for y in range(2025, 2030)]
    assert wb["Indikator"].freeze_panes == "B2"
    fill_small_plan(path)

    # WHEN it is read
    preview = read_rencana(empty_db, path)
    # THEN the preview counts what is added; the quarters agree with the yearly targets (IK01: TW IV is the
    # last value 60; IK02 cumulative: 20+20+20+20 = 80 and 22+20+20+28 = 90), so there is no warning
    counts = {s.sheet: (len(s.added), len(s.changed)) for s in preview.sheets}
    assert counts["Indikator"] == (2, 0) and counts["Target"] == (3, 0) and counts["Sub Kegiatan"] == (1, 0)
    assert preview.new_plan and preview.warnings == ()

    # WHEN it is applied
    result = apply_rencana(empty_db, SYSTEM, preview)
    # THEN everything is in the database
    # (issue 13: counted as the preview counts them, rows of the workbook, not records written)
    assert (result.added, result.changed) == (preview.added, 0) and preview.added > 5
    data = load_rencana(empty_db)
    assert data.plan.name == "Renstra Kecamatan Baru 2025-2029" and data.plan.mission == "Misi satu\nMisi dua"
    ik = {i.code: i for i in data.indicators}
    assert ik["IK01"].is_key and ik["IK01"].baseline == Decimal("58.2") and ik["IK02"].polarity == "NEGATIVE"
    targets = {(t.indicator_code, t.year): t for t in data.targets}
    assert targets[("IK01", 2026)].yearly.low == Decimal("62.5")
    assert targets[("IK02", 2025)].yearly.high == Decimal(90)
    assert targets[("IK02", 2025)].quarters[0].high == Decimal(22)
    assert dict(data.sub_activities[0].ceilings) == {2025: 18_500_000, 2026: 20_000_000}
    assert data.spending[0].amounts == (4_000_000, 5_000_000, None, None)
    assert [(p.code, p.objective_code) for p in data.programs] == [("7.01.01", "S1"), ("7.01.02", "")]


def test_an_indicator_code_or_satuan_the_screen_refuses_is_refused_by_the_file(empty_db, tmp_path):
    # GIVEN a filled template with an indicator whose code has spaces and brackets (the screen allows letters, digits,
    # '.', '_' and '-', at most 20) and one whose satuan is 41 characters long (the screen allows 40)
    path = tmp_path / "rencana.xlsx"
    blank_template(path, start_year=2025)
    fill_small_plan(path)
    append(
        path,
        "Indikator",
        ("ik 01 (kode panjang uji, 30c)", "Indikator uji", "%", "Positif", "Nilai akhir", "", "", "", "", "Tidak",
         None, "S1"),
        ("IK05", "Indikator uji", "s" * 41, "Positif", "Nilai akhir", "", "", "", "", "Tidak", None, "S1"),
    )  # fmt: skip
    # WHEN it is read THEN it is refused whole, naming sheet, row and column with the screen's own rule
    with pytest.raises(ValidationError) as caught:
        read_rencana(empty_db, path)
    text = caught.value.message
    assert (
        "lembar 'Indikator', baris 4, kolom 'Kode indikator': Kode indikator 'ik 01 (kode panjang uji, 30c)' tidak "
        "dapat dipakai" in text
    )
    assert "lembar 'Indikator', baris 5, kolom 'Satuan': Satuan paling panjang 40 karakter." in text
    assert text.startswith("Berkas rencana.xlsx tidak diimpor karena ada 2 kesalahan")
    # AND nothing was written
    assert load_rencana(empty_db).plan is None and count(empty_db, m.Indicator) == 0


def test_every_record_the_import_accepts_saves_unchanged_through_the_screens(empty_db, tmp_path):
    # GIVEN a filled template written loosely, as people type: a lower-case indicator code, runs of spaces and a
    # line break inside a tujuan, a sasaran and a program, blank lines between the misi
    path = tmp_path / "rencana.xlsx"
    blank_template(path, start_year=2025)
    fill_small_plan(path)
    set_cells(path, "Renstra", {"B5": "Misi satu\n\n  Misi dua  "})
    set_cells(path, "Tujuan", {"B2": "Meningkatkan   tata\nkelola"})
    set_cells(path, "Sasaran", {"B2": "Meningkatnya  akuntabilitas"})
    set_cells(path, "Program", {"B2": "PROGRAM   PENUNJANG"})
    append(path, "Indikator", ("ik03", "Indeks  kepuasan", "indeks", "Positif", "Rata-rata", "", "", "", "", "Tidak",
                               70, "S1"))  # fmt: skip
    append(path, "Target", ("ik03", 2025, 75, 75, None, 70, 72, None, None))
    # WHEN it is imported
    apply_rencana(empty_db, SYSTEM, read_rencana(empty_db, path))
    before, audit_before = load_rencana(empty_db), count(empty_db, m.AuditEntry)
    # THEN every record it stored is saved by the screens' operations without any change
    assert save_every_record_through_the_screens(empty_db, SYSTEM) == 19
    assert load_rencana(empty_db) == before
    assert count(empty_db, m.AuditEntry) == audit_before
    # AND the indicator's code is stored as the screen stores it
    assert [i.code for i in before.indicators] == ["IK01", "IK02", "IK03"]


def test_the_demo_plan_read_back_from_its_workbook_saves_unchanged_through_the_screens(demo_db, tmp_path):
    from tests._qualitative_data import add_qualitative_indicator

    # GIVEN the demo office with a qualitative indicator, its plan exported and imported again by the Kasubag
    add_qualitative_indicator(demo_db)
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    kasubag = actor_for(demo_db, "kasubag_renkeu")
    apply_rencana(demo_db, kasubag, read_rencana(demo_db, path))
    before, audit_before = load_rencana(demo_db), count(demo_db, m.AuditEntry)
    # WHEN every record is saved through the screens' operations THEN nothing changes
    assert save_every_record_through_the_screens(demo_db, kasubag) > 80
    assert load_rencana(demo_db) == before and count(demo_db, m.AuditEntry) == audit_before


def test_codes_are_matched_as_the_screens_compare_them(demo_db, tmp_path):
    # GIVEN the exported demo plan with tujuan T1, sasaran S1 and indicator IK01 written in lower case
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    set_cells(path, "Tujuan", {"A2": "t1"})
    set_cells(path, "Sasaran", {"A2": "s1", "C2": "t1"})
    set_cells(path, "Indikator", {"A2": "ik01"})
    # WHEN it is read THEN they are the stored records, not new ones, and nothing would change
    preview = read_rencana(demo_db, path)
    assert not preview.has_changes, [s for s in preview.sheets if s.added or s.changed]


def test_a_qualitative_indicator_keeps_the_screen_rules_in_the_file(demo_db, tmp_path):
    from tests._qualitative_data import CODE, add_qualitative_indicator

    # GIVEN IK60 on the Predikat SAKIP scale, exported, then made cumulative, with a baseline of 2,5 and a range
    # of ranks as its 2025 yearly target (the screen refuses all three)
    add_qualitative_indicator(demo_db)
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    wb = openpyxl.load_workbook(path)
    row = next(r[0].row for r in wb["Indikator"].iter_rows(min_row=2) if r[0].value == CODE)
    target = next(r[0].row for r in wb["Target"].iter_rows(min_row=2) if (r[0].value, r[1].value) == (CODE, 2025))
    set_cells(path, "Indikator", {f"E{row}": "Kumulatif", f"K{row}": "2,5"})
    set_cells(path, "Target", {f"D{target}": 3, f"E{target}": 5})
    before = load_rencana(demo_db)
    # WHEN it is read THEN each is refused at its cell with the screen's rule, and nothing changes
    with pytest.raises(ValidationError) as caught:
        read_rencana(demo_db, path)
    text = caught.value.message
    assert (
        f"lembar 'Indikator', baris {row}, kolom 'Jenis agregasi': IK60: Tingkat kualitatif tidak dapat dijumlahkan"
        in text
    )
    assert (
        f"lembar 'Indikator', baris {row}, kolom 'Baseline': IK60 memakai skala Predikat SAKIP; baseline 2,50" in text
    )
    assert (
        f"lembar 'Target', baris {target}, kolom 'Target tahunan': IK60 memakai skala Predikat SAKIP; target "
        "indikator kualitatif satu tingkat, bukan rentang." in text
    )
    assert load_rencana(demo_db) == before


def test_demo_plan_round_trip_changes_nothing(demo_db, tmp_path):
    # GIVEN the demo office's plan exported to a workbook
    path = tmp_path / "rencana.xlsx"
    before = load_rencana(demo_db)
    export_rencana(demo_db, path)
    audit_before = count(demo_db, m.AuditEntry)
    # WHEN it is read back
    preview = read_rencana(demo_db, path)
    # THEN nothing would change, and applying it writes nothing
    assert not preview.has_changes, [s for s in preview.sheets if s.added or s.changed]
    assert sum(s.unchanged for s in preview.sheets) == 1 + 3 + 5 + 12 + 72 + 3 + 8 + 16 + 16
    result = apply_rencana(demo_db, actor_for(demo_db, "kasubag_renkeu"), preview)
    assert (result.added, result.changed) == (0, 0)
    assert load_rencana(demo_db) == before and count(demo_db, m.AuditEntry) == audit_before


def test_an_edited_export_updates_by_code_and_warns_about_quarters(demo_db, tmp_path):
    # GIVEN the exported demo plan with IK01's name changed, its 2025 TW IV target off, and a new program line
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    set_cells(path, "Indikator", {"B2": "Nilai AKIP Kecamatan (diubah)"})
    wb = openpyxl.load_workbook(path)
    row = next(r[0].row for r in wb["Target"].iter_rows(min_row=2) if (r[0].value, r[1].value) == ("IK01", 2025))
    set_cells(path, "Target", {f"I{row}": 71})
    append(path, "Program", ("7.01.09", "PROGRAM BARU", "S2"))
    # WHEN it is read and applied by the Kasubag Perencanaan
    preview = read_rencana(demo_db, path)
    changes = {s.sheet: s for s in preview.sheets}
    assert changes["Indikator"].changed == ("IK01",) and changes["Program"].added == ("7.01.09",)
    assert changes["Target"].changed == ("IK01 2025",)
    # THEN the inconsistent quarters are a warning naming sheet and row, not an error
    assert len(preview.warnings) == 1
    assert preview.warnings[0].startswith(f"Lembar 'Target', baris {row} (IK01 2025): target TW IV")
    result = apply_rencana(demo_db, actor_for(demo_db, "kasubag_renkeu"), preview)
    assert (result.added, result.changed) == (1, 2)
    with demo_db.reading() as s:
        assert s.scalar(select(m.Indicator.name).where(m.Indicator.code == "IK01")) == "Nilai AKIP Kecamatan (diubah)"
        assert s.scalar(select(func.count()).where(m.AuditEntry.operation == "Impor rencana")) == 3


def test_a_bad_file_is_refused_whole_with_every_error_located(demo_db, tmp_path):
    # GIVEN an export with an unknown polarity, an unknown unit, a duplicate code, a missing parent, a text target,
    # a year outside the Renstra, and spending above the pagu
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    set_cells(path, "Indikator", {"D7": "naik", "I3": "Seksi Tidak Ada", "A4": "IK02"})
    append(path, "Kegiatan", ("7.01.99.2.01", "Kegiatan yatim", "7.01.99"))
    append(path, "Target", ("IK01", 2030, 1, 1, None, None, None, None, None), ("IK02", 2025, "banyak", None))
    wb = openpyxl.load_workbook(path)
    row = next(r[0].row for r in wb["Realisasi Anggaran"].iter_rows(min_row=2) if r[1].value == 2025)
    set_cells(path, "Realisasi Anggaran", {f"F{row}": 9_000_000_000})
    before = load_rencana(demo_db)
    # WHEN it is read
    with pytest.raises(ValidationError) as caught:
        read_rencana(demo_db, path)
    # THEN every error is listed with sheet, row and column, in Indonesian
    text = caught.value.message
    assert "lembar 'Indikator', baris 7, kolom 'Polaritas': 'naik' tidak dikenal; isi Positif atau Negatif" in text
    assert "lembar 'Indikator', baris 3, kolom 'Unit penanggung jawab': unit 'Seksi Tidak Ada' tidak dikenal" in text
    assert "baris 4, kolom 'Kode indikator': kode indikator 'IK02' sudah tertulis di baris 3" in text
    assert "kolom 'Tahun': target indikator IK02 tahun 2025 sudah tertulis di baris 12; tulis sekali saja." in text
    assert "kolom 'Kode program': program '7.01.99' tidak ada" in text
    assert "kolom 'Target Renstra': 'banyak' bukan angka" in text
    assert "kolom 'Tahun': tahun 2030 di luar Renstra (2021–2026)" in text
    assert f"lembar 'Realisasi Anggaran', baris {row}, kolom 'TW IV': jumlah realisasi anggaran" in text
    assert text.startswith("Berkas rencana.xlsx tidak diimpor karena ada 8 kesalahan")
    # AND nothing was written
    assert load_rencana(demo_db) == before


def test_the_target_of_an_approved_quarter_cannot_change_through_the_file(demo_db, tmp_path):
    # GIVEN the exported demo plan with IK01's 2025 TW I target changed (TW I 2025 is approved in the demo)
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    wb = openpyxl.load_workbook(path)
    row = next(r[0].row for r in wb["Target"].iter_rows(min_row=2) if (r[0].value, r[1].value) == ("IK01", 2025))
    old = wb["Target"][f"F{row}"].value
    set_cells(path, "Target", {f"F{row}": (old or 0) + 5})
    before = load_rencana(demo_db)
    # WHEN it is read, THEN it is refused naming the cell, and nothing changes
    with pytest.raises(ValidationError) as caught:
        read_rencana(demo_db, path)
    assert (
        f"lembar 'Target', baris {row}, kolom 'TW I': target TW I IK01 tahun 2025 tidak dapat diubah: realisasi TW I "
        "sudah disetujui Camat dan terkunci." in caught.value.message
    )
    assert load_rencana(demo_db) == before


def test_a_qualitative_target_must_be_a_rank_of_its_scale(demo_db, tmp_path):
    from tests._qualitative_data import CODE, add_qualitative_indicator

    # GIVEN IK60 on the Predikat SAKIP scale (7 levels), exported, with its yearly target typed as 8 and TW I as 2,5
    add_qualitative_indicator(demo_db)
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    wb = openpyxl.load_workbook(path)
    row = next(r[0].row for r in wb["Target"].iter_rows(min_row=2) if (r[0].value, r[1].value) == (CODE, 2025))
    set_cells(path, "Target", {f"D{row}": 8, f"F{row}": "2,5"})
    # WHEN it is read, THEN both cells are refused naming the scale's ranks, and nothing changes
    before = load_rencana(demo_db)
    with pytest.raises(ValidationError) as caught:
        read_rencana(demo_db, path)
    text = caught.value.message
    assert (
        f"lembar 'Target', baris {row}, kolom 'Target tahunan': IK60 memakai skala Predikat SAKIP; target 8 bukan "
        "peringkat skala itu (isi salah satu: 1 = D, 2 = C, 3 = CC, 4 = B, 5 = BB, 6 = A, 7 = AA)." in text
    )
    assert f"lembar 'Target', baris {row}, kolom 'TW I': IK60 memakai skala Predikat SAKIP; target 2,50 bukan" in text
    assert load_rencana(demo_db) == before


def test_files_that_are_not_a_planning_workbook_are_refused(demo_db, tmp_path):
    # GIVEN a workbook without the hidden format sheet, and a text file renamed to .xlsx
    plain = tmp_path / "lain.xlsx"
    wb = openpyxl.Workbook()
    wb.save(plain)
    junk = tmp_path / "rusak.xlsx"
    junk.write_text("bukan excel")
    # WHEN / THEN each is refused with the reason
    with pytest.raises(ValidationError, match="bukan buku kerja rencana SAKIP"):
        read_rencana(demo_db, plain)
    with pytest.raises(ValidationError, match=r"bukan berkas Excel \.xlsx"):
        read_rencana(demo_db, junk)


def test_only_the_kasubag_perencanaan_or_an_administrator_imports(demo_db, tmp_path):
    # GIVEN a changed export
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    set_cells(path, "Tujuan", {"B2": "Tujuan diubah"})
    preview = read_rencana(demo_db, path)
    # WHEN a Kasi applies it THEN it is refused
    with pytest.raises(PermissionDenied):
        apply_rencana(demo_db, actor_for(demo_db, "kasi_pem"), preview)


@needs_soffice
def test_a_file_resaved_by_libreoffice_imports(demo_db, tmp_path, tmp_path_factory):
    # GIVEN an edited export that a person opened and saved again in LibreOffice Calc
    path = tmp_path / "rencana.xlsx"
    export_rencana(demo_db, path)
    set_cells(path, "Tujuan", {"B2": "Tujuan diubah di Calc"})
    append(path, "Program", ("7.01.09", "PROGRAM BARU", "S2"))
    expected = read_rencana(demo_db, path)
    out = tmp_path / "lo"
    out.mkdir()
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = out / path.name
    assert resaved.read_bytes() != path.read_bytes()
    # WHEN it is read THEN it says the same as the original and applies
    preview = read_rencana(demo_db, resaved)
    assert preview.sheets == expected.sheets and preview.data == expected.data
    apply_rencana(demo_db, actor_for(demo_db, "kasubag_renkeu"), preview)
    assert any(g.statement == "Tujuan diubah di Calc" for g in load_rencana(demo_db).goals)


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_command_line_template_dry_run_and_import(demo_db, tmp_path, capsys):
    # GIVEN the demo database on disk and its plan exported by `sakip template rencana --db`
    path = tmp_path / "rencana.xlsx"
    db_path = str(demo_db.path)
    assert cli_main(["template", "rencana", "--db", db_path, "--out", str(path)]) == 0
    set_cells(path, "Tujuan", {"B2": "Tujuan dari baris perintah"})
    password = tmp_path / "sandi.txt"
    password.write_text("kasubag_renkeu123\n", encoding="utf-8")
    who = ["--as", "kasubag_renkeu", "--password-file", str(password)]
    # WHEN it is imported with --dry-run THEN the summary is printed and nothing is stored
    assert cli_main(["import", "rencana", "--db", db_path, *who, "--dry-run", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Tujuan                  0 baru,    1 berubah,    2 tetap" in out and "tidak ada yang disimpan" in out
    assert not any(g.statement == "Tujuan dari baris perintah" for g in load_rencana(demo_db).goals)
    # WHEN it is imported for real as the Kasubag THEN it is stored
    assert cli_main(["import", "rencana", "--db", db_path, *who, str(path)]) == 0
    assert "Disimpan: 0 data baru, 1 data diperbarui." in capsys.readouterr().out
    assert any(g.statement == "Tujuan dari baris perintah" for g in load_rencana(demo_db).goals)
    # AND a blank template is written without a database
    assert cli_main(["template", "rencana", "--out", str(tmp_path / "kosong.xlsx"), "--start-year", "2027"]) == 0
    assert openpyxl.load_workbook(tmp_path / "kosong.xlsx")["Renstra"]["B2"].value == 2027
