"""Programs, kegiatan and sub kegiatan: the tree with pagu, spending and serapan of a year, and the operations
that add, change and remove them and store a sub kegiatan's pagu and realisasi anggaran."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sakip_desktop.errors import PermissionDenied, ValidationError
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.planning.budget import (
    ACTIVITY,
    PROGRAM,
    SUB_ACTIVITY,
    NodeInput,
    budget_tree,
    delete_node,
    objective_choices,
    save_budget,
    save_node,
)
from sakip_desktop.storage import models as m


def node(db, code: str, year: int = 2025):
    return next(n for n in budget_tree(db, year) if n.code == code)


def test_the_tree_sums_pagu_and_spending_upwards(demo_db):
    # GIVEN the demo office in 2025 WHEN the tree is read
    nodes = budget_tree(demo_db, 2025)
    # THEN it is in tree order: program, its kegiatan, their sub kegiatan
    assert [n.level for n in nodes[:3]] == [PROGRAM, ACTIVITY, SUB_ACTIVITY]
    # AND a program's pagu and spending are the sums of its sub kegiatan
    program = nodes[0]
    subs = [n for n in nodes if n.level == SUB_ACTIVITY and node(demo_db, n.code).parent_id in
            {a.id for a in nodes if a.level == ACTIVITY and a.parent_id == program.id}]  # fmt: skip
    assert program.ceiling == sum(n.ceiling for n in subs) == 1_485_650_000
    assert program.spent == tuple(sum(n.spent[q] for n in subs) for q in range(4))
    # AND serapan is spending over pagu
    sub = node(demo_db, "7.01.01.2.01.0001")
    assert sub.spent == (4_250_000, 6_800_000, 2_150_000, 0)
    assert sub.absorption == Decimal(13_200_000) / Decimal(18_500_000) * 100
    # AND a year without pagu shows none
    assert node(demo_db, "7.01.01.2.01.0001", 2030).ceiling is None


def test_add_change_and_remove_a_branch(demo_db):
    kasubag = actor_for(demo_db, "kasubag_renkeu")
    objective = objective_choices(demo_db)[0]
    # GIVEN a new program with a kegiatan and a sub kegiatan
    program = save_node(demo_db, kasubag, PROGRAM, NodeInput("7.01.09", "PROGRAM BARU", objective.id))
    activity = save_node(demo_db, kasubag, ACTIVITY, NodeInput("7.01.09.2.01", "Kegiatan baru"), parent_id=program)
    sub = save_node(demo_db, kasubag, SUB_ACTIVITY, NodeInput("7.01.09.2.01.0001", "Sub baru"), parent_id=activity)
    # WHEN its pagu and spending are stored
    save_budget(demo_db, kasubag, sub, 2025, 10_000_000, (1_000_000, 2_000_000, 0, 0))
    # THEN the tree shows them with serapan 30 %
    assert node(demo_db, "7.01.09").absorption == Decimal(30)
    assert node(demo_db, "7.01.09").link_name.startswith(objective.label.split(" — ")[0])
    # WHEN the program's name changes THEN the tree shows it
    save_node(demo_db, kasubag, PROGRAM, NodeInput("7.01.09", "PROGRAM BARU DIUBAH", objective.id), node_id=program)
    assert node(demo_db, "7.01.09").name == "PROGRAM BARU DIUBAH"
    # WHEN the program is removed while it has kegiatan THEN it is refused
    with pytest.raises(ValidationError, match="masih punya kegiatan"):
        delete_node(demo_db, kasubag, PROGRAM, program)
    # AND a sub kegiatan with spending cannot be removed
    with pytest.raises(ValidationError, match=r"sudah punya realisasi anggaran Rp3\.000\.000"):
        delete_node(demo_db, kasubag, SUB_ACTIVITY, sub)
    # WHEN its spending is set back to 0 THEN the branch can be removed bottom-up
    save_budget(demo_db, kasubag, sub, 2025, 10_000_000, (0, 0, 0, 0))
    delete_node(demo_db, kasubag, SUB_ACTIVITY, sub)
    delete_node(demo_db, kasubag, ACTIVITY, activity)
    delete_node(demo_db, kasubag, PROGRAM, program)
    assert not any(n.code.startswith("7.01.09") for n in budget_tree(demo_db, 2025))
    with demo_db.reading() as s:
        assert s.scalar(select(func.count()).where(m.AuditEntry.operation == "Hapus program")) == 1


def test_spending_above_the_pagu_is_refused_and_nothing_changes(demo_db):
    kasubag = actor_for(demo_db, "kasubag_renkeu")
    sub = node(demo_db, "7.01.01.2.01.0001")
    # WHEN TW IV would bring the spending above the pagu
    with pytest.raises(ValidationError) as caught:
        save_budget(demo_db, kasubag, sub.id, 2025, 18_500_000, (4_250_000, 6_800_000, 2_150_000, 6_000_000))
    # THEN the message says by how much, in Rupiah, and nothing is stored
    assert caught.value.message.startswith("Realisasi anggaran TW I–IV Rp19.200.000 melebihi pagu Rp18.500.000")
    assert node(demo_db, "7.01.01.2.01.0001").spent == (4_250_000, 6_800_000, 2_150_000, 0)


def test_codes_are_unique_and_required(demo_db):
    kasubag = actor_for(demo_db, "kasubag_renkeu")
    with pytest.raises(ValidationError, match=r"Kode 7\.01\.02 sudah dipakai program"):
        save_node(demo_db, kasubag, PROGRAM, NodeInput("7.01.02", "Lain"))
    with pytest.raises(ValidationError, match="Nama kegiatan wajib diisi"):
        save_node(demo_db, kasubag, ACTIVITY, NodeInput("7.01.02.2.09", "  "), parent_id=node(demo_db, "7.01.02").id)


def test_only_the_kasubag_perencanaan_edits_the_budget(demo_db):
    kasi = actor_for(demo_db, "kasi_pem")
    sub = node(demo_db, "7.01.01.2.01.0001")
    with pytest.raises(PermissionDenied):
        save_budget(demo_db, kasi, sub.id, 2025, 18_500_000, (0, 0, 0, 0))
