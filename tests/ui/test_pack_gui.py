"""The "Paket Kabupaten" screen (issue 15 §2), tried as a Tim SAKIP member would: the checklist with late items,
marking an item uploaded, rejecting one with the verifikator's note (refused without it), its history, the office's
list, the lembar salin, and "Siapkan paket…" onto a folder."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.pack.checklist import checklist
from sakip_desktop.ops.pack.due import DITOLAK, DIUNGGAH, STATUS_LABELS
from ui.context import AppContext
from ui.pack.detail import STATUS_CODES
from ui.pack.page import LATE, PackPage
from ui.tools import tools_for

DAY = dt.date(2025, 10, 15)


def _page(qtbot, db, username: str) -> PackPage:
    ctx = AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)
    page = PackPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def _cell(page: PackPage, code: str, quarter: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    model = page.table.model()
    for r in range(model.rowCount()):
        row = page.model.record(r)
        if (row.item.code, row.quarter) == (code, quarter):
            return model.index(r, column).data(role)
    raise AssertionError(f"{code} TW{quarter} not listed")


def test_the_tim_marks_an_item_uploaded_and_rejects_one_with_a_note(qtbot, demo_db, modals, tmp_path):
    page = _page(qtbot, demo_db, "analis_kebijakan")
    # GIVEN the 2025 checklist: E.81 TW III (due 10-10-2025) is late and marked so
    assert "terlambat" in _cell(page, "e81", 3, 3)
    assert QColor(_cell(page, "e81", 3, 0, Qt.ItemDataRole.BackgroundRole)) == QColor(LATE)
    assert _cell(page, "e81", 4, 0, Qt.ItemDataRole.BackgroundRole) is None
    # WHEN she chooses the E.81 TW III, sets "Diunggah" on 12-10-2025 and saves
    assert page.choose("e81", 3)
    page.panel.status.setCurrentIndex(STATUS_CODES.index(DIUNGGAH))
    page.panel.uploaded.setDate(QDate(2025, 10, 12))
    page.panel.save_button.click()
    # THEN the list shows it uploaded with its date, no longer late
    assert _cell(page, "e81", 3, 4) == "Diunggah 12-10-2025"
    assert "terlambat" not in _cell(page, "e81", 3, 3)
    # WHEN she rejects the TW II one without a note: the screen refuses and says why
    messages: list[str] = []
    modals.answer(lambda box: (messages.append(box.text()), box.buttons()[0].click()))
    assert page.choose("e81", 2)
    page.panel.status.setCurrentIndex(STATUS_CODES.index(DITOLAK))
    page.panel.save_button.click()
    qtbot.waitUntil(lambda: bool(messages))
    assert "catatan verifikator" in messages[0]
    # AND with the verifikator's note it is saved, and its history shows both changes of that item
    page.panel.note.setPlainText("Tanda tangan Camat belum ada; unggah ulang.")
    page.panel.save_button.click()
    assert _cell(page, "e81", 2, 4) == STATUS_LABELS[DITOLAK]
    stored = next(r for r in checklist(demo_db, 2025, DAY) if (r.item.code, r.quarter) == ("e81", 2))
    assert stored.note == "Tanda tangan Camat belum ada; unggah ulang."
    assert page.choose("e81", 2)
    history = [page.panel.history.item(i).text() for i in range(page.panel.history.count())]
    assert len(history) == 1 and history[0].endswith("Ditolak: Tanda tangan Camat belum ada; unggah ulang.")
    assert page.ctx.actor.name in history[0]
    page.grab().save(str(tmp_path / "paket.png"))


def test_the_pack_is_prepared_from_the_screen_onto_a_folder(qtbot, demo_db, tmp_path):
    page = _page(qtbot, demo_db, "admin_data")
    drive = tmp_path / "FLASHDISK"
    drive.mkdir()
    page.ask_folder = lambda: drive
    result = page.prepare()
    assert result is not None and result.path.parent == drive
    assert "Paket ditulis ke" in page.message.text() and "Belum ada dalam paket: DPA 2025" in page.message.text()
    assert (result.path / "Lembar salin capaian triwulan - 2025.xlsx").is_file()


def test_the_office_adds_a_line_to_its_list_and_the_lembar_salin_shows_the_quarters(qtbot, demo_db):
    from ui.pack.list_dialog import PackListDialog
    from ui.pack.salin import SalinDialog

    page = _page(qtbot, demo_db, "analis_kebijakan")
    dialog = PackListDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.title.setText("Rencana Kerja (Renja)")
    dialog.esr.setCurrentText("Renja/RKT")
    dialog.due_day.setValue(15)
    assert dialog.save(new=True)
    page.reload()
    assert any(r.item.title == "Rencana Kerja (Renja)" and r.item.esr_type == "Renja/RKT" for r in page.rows)
    salin = SalinDialog(page.ctx, 2025, page)
    qtbot.addWidget(salin)
    assert [salin.tabs.tabText(i) for i in range(salin.tabs.count())] == ["TW I", "TW II", "TW III", "TW IV"]
    grid = salin.tabs.widget(2)
    assert grid.horizontalHeaderItem(3).text() == "Target TW III" and grid.item(0, 0).text() == "IK01"


def test_who_sees_the_pack_and_who_may_change_it(qtbot, demo_db):
    for role in (Role.TIM_SAKIP, Role.ADMIN_DATA, Role.CAMAT):
        assert "Paket Kabupaten" in [t.title for t in tools_for(RoleGrant(role))]
    assert "Paket Kabupaten" not in [t.title for t in tools_for(RoleGrant(Role.KASI))]
    page = _page(qtbot, demo_db, "camat")
    assert page.choose("lkj")
    assert not page.panel.save_button.isEnabled() and not page.panel.attach_button.isEnabled()


def test_the_camat_is_told_of_late_documents_and_opens_the_pack_from_menunggu_anda(qtbot, demo_db, tmp_path):
    from PySide6.QtCore import Qt as QtCore

    from sakip_desktop.ops.org.office import get_profile
    from sakip_desktop.ops.pack.edit import set_status
    from ui.main_window import MainWindow
    from ui.role_tab import RoleTab

    # GIVEN the Tim keeps the 2025 pack (the PK uploaded), and E.81 TW III is past its 10 October deadline
    tim = actor_for(demo_db, "analis_kebijakan", DAY)
    set_status(demo_db, tim, "pk", 2025, 0, DIUNGGAH, uploaded_on=dt.date(2025, 1, 30))
    late = [r for r in checklist(demo_db, 2025, DAY) if r.overdue]
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat", DAY), year=2025, quarter=3, today=lambda: DAY)
    win = MainWindow(ctx, get_profile(demo_db))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    tab = win.tabs.widget(0)
    assert isinstance(tab, RoleTab)
    # THEN "Menunggu Anda" says how many documents of the pack are late
    wanted = f"{len(late)} dokumen paket Kabupaten 2025 lewat batas waktu"
    found = [b for b in tab.waiting.buttons if wanted in b.text()]
    assert found, [b.text() for b in tab.waiting.buttons]
    # AND the Dasbor lists them with their ESR type and deadline
    assert tab.dashboard_page is not None
    tab.tools.setCurrentWidget(tab.dashboard_page)
    qtbot.waitUntil(lambda: tab.dashboard_page.content is not None)
    page = tab.dashboard_page.content
    qtbot.waitUntil(lambda: page.late_documents.view.model().rowCount() == len(late))
    first = page.late_documents.view.model().index(0, 1).data()
    assert first == late[0].item.esr_type
    win.grab().save(str(tmp_path / "camat_menunggu_paket.png"))
    # WHEN he clicks it THEN the pack's tool opens
    qtbot.mouseClick(found[0], QtCore.MouseButton.LeftButton)
    assert tab.tools.tabText(tab.tools.currentIndex()) == "Paket Kabupaten"
