"""Pengukuran and Pengaturan > Kategori capaian, through the widgets, on the demo office at TW III 2025."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from decimal import Decimal

import pytest
from _measurement_data import REASON, zero_target_in_tw3
from _settings_fixtures import ADMIN_USERNAME, TODAY, read_and_close
from PySide6.QtCore import Qt

from sakip_desktop.domain.achievement import DEFAULT_BANDS
from sakip_desktop.ops.measurement.bands import get_bands, get_display_cap
from sakip_desktop.ops.measurement.capaian import MeasurementRow, ObjectiveRow
from sakip_desktop.ops.org.auth import actor_for
from ui.context import AppContext
from ui.measurement_page import MeasurementPage
from ui.measurement_table import CAPAIAN_COLUMN
from ui.settings.bands_page import BandsPage

BAND_COLUMN = CAPAIAN_COLUMN + 1


@pytest.fixture
def office(demo_db) -> AppContext:
    """The administrator at TW III 2025 on a private copy of the demo office."""
    return AppContext(
        db=demo_db, actor=actor_for(demo_db, ADMIN_USERNAME, TODAY), year=2025, quarter=3, today=lambda: TODAY
    )


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    return widget


def _row_of(page: MeasurementPage, code: str) -> int:
    for i, record in enumerate(page.model.rows()):
        if isinstance(record, MeasurementRow) and record.info.code == code:
            return i
    raise AssertionError(f"{code} not shown")


def _cell(page: MeasurementPage, code: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(_row_of(page, code), column).data(role)


def test_indicators_are_grouped_under_their_sasaran_with_band_colours(qtbot, office):
    # GIVEN the demo office at TW III 2025
    page = _show(qtbot, MeasurementPage(office))
    records = page.model.rows()
    # THEN each sasaran heads its indicators on a row spanning the table
    assert [type(r).__name__ for r in records[:4]] == [
        "ObjectiveRow",
        "MeasurementRow",
        "MeasurementRow",
        "MeasurementRow",
    ]
    assert sum(isinstance(r, ObjectiveRow) for r in records) == 5 and len(records) == 17
    assert page.table.columnSpan(0, 0) == page.model.columnCount()
    assert page.model.index(0, 0).data().startswith("S1  Meningkatnya akuntabilitas")
    # AND the capaian to date is shown the Indonesian way in its band's colour, readable
    assert _cell(page, "IK04", CAPAIAN_COLUMN) == "105,56"
    assert _cell(page, "IK04", CAPAIAN_COLUMN, Qt.ItemDataRole.BackgroundRole).name() == "#1b5e20"
    assert _cell(page, "IK04", CAPAIAN_COLUMN, Qt.ItemDataRole.ForegroundRole).name() == "#ffffff"
    assert _cell(page, "IK09", BAND_COLUMN) == "Baik"
    assert page.model.headerData(CAPAIAN_COLUMN, Qt.Orientation.Horizontal) == "Capaian\ns.d. TW III\n(%)"
    assert "99,61% (Sangat Baik)" in page.summary.text()
    # AND the sasaran table carries the budget: S5's serapan and efisiensi
    s5 = next(line for line in page.summary_model.rows() if line.code == "S5")
    # (issue #12 §3: efisiensi over one period, 90,20 ÷ the serapan of the plan s.d. TW III 76,57; was ÷ 57,43)
    assert page.summary_model.index(4, 8).data() == "57,43" and page.summary_model.index(4, 9).data() == "117,80"
    assert s5.budget is not None and s5.budget.ceiling == 140_000_000
    assert page.summary_model.rows()[-1].is_total


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, office):
    zero_target_in_tw3(office.db)
    page = _show(qtbot, MeasurementPage(office))
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.summary_model)


def test_a_new_period_redraws_the_page(qtbot, office):
    page = _show(qtbot, MeasurementPage(office))
    office.set_period(2025, 2)
    assert page.title.text() == "<h3>Pengukuran kinerja TW II tahun 2025</h3>"
    assert page.model.headerData(CAPAIAN_COLUMN, Qt.Orientation.Horizontal) == "Capaian\ns.d. TW II\n(%)"
    assert _cell(page, "IK12", CAPAIAN_COLUMN) == "70,00"  # (4 + 3) / (4 + 6) × 100
    office.set_period(2024, 4)
    assert page.model.rowCount() == 0 and "Belum ada target kinerja tahun 2024" in page.summary.text()
    assert not page.export_button.isEnabled()


def test_a_revision_elsewhere_redraws_the_page(qtbot, office):
    from decimal import Decimal

    from sakip_desktop.ops.realisation.review import revise
    from sakip_desktop.ops.realisation.views import quarter_entries

    # GIVEN the page at TW II showing IK12 at 70,00 (4 + 3 of 4 + 6)
    page = _show(qtbot, MeasurementPage(office))
    office.set_period(2025, 2)
    assert _cell(page, "IK12", CAPAIAN_COLUMN) == "70,00"
    # WHEN the Camat revises IK12's approved TW II value to 6 in another screen, which signals the change
    ik12 = next(e for e in quarter_entries(office.db, 2025, 2) if e.code == "IK12")
    revise(office.db, actor_for(office.db, "camat", TODAY), ik12.realisation_id, Decimal(6), "Kegiatan belum tercatat")
    office.signals.work_changed.emit()
    # THEN the page shows the new capaian: (4 + 6) / (4 + 6) × 100
    assert _cell(page, "IK12", CAPAIAN_COLUMN) == "100,00"


def test_a_zero_target_shows_not_computable_with_the_manual_value(qtbot, office):
    # GIVEN IK08's TW III target set to 0, with a manual capaian of 95
    zero_target_in_tw3(office.db)
    page = _show(qtbot, MeasurementPage(office))
    # THEN the cell says it cannot be computed, shows the manual value in italics, and explains on hover
    assert _cell(page, "IK08", CAPAIAN_COLUMN) == "tidak dapat dihitung\nmanual 95,00"
    assert _cell(page, "IK08", CAPAIAN_COLUMN, Qt.ItemDataRole.FontRole).italic()
    assert REASON in _cell(page, "IK08", CAPAIAN_COLUMN, Qt.ItemDataRole.ToolTipRole)
    assert "1 indikator bertarget 0" in page.summary.text()


def test_export_writes_the_workbook(qtbot, office, tmp_path):
    from openpyxl import load_workbook

    page = _show(qtbot, MeasurementPage(office))
    path = page.export_xlsx(tmp_path / "pengukuran.xlsx")
    assert path is not None and "12 indikator" in page.status.text()
    assert load_workbook(path).active["A1"].value == "Pengukuran Kinerja Kecamatan Contoh Tahun 2025 Triwulan III"
    year = page.export_xlsx(tmp_path / "tahun.xlsx", whole_year=True)
    # Issue #12 §2: the demo year has no TW IV yet, so the year workbook is a DRAF measured s.d. TW III (this
    # assertion pinned the old title 'Tahun 2025' on nine months of data)
    assert load_workbook(year).active["A1"].value == "Pengukuran Kinerja Kecamatan Contoh Tahun 2025 s.d. TW III (DRAF)"
    assert [a.text() for a in page.export_button.menu().actions()] == ["Triwulan ini", "Seluruh tahun"]


def test_bands_page_shows_the_defaults(qtbot, office):
    page = _show(qtbot, BandsPage(office))
    assert [r.label.text() for r in page.rows] == [b.label for b in DEFAULT_BANDS]
    assert page.rows[0].minimum.text() == "91" and not page.rows[-1].minimum.isEnabled()
    assert page.rows[-1].minimum.placeholderText() == "tanpa batas bawah"
    assert not page.cap_enabled.isChecked() and not page.cap.isEnabled()


def test_bands_are_edited_saved_and_redraw_the_measurement(qtbot, office):
    # GIVEN the measurement on screen and the bands page
    measurement = _show(qtbot, MeasurementPage(office))
    page = _show(qtbot, BandsPage(office))
    # WHEN the administrator adds "Istimewa" from 110, caps the display at 110 and saves
    row = page.add_band()
    assert page.rows.index(row) == 4  # added just above the unbounded band
    row.minimum.setText("110")
    qtbot.keyClicks(row.label, "Istimewa")
    row.colour.setText("#0D47A1")
    page.cap_enabled.setChecked(True)
    page.cap.setText("110")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    # THEN the bands are stored and the measurement shows them
    assert page.saved.isVisible() and not page.error.isVisible()
    assert [r.label.text() for r in page.rows][:2] == ["Istimewa", "Sangat Baik"]  # put in order on screen too
    assert [b.label for b in get_bands(office.db)][:2] == ["Istimewa", "Sangat Baik"]
    assert get_bands(office.db)[0].colour == "#0d47a1" and get_display_cap(office.db) == Decimal(110)
    assert _cell(measurement, "IK10", CAPAIAN_COLUMN) == "110,00"  # 115,38 capped for display
    assert _cell(measurement, "IK10", BAND_COLUMN) == "Istimewa"  # categorised uncapped
    assert "Capaian sebenarnya 115,38%" in _cell(measurement, "IK10", CAPAIAN_COLUMN, Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.rows[1].label.setText("sangat baik"), "Nama kategori 'sangat baik' dipakai lebih dari sekali."),
        (lambda p: p.rows[1].minimum.setText("91"), "'Sangat Baik' dan 'Baik' punya batas bawah yang sama (91)"),
        (lambda p: p.rows[0].minimum.setText("sembilan puluh"), "Batas bawah kategori Sangat Baik harus berupa angka"),
        (lambda p: p.rows[2].colour.setText("kuning"), "Warna kategori 'Cukup' harus berbentuk #rrggbb"),
        (lambda p: (p.cap_enabled.setChecked(True), p.cap.setText("95")), "paling sedikit 100%"),
    ],
)
def test_bands_page_refuses_invalid_bands_in_red(qtbot, office, change, message):
    page = _show(qtbot, BandsPage(office))
    change(page)
    assert not page.save()
    assert page.error.isVisible() and message in page.error.text()
    assert get_bands(office.db) == DEFAULT_BANDS


def test_bands_are_removed_down_to_two(qtbot, office):
    page = _show(qtbot, BandsPage(office))
    for _ in range(3):
        qtbot.mouseClick(page.rows[1].remove, Qt.MouseButton.LeftButton)
    assert [r.label.text() for r in page.rows] == ["Sangat Baik", "Sangat Kurang"]
    assert not page.rows[0].remove.isEnabled()
    page.rows[0].minimum.setText("90,5")
    assert page.save()
    assert [(b.minimum, b.label) for b in get_bands(office.db)] == [
        (Decimal("90.5"), "Sangat Baik"),
        (Decimal("-Infinity"), "Sangat Kurang"),
    ]


def test_a_person_who_is_not_administrator_is_refused(qtbot, office, modals):
    kasi = AppContext(db=office.db, actor=actor_for(office.db, "kasi_pem"), year=2025, quarter=3)
    page = _show(qtbot, BandsPage(kasi))
    messages: list[str] = []
    modals.answer(read_and_close(messages))
    assert not page.save()
    assert messages and "Ubah kategori capaian" in messages[0]


def test_indicator_names_are_read_whole_in_the_camats_window_on_the_office_laptop(qtbot, demo_db):
    # GIVEN the Camat's real window at the size of the office laptop (1366×768 less the taskbar and the frame)
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    from sakip_desktop.ops.org.office import get_profile
    from ui.main_window import MainWindow
    from ui.measurement_table import INDICATOR_COLUMN
    from ui.widgets.screen import FRAME_HEIGHT, FRAME_WIDTH

    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat", TODAY), year=2025, quarter=3, today=lambda: TODAY)
    window = MainWindow(ctx, get_profile(demo_db))
    qtbot.addWidget(window)
    window.resize(1366 - FRAME_WIDTH, 728 - FRAME_HEIGHT)
    window.show()
    # WHEN he opens Pengukuran kinerja
    tab = window.role_tabs[0]
    tab.show_tool("Pengukuran kinerja")
    lazy = tab.measurement_page
    qtbot.waitUntil(lambda: lazy.content is not None and lazy.content.model.rowCount() > 0)
    page = lazy.content
    qtbot.wait(50)  # the rows take the height of their wrapped text once the widths have settled
    # THEN the indicator's name has the width (not the 150-230 px of before) ...
    width = page.table.columnWidth(INDICATOR_COLUMN)
    assert width >= 420, width
    # ... and every name is shown whole: its row is as tall as its wrapped text (at most two lines at that width)
    metrics = QFontMetrics(page.table.font())
    for row, record in enumerate(page.model.rows()):
        if isinstance(record, MeasurementRow):
            name = page.model.index(row, INDICATOR_COLUMN).data()
            needed = metrics.boundingRect(QRect(0, 0, width - 12, 10_000), int(Qt.TextFlag.TextWordWrap), name)
            assert needed.height() <= 2 * metrics.lineSpacing(), name
            assert page.table.rowHeight(row) >= page.table.sizeHintForRow(row), name
    # AND no number is cut: each number column is as wide as its widest value
    for column in range(2, page.model.columnCount()):
        for row, record in enumerate(page.model.rows()):
            text = page.model.index(row, column).data() if isinstance(record, MeasurementRow) else ""
            for word in (text or "").split():
                assert metrics.horizontalAdvance(word) < page.table.columnWidth(column), (column, word)
    # AND the page takes the room of the window without scrolling: the sasaran table is whole under it
    assert lazy.scroller.verticalScrollBar().maximum() == 0
