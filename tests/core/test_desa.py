"""Indicators over desa (issue 15 §3): the desa as master data, per-desa realisasi kept as an exact fraction, its
printed value and capaian, and the rules of the entry, on a real SQLite file (the demo office: IK05 over 14 desa)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Polarity
from sakip_desktop.domain.realisation import quarter_achievement
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.audit.trail import list_audit
from sakip_desktop.ops.desa.entry import DesaMark, save_desa_marks, set_indicator_over_desa
from sakip_desktop.ops.desa.fraction import MET, MISSING, NOT_MET, breakdowns
from sakip_desktop.ops.desa.master import DesaInput, add_desa, list_desa, set_desa_active, update_desa
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.realisation.entry import add_evidence, quarter_entries, save_realisation, submit_quarter
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 15)


def _indicator(db: Database, code: str) -> int:
    with db.reading() as s:
        found = s.scalar(select(m.Indicator.id).where(m.Indicator.code == code))
        assert found is not None
        return found


def _realisation(db: Database, code: str, quarter: int) -> m.Realisation:
    with db.reading() as s:
        row = s.scalar(
            select(m.Realisation)
            .join(m.Indicator, m.Indicator.id == m.Realisation.indicator_id)
            .where(m.Indicator.code == code, m.Realisation.year == 2025, m.Realisation.quarter == quarter)
        )
        assert row is not None
        s.expunge(row)
        return row


def _nine_desa(db: Database) -> list[int]:
    """Leave 9 of the demo's 14 desa active; returns their ids."""
    admin = actor_for(db, "kasubag_renkeu", DAY)
    desa = list_desa(db)
    for d in desa[9:]:
        set_desa_active(db, admin, d.id, False)
    return [d.id for d in desa[:9]]


def test_the_demo_keeps_ik05_as_the_exact_fraction_of_its_desa(demo_db):
    # GIVEN the demo office, whose IK05 is counted over its 14 desa
    assert len(list_desa(demo_db)) == 14
    # THEN each quarter's realisasi keeps pembilang and penyebut, the value follows from them
    first, second = _realisation(demo_db, "IK05", 1), _realisation(demo_db, "IK05", 2)
    assert (first.desa_met, first.desa_counted) == (11, 14)
    assert (second.desa_met, second.desa_counted) == (12, 14)
    assert first.value == Decimal("78.57")  # two decimals, as printed and reported
    assert formats.amount(first.value) == "78,57" and formats.amount(second.value) == "85,71"
    # AND the breakdown names which desa met the criterion and which did not
    with demo_db.reading() as s:
        found = breakdowns(s, 2025, 1)[_indicator(demo_db, "IK05")]
    assert sorted(found.names(NOT_MET)) == ["Gunungsari", "Jatirejo", "Kalisongo"]
    assert len(found.names(MET)) == 11 and found.fraction == "11 dari 14 desa (78,57%)"


def test_four_of_nine_desa_is_44_44_with_its_capaian(demo_db):
    # GIVEN 9 active desa and the Kasi Pemerintahan entering IK05 for TW IV
    ids = _nine_desa(demo_db)
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    ik05 = _indicator(demo_db, "IK05")
    marks = [DesaMark(d, i < 4, "" if i < 4 else "Belum tertib") for i, d in enumerate(ids)]
    # WHEN he marks 4 of them as meeting the criterion
    save_desa_marks(demo_db, kasi, ik05, 2025, 4, marks)
    # THEN the fraction is kept exact and the value printed with two decimals
    row = _realisation(demo_db, "IK05", 4)
    assert (row.desa_met, row.desa_counted) == (4, 9)
    assert row.value == Decimal("44.44") and Fraction(row.desa_met or 0, row.desa_counted or 1) == Fraction(4, 9)
    assert formats.amount(row.value) == "44,44"
    # AND the capaian follows by the existing formula against the TW IV target (92,86)
    entry = next(e for e in quarter_entries(demo_db, 2025, 4) if e.code == "IK05")
    assert entry.value == row.value
    expected = quarter_achievement(row.value, entry.quarter_target, Polarity.POSITIVE, None)
    assert entry.achievement == expected
    assert formats.percent(entry.achievement) == "47,86%"


def test_a_typed_value_does_not_override_the_desa_marks(demo_db):
    _nine_desa(demo_db)
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    ik05 = _indicator(demo_db, "IK05")
    ids = [d.id for d in list_desa(demo_db, include_inactive=False)]
    save_desa_marks(demo_db, kasi, ik05, 2025, 4, [DesaMark(d, True) for d in ids[:3]])
    # WHEN the narrative is saved with some other number typed as realisasi
    save_realisation(demo_db, kasi, ik05, 2025, 4, Decimal(99), supporting="Pembinaan rutin", inhibiting="",
                     follow_up="")  # fmt: skip
    # THEN the value stays the one the marks give (3 of 3 entered = 100)
    row = _realisation(demo_db, "IK05", 4)
    assert row.value == Decimal(100) and (row.desa_met, row.desa_counted) == (3, 3)
    assert row.supporting_factors == "Pembinaan rutin"


def test_a_number_typed_before_any_desa_is_marked_stands_until_the_desa_are_marked(demo_db):
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    ik05 = _indicator(demo_db, "IK05")
    # GIVEN TW IV entered as a number from a recap made by hand (no desa marked)
    save_realisation(demo_db, kasi, ik05, 2025, 4, Decimal("85.71"), supporting="", inhibiting="", follow_up="")
    row = _realisation(demo_db, "IK05", 4)
    assert row.value == Decimal("85.71") and row.desa_counted is None
    # WHEN one desa is marked THEN the marks decide (1 of 1 = 100) and the quarter must be marked whole
    desa = list_desa(demo_db)
    save_desa_marks(demo_db, kasi, ik05, 2025, 4, [DesaMark(desa[0].id, True)])
    assert _realisation(demo_db, "IK05", 4).value == Decimal(100)
    unit_id = next(e.responsible_unit_id for e in quarter_entries(demo_db, 2025, 4) if e.code == "IK05")
    assert unit_id is not None
    with pytest.raises(ValidationError, match="13 desa belum diisi"):
        submit_quarter(demo_db, kasi, unit_id, 2025, 4)
    # AND clearing the marks clears the value they gave
    save_desa_marks(demo_db, kasi, ik05, 2025, 4, [DesaMark(desa[0].id, None)])
    row = _realisation(demo_db, "IK05", 4)
    assert row.value is None and row.desa_counted is None


def test_a_quarter_with_desa_not_entered_cannot_be_submitted(demo_db):
    ids = _nine_desa(demo_db)
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    ik05 = _indicator(demo_db, "IK05")
    save_desa_marks(demo_db, kasi, ik05, 2025, 4, [DesaMark(d, True) for d in ids[:7]])
    with demo_db.reading() as s:
        found = breakdowns(s, 2025, 4)[ik05]
    assert len(found.names(MISSING)) == 2
    unit_id = next(e.responsible_unit_id for e in quarter_entries(demo_db, 2025, 4) if e.code == "IK05")
    assert unit_id is not None
    with pytest.raises(ValidationError, match="2 desa belum diisi"):
        submit_quarter(demo_db, kasi, unit_id, 2025, 4)


def test_marks_are_refused_for_an_indicator_not_over_desa_and_an_inactive_desa(demo_db):
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    desa = list_desa(demo_db)
    with pytest.raises(ValidationError, match="bukan indikator atas desa"):
        save_desa_marks(demo_db, kasi, _indicator(demo_db, "IK04"), 2025, 4, [DesaMark(desa[0].id, True)])
    set_desa_active(demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), desa[0].id, False)
    with pytest.raises(ValidationError, match="sudah tidak aktif"):
        save_desa_marks(demo_db, kasi, _indicator(demo_db, "IK05"), 2025, 4, [DesaMark(desa[0].id, True)])


def test_a_desa_file_is_a_bukti_dukung_of_the_realisasi_tagged_with_the_desa(demo_db):
    kasi = actor_for(demo_db, "kasi_pem", DAY)
    ik05 = _indicator(demo_db, "IK05")
    desa = list_desa(demo_db)
    realisation_id = save_desa_marks(demo_db, kasi, ik05, 2025, 4, [DesaMark(desa[2].id, False, "Belum")])
    add_evidence(demo_db, kasi, realisation_id, "ba-monitoring.pdf", b"%PDF-1.4 ba", desa_id=desa[2].id)
    with demo_db.reading() as s:
        found = breakdowns(s, 2025, 4)[ik05]
    row = next(r for r in found.rows if r.desa_id == desa[2].id)
    assert row.state == NOT_MET and row.note == "Belum" and row.evidence == ("ba-monitoring.pdf",)


def test_the_kind_of_an_indicator_with_realisasi_cannot_change(demo_db):
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    with pytest.raises(ValidationError, match="sudah punya realisasi"):
        set_indicator_over_desa(demo_db, admin, _indicator(demo_db, "IK04"), True, "Dibina")
    with pytest.raises(ValidationError, match="Kriteria desa wajib"):
        set_indicator_over_desa(demo_db, admin, _indicator(demo_db, "IK04"), True, " ")
    # the criterion's wording may change
    set_indicator_over_desa(demo_db, admin, _indicator(demo_db, "IK05"), True, "Administrasi tertib")
    with demo_db.reading() as s:
        assert s.get(m.Indicator, _indicator(demo_db, "IK05")).desa_criterion == "Administrasi tertib"


def test_desa_master_data_is_kept_with_its_audit_trail(demo_db):
    admin = actor_for(demo_db, "kasubag_renkeu", DAY)
    new = add_desa(demo_db, admin, DesaInput(" Sumber  Rejo ", "35.07.19.2014", "desa", "Pak Kades"))
    with pytest.raises(ValidationError, match="sudah dipakai oleh Sumber Rejo"):
        add_desa(demo_db, admin, DesaInput("Lain", "35.07.19.2014"))
    with pytest.raises(ValidationError, match="Nama desa/kelurahan wajib"):
        add_desa(demo_db, admin, DesaInput("", "35.07.19.2015"))
    update_desa(demo_db, admin, new, DesaInput("Sumberrejo", "35.07.19.2014", "kelurahan", "Ibu Lurah"))
    set_desa_active(demo_db, admin, new, False)
    shown = next(d for d in list_desa(demo_db) if d.id == new)
    assert (shown.title, shown.head_name, shown.active) == ("Kelurahan Sumberrejo", "Ibu Lurah", False)
    assert new not in [d.id for d in list_desa(demo_db, include_inactive=False)]
    trail = [e for e in list_audit(demo_db) if e.entity == "desa" and e.entity_id == new]
    assert [e.operation for e in reversed(trail)] == [
        "Tambah desa/kelurahan", "Ubah desa/kelurahan", "Ubah status aktif desa/kelurahan"]  # fmt: skip
    assert all(e.record == "Sumberrejo" for e in trail)
