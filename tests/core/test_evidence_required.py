"""Bukti dukung and honesty (issue 13 §5): the office setting "Bukti dukung wajib" (on by default) refuses a realisasi
submitted without a bukti dukung file, in the same words on the entry screen, in the Format Isian's rows and in the
refusal; the Sekretaris cannot tick "Bukti dukung ada" where there is no file; and the measurement export carries
each indicator's code. All on a real SQLite file (the demo office: TW IV 2025 empty)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from sakip_desktop.domain.realisation import Status
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import (
    CheckInput,
    add_evidence,
    quarter_entries,
    save_realisation,
    submit_quarter,
    verify,
)

DAY = dt.date(2025, 10, 20)
YEAR, TW = 2025, 4
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}
NO_BUKTI = "bukti dukung belum diunggah; unggah sedikitnya satu berkas bukti dukung"
PDF = b"%PDF-1.4 daftar hadir pembinaan"


def who(db, username: str):
    return actor_for(db, username, DAY)


def pemerintahan(db) -> int:
    return next(u.id for u in list_units(db) if u.code == "SEKSI_PEMERINTAHAN")


def enter_tw4(db) -> dict[str, int]:
    """The Kasi Pemerintahan enters IK04 and IK05 of TW IV (no narrative needed); their realisasi ids by code."""
    kasi = who(db, "kasi_pem")
    ids = {e.code: e.indicator_id for e in quarter_entries(db, YEAR, TW, pemerintahan(db))}
    values = {"IK04": Decimal(7), "IK05": Decimal("92.86")}
    return {code: save_realisation(db, kasi, ids[code], YEAR, TW, value, **EMPTY) for code, value in values.items()}


def set_required(db, required: bool) -> None:
    admin = who(db, "kasubag_renkeu")
    update_settings(db, admin, replace(get_settings(db), evidence_required=required))


def test_the_setting_is_on_by_default(demo_db, empty_db):
    assert get_settings(demo_db).evidence_required
    assert get_settings(empty_db).evidence_required


def test_submitting_without_bukti_is_refused_naming_each_indicator(demo_db):
    # GIVEN IK04 and IK05 entered, only IK04 with a bukti dukung file
    rids = enter_tw4(demo_db)
    kasi = who(demo_db, "kasi_pem")
    add_evidence(demo_db, kasi, rids["IK04"], "daftar hadir.pdf", PDF)
    # THEN the entry screen already says why IK05 cannot go, in the rule's words
    entries = {e.code: e for e in quarter_entries(demo_db, YEAR, TW, pemerintahan(demo_db))}
    assert entries["IK04"].problems == ()
    assert [p for p in entries["IK05"].problems if p.startswith(NO_BUKTI)]
    # WHEN he submits THEN it is refused, naming IK05 and the reason, and nothing is submitted
    with pytest.raises(ValidationError) as refused:
        submit_quarter(demo_db, kasi, pemerintahan(demo_db), YEAR, TW)
    assert f"- IK05 Persentase desa dengan administrasi pemerintahan desa yang tertib: {NO_BUKTI}" in str(refused.value)
    assert "IK04" not in str(refused.value)
    assert {e.status for e in quarter_entries(demo_db, YEAR, TW, pemerintahan(demo_db))} == {Status.DRAFT}
    # WHEN IK05 gets its file THEN the quarter goes to the Sekretaris
    add_evidence(demo_db, kasi, rids["IK05"], "rekap desa.pdf", PDF)
    assert sorted(submit_quarter(demo_db, kasi, pemerintahan(demo_db), YEAR, TW)) == sorted(rids.values())


def test_with_the_setting_off_a_realisasi_goes_without_bukti(demo_db):
    # GIVEN the administrator turns "Bukti dukung wajib" off
    set_required(demo_db, False)
    rids = enter_tw4(demo_db)
    # THEN no problem is said and the quarter is submitted without files
    assert all(e.problems == () for e in quarter_entries(demo_db, YEAR, TW, pemerintahan(demo_db)))
    assert sorted(submit_quarter(demo_db, who(demo_db, "kasi_pem"), pemerintahan(demo_db), YEAR, TW)) == sorted(
        rids.values()
    )


def test_the_sekretaris_cannot_tick_bukti_that_is_not_there(demo_db):
    # GIVEN TW IV submitted without files while bukti was not required, then the office requires it again
    set_required(demo_db, False)
    rids = enter_tw4(demo_db)
    submit_quarter(demo_db, who(demo_db, "kasi_pem"), pemerintahan(demo_db), YEAR, TW)
    sekcam = who(demo_db, "sekcam")
    ik04 = rids["IK04"]
    # WHEN she ticks "bukti dukung ada" THEN it is refused: there is no file
    with pytest.raises(
        ValidationError, match="IK04 TW IV 2025: tidak ada berkas bukti dukung, jadi 'bukti dukung ada'"
    ):
        verify(demo_db, sekcam, [ik04], {ik04: CheckInput(True, True, True)})
    # WHEN bukti is required and she leaves it unticked THEN it must go back to the Kasi instead
    set_required(demo_db, True)
    with pytest.raises(ValidationError, match=r"bukti dukung wajib .* tetapi tidak ada berkasnya; kembalikan"):
        verify(demo_db, sekcam, [ik04], {ik04: CheckInput(False, True, True)})
    assert next(e for e in quarter_entries(demo_db, YEAR, TW) if e.realisation_id == ik04).status is Status.SUBMITTED
    # WHEN bukti is not required THEN she verifies it with the bukti item honestly unticked
    set_required(demo_db, False)
    verify(demo_db, sekcam, [ik04], {ik04: CheckInput(False, True, True, "tanpa bukti")})
    verified = next(e for e in quarter_entries(demo_db, YEAR, TW) if e.realisation_id == ik04)
    assert verified.status is Status.VERIFIED and verified.check is not None and not verified.check.evidence_ok


def test_a_file_there_must_be_looked_at(demo_db):
    # GIVEN IK04 and IK05 submitted with their files
    rids = enter_tw4(demo_db)
    kasi = who(demo_db, "kasi_pem")
    for rid in rids.values():
        add_evidence(demo_db, kasi, rid, "bukti.pdf", PDF)
    submit_quarter(demo_db, kasi, pemerintahan(demo_db), YEAR, TW)
    ids = list(rids.values())
    # WHEN the bukti item is left unticked THEN it is refused as before; ticked, both are verified
    with pytest.raises(ValidationError, match="belum dicentang: bukti dukung sesuai"):
        verify(demo_db, who(demo_db, "sekcam"), ids, dict.fromkeys(ids, CheckInput(False, True, True)))
    assert verify(demo_db, who(demo_db, "sekcam"), ids, dict.fromkeys(ids, CheckInput(True, True, True))) == ids


def test_the_measurement_export_carries_the_indicator_code(demo_db, tmp_path):
    from openpyxl import load_workbook

    from sakip_desktop.exchange.measurement import export_measurement

    # WHEN the measurement of TW III is exported
    export_measurement(demo_db, YEAR, 3, tmp_path / "pengukuran.xlsx")
    ws = load_workbook(tmp_path / "pengukuran.xlsx").active
    # THEN a "Kode" column beside the number holds each indicator's code, which the kabupaten matches by
    assert [c.value for c in ws[4]][:4] == ["No", "Kode", "Sasaran", "Indikator Kinerja"]
    codes = [ws.cell(row=r, column=2).value for r in range(5, 5 + 12)]
    assert codes == [e.code for e in quarter_entries(demo_db, YEAR, 3)]


def test_a_format_isian_import_and_the_screen_agree_on_the_missing_bukti(demo_db, tmp_path):
    import openpyxl

    from sakip_desktop.exchange.isian.preview import apply_isian
    from sakip_desktop.exchange.isian.read import read_isian
    from sakip_desktop.exchange.isian.write import export_isian

    # GIVEN Seksi Pemerintahan's TW IV Format Isian filled by the Kasi (values only: a file carries no bukti)
    path = tmp_path / "pem.xlsx"
    export_isian(demo_db, YEAR, TW, pemerintahan(demo_db), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Seksi Pemerintahan"]
    value_column = next(c.column for c in ws[8] if c.value == "Realisasi TW")
    for row, value in ((9, 7), (10, 92.86)):
        ws.cell(row=row, column=value_column, value=value)
    wb.save(path)
    # WHEN it is imported
    apply_isian(demo_db, who(demo_db, "kasi_pem"), read_isian(demo_db, path, year=YEAR, quarter=TW))
    # THEN the rows it wrote say, in the rule's words, what the screen says: the bukti is missing
    entries = quarter_entries(demo_db, YEAR, TW, pemerintahan(demo_db))
    assert [e.value for e in entries] == [Decimal(7), Decimal("92.86")]
    assert all(any(p.startswith(NO_BUKTI) for p in e.problems) for e in entries)
    # AND submitting refuses both with the same words
    with pytest.raises(ValidationError) as refused:
        submit_quarter(demo_db, who(demo_db, "kasi_pem"), pemerintahan(demo_db), YEAR, TW)
    assert str(refused.value).count(NO_BUKTI) == 2
