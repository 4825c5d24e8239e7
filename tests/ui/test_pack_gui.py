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
    # THEN the list shows it uploaded with its date, no longer waiting, but uploaded after its deadline
    assert _cell(page, "e81", 3, 4) == "Diunggah terlambat (12-10-2025)"
    assert _cell(page, "e81", 3, 3) == "10-10-2025 (diunggah terlambat)"
    assert QColor(_cell(page, "e81", 3, 0, Qt.ItemDataRole.BackgroundRole)) != QColor(LATE)
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
    assert _cell(page, "e81", 2, 4) == f"{STATUS_LABELS[DITOLAK]} 04-07-2025"  # uploaded by the demo office
    stored = next(r for r in checklist(demo_db, 2025, DAY) if (r.item.code, r.quarter) == ("e81", 2))
    assert stored.note == "Tanda tangan Camat belum ada; unggah ulang."
    assert page.choose("e81", 2)
    history = [page.panel.history.item(i).text() for i in range(page.panel.history.count())]
    # (the demo office had uploaded it on 04-07-2025 and recorded it accepted: demo.pack)
    assert len(history) == 3 and "Diunggah 04-07-2025" in history[0] and history[1].endswith("Diterima")
    assert history[2].endswith("Ditolak: Tanda tangan Camat belum ada; unggah ulang.")
    assert page.ctx.actor.name in history[2]
    page.grab().save(str(tmp_path / "paket.png"))


def test_the_pack_is_prepared_from_the_screen_onto_a_folder(qtbot, demo_db, tmp_path):
    page = _page(qtbot, demo_db, "admin_data")
    drive = tmp_path / "FLASHDISK"
    drive.mkdir()
    page.ask_folder = lambda: drive
    result = page.prepare()
    assert result is not None and result.path.parent == drive
    assert "Paket ditulis ke" in page.message.text()
    assert "Belum ada dalam paket: Perjanjian Kinerja Perubahan 2025; Berita Acara Evaluasi Kinerja TW III 2025" in (
        page.message.text()
    )
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
    assert [salin.tabs.tabText(i).removesuffix(" (DRAF)") for i in range(salin.tabs.count())] == [
        "TW I", "TW II", "TW III", "TW IV"]  # fmt: skip
    from PySide6.QtWidgets import QTableWidget

    grid = salin.tabs.widget(2).findChild(QTableWidget)  # type: ignore[union-attr]
    assert isinstance(grid, QTableWidget)
    header, first = grid.horizontalHeaderItem(3), grid.item(0, 0)
    assert header is not None and header.text() == "Target TW III" and first is not None and first.text() == "IK01"


def test_who_sees_the_pack_and_who_may_change_it(qtbot, demo_db):
    for role in (Role.TIM_SAKIP, Role.ADMIN_DATA, Role.CAMAT):
        assert "Paket Kabupaten" in [t.title for t in tools_for(RoleGrant(role))]
    assert "Paket Kabupaten" not in [t.title for t in tools_for(RoleGrant(Role.KASI))]
    page = _page(qtbot, demo_db, "camat")
    assert page.choose("lkj")
    assert not page.panel.save_button.isEnabled() and not page.panel.attach_button.isEnabled()


def test_the_camat_is_told_of_late_documents_and_opens_the_pack_from_menunggu_anda(qtbot, demo_db, tmp_path):
    import sqlite3

    from PySide6.QtCore import Qt as QtCore

    from sakip_desktop.ops.home.pack_reads import late_documents
    from sakip_desktop.ops.org.office import get_profile
    from ui.main_window import MainWindow
    from ui.role_tab import RoleTab

    # GIVEN the demo office on 15-10-2025: it sent its pack (demo.pack) but for the E.81 and the Laporan Kinerja
    # Triwulan of TW III, past their 10 October deadline
    def stored() -> tuple[int, int, int]:
        with sqlite3.connect(demo_db.path) as con:
            return tuple(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("pack_item", "pack_item_type",
                                                                                          "audit_entry"))  # fmt: skip

    before = stored()
    late = late_documents(demo_db, DAY)
    assert {(d.title, d.period) for d in late} == {("Formulir E.81", "TW III 2025"),
                                                    ("Laporan Kinerja Triwulan", "TW III 2025")}  # fmt: skip
    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "camat", DAY), year=2025, quarter=3, today=lambda: DAY)
    win = MainWindow(ctx, get_profile(demo_db))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    tab = win.tabs.widget(0)
    assert isinstance(tab, RoleTab)
    # THEN "Menunggu Anda" says how many documents of the pack of 2025 are late
    wanted = f"{sum(d.year == 2025 for d in late)} dokumen paket Kabupaten 2025 lewat batas waktu"
    found = [b for b in tab.waiting.buttons if wanted in b.text()]
    assert found, [b.text() for b in tab.waiting.buttons]
    # AND the Dasbor lists them with their ESR type and deadline, oldest first
    assert tab.dashboard_page is not None
    tab.tools.setCurrentWidget(tab.dashboard_page)
    qtbot.waitUntil(lambda: tab.dashboard_page.content is not None)
    page = tab.dashboard_page.content
    qtbot.waitUntil(lambda: page.late_documents.view.model().rowCount() == len(late))
    assert page.late_documents.view.model().index(0, 1).data() == late[0].esr_type
    win.grab().save(str(tmp_path / "camat_menunggu_paket.png"))
    # WHEN he clicks it THEN the pack's tool opens, and opening it stored nothing
    qtbot.mouseClick(found[0], QtCore.MouseButton.LeftButton)
    assert tab.tools.tabText(tab.tools.currentIndex()) == "Paket Kabupaten"
    assert stored() == before


def test_an_empty_upload_date_stays_empty_and_the_header_counts_as_the_cover(qtbot, demo_db, tmp_path):
    from sakip_desktop.documents.pack_ready import pack_checklist
    from sakip_desktop.ops.pack.checklist import pack_count

    page = _page(qtbot, demo_db, "analis_kebijakan")
    # GIVEN nothing chosen, then an item never uploaded: the upload date is empty, not 01-01-2000
    assert page.panel.uploaded.text().strip() == ""
    assert page.choose("lkj")
    assert page.panel.uploaded.text().strip() == "" and "2000" not in page.panel.uploaded.text()
    # WHEN she chooses "Diunggah" the date offered is today's, and an uploaded item shows its own date
    page.panel.status.setCurrentIndex(STATUS_CODES.index(DIUNGGAH))
    assert page.panel.uploaded.text() == "15-10-2025"
    # THEN the header counts the pack as its cover will: "n dari m dokumen ada untuk paket"
    count = pack_count(pack_checklist(demo_db, 2025, DAY), DAY)
    assert page.summary.text().startswith(f"{count.held} dari {count.expected} dokumen ada untuk paket")
    assert "4 menunggu triwulannya berakhir" in page.summary.text()
    drive = tmp_path / "FLASHDISK"
    drive.mkdir()
    page.ask_folder = lambda: drive
    result = page.prepare()
    assert result is not None and len(result.lines) == count.expected
    assert len(result.lines) - len(result.missing) == count.held


def test_the_tim_prepares_the_tw_iii_pack_from_the_screen(qtbot, demo_db, tmp_path):
    page = _page(qtbot, demo_db, "analis_kebijakan")
    # WHEN she chooses TW III: the list holds that quarter's documents only, no LKj
    page.period.setCurrentText("TW III")
    assert {r.period for r in page.rows} == {"TW III 2025"}
    assert not page.choose("lkj") and page.choose("e81", 3)
    drive = tmp_path / "FLASHDISK"
    drive.mkdir()
    page.ask_folder = lambda: drive
    result = page.prepare()
    # THEN the pack of TW III is written, without the yearly documents
    assert result is not None and result.path.name == "Paket Kabupaten TW III 2025 - Kecamatan Contoh"
    assert not any("Laporan Kinerja - Laporan Kinerja" in name for name in result.files)
