"""Tester findings T2-1, T2-4 and T2-5 on the "Paket Kabupaten" screen, tried at 1366×768: the drafts named in the
message after "Siapkan paket…", the lembar salin's warning on figures the Camat has not approved (opened on the
status bar's quarter), the Dasbor's late documents opening the pack on the item, the side panel reachable, a
rejection of a never-uploaded item refused, and the verifikator's note in the table."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QTableWidget

from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.pack.due import DITOLAK
from ui.context import AppContext
from ui.pack.detail import STATUS_CODES
from ui.pack.page import PackPage

DAY = dt.date(2025, 10, 15)


def _page(qtbot, db, username: str) -> PackPage:
    ctx = AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)
    page = PackPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def _window(qtbot, db, username: str):
    from ui.main_window import MainWindow

    ctx = AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)
    win = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def test_the_message_after_siapkan_paket_names_the_drafts(qtbot, demo_db, tmp_path):
    page = _page(qtbot, demo_db, "analis_kebijakan")
    page.ask_folder = lambda: tmp_path
    result = page.prepare()
    assert result is not None and result.drafts
    text = page.message.text()
    assert f"PERHATIAN: {len(result.drafts)} dokumen masih DRAF (belum final): " in text
    assert "Formulir E.81 TW III 2025" in text.split("PERHATIAN:")[1]
    assert all(line.file_name.endswith(" (DRAF).pdf") for line in result.drafts)


def test_the_lembar_salin_opens_on_the_status_bars_quarter_and_warns_of_unapproved_figures(qtbot, demo_db, tmp_path):
    from openpyxl import load_workbook

    from ui.pack.salin import SalinDialog

    page = _page(qtbot, demo_db, "analis_kebijakan")
    salin = SalinDialog(page.ctx, 2025, page)
    qtbot.addWidget(salin)
    salin.resize(1366, 700)
    salin.show()
    # THEN it opens on TW III (the status bar's quarter), marked DRAF, with a visible warning naming the indicators
    assert salin.tabs.currentIndex() == 2 and salin.tabs.tabText(2) == "TW III (DRAF)"
    warning = salin.warnings[2]
    assert warning.isVisible() and "indikator belum disetujui Camat: IK" in warning.text()
    grid = salin.tabs.widget(2).findChild(QTableWidget)  # type: ignore[union-attr]
    assert isinstance(grid, QTableWidget)
    header = grid.horizontalHeaderItem(8)
    assert header is not None and header.text() == "Keterangan"
    notes = [grid.item(r, 8) for r in range(grid.rowCount())]
    assert any(item is not None and item.text() == "belum disetujui Camat" for item in notes)
    salin.grab().save(str(tmp_path / "salin.png"))
    # AND the saved .xlsx says DRAF in its title row and names the indicators under it
    salin.ask_path = lambda *_: tmp_path / "salin.xlsx"
    assert salin.save_xlsx() is not None
    sheet = load_workbook(tmp_path / "salin.xlsx")["TW III"]
    top = [str(c.value) for row in sheet.iter_rows(max_row=2) for c in row if c.value]
    assert "DRAF" in top and any("belum disetujui Camat" in t for t in top)


def test_a_late_document_on_the_dasbor_opens_the_pack_on_it(qtbot, demo_db):
    win = _window(qtbot, demo_db, "camat")
    tab = win.tabs.widget(0)
    tab.tools.setCurrentWidget(tab.dashboard_page)
    qtbot.waitUntil(lambda: tab.dashboard_page.content is not None)
    dasbor = tab.dashboard_page.content
    view = dasbor.late_documents.view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    rows = [view.model().record(r) for r in range(view.model().rowCount())]
    target = next(r for r in rows if r.title == "Laporan Kinerja Triwulan")
    # WHEN the Camat presses Enter on that row
    index = view.model().index(rows.index(target), 0)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    # THEN Paket Kabupaten opens on its year and quarter with that row chosen
    assert tab.tools.tabText(tab.tools.currentIndex()) == "Paket Kabupaten"
    pack = tab.cycle_pages["Paket Kabupaten"].content
    assert isinstance(pack, PackPage) and pack.quarter == (target.quarter or None)
    chosen = pack.panel.row
    assert chosen is not None and (chosen.item.title, chosen.year, chosen.quarter) == (
        target.title, target.year, target.quarter)  # fmt: skip


def test_the_menunggu_anda_link_opens_the_pack_on_the_first_late_row(qtbot, demo_db):
    win = _window(qtbot, demo_db, "analis_kebijakan")
    tab = next(w for w in (win.tabs.widget(i) for i in range(win.tabs.count())) if hasattr(w, "waiting"))
    link = next(b for b in tab.waiting.buttons if "dokumen paket Kabupaten" in b.text())
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    pack = tab.cycle_pages["Paket Kabupaten"].content
    assert isinstance(pack, PackPage)
    first_late = next(r for r in pack.rows if r.overdue)
    assert pack.panel.row is not None and pack.panel.row.item.code == first_late.item.code
    assert pack.panel.row.quarter == first_late.quarter


def test_the_side_panel_shows_the_buka_button_whole_and_scrolls_to_the_history(qtbot, demo_db, tmp_path):
    page = _page(qtbot, demo_db, "analis_kebijakan")
    page.resize(1366, 430)  # the room the tool has at 1366×768 under "Menunggu Anda" (tester's s1_pack_rejected.png)
    assert page.choose("renaksi")
    panel = page.panel
    qtbot.wait(50)
    assert panel.row is not None and len(panel.row.files) >= 1
    # THEN the "Buka" button of the files is whole on screen without scrolling (it was cut at the fold)
    button = panel.files.open_button
    assert button.visibleRegion().boundingRect().height() == button.height()
    # AND the panel scrolls in its own area to the whole history
    assert panel.history.height() >= 140 and panel.history.count() > 0
    scroll = next(w for w in page.findChildren(QScrollArea) if w.widget() is panel)
    scroll.ensureWidgetVisible(panel.history)
    qtbot.wait(50)
    assert panel.history.visibleRegion().boundingRect().height() == panel.history.height()
    page.grab().save(str(tmp_path / "panel.png"))


def test_an_item_never_uploaded_cannot_be_rejected_and_the_note_shows_in_the_table(qtbot, demo_db, modals):
    page = _page(qtbot, demo_db, "analis_kebijakan")
    messages: list[str] = []

    def answer(box) -> None:
        messages.append(box.text())
        box.buttons()[0].click()

    modals.answer(answer)
    assert page.choose("lkj")
    page.panel.status.setCurrentIndex(STATUS_CODES.index(DITOLAK))
    page.panel.note.setPlainText("Belum ada tanda tangan.")
    assert not page.panel.save()
    qtbot.waitUntil(lambda: bool(messages))
    assert "belum pernah diunggah" in messages[0]
    # AND a rejected item's note is in the table, beside its status
    assert page.choose("e81", 2)
    page.panel.status.setCurrentIndex(STATUS_CODES.index(DITOLAK))
    page.panel.note.setPlainText("Kolom 13 kosong.")
    assert page.panel.save()
    column = next(c for c in range(page.model.columnCount()) if page.model.headerData(c, Qt.Orientation.Horizontal)
                  == "Catatan")  # fmt: skip
    r = next(i for i, row in enumerate(page.rows) if (row.item.code, row.quarter) == ("e81", 2))
    assert page.table.model().index(r, column).data() == "Kolom 13 kosong."
