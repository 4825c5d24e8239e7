"""Pengaturan › Riwayat perubahan through the widgets: the chain's verdict, filters, and the export to .xlsx."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from sakip_desktop.domain import formats
from sakip_desktop.ops.org.auth import actor_for
from ui.context import AppContext
from ui.settings.audit_page import BROKEN_COLOUR, AuditPage

TODAY = dt.date(2025, 10, 20)
CAMAT = "Ardiansyah Nugroho, S.STP., M.Si."


@pytest.fixture
def page(qtbot, demo_db) -> AuditPage:
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu", TODAY), year=2025, quarter=3)
    widget = AuditPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def rows(page: AuditPage, column: int) -> list[str]:
    model = page.view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def full_texts(page: AuditPage) -> list[str]:
    """Each listed entry's text as searched (by word): the columns shown, and the changes in full (the tooltip)."""
    model = page.view.model()
    return [
        " ".join(
            [*(model.index(r, c).data() for c in range(6)), model.index(r, 6).data(Qt.ItemDataRole.ToolTipRole)]
        ).casefold()
        for r in range(model.rowCount())
    ]


def test_the_page_says_the_chain_is_whole(page, tmp_path):
    # WHEN the page is shown on the demo office
    page.refresh()
    # THEN the status line says the chain is whole, with the number of entries, in green
    entries = page.listing.total
    assert page.status.text() == f"✓ Rantai riwayat utuh ({entries} entri)."
    assert "#1b5e20" in page.status.styleSheet() and not page.show_broken_button.isVisible()
    # AND the newest 500 are listed, newest first, with local times and Indonesian labels
    shown = formats.number(entries, 0)  # grouped the Indonesian way: '1.026'
    assert page.view.model().rowCount() == 500 and page.count.text() == f"Menampilkan 500 terbaru dari {shown} entri."
    numbers = [int(n) for n in rows(page, 0)]
    assert numbers == sorted(numbers, reverse=True)
    page.grab().save(str(tmp_path / "riwayat.png"))


def test_an_entry_changed_behind_the_programs_back_shows_in_red_and_is_found(page, demo_db):
    # GIVEN an old entry (not among the newest 500) changed with plain sqlite3
    conn = sqlite3.connect(demo_db.path)
    conn.execute("UPDATE audit_entry SET new = '{\"checked\": false}' WHERE id = 40")
    conn.commit()
    conn.close()
    # WHEN the page is shown
    page.refresh()
    # THEN the status line, in red, names the entry: its number, date, who and what
    assert page.status.text().startswith("⚠ Rantai riwayat rusak: Entri nomor 40 (")
    assert "diubah di luar program" in page.status.text() and "#b71c1c" in page.status.styleSheet()
    # AND "Tunjukkan entri yang rusak" finds it on its day and selects it, marked red
    assert page.show_broken_button.isVisible()
    assert page.show_broken()
    selected = page.view.selectionModel().selectedRows()
    assert [i.data() for i in selected] == ["40"]
    assert page.view.model().data(selected[0], Qt.ItemDataRole.BackgroundRole).name() == BROKEN_COLOUR
    assert page.start.date() == page.end.date() != QDate(2000, 1, 1)


def test_filters_by_person_kind_period_and_words(page, qtbot):
    page.refresh()
    # WHEN one person is chosen
    page.person.setCurrentIndex(page.person.findData(CAMAT))
    # THEN only the Camat's entries are listed
    assert set(rows(page, 2)) == {CAMAT}
    # WHEN also a kind of record is chosen
    page.kind.setCurrentIndex(page.kind.findText("Perjanjian Kinerja"))
    assert set(rows(page, 4)) == {"Perjanjian Kinerja"} and rows(page, 3)
    assert set(rows(page, 3)) == {"Tetapkan perjanjian kinerja"}
    # WHEN the period is 31 January 2025 only
    page.start.setDate(QDate(2025, 1, 31))
    page.end.setDate(QDate(2025, 1, 31))
    dates = set(rows(page, 1))
    assert dates and all(d.startswith("31 Januari 2025") for d in dates)
    # WHEN words are typed: only rows holding them (searched once typing pauses)
    page.clear_filters()
    total = page.listing.total
    page.filter.setText("pelayanan umum")
    qtbot.waitUntil(lambda: 0 < page.listing.total < total)
    assert all(all(w in text for w in ("pelayanan", "umum")) for text in full_texts(page))
    # WHEN the filters are cleared: everything again
    page.clear_filters()
    assert page.listing.total == total and page.kind.currentData() is None


def test_export_writes_what_is_filtered_to_a_real_workbook(page, tmp_path):
    # GIVEN the entries about Perjanjian Kinerja
    page.refresh()
    page.kind.setCurrentIndex(page.kind.findText("Perjanjian Kinerja"))
    shown = page.listing
    # WHEN they are exported
    path = page.export_xlsx(tmp_path / "riwayat.xlsx")
    # THEN the workbook holds exactly those entries, newest first, with the same labels and real times
    assert path is not None and page.count.text().startswith(f"{shown.total} entri ditulis ke")
    ws = load_workbook(path).active
    assert ws["A1"].value.startswith("Riwayat perubahan") and "Data: Perjanjian Kinerja" in ws["A2"].value
    assert "Rantai riwayat utuh" in ws["A2"].value
    header = [c.value for c in ws[4]]
    assert header == ["No.", "Waktu", "Pengguna", "Kegiatan", "Jenis data", "Data", "Perubahan"]
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    assert [r[0] for r in body] == [v.id for v in shown.rows]
    assert {r[4] for r in body} == {"Perjanjian Kinerja"}
    first = shown.rows[0]
    assert body[0][1] == first.local_at.replace(microsecond=0) and isinstance(body[0][1], dt.datetime)
    assert body[0][3] == first.operation and body[0][5] == first.record
    assert body[0][6] == "\n".join(c.text() for c in first.changes)
    text = " ".join(str(v) for r in body for v in r if v is not None)
    assert "FINAL" not in text and "performance_agreement" not in text and "Ditetapkan" in text
