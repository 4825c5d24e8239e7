"""Perjanjian Kinerja on the demo office: the draft taken from planning data, the checks before a PK is final,
finalising, the freeze, PK Perubahan with its reason (the earlier version stays readable), unit PKs, roles."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, update

from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.agreements.pk import (
    DEFAULT_STATEMENT,
    AgreementEdit,
    Kind,
    Party,
    Status,
    agreement_problems,
    agreement_versions,
    create_agreement,
    delete_draft,
    finalise_agreement,
    get_agreement,
    list_agreements,
    pk_settings,
    refresh_agreement,
    update_agreement,
    update_pk_settings,
)
from sakip_desktop.ops.agreements.revision import start_revision
from sakip_desktop.ops.agreements.views import format_target
from sakip_desktop.ops.audit.trail import list_audit
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage import models as m

DAY = dt.date(2025, 10, 20)  # after the new Kasi Trantib took office, outside the Plh. Camat days
YEAR = 2025


def who(db, username: str):
    return actor_for(db, username, DAY)


def unit_id(db, code: str) -> int:
    with db.reading() as s:
        return s.scalars(select(m.Unit.id).where(m.Unit.code == code)).one()


def indicator_id(db, code: str) -> int:
    with db.reading() as s:
        return s.scalars(select(m.Indicator.id).where(m.Indicator.code == code)).one()


def run_sql(db, *statements) -> None:
    with db.transaction() as s:
        for statement in statements:
            s.execute(statement)


def set_yearly(db, code: str, value: str, quarters: list[str]) -> None:
    """Change an indicator's 2025 target and rencana aksi (as the planning screens would)."""
    ind = indicator_id(db, code)
    with db.transaction() as s:
        yearly = s.scalars(select(m.YearlyTarget).where(m.YearlyTarget.indicator_id == ind)).one()
        yearly.value = Decimal(value)
        for q in s.scalars(select(m.QuarterlyTarget).where(m.QuarterlyTarget.yearly_target_id == yearly.id)):
            q.value = Decimal(quarters[q.quarter - 1])


@pytest.fixture
def db(demo_db):
    """The demo office as it was before its PKs 2025 were made."""
    run_sql(demo_db, delete(m.PerformanceAgreement))
    return demo_db


def test_demo_office_has_final_pks_and_a_superseded_trantib_pk(demo_db):
    # GIVEN the demo office as built
    # WHEN the PKs of 2025 are listed
    rows = list_agreements(demo_db, YEAR)
    # THEN the office, the Sekretariat and each Seksi have a PK in force
    assert [r.scope for r in rows][:2] == ["Kecamatan Contoh", "Sekretariat"]
    assert len(rows) == 7 and all(r.status is Status.FINAL for r in rows)
    trantib = next(r for r in rows if r.scope == "Seksi Ketenteraman dan Ketertiban Umum")
    assert (trantib.version, trantib.kind, trantib.reason_code) == (2, Kind.PERUBAHAN, "MUTASI")
    assert trantib.first_party == "Rizky Firmansyah, S.STP."
    # AND the Kasi who left signed the first version, which is still there
    old = agreement_versions(demo_db, YEAR, trantib.unit_id)[1]
    assert (old.version, old.status, old.first_party) == (1, Status.SUPERSEDED, "Heru Cahyono, S.H.")
    office = get_agreement(demo_db, rows[0].agreement_id)
    assert office.second_party.name == "H. Suryo Atmojo, S.H., M.M." and office.second_party.title == "Bupati Contoh"


@pytest.mark.sqlite_only(reason="SQLite gives a deleted row's id to the next row; a PostgreSQL sequence does not")
def test_office_draft_takes_targets_budget_and_parties_from_the_plan(db):
    # GIVEN the demo office without PKs
    # WHEN the Kasubag Perencanaan prepares the office's PK 2025
    pk = create_agreement(db, who(db, "kasubag_renkeu"), YEAR, signed_on=dt.date(2025, 1, 31))
    d = get_agreement(db, pk)
    # THEN it carries every indicator with its yearly target and satuan, grouped by sasaran
    assert d.title == "PERJANJIAN KINERJA TAHUN 2025" and d.status is Status.DRAFT and d.kind is Kind.MURNI
    assert [t.indicator_code for t in d.targets] == [f"IK{n:02}" for n in range(1, 13)]
    texts = {t.indicator_code: t.target for t in d.targets}
    assert (texts["IK01"], texts["IK05"], texts["IK07"], texts["IK11"]) == ("70 nilai", "92,86%", "2 hari", "47,5%")
    assert d.targets[0].objective_code == "S1" and d.targets[0].objective.startswith("Meningkatnya akuntabilitas")
    # AND each program with the sum of its sub kegiatan pagu
    assert [(b.code, b.amount) for b in d.budget] == [
        ("7.01.01", 1_485_650_000),
        ("7.01.02", 187_800_000),
        ("7.01.03", 140_000_000),
    ]
    assert d.budget_total == 1_813_450_000
    # AND the Camat as pihak pertama, the Bupati kept in the settings as pihak kedua
    assert d.first_party.name == "Ardiansyah Nugroho, S.STP., M.Si."
    assert d.first_party.rank == "Pembina Tk. I (IV/b)" and d.first_party.nip == "198006142002121003"
    assert d.second_party.title == "Bupati Contoh" and d.second_party.name == "H. Suryo Atmojo, S.H., M.M."
    assert d.statement_text == DEFAULT_STATEMENT and len(d.paragraphs) == 3
    assert (d.place, d.signed_on) == ("Contoh", dt.date(2025, 1, 31))
    # AND the write is in the audit trail (after it, a finding: the fixture deleted the sealed PKs behind the
    # program's back, and the new draft takes the number of one of them)
    entries = list_audit(db, 5)
    entry = next(e for e in entries if e.operation == "Susun draf perjanjian kinerja")
    assert entry.entity == "performance_agreement" and entry.new["targets"] == 12
    assert entries[0].operation == "Temuan: diubah di luar program" and entries[0].entity_id == pk


def test_unit_pk_carries_only_that_units_indicators_and_sub_kegiatan(db):
    prepare = who(db, "kasubag_renkeu")
    # WHEN the PKs of the Seksi Pelayanan and of the Sekretariat are prepared
    seksi = get_agreement(db, create_agreement(db, prepare, YEAR, unit_id(db, "SEKSI_PELAYANAN")))
    sekretariat = get_agreement(db, create_agreement(db, prepare, YEAR, unit_id(db, "SEKRETARIAT")))
    # THEN each carries its own indicators (the Sekretaris answers for the sub bagian under the Sekretariat)
    assert [t.indicator_code for t in seksi.targets] == ["IK06", "IK07", "IK08"]
    assert [t.indicator_code for t in sekretariat.targets] == ["IK01", "IK02", "IK03"]
    # AND the unit's sub kegiatan, not the programs
    with db.reading() as s:
        own = set(s.scalars(select(m.SubActivity.code).where(m.SubActivity.unit_id == unit_id(db, "SEKSI_PELAYANAN"))))
    assert {b.code for b in seksi.budget} <= own and seksi.budget
    # AND the head of the unit signs with the Camat
    assert seksi.first_party.name == "Yudi Kurniawan, S.Kom."
    assert seksi.first_party.title == "Kepala Seksi Pelayanan Umum"
    assert sekretariat.first_party.title == "Sekretaris Kecamatan"
    assert seksi.second_party.name == "Ardiansyah Nugroho, S.STP., M.Si."
    # AND a sub bagian has no PK of its own
    with pytest.raises(ValidationError, match="sub bagian masuk PK Sekretaris"):
        create_agreement(db, prepare, YEAR, unit_id(db, "SUBBAG_UMUM"))


def test_checks_find_a_broken_quarterly_target_and_an_indicator_without_unit(db):
    # GIVEN a draft of the office's PK
    pk = create_agreement(db, who(db, "kasubag_renkeu"), YEAR)
    assert agreement_problems(db, pk) == []
    # WHEN the rencana aksi of IK04 no longer adds up, IK09 loses its responsible unit and a sasaran has none
    ik04 = indicator_id(db, "IK04")
    with db.transaction() as s:
        yearly = s.scalars(select(m.YearlyTarget).where(m.YearlyTarget.indicator_id == ik04)).one()
        s.execute(
            update(m.QuarterlyTarget)
            .where(m.QuarterlyTarget.yearly_target_id == yearly.id, m.QuarterlyTarget.quarter == 2)
            .values(value="7")
        )
        s.execute(update(m.Indicator).where(m.Indicator.code == "IK09").values(responsible_unit_id=None))
        goal = s.scalars(select(m.Goal)).first()
        s.add(m.Objective(goal_id=goal.id, code="S9", statement="Sasaran tanpa indikator", sort_order=99))
    problems = agreement_problems(db, pk)
    # THEN each is named in Indonesian
    assert any(p.startswith("IK04: jumlah target TW I–IV = 25, tidak sama dengan target tahunan 24") for p in problems)
    assert any(p.startswith("IK09 ") and "belum ada unit penanggung jawab" in p for p in problems)
    assert any('Sasaran S9 "Sasaran tanpa indikator" belum punya indikator' in p for p in problems)
    # AND making it final is refused with every problem listed; it stays a draft
    with pytest.raises(ValidationError) as refused:
        finalise_agreement(db, who(db, "camat"), pk)
    assert "belum dapat ditetapkan" in refused.value.message
    assert all(p in refused.value.message for p in problems)
    assert get_agreement(db, pk).status is Status.DRAFT


def test_an_indicator_without_yearly_target_and_a_stale_draft_are_reported(db):
    prepare = who(db, "kasubag_renkeu")
    pk = create_agreement(db, prepare, YEAR)
    # WHEN IK12 loses its 2025 target and IK01's target changes after the draft was made
    run_sql(db, delete(m.YearlyTarget).where(m.YearlyTarget.indicator_id == indicator_id(db, "IK12")))
    set_yearly(db, "IK01", "72", ["67.5", "68", "69", "72"])
    problems = agreement_problems(db, pk)
    # THEN both are reported
    assert any(p.startswith("IK12 ") and "belum ada target tahun 2025" in p for p in problems)
    assert any("berbeda dengan data perencanaan saat ini (IK01, IK12)" in p for p in problems)
    # WHEN the draft is refreshed from the data
    refresh_agreement(db, prepare, pk)
    # THEN it carries the new target and only the missing target remains a problem
    d = get_agreement(db, pk)
    assert next(t.target for t in d.targets if t.indicator_code == "IK01") == "72 nilai"
    assert "IK12" not in [t.indicator_code for t in d.targets]
    assert len(agreement_problems(db, pk)) == 1


def test_finalised_pk_is_frozen(db):
    prepare = who(db, "kasubag_renkeu")
    pk = create_agreement(db, prepare, YEAR, unit_id(db, "SEKSI_KESOS"))
    d = get_agreement(db, pk)
    update_agreement(db, prepare, pk, AgreementEdit.of(d, document_number="000.8.3/016/35.99.01/2025"))
    # WHEN the Camat makes it final
    finalise_agreement(db, who(db, "camat"), pk)
    d = get_agreement(db, pk)
    assert d.status is Status.FINAL and d.finalised_by == "Ardiansyah Nugroho, S.STP., M.Si."
    assert d.finalised_at is not None and d.document_number == "000.8.3/016/35.99.01/2025"
    # THEN nothing about it can change any more
    for action in (
        lambda: update_agreement(db, prepare, pk, AgreementEdit.of(d, place="Lain")),
        lambda: refresh_agreement(db, prepare, pk),
        lambda: delete_draft(db, prepare, pk),
        lambda: finalise_agreement(db, prepare, pk),
    ):
        with pytest.raises(ValidationError, match="sudah ditetapkan dan tidak dapat diubah"):
            action()
    assert get_agreement(db, pk).place == "Contoh"
    # AND a second PK Murni of the same unit and year is refused
    with pytest.raises(ValidationError, match="sudah ada"):
        create_agreement(db, prepare, YEAR, unit_id(db, "SEKSI_KESOS"))


def test_pk_perubahan_needs_a_reason_and_keeps_the_earlier_version_readable(demo_db):
    db = demo_db
    prepare = who(db, "kasubag_renkeu")
    office = list_agreements(db, YEAR)[0]
    # WHEN a PK Perubahan is started without a known ground or without a reason
    with pytest.raises(ValidationError) as bad_code:
        start_revision(db, prepare, office.agreement_id, "LAINNYA", "Alasan", "1/2025")
    assert bad_code.value.field == "reason_code"
    with pytest.raises(ValidationError) as no_reason:
        start_revision(db, prepare, office.agreement_id, "STRATEGI", "  ", "1/2025")
    assert no_reason.value.field == "reason"
    assert len(agreement_versions(db, YEAR, None)) == 1
    # WHEN IK01's target is raised and a PK Perubahan is made and finalised
    set_yearly(db, "IK01", "72", ["67.5", "68", "69", "72"])
    new = start_revision(db, prepare, office.agreement_id, "strategi", "Target AKIP dinaikkan", "000.8.3/120/2025")
    with pytest.raises(ValidationError, match="Masih ada draf"):
        start_revision(db, prepare, office.agreement_id, "STRATEGI", "Lagi", "x")
    finalise_agreement(db, who(db, "camat"), new)
    # THEN the new version is in force with the new target
    revised = get_agreement(db, new)
    assert (revised.version, revised.kind, revised.status) == (2, Kind.PERUBAHAN, Status.FINAL)
    assert revised.title == "PERJANJIAN KINERJA PERUBAHAN TAHUN 2025"
    assert revised.reason_label.startswith("Perubahan strategi") and revised.reason == "Target AKIP dinaikkan"
    assert revised.targets[0].target == "72 nilai"
    # AND the earlier version stays readable with its old target
    versions = agreement_versions(db, YEAR, None)
    assert [(v.version, v.status) for v in versions] == [(2, Status.FINAL), (1, Status.SUPERSEDED)]
    earlier = get_agreement(db, versions[1].agreement_id)
    assert earlier.targets[0].target == "70 nilai" and earlier.document_number == "000.8.3/011/35.99.01/2025"
    # AND only the version in force can be revised
    with pytest.raises(ValidationError, match="sedang berlaku"):
        start_revision(db, prepare, earlier.id, "MUTASI", "x", "y")


def test_who_may_prepare_and_who_may_finalise(db):
    # GIVEN a Kasi, the Sekretaris and the Camat
    for username in ("kasi_pem", "sekcam", "camat"):
        with pytest.raises(PermissionDenied, match="Susun draf perjanjian kinerja"):
            create_agreement(db, who(db, username), YEAR)
    pk = create_agreement(db, who(db, "kasubag_renkeu"), YEAR, unit_id(db, "SEKSI_PEMERINTAHAN"))
    with pytest.raises(PermissionDenied):
        finalise_agreement(db, who(db, "sekcam"), pk)
    # AND the Sekretaris acting as Plh. Camat (11-15 Agustus 2025) may not sign a PK either
    with pytest.raises(PermissionDenied, match=r"Plh\. Camat tidak berwenang"):
        finalise_agreement(db, actor_for(db, "sekcam", dt.date(2025, 8, 13)), pk)
    with pytest.raises(PermissionDenied):
        update_pk_settings(db, who(db, "camat"), DEFAULT_STATEMENT, Party())
    # THEN the Camat may make it final
    finalise_agreement(db, who(db, "camat"), pk)
    assert get_agreement(db, pk).status is Status.FINAL


def test_settings_give_the_statement_and_remember_the_bupati(db):
    prepare = who(db, "kasubag_renkeu")
    # WHEN the statement text is changed in the settings
    update_pk_settings(db, prepare, "Kami berjanji.\n\nPihak kedua memberikan supervisi.", Party(title="Bupati Contoh"))
    pk = create_agreement(db, prepare, YEAR)
    d = get_agreement(db, pk)
    # THEN a new PK takes it
    assert d.paragraphs == ["Kami berjanji.", "Pihak kedua memberikan supervisi."]
    assert d.second_party.name == ""
    assert "Nama pihak kedua belum diisi." in agreement_problems(db, pk)
    # WHEN the Bupati is typed on the office's draft
    bupati = Party(name="Ir. Budi Rahardjo", title="Bupati Contoh")
    update_agreement(db, prepare, pk, AgreementEdit.of(d, second_party=bupati))
    # THEN it is remembered for the next PK
    assert pk_settings(db).superior.name == "Ir. Budi Rahardjo"
    # AND a bad NIP is refused naming the party
    with pytest.raises(ValidationError, match="NIP pihak pertama"):
        update_agreement(db, prepare, pk, AgreementEdit.of(d, first_party=Party(name="X", title="Camat", nip="123")))


def test_target_text_shows_a_range_with_its_satuan():
    assert format_target(Decimal("80"), Decimal("90"), "%") == "80–90%"
    assert format_target(Decimal("2.50"), None, "hari") == "2,5 hari"
    assert format_target(Decimal("12"), Decimal("12"), "dokumen") == "12 dokumen"
