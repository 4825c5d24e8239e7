""" "Menunggu Anda" lists the realisasi, rekomendasi, PKs and SOP steps waiting for the role in every open period,
oldest first, and opens the tool that handles each on that item's period (issue 13 §1): the Camat's approvals, the
Sekretaris's TW III after a Kasi started TW IV, a Kasi's indicators to fill, the tab a person of several roles
opens on, the period and the return of an SOP step.

These tests pinned the old per-quarter list (the Kasi's TW IV appeared only once TW IV was chosen in the status
bar); the issue asks for the opposite: the period selector changes what the tools show, never what waits.

Set SAKIP_SHOTS to a folder to keep a PNG of each window."""
# The fixture is imported from its module, so a test argument "redefines" it.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sakip_desktop.domain.realisation import Status
from sakip_desktop.ops.backups import backup_now
from sakip_desktop.ops.home.waiting_work import PACK_TOOL
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.realisation.entry import approve, quarter_entries, save_realisation
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.role_tab import RoleTab

DAY = dt.date(2025, 10, 20)  # nobody is acting for anyone that day; TW III 2025 is reported on
JANUARY = dt.date(2026, 1, 12)  # TW IV 2025 is reported on
SHOTS = os.environ.get("SAKIP_SHOTS")
EMPTY = {"supporting": "", "inhibiting": "", "follow_up": ""}


def window(qtbot, db, username: str, quarter: int, today: dt.date = DAY) -> MainWindow:
    ctx = AppContext(db=db, actor=actor_for(db, username, today), year=2025, quarter=quarter, today=lambda: today)
    win = MainWindow(ctx, get_profile(db))
    qtbot.addWidget(win)
    win.resize(1366, 728)
    win.show()
    qtbot.waitExposed(win)
    return win


def role_tab(win: MainWindow, title: str) -> RoleTab:
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    win.tabs.setCurrentIndex(titles.index(title))
    tab = win.tabs.currentWidget()
    assert isinstance(tab, RoleTab)
    return tab


def texts(tab: RoleTab) -> list[str]:
    return [b.text() for b in tab.waiting.buttons]


def button(tab: RoleTab, words: str):
    return next(b for b in tab.waiting.buttons if words in b.text())


def shown_tool(tab: RoleTab) -> str:
    return tab.tools.tabText(tab.tools.currentIndex())


def status_bar_period(win: MainWindow) -> tuple[int, str]:
    return win.year_combo.currentData(), win.quarter_combo.currentText()


def shot(win: MainWindow, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        win.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_the_sekretaris_on_tw_iv_is_still_told_of_tw_iii_and_opens_it(qtbot, demo_db):
    # GIVEN TW III submitted, and the Kasi Pemerintahan has entered a TW IV realisasi early
    pem = next(u.id for u in list_units(demo_db) if u.code == "SEKSI_PEMERINTAHAN")
    first = quarter_entries(demo_db, 2025, 4, pem)[0]
    save_realisation(demo_db, actor_for(demo_db, "kasi_pem", DAY), first.indicator_id, 2025, 4, Decimal(1), **EMPTY)
    submitted = [e for e in quarter_entries(demo_db, 2025, 3) if e.status is Status.SUBMITTED]
    # WHEN the Sekretaris's window opens on TW IV
    win = window(qtbot, demo_db, "sekcam", 4)
    tab = role_tab(win, "Sekretaris")
    # THEN TW III's realisasi still wait for her verification (the bug: "nothing waits")
    expected = f"▸ {len(submitted)} realisasi TW III 2025 menunggu verifikasi Anda  → Verifikasi realisasi"
    assert texts(tab) == [expected]
    # AND choosing another quarter in the status bar changes nothing of what waits
    win.quarter_combo.setCurrentIndex(0)
    assert win.ctx.quarter == 1 and texts(tab) == [expected]
    shot(win, "sekretaris_menunggu")
    # WHEN she clicks it THEN the verification opens on TW III, and the status bar says so
    qtbot.mouseClick(button(tab, "menunggu verifikasi"), Qt.MouseButton.LeftButton)
    assert shown_tool(tab) == "Verifikasi realisasi"
    assert (win.ctx.year, win.ctx.quarter) == (2025, 3) and status_bar_period(win) == (2025, "TW III")
    page = tab.cycle_pages["Verifikasi realisasi"]
    qtbot.waitUntil(lambda: page.content is not None)
    assert {e.realisation_id for e in page.content.queue} == {e.realisation_id for e in submitted}
    shot(win, "sekretaris_verifikasi_tw3")


def test_the_camat_sees_his_work_oldest_first_and_opens_the_approval(qtbot, demo_db, tmp_path):
    # GIVEN the Camat working on TW IV, with verified TW III realisasi and a TW II rekomendasi (backup made today)
    (tmp_path / "flashdisk").mkdir()
    backup_now(demo_db.path, tmp_path / "flashdisk", db=demo_db, actor=actor_for(demo_db, "camat", DAY))
    verified = [e.realisation_id for e in quarter_entries(demo_db, 2025, 3) if e.status is Status.VERIFIED]
    win = window(qtbot, demo_db, "camat", 4)
    tab = role_tab(win, "Camat")
    # THEN "Menunggu Anda" lists both, the older period first, and the empty text is not shown beside them; before
    # them the year's pack documents past their deadline (the demo's E.81, Laporan Kinerja Triwulan and Berita Acara
    # of TW III 2025 are not uploaded yet, issue 15 §2)
    assert texts(tab) == [
        f"▸ 3 dokumen paket Kabupaten 2025 lewat batas waktu  → {PACK_TOOL}",
        "▸ 1 rekomendasi TW II 2025 menunggu keputusan Anda  → Rekomendasi",
        f"▸ {len(verified)} realisasi TW III 2025 menunggu persetujuan Anda  → Persetujuan realisasi",
    ]
    assert not tab.inbox.isVisible() or tab.inbox.items()
    shot(win, "camat_menunggu")
    # WHEN he clicks the approvals THEN the approval tool is shown on TW III
    qtbot.mouseClick(button(tab, "menunggu persetujuan"), Qt.MouseButton.LeftButton)
    assert shown_tool(tab) == "Persetujuan realisasi" and win.ctx.quarter == 3
    page = tab.cycle_pages["Persetujuan realisasi"]
    qtbot.waitUntil(lambda: page.content is not None)
    assert {e.realisation_id for e in page.content.queue.queue} == set(verified)
    shot(win, "camat_persetujuan")
    # WHEN they are approved THEN the item goes; the pack's reminder and the rekomendasi stay
    approve(demo_db, win.ctx.actor, verified)
    win.ctx.signals.work_changed.emit()
    assert texts(tab) == [
        f"▸ 3 dokumen paket Kabupaten 2025 lewat batas waktu  → {PACK_TOOL}",
        "▸ 1 rekomendasi TW II 2025 menunggu keputusan Anda  → Rekomendasi",
    ]


def test_the_kasi_sees_tw_iv_once_it_is_reported_on_and_opens_it(qtbot, demo_db):
    # GIVEN January, when TW IV is reported on, and the Kasi Pemerintahan's window still on TW III
    win = window(qtbot, demo_db, "kasi_pem", 3, JANUARY)
    tab = role_tab(win, "Kasi Pemerintahan")
    # THEN his seksi's TW IV indicators wait to be filled without choosing TW IV
    pem = len(quarter_entries(demo_db, 2025, 4, tab.grant.unit_id))
    assert texts(tab) == [f"▸ {pem} indikator TW IV 2025 belum diisi realisasinya  → Isi realisasi"]
    shot(win, "kasi_menunggu")
    # WHEN he presses the button with the keyboard THEN 'Isi realisasi' opens on TW IV
    tab.waiting.buttons[0].setFocus()
    qtbot.keyClick(tab.waiting.buttons[0], Qt.Key.Key_Space)
    assert shown_tool(tab) == "Isi realisasi"
    assert win.ctx.quarter == 4 and status_bar_period(win) == (2025, "TW IV")


def test_a_person_of_several_roles_opens_on_the_tab_where_work_is_late(qtbot, demo_db):
    # GIVEN the Kasubag Perencanaan, also in the Tim SAKIP: his own SOP step is over its standard time (the Tim's
    # work, which any member may do, waits too)
    win = window(qtbot, demo_db, "kasubag_renkeu", 3)
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert titles[:2] == ["Tim SAKIP", "Kasubag Perencanaan"]
    # THEN the window opens on his Kasubag tab (not on the first, the Tim's), where the late step waits
    tab = win.tabs.currentWidget()
    assert isinstance(tab, RoleTab) and tab.title == "Kasubag Perencanaan"
    assert any(step.overdue for step in tab.inbox.items())
    assert win.role_label.text() == "Peran: Kasubag Perencanaan"
    shot(win, "kasubag_dibuka")
    # AND a Kasi whose only work waits in the Tim's tab opens there
    kasi = window(qtbot, demo_db, "kasi_pem", 3)
    assert kasi.tabs.tabText(kasi.tabs.currentIndex()) == "Tim SAKIP"


def test_the_sop_steps_show_their_period_and_a_returned_step_is_marked(qtbot, demo_db):
    # GIVEN the Tim SAKIP's window on TW I; the demo has a run of TW III 2025 returned to a Tim step for revision
    win = window(qtbot, demo_db, "analis_kebijakan", 1)
    tab = role_tab(win, "Tim SAKIP")
    model = tab.inbox.view.model()
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    period, state = header.index("Periode"), header.index("Keadaan")
    rows = [
        (model.index(r, period).data(), model.index(r, state).data(), model.index(r, state).data(Qt.ToolTipRole))
        for r in range(model.rowCount())
    ]
    # THEN every step names its run's period, whatever quarter is chosen
    assert rows and all(p == "TW III 2025" for p, _, _ in rows)
    # AND the returned step says so, with who returned it and why in its tooltip, and the summary counts it
    returned = [(s, tip) for _, s, tip in rows if s.startswith("↩ Dikembalikan")]
    assert returned, "the demo has an SOP run returned for revision (issue 13 §6)"
    assert all(tip.startswith("Dikembalikan oleh ") and "Alasan:" in tip for _, tip in returned)
    assert f"{len(returned)} dikembalikan untuk diperbaiki" in tab.inbox.summary.text()
    shot(win, "tim_langkah_dikembalikan")


def test_opening_a_step_from_the_inbox_works_on_its_period(qtbot, demo_db, modals: Modals):
    # GIVEN the Sekretaris's window on TW I, her TW III SOP step waiting
    win = window(qtbot, demo_db, "sekcam", 1)
    tab = role_tab(win, "Sekretaris")
    steps = tab.inbox.steps()
    assert steps and steps[0].period == "TW III 2025"
    seen: list[tuple[int, int, str]] = []

    def read_and_close(dialog) -> None:
        seen.append((win.ctx.year, win.ctx.quarter, win.quarter_combo.currentText()))
        dialog.close_button.click()

    # WHEN she opens it (Enter on the row)
    modals.answer(read_and_close)
    tab.inbox.view.activated.emit(tab.inbox.view.model().index(0, 0))
    # THEN the step screen opened with the tools, and the status bar, on the step's period
    assert not modals.pending and seen == [(2025, 3, "TW III")]
