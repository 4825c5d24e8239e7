"""Formulir E.81 per quarter (issue 15 §1): columns 12–14 recomputed from the database agree with the printed PDF and
the exported .xlsx; the faktor and tindak lanjut rows are drafted from the Kasi's narratives, saved by a person, and
the form prints DRAF until they are saved and the quarter's realisasi approved; the Bappeda official of the settings
signs "Dievaluasi"."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sakip_desktop.cli import main
from sakip_desktop.domain.achievement import Polarity, Target, achievement
from sakip_desktop.errors import PermissionDenied
from sakip_desktop.ops.e81.notes import e81_notes, save_notes
from sakip_desktop.ops.org.auth import login
from sakip_desktop.ops.org.office import get_settings, update_settings

TWO = Decimal("0.01")


def _pw(tmp_path: Path, password: str) -> str:
    path = tmp_path / "sandi.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return str(path)


def _print(db_path: Path, tmp_path: Path, suffix: str, *extra: str) -> Path:
    out = tmp_path / f"e81{suffix}"
    args = [
        "report",
        "e81",
        "--db",
        str(db_path),
        "--year",
        "2025",
        "--tw",
        "3",
        "--date",
        "2025-10-10",
        "--out",
        str(out),
        "--as",
        "analis_kebijakan",
        "--password-file",
        _pw(tmp_path, "analis_kebijakan123"),
        *extra,
    ]
    assert main(args) == 0
    return out


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(re.sub(r"\s+", " ", f" {line} ") for line in raw.splitlines())


def _num(value: Decimal, decimals: int) -> str:
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{q:f}".partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def _amount(value: Decimal) -> str:
    return _num(value, 0) if value == value.to_integral_value() else _num(value, 2)


def _add_2024(conn: sqlite3.Connection) -> None:
    """An earlier Renstra year: IK03 (cumulative) realised 5 in 2024, one sub kegiatan with pagu and spending."""
    conn.execute("INSERT INTO yearly_target (indicator_id, year, value) VALUES (3, 2024, '10')")
    conn.execute(
        "INSERT INTO realisation (indicator_id, year, quarter, value, status) VALUES (3, 2024, 4, '5', 'APPROVED')"
    )
    sub = conn.execute("SELECT id FROM sub_activity WHERE code = '7.01.01.2.01.0001'").fetchone()[0]
    budget = conn.execute("INSERT INTO budget (sub_activity_id, year, ceiling) VALUES (?, 2024, 20000000)", (sub,))
    conn.execute(
        "INSERT INTO budget_spending (budget_id, quarter, amount) VALUES (?, 4, 17500000)", (budget.lastrowid,)
    )


def _expected_k(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str]]:
    """Per indicator name: columns 12, 13 and 14 K recomputed from the tables."""
    out = {}
    rows = conn.execute(
        "SELECT i.id, i.name, i.unit, i.aggregation, i.polarity FROM indicator i JOIN yearly_target t "
        "ON t.indicator_id = i.id AND t.year = 2025"
    ).fetchall()
    for ind, name, _unit, aggregation, polarity in rows:
        values = [
            Decimal(v)
            for (v,) in conn.execute(
                "SELECT value FROM realisation WHERE indicator_id = ? AND year = 2025 AND quarter <= 3 "
                "AND value IS NOT NULL "
                "ORDER BY quarter",
                (ind,),
            )
        ]
        earlier = [
            Decimal(v)
            for (v,) in conn.execute(
                "SELECT value FROM realisation WHERE indicator_id = ? AND year < 2025 AND quarter = 4", (ind,)
            )
        ]
        final = Decimal(
            conn.execute(
                "SELECT value FROM renstra_target WHERE indicator_id = ? ORDER BY year DESC", (ind,)
            ).fetchone()[0]
        )
        if aggregation == "CUMULATIVE":
            c12 = sum(values, Decimal(0))
            c13 = c12 + sum(earlier, Decimal(0))
        else:
            c12 = values[-1] if aggregation == "LAST_VALUE" else sum(values, Decimal(0)) / len(values)
            c13 = c12
        c14 = achievement(c13, Target(final), Polarity(polarity))
        assert c14 is not None
        out[name] = (_amount(c12), _amount(c13), _num(c14, 2))
    return out


def _expected_rp(conn: sqlite3.Connection) -> dict[str, tuple[int, int, str]]:
    """Per sub kegiatan code: columns 12, 13 (rupiah) and 14 Rp recomputed from the tables."""
    out = {}
    for sub, code in conn.execute("SELECT id, code FROM sub_activity"):
        pagu = conn.execute(
            "SELECT COALESCE(SUM(ceiling), 0) FROM budget WHERE sub_activity_id = ? AND year BETWEEN 2021 AND 2026",
            (sub,),
        ).fetchone()[0]
        if not conn.execute("SELECT 1 FROM budget WHERE sub_activity_id = ? AND year = 2025", (sub,)).fetchone():
            continue
        spent = "SELECT COALESCE(SUM(s.amount), 0) FROM budget_spending s JOIN budget b ON b.id = s.budget_id "
        c12 = conn.execute(
            spent + "WHERE b.sub_activity_id = ? AND b.year = 2025 AND s.quarter <= 3", (sub,)
        ).fetchone()[0]
        before = conn.execute(spent + "WHERE b.sub_activity_id = ? AND b.year < 2025", (sub,)).fetchone()[0]
        out[code] = (c12, c12 + before, _num(Decimal(c12 + before) / Decimal(pagu) * 100, 2))
    return out


def _thousands(value: int) -> str:
    return _num(Decimal(value) / 1000, 0)


@pytest.mark.sqlite_only(reason="adds rows with plain sqlite3; prints through the command line")
def test_columns_12_to_14_recomputed_from_the_database_match_the_pdf_and_the_xlsx(demo_db, tmp_path):
    # GIVEN the demo office with an earlier Renstra year (a cumulative indicator and a sub kegiatan spent in 2024)
    conn = sqlite3.connect(demo_db.path)
    with conn:
        _add_2024(conn)
    k, rp = _expected_k(conn), _expected_rp(conn)
    conn.close()
    assert k["Jumlah dokumen perencanaan dan pelaporan kinerja yang disampaikan tepat waktu"][:2] == ("9", "14")
    # WHEN the Tim SAKIP prints E.81 TW III and exports it
    text = _text(_print(demo_db.path, tmp_path, ".pdf"))
    book = load_workbook(_print(demo_db.path, tmp_path, ".xlsx"))
    # THEN the PDF prints each indicator's 12, 13 and 14 K side by side, and each sub kegiatan's Rp (in thousands)
    for c12, c13, c14 in k.values():
        assert f" {c12} {c13} {c14} " in text
    for r12, r13, r14 in rp.values():
        assert f" {_thousands(r12)} {_thousands(r13)} {r14} " in text
    # AND the .xlsx holds them as numbers: one sheet, K in S/U/W, Rp in T/V/X
    assert book.sheetnames == ["Formulir E.81"]
    ws = book["Formulir E.81"]
    by_name = {ws.cell(r, 4).value: r for r in range(9, ws.max_row + 1) if ws.cell(r, 4).value}
    for name, (c12, c13, c14) in k.items():
        row = next(r for n, r in by_name.items() if n.startswith(name))
        cells = [ws.cell(row, c).value for c in (19, 21, 23)]
        assert [_amount(Decimal(str(v))) for v in cells[:2]] == [c12, c13]
        assert _num(Decimal(str(cells[2])), 2) == c14
    by_code = {
        str(ws.cell(r, 3).value).split()[2]: r
        for r in range(9, ws.max_row + 1)
        if str(ws.cell(r, 3).value).startswith("Sub Kegiatan")
    }
    for code, (r12, r13, r14) in rp.items():
        row = by_code[code]
        assert (ws.cell(row, 20).value, ws.cell(row, 22).value) == (r12, r13)
        assert isinstance(ws.cell(row, 20).value, int)
        assert _num(Decimal(str(ws.cell(row, 24).value)), 2) == r14


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_the_form_is_laid_out_as_the_template_on_the_office_paper(demo_db, tmp_path):
    # WHEN E.81 is exported for F4 paper
    ws = load_workbook(_print(demo_db.path, tmp_path, ".xlsx", "--paper", "F4"))["Formulir E.81"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # THEN each pair's title spans its K and Rp, the single columns span two header rows, the column numbers pair up
    assert {"E6:F6", "W6:X6", "A6:A7", "Y6:Y7", "E8:F8"} <= merged
    assert (ws["E7"].value, ws["F7"].value, ws["W8"].value) == ("K", "Rp", "14 = 13/5 × 100%")
    labels = [ws.cell(r, 1).value for r in range(9, ws.max_row + 1)]
    for label in (
        "Rata-rata capaian kinerja (%)",
        "Predikat kinerja",
        "Faktor pendorong keberhasilan pencapaian kinerja",
        "Faktor penghambat pencapaian kinerja",
        "Tindak lanjut yang diperlukan dalam triwulan berikutnya",
        "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya",
    ):
        assert label in labels
    # AND it prints landscape on Folio (F4), one page wide, the header rows repeated; both signatures are there
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 14, 1)
    assert ws.print_title_rows == "$6:$8"
    values = {ws.cell(r, c).value for r in range(1, ws.max_row + 1) for c in (2, 18)}
    assert {"Disusun", "Dievaluasi", "Ardiansyah Nugroho, S.STP., M.Si."} <= values


@pytest.mark.sqlite_only(reason="changes the office file with plain sqlite3; prints through the command line")
def test_faktor_rows_are_drafted_saved_and_the_form_is_final_only_when_reviewed_and_approved(demo_db, tmp_path):
    # GIVEN TW III: the Kasi's narratives, realisasi still under review
    conn = sqlite3.connect(demo_db.path)
    supporting = conn.execute(
        "SELECT supporting_factors FROM realisation WHERE year = 2025 AND quarter = 3 AND "
        "supporting_factors != '' ORDER BY indicator_id"
    ).fetchone()[0]
    notes = e81_notes(demo_db, 2025, 3)
    # THEN the drafts quote them, and nothing is saved yet: the paper says DRAF
    assert " ".join(supporting.split()) in notes[0].draft and not any(n.is_saved for n in notes)
    assert "DRAF" in _text(_print(demo_db.path, tmp_path, "-a.pdf"))
    # WHEN a Kasi tries to save the rows THEN it is refused
    with pytest.raises(PermissionDenied):
        save_notes(demo_db, login(demo_db, "kasi_ekbang", "kasi_ekbang123"), 2025, 3, {"pendorong": "x"})
    # WHEN the Tim SAKIP saves the four rows, and the Camat's approval of TW III is in
    tim = login(demo_db, "analis_kebijakan", "analis_kebijakan123")
    texts = {n.key: n.draft for n in notes} | {"pendorong": "Koordinasi lintas seksi berjalan baik.", "tl_renja": ""}
    saved = save_notes(demo_db, tim, 2025, 3, texts)
    assert all(n.is_saved for n in saved) and saved[0].updated_by.startswith(tim.name.split(",")[0])
    half = _text(_print(demo_db.path, tmp_path, "-b.pdf"))
    assert "Koordinasi lintas seksi berjalan baik." in half and "DRAF" in half  # saved, but not yet approved
    with conn:
        conn.execute("UPDATE realisation SET status = 'APPROVED' WHERE year = 2025 AND quarter <= 3")
    conn.close()
    final = _text(_print(demo_db.path, tmp_path, "-c.pdf"))
    # THEN it prints as final, with the saved text (an emptied row prints '-')
    assert "DRAF" not in final and "Koordinasi lintas seksi berjalan baik." in final


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_the_bappeda_official_of_the_settings_signs_dievaluasi(demo_db, tmp_path):
    admin = login(demo_db, "kasubag_renkeu", "kasubag_renkeu123")
    settings = dataclasses.replace(
        get_settings(demo_db),
        e81_evaluator_position="Kepala Bidang Litbang Bappeda",
        e81_evaluator_name="Dra. Ratna Sari",
        e81_evaluator_rank="Pembina (IV/a)",
        e81_evaluator_nip="197001011995032001",
    )
    update_settings(demo_db, admin, settings)
    text = _text(_print(demo_db.path, tmp_path, ".pdf"))
    assert "Dievaluasi" in text and "Dra. Ratna Sari" in text and "KEPALA BIDANG LITBANG BAPPEDA" in text
    assert "NIP. 19700101 199503 2 001" in text


def test_the_tindak_lanjut_drafts_quote_the_rekomendasi_the_camat_did_not_reject(demo_db):
    from sakip_desktop.ops.monitoring.telaah import add_recommendation, decide_recommendation

    sekcam, camat = login(demo_db, "sekcam", "sekcam123"), login(demo_db, "camat", "camat123")
    # GIVEN three rekomendasi of TW III: one still proposed, one accepted, one rejected
    add_recommendation(demo_db, sekcam, 2025, 3, "Percepat verifikasi register desa sebelum akhir bulan.", 4)
    kept = add_recommendation(demo_db, sekcam, 2025, 3, "Anggarkan pelatihan operator desa dalam Renja 2026.", 5)
    dropped = add_recommendation(demo_db, sekcam, 2025, 3, "Hentikan survei kepuasan.", 6)
    decide_recommendation(demo_db, camat, kept, accept=True)
    decide_recommendation(demo_db, camat, dropped, accept=False, note="Survei tetap perlu.")
    notes = {n.key: n.draft for n in e81_notes(demo_db, 2025, 3)}
    # THEN the next quarter's tindak lanjut quotes this quarter's, the Renja's the accepted ones, none the rejected
    assert "- IK04: Percepat verifikasi register desa sebelum akhir bulan." in notes["tl_triwulan"]
    assert "- IK05: Anggarkan pelatihan operator desa dalam Renja 2026." in notes["tl_renja"]
    assert "Percepat verifikasi" not in notes["tl_renja"]
    assert all("Hentikan survei" not in text for text in notes.values())


def test_a_wrong_nip_of_the_bappeda_official_is_refused_by_name(demo_db):
    from sakip_desktop.errors import ValidationError

    admin = login(demo_db, "kasubag_renkeu", "kasubag_renkeu123")
    wrong = dataclasses.replace(get_settings(demo_db), e81_evaluator_name="Dra. Ratna Sari", e81_evaluator_nip="1970")
    with pytest.raises(ValidationError) as refused:
        update_settings(demo_db, admin, wrong)
    assert refused.value.field == "e81_evaluator_nip" and "18 angka" in str(refused.value)


def test_without_a_quarter_the_form_is_of_the_last_quarter_holding_realisasi(demo_db):
    from sakip_desktop.documents.catalog import DocRequest, prepare
    from sakip_desktop.errors import ValidationError

    # The Dokumen tool asks no triwulan for this kind (yet): the demo's last quarter with realisasi is TW III
    prepared = prepare(demo_db, DocRequest("e81", year=2025))
    assert (prepared.quarter, prepared.title) == (3, "Formulir E.81 2025 TW III")
    with pytest.raises(ValidationError, match="2030 belum berisi realisasi"):
        prepare(demo_db, DocRequest("e81", year=2030))


@pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")
def test_a_typed_row_starting_with_an_equals_sign_stays_text_in_the_xlsx(demo_db, tmp_path):
    tim = login(demo_db, "analis_kebijakan", "analis_kebijakan123")
    save_notes(demo_db, tim, 2025, 3, {"penghambat": '=HYPERLINK("http://contoh")'})
    ws = load_workbook(_print(demo_db.path, tmp_path, ".xlsx"))["Formulir E.81"]
    cells = [
        ws.cell(r, 5) for r in range(9, ws.max_row + 1) if ws.cell(r, 1).value == "Faktor penghambat pencapaian kinerja"
    ]
    assert cells[0].value == '=HYPERLINK("http://contoh")' and cells[0].data_type == "s"
