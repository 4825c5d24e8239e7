"""Perencanaan: the Kasubag Perencanaan's Renstra tree and targets, driven through the real main window."""

# Fixtures are imported from _settings_fixtures, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, click_box_button, modals  # noqa: F401  (fixtures)
from PySide6.QtCore import Qt

from sakip_desktop.domain.achievement import Target
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.planning.views import indicator_targets, planning_tree
from ui.context import AppContext
from ui.cycle.entry_form import plain_number
from ui.main_window import MainWindow
from ui.planning.dialogs import IndicatorDialog
from ui.planning.page import PlanningPage
from ui.planning.scales_page import ScaleDialog, ScalesPage
from ui.role_tab import RoleTab
from ui.widgets.forms import select_data

DEMO_DAY = dt.date(2025, 8, 13)


def open_planning(qtbot, db) -> tuple[MainWindow, PlanningPage]:
    """Log the Kasubag Perencanaan in and open the Perencanaan tool of that role's tab."""
    ctx = AppContext(
        db=db, actor=actor_for(db, "kasubag_renkeu", DEMO_DAY), year=2025, quarter=3, today=lambda: DEMO_DAY
    )
    window = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    tab = window.tabs.widget(titles.index("Kasubag Perencanaan"))
    assert isinstance(tab, RoleTab)
    window.tabs.setCurrentWidget(tab)
    lazy = tab.cycle_pages["Perencanaan"]
    tab.tools.setCurrentWidget(lazy)
    assert isinstance(lazy.content, PlanningPage)
    return window, lazy.content


def test_the_tree_shows_the_renstra_and_an_indicator_shows_its_targets(qtbot, demo_db):
    # GIVEN the Kasubag Perencanaan on the demo office
    _window, page = open_planning(qtbot, demo_db)
    # THEN the tree holds the Renstra, its 3 tujuan, and all 12 indicators
    root = page.model.index(0, 0)
    assert root.data().startswith("Rencana Strategis Kecamatan Contoh") and page.model.rowCount(root) == 3
    assert len(page.indicator_codes()) == 12
    # WHEN IK04 is selected
    ik04 = next(i for p in page.plans for g in p.goals for o in g.objectives for i in o.indicators if i.code == "IK04")
    assert page.select("indicator", ik04.id)
    # THEN its Renstra targets 2021-2026 and its 2025 targets are shown; TW I and II are locked (approved)
    panel = page.targets
    assert page.detail.currentIndex() == 1
    assert list(panel.renstra_fields) == list(range(2021, 2027))
    stored = indicator_targets(demo_db, ik04.id, 2025)
    assert panel.year_field.edit.text() == plain_number(stored.yearly.low)
    assert [f.edit.text() for f in panel.quarter_fields] == [plain_number(t.low) for t in stored.quarterly]
    assert panel.quarter_fields[0].edit.isReadOnly() and not panel.quarter_fields[3].edit.isReadOnly()
    assert panel.problems_text() == ""


def test_add_an_indicator_through_the_dialog_and_set_inconsistent_quarters(qtbot, demo_db, modals: Modals):
    # GIVEN the Perencanaan page with sasaran S1 selected
    _window, page = open_planning(qtbot, demo_db)
    s1 = next(o for p in page.plans for g in p.goals for o in g.objectives if o.code == "S1")
    assert page.select("objective", s1.id)
    changes: list[str] = []
    page.ctx.signals.master_data_changed.connect(changes.append)

    # WHEN "Tambah indikator" is filled in and saved
    def fill(dialog):
        assert isinstance(dialog, IndicatorDialog)
        qtbot.keyClicks(dialog.code_edit, "IK13")
        qtbot.keyClicks(dialog.name_edit, "Jumlah laporan kinerja tepat waktu")
        qtbot.keyClicks(dialog.unit_edit, "dokumen")
        select_data(dialog.aggregation_combo, "CUMULATIVE")
        dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findText("Sub Bagian Perencanaan dan Keuangan"))
        dialog.key_check.setChecked(True)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(fill)
    qtbot.mouseClick(page.add_indicator_button, Qt.MouseButton.LeftButton)

    # THEN it appears in the tree under S1, selected, with its (empty) targets beside it, and other tabs are told
    assert "IK13" in page.indicator_codes()
    kind, selected = page.selected()
    assert (kind, selected.code, selected.is_key) == ("indicator", "IK13", True)
    assert selected.objective_id == s1.id
    assert "planning" in changes
    panel = page.targets
    assert "IK13" in panel.title.text()

    # WHEN the year's target is 12 and TW I-IV are 3, 3, 3, 2 (11 in total), and Simpan is clicked
    panel.year_field.edit.setText("12")
    for field, value in zip(panel.quarter_fields, ("3", "3", "3", "2"), strict=True):
        field.edit.setText(value)
    qtbot.mouseClick(panel.year_save, Qt.MouseButton.LeftButton)

    # THEN the targets are saved and the warning shows in red under the grid
    stored = indicator_targets(demo_db, selected.id, 2025)
    assert stored.yearly == Target(12) and [t.low for t in stored.quarterly] == [3, 3, 3, 2]
    assert panel.problems_text() == "Perhatian: Jumlah target TW I–IV = 11, tidak sama dengan target tahunan 12."
    assert "b3261e" in panel.problems.styleSheet()
    qtbot.wait(50)  # let the layout settle before looking
    page.grab().save("/tmp/h1_planning_warning.png")

    # WHEN TW IV is corrected to 3 THEN the warning goes away
    panel.quarter_fields[3].edit.setText("3")
    qtbot.mouseClick(panel.year_save, Qt.MouseButton.LeftButton)
    assert panel.problems_text() == ""
    assert [t.low for t in indicator_targets(demo_db, selected.id, 2025).quarterly] == [3, 3, 3, 3]


def test_a_refused_removal_says_why_and_keeps_the_indicator(qtbot, demo_db, modals: Modals):
    # GIVEN IK04 (it has realisasi) selected
    _window, page = open_planning(qtbot, demo_db)
    ik04 = next(i for p in page.plans for g in p.goals for o in g.objectives for i in o.indicators if i.code == "IK04")
    page.select("indicator", ik04.id)
    messages: list[str] = []
    # WHEN Hapus is confirmed
    modals.answer(lambda box: click_box_button(box, "Hapus"))
    modals.answer(lambda box: (messages.append(box.text()), box.buttons()[0].click()))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    # THEN the refusal names the reason and IK04 stays
    assert messages and "IK04 tidak dapat dihapus karena sudah memiliki" in messages[0]
    assert "IK04" in page.indicator_codes()


def test_the_scales_page_adds_a_scale(qtbot, demo_db, modals: Modals):
    # GIVEN Pengaturan > Skala kualitatif with the demo's Predikat SAKIP
    ctx = AppContext(
        db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu", DEMO_DAY), year=2025, quarter=3, today=lambda: DEMO_DAY
    )
    page = ScalesPage(ctx)
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    assert page.model.rows()[0].levels_text == "D < C < CC < B < BB < A < AA"

    # WHEN "Opini BPK" is added with its levels typed one per line
    def fill(dialog):
        assert isinstance(dialog, ScaleDialog)
        qtbot.keyClicks(dialog.name_edit, "Opini BPK")
        dialog.levels_edit.setPlainText("TMP\nTW\nWDP\nWTP")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    modals.answer(fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    # THEN it is listed, selected, lowest level first
    assert page.selected().name == "Opini BPK"
    assert page.selected().levels_text == "TMP < TW < WDP < WTP"
    page.grab().save("/tmp/h1_scales.png")
    assert len(planning_tree(demo_db)) == 1


def _qualitative_indicator(db, actor) -> int:
    """IK60 'Predikat SAKIP kecamatan' on the demo's Predikat SAKIP scale, answered by the Sub Bagian Perencanaan."""
    from sakip_desktop.domain.achievement import Aggregation
    from sakip_desktop.ops.org.units import list_units
    from sakip_desktop.ops.planning.renstra import IndicatorInput, add_indicator
    from sakip_desktop.ops.realisation.qualitative import list_scales

    [scale] = list_scales(db)
    subbag = next(u.id for u in list_units(db) if u.code == "SUBBAG_PERENCANAAN")
    s1 = planning_tree(db)[0].goals[0].objectives[0].id
    data = IndicatorInput(
        "IK60", "Predikat SAKIP kecamatan", "predikat", aggregation=Aggregation.LAST_VALUE, scale_id=scale.id,
        responsible_unit_id=subbag,
    )  # fmt: skip
    return add_indicator(db, actor, s1, data)


def test_a_qualitative_indicator_is_targeted_entered_and_measured_by_level(qtbot, demo_db):
    # GIVEN a qualitative indicator on the Predikat SAKIP scale, shown on the Perencanaan page
    _window, page = open_planning(qtbot, demo_db)
    new = _qualitative_indicator(demo_db, page.ctx.actor)
    page.refresh()
    assert page.select("indicator", new)
    panel = page.targets
    # THEN its targets are chosen from the levels, not typed
    assert panel.year_field.combo.isVisibleTo(panel) and not panel.year_field.edit.isVisibleTo(panel)
    assert [panel.year_field.combo.itemText(i) for i in range(panel.year_field.combo.count())] == [
        "—", "D", "C", "CC", "B", "BB", "A", "AA",
    ]  # fmt: skip
    # WHEN the year is BB and TW I-IV are CC, B, B, BB (nilai akhir: TW IV = the year) and Simpan is clicked
    for field, label in zip([panel.year_field, *panel.quarter_fields], ["BB", "CC", "B", "B", "BB"], strict=True):
        field.combo.setCurrentIndex(field.combo.findText(label))
    qtbot.mouseClick(panel.year_save, Qt.MouseButton.LeftButton)
    # THEN the ranks are stored and nothing is inconsistent
    stored = indicator_targets(demo_db, new, 2025)
    assert stored.yearly == Target(5) and [t.low for t in stored.quarterly] == [3, 4, 4, 5]
    assert panel.problems_text() == ""
    qtbot.wait(50)
    page.grab().save("/tmp/h1_planning_qualitative.png")

    # WHEN the Kasubag enters TW III's realisasi by choosing "B" in the entry form
    from ui.cycle.entry_page import EntryPage

    entry_page = EntryPage(page.ctx, next(i.responsible_unit_id for i in _indicators(page) if i.id == new))
    qtbot.addWidget(entry_page)
    entry_page.resize(1280, 820)
    entry_page.show()
    row = [entry_page.model.record(r).code for r in range(entry_page.model.rowCount())].index("IK60")
    entry_page.table.selectRow(row)
    form = entry_page.form
    assert form.level_combo.isVisibleTo(form) and not form.value_edit.isVisibleTo(form)
    assert form.target_label.text() == "B"  # TW III's target, as its level
    form.level_combo.setCurrentIndex(form.level_combo.findText("B"))
    assert form.capaian_label.text() == "100,00%"
    assert form.save()
    qtbot.wait(50)
    entry_page.grab().save("/tmp/h1_entry_qualitative.png")

    # THEN the realisasi is the rank 4, and the measurement shows the labels
    from sakip_desktop.ops.measurement.capaian import measure
    from ui.measurement_table import MEASUREMENT_COLUMNS

    row = next(r for r in measure(demo_db, 2025, 3) if r.info.code == "IK60")
    assert row.actual == 4
    shown = {c.title: c.text(row) for c in MEASUREMENT_COLUMNS}
    assert (shown["Target\ntahun"], shown["Target\n{tw}"], shown["Realisasi\n{tw}"]) == ("BB", "B", "B")
    assert shown["Capaian\n{tw}\n(%)"] == "100,00"


def _indicators(page: PlanningPage):
    return [i for p in page.plans for g in p.goals for o in g.objectives for i in o.indicators]
