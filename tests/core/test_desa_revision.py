"""A Camat's revision of an approved realisasi counted over desa (issue 15 §3 leftover): the value follows the
per-desa marks, so a bare number is refused with how to do it, and a revision of the marks moves the value, the
pembilang and the breakdown together, on a real SQLite file (the demo office: IK05 over 14 desa, TW II approved)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from sakip_desktop.domain.realisation import Status
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.desa.entry import DesaMark
from sakip_desktop.ops.desa.fraction import MET, NOT_MET, entry_breakdown, percentage
from sakip_desktop.ops.desa.master import DesaInput, add_desa
from sakip_desktop.ops.desa.revision import revise_desa_marks
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.realisation.entry import quarter_entries, revisions
from sakip_desktop.ops.realisation.review import approve, revise
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 15)


def _ik05(db: Database, quarter: int = 2):
    return next(e for e in quarter_entries(db, 2025, quarter) if e.code == "IK05")


def _marks(db: Database, realisation_id: int) -> dict[int, bool]:
    with db.reading() as s:
        query = select(m.DesaRealisation).where(m.DesaRealisation.realisation_id == realisation_id)
        return {x.desa_id: bool(x.meets) for x in s.scalars(query)}


def test_a_bare_number_is_refused_for_an_approved_realisasi_over_desa(demo_db):
    # GIVEN IK05 TW II 2025 approved, its 14 desa marked
    entry = _ik05(demo_db)
    assert entry.status is Status.APPROVED and entry.realisation_id is not None
    before = entry_breakdown(demo_db, entry.indicator_id, 2025, 2)
    assert before is not None and before.desa_counted == 14
    camat = actor_for(demo_db, "camat", DAY)
    # WHEN the Camat revises its value with a number
    with pytest.raises(ValidationError) as refused:
        revise(demo_db, camat, entry.realisation_id, Decimal("90"), "Salah hitung")
    # THEN it is refused, saying why and how, and nothing changed
    message = refused.value.message
    assert "IK05 TW II 2025 dihitung atas desa" in message and "tidak direvisi dengan angka" in message
    assert "'Revisi nilai…'" in message and "ubah desa yang memenuhi" in message
    assert _ik05(demo_db).value == entry.value and revisions(demo_db, entry.realisation_id) == []


def test_the_camat_revises_the_marks_and_the_value_follows(demo_db):
    # GIVEN IK05 TW II 2025 approved: some desa do not meet the criterion
    entry = _ik05(demo_db)
    assert entry.realisation_id is not None
    found = entry_breakdown(demo_db, entry.indicator_id, 2025, 2)
    assert found is not None
    met = sum(r.state == MET for r in found.rows)
    flipped = next(r for r in found.rows if r.state == NOT_MET)
    camat = actor_for(demo_db, "camat", DAY)
    marks = [DesaMark(flipped.desa_id, True, "Berita acara pembinaan menyusul, sudah diperiksa")]
    # WHEN the Camat revises without a reason, or with the same marks THEN nothing is written
    with pytest.raises(ValidationError, match="Tulis alasan revisi"):
        revise_desa_marks(demo_db, camat, entry.realisation_id, marks, " ")
    same = [DesaMark(flipped.desa_id, False, flipped.note)]
    with pytest.raises(ValidationError, match="Tanda desa sama dengan sebelumnya"):
        revise_desa_marks(demo_db, camat, entry.realisation_id, same, "Salah tanda")
    # WHEN he marks one desa as meeting it, with a reason
    revision_id = revise_desa_marks(demo_db, camat, entry.realisation_id, marks, "Bukti desa menyusul")
    # THEN the value, the pembilang and the breakdown agree, and the old and new value are kept as a revision
    after = entry_breakdown(demo_db, entry.indicator_id, 2025, 2)
    assert after is not None and (after.desa_met, after.desa_counted) == (met + 1, 14)
    revised = _ik05(demo_db)
    assert revised.status is Status.APPROVED
    assert revised.value == percentage(met + 1, 14)
    assert _marks(demo_db, entry.realisation_id)[flipped.desa_id] is True
    [kept] = revisions(demo_db, entry.realisation_id)
    assert kept.id == revision_id and (kept.old_value, kept.new_value) == (entry.value, revised.value)
    assert kept.reason == "Bukti desa menyusul" and kept.revised_by == camat.name


def test_a_revision_must_leave_every_active_desa_marked_and_is_for_approved_realisasi_only(demo_db):
    camat = actor_for(demo_db, "camat", DAY)
    entry = _ik05(demo_db)
    assert entry.realisation_id is not None
    first = entry_breakdown(demo_db, entry.indicator_id, 2025, 2).rows[0]  # type: ignore[union-attr]
    # WHEN a revision clears a desa's mark THEN it is refused, naming the desa left unmarked
    with pytest.raises(ValidationError, match=f"1 desa belum diisi \\({first.name}\\)"):
        revise_desa_marks(demo_db, camat, entry.realisation_id, [DesaMark(first.desa_id, None)], "Dihapus")
    assert _ik05(demo_db).value == entry.value
    # AND a realisasi not yet approved (TW III, verified) is changed by its entry, not a revision
    verified = _ik05(demo_db, 3)
    assert verified.realisation_id is not None and verified.status is Status.VERIFIED
    with pytest.raises(ValidationError, match="belum disetujui"):
        revise_desa_marks(demo_db, camat, verified.realisation_id, [DesaMark(first.desa_id, False)], "Salah")


def test_a_quarter_approved_before_a_desa_was_added_is_revised_over_the_desa_it_counted(demo_db):
    # GIVEN IK05 TW III 2025 approved over its 14 desa, then a desa added to the office
    camat = actor_for(demo_db, "camat", DAY)
    entry = _ik05(demo_db, 3)
    assert entry.realisation_id is not None and entry.status is Status.VERIFIED
    approve(demo_db, camat, [entry.realisation_id])
    add_desa(demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), DesaInput("Sukamaju Baru", "35.07.19.2015"))
    listed = entry_breakdown(demo_db, entry.indicator_id, 2025, 3)
    assert listed is not None and len(listed.rows) == 14
    assert "Sukamaju Baru" not in [r.name for r in listed.rows]
    met = sum(r.state == MET for r in listed.rows)
    flipped = next(r for r in listed.rows if r.state == NOT_MET)
    # WHEN the Camat revises one mark of the 14 listed desa
    revise_desa_marks(demo_db, camat, entry.realisation_id, [DesaMark(flipped.desa_id, True)], "Bukti menyusul")
    # THEN it is accepted: the value follows the 14 desa counted then, the new desa is not asked for
    revised = _ik05(demo_db, 3)
    assert revised.status is Status.APPROVED and revised.value == percentage(met + 1, 14)
    [kept] = revisions(demo_db, entry.realisation_id)
    assert (kept.old_value, kept.new_value) == (entry.value, revised.value)
