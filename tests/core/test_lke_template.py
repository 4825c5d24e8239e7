"""The LKE as data: the shipped PermenPAN-RB 88/2021 template, its .xlsx export and import (refused whole on a bad
file), and a kabupaten template with its own weights (Trenggalek's split of the evaluation component)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.lke.read import read_template
from sakip_desktop.exchange.lke.write import write_template
from sakip_desktop.ops.lke.assessment import AnswerInput, save_answer, save_assessment
from sakip_desktop.ops.lke.store import import_template, list_templates
from sakip_desktop.ops.lke.template import shipped_template
from sakip_desktop.ops.lke.views import lke_view
from sakip_desktop.ops.org.auth import actor_for

DAY = dt.date(2025, 10, 15)


def test_the_shipped_template_is_the_88_2021_one():
    t = shipped_template()
    assert [(c.code, c.weight) for c in t.components] == [("1", 30), ("2", 30), ("3", 15), ("4", 25)]
    assert [s.weight for s in t.components[2].subcomponents] == [3, Decimal("4.5"), Decimal("7.5")]
    assert [s.weight for s in t.components[3].subcomponents] == [5, Decimal("7.5"), Decimal("12.5")]
    assert len(t.criteria) == 79 and all(c.text and c.evidence for c in t.criteria)
    assert [(a.code, a.value) for a in t.answers("SKALA")] == [
        ("AA", 100),
        ("A", 90),
        ("BB", 80),
        ("B", 70),
        ("CC", 60),
        ("C", 50),
        ("D", 30),
        ("E", 0),
    ]
    assert [(b.code, b.minimum) for b in t.bands][:2] == [("AA", 90), ("A", 80)] and t.lower_exclusive


def test_a_template_goes_out_to_xlsx_and_comes_back_the_same(tmp_path):
    path = tmp_path / "templat-lke.xlsx"
    write_template(path, shipped_template())
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Templat", "Kriteria", "Skala", "Predikat", "Format"]
    assert [c.value for c in wb["Kriteria"][1]] == [
        "Kode",
        "Uraian",
        "Bobot",
        "Jenis jawaban",
        "Bukti dukung yang diminta",
    ]
    assert read_template(path) == shipped_template()


def _edit(path: Path, out: Path, changes: dict[tuple[str, str, int], object]) -> Path:
    """Copy the workbook with cells changed: (sheet, code in column A, column number) -> value."""
    wb = openpyxl.load_workbook(path)
    for (sheet, code, column), value in changes.items():
        row = next(r for r in wb[sheet].iter_rows() if r[0].value == code)
        row[column - 1].value = value
    wb.save(out)
    return out


def test_a_bad_template_file_is_refused_whole_naming_file_sheet_row_and_column(demo_db, tmp_path):
    good = tmp_path / "templat.xlsx"
    write_template(good, shipped_template())
    bad = _edit(
        good,
        tmp_path / "salah.xlsx",
        {("Kriteria", "4.b", 3): 5, ("Kriteria", "2.a.3", 4): "X", ("Kriteria", "1.c", 3): "lima belas"},
    )
    with pytest.raises(ValidationError) as refused:
        read_template(bad)
    text = str(refused.value)
    assert "Berkas salah.xlsx tidak diimpor karena ada 3 kesalahan" in text
    assert "lembar 'Kriteria', baris 35, kolom 'Jenis jawaban': jenis jawaban 'X' tidak dikenal" in text
    assert "kolom 'Bobot': 'lima belas' bukan angka" in text
    assert (
        "lembar 'Kriteria', baris 77, kolom 'Bobot': bobot sub komponen 4 berjumlah 5 + 5 + 12,5 = 22,5, "
        "tidak sama dengan bobot komponennya 25"
    ) in text
    assert list_templates(demo_db) == []  # nothing stored


def trenggalek(path: Path, tmp_path: Path) -> Path:
    """The 88/2021 workbook turned into Trenggalek's: Evaluasi 5 / 7,5 / 5 plus 'Capaian' 7,5."""
    out = _edit(
        path,
        tmp_path / "trenggalek.xlsx",
        {
            ("Templat", "Kode templat", 2): "TRENGGALEK-2024",
            ("Templat", "Nama templat", 2): "LKE Kab. Trenggalek",
            ("Kriteria", "4.c", 3): 5,
        },
    )
    wb = openpyxl.load_workbook(out)
    ws = wb["Kriteria"]
    ws.append(["4.d", "Capaian", 7.5, None, None])
    ws.append(["4.d.1", "Capaian kinerja Perangkat Daerah sesuai target.", None, "AA-E", "Laporan capaian kinerja."])
    wb.save(out)
    return out


def test_a_kabupaten_template_with_other_weights_is_imported_and_used(demo_db, tmp_path):
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    write_template(tmp_path / "88.xlsx", shipped_template())
    t = read_template(trenggalek(tmp_path / "88.xlsx", tmp_path))
    assert [s.weight for s in t.components[3].subcomponents] == [5, Decimal("7.5"), 5, Decimal("7.5")]
    template_id = import_template(demo_db, tim, t)
    save_assessment(demo_db, tim, 2025, template_id=template_id)
    view = lke_view(demo_db, 2025, today=DAY)
    assert view.template.code == "TRENGGALEK-2024" and view.line("4.d.1").rule is None
    # the proposals of the 88/2021 codes still apply, and the weights are the kabupaten's
    assert view.line("4.c.2").proposal.answer == "D"
    assert [p.weight for p in view.score.subcomponents if p.code.startswith("4.")] == [
        5,
        Decimal("7.5"),
        5,
        Decimal("7.5"),
    ]
    # the next year starts on the kabupaten's template too
    assert lke_view(demo_db, 2026, today=DAY).template.code == "TRENGGALEK-2024"
    save_assessment(demo_db, tim, 2026)
    assert lke_view(demo_db, 2026, today=DAY).template_id == template_id
    # once answered on, the template cannot be replaced under the same code
    save_answer(demo_db, tim, 2025, AnswerInput("4.d.1", "B"))
    with pytest.raises(ValidationError, match="sudah dipakai penilaian mandiri tahun 2025"):
        import_template(demo_db, tim, t)
