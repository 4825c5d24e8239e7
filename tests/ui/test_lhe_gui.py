"""Issue 16 §3 through the real widgets on a copy of the demo office: the Admin Data records an LHE of the
Kementerian PANRB with three rekomendasi on the "LHE dan TL LHE" page; the Sekretaris sets a RATL for each; one PJ
finds hers in "Menunggu Anda" and reports it done with a bukti file; the Camat is told the matrix waits for him,
marks it checked and saves the matrix as PDF, which reads final with every RATL, PJ, status and bukti.

Set SAKIP_SHOTS to a folder to keep a PNG of every screen."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from sakip_desktop.ops.lhe.views import lhe_detail
from sakip_desktop.ops.monitoring.follow_ups import DONE
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.lhe.dialogs import LheDialog, RatlDialog, RecommendationDialog
from ui.lhe.page import LhePage
from ui.monitoring.follow_up_dialog import FollowUpDialog
from ui.role_tab import RoleTab
from ui.widgets.forms import select_data, set_date

DAY = dt.date(2025, 10, 20)  # nobody is acting for anyone that day
SHOTS = os.environ.get("SAKIP_SHOTS")
RECS = (
    "Menyelaraskan indikator kinerja kecamatan dengan IKU kabupaten.",
    "Melengkapi bukti dukung pengukuran kinerja triwulanan.",
    "Memanfaatkan hasil evaluasi internal untuk perbaikan perencanaan.",
)


def context_for(db: Database, username: str) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)


def role_tab(qtbot, ctx: AppContext, role: str) -> RoleTab:
    grant = next(g for g in ctx.actor.grants if g.role.value == role)
    tab = RoleTab(ctx, grant)
    qtbot.addWidget(tab)
    tab.resize(1280, 820)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def open_lhe_tool(qtbot, tab: RoleTab) -> LhePage:
    titles = [tab.tools.tabText(i) for i in range(tab.tools.count())]
    assert "LHE dan TL LHE" in titles, titles
    tab.tools.setCurrentIndex(titles.index("LHE dan TL LHE"))
    page = tab.cycle_pages["LHE dan TL LHE"].ensure_built()
    qtbot.waitUntil(page.isVisible)
    assert isinstance(page, LhePage)
    return page


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"lhe_{name}.png"))


def choose_kemenpan(page: LhePage) -> None:
    index = next(i for i in range(page.choice.count()) if "Kementerian PANRB" in page.choice.itemText(i))
    page.choice.setCurrentIndex(index)


def select_row(page: LhePage, number: int) -> None:
    rows = page.model.rows()
    page.table.selectRow(next(n for n, r in enumerate(rows) if r.rec.number == number and r.first))


def test_an_lhe_flows_from_the_letter_to_the_printed_matrix(qtbot, demo_db, modals: Modals, tmp_path):
    # GIVEN the Admin Data on the "LHE dan TL LHE" page, where the demo's Inspektorat LHE is listed
    admin = role_tab(qtbot, context_for(demo_db, "admin_data"), "ADMIN_DATA")
    page = open_lhe_tool(qtbot, admin)
    assert page.choice.count() == 1 and "Inspektorat atas tahun 2024" in page.choice.itemText(0)

    def letter(dialog: QWidget) -> None:
        assert isinstance(dialog, LheDialog)
        select_data(dialog.evaluator, "KEMENPAN")
        dialog.number.setText("B/1234/AA.05/2025")
        set_date(dialog.letter_date, dt.date(2025, 6, 2))
        dialog.year.setValue(2024)
        dialog.score.setText("101")  # a typing slip: refused inside the dialog
        dialog.save_button.click()
        assert "di luar 0–100" in dialog.problem_text()
        dialog.score.setText("71,3")
        dialog.save_button.click()

    # WHEN she records the letter and its three rekomendasi
    modals.answer(letter)
    page.buttons["new"].click()
    qtbot.waitUntil(lambda: modals.pending == 0)
    assert "Kementerian PANRB" in page.choice.currentText()
    for text in RECS:

        def rec(dialog: QWidget, text: str = text) -> None:
            assert isinstance(dialog, RecommendationDialog)
            dialog.text.setPlainText(text)
            dialog.save_button.click()

        modals.answer(rec)
        page.buttons["rec_add"].click()
        qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN the matrix lists them, each without RATL, and says why it is still a DRAF
    assert [r.rec.text for r in page.model.rows()] == list(RECS)
    assert "BB (Sangat Baik)" in page.info.text() and "Rekomendasi nomor 1 belum memiliki RATL" in page.info.text()
    assert not page.buttons["ratl_add"].isEnabled()  # the Admin Data sets no RATL
    shot(admin, "1_admin_data")

    # WHEN the Sekretaris sets a RATL for each, with its PJ
    sekcam_tab = role_tab(qtbot, context_for(demo_db, "sekcam"), "SEKRETARIS")
    sek_page = open_lhe_tool(qtbot, sekcam_tab)
    choose_kemenpan(sek_page)
    people = {u: actor_for(demo_db, u, DAY).person_id for u in ("kasi_kesos", "kasi_ekbang", "kasi_trantib")}
    for number, username in enumerate(people, start=1):

        def ratl(dialog: QWidget, number: int = number, username: str = username) -> None:
            assert isinstance(dialog, RatlDialog)
            dialog.action.setPlainText(f"RATL {number} untuk rekomendasi {number}.")
            select_data(dialog.person, people[username])
            set_date(dialog.due, dt.date(2025, 12, 15))
            dialog.save_button.click()

        modals.answer(ratl)
        select_row(sek_page, number)
        sek_page.buttons["ratl_add"].click()
        qtbot.waitUntil(lambda: modals.pending == 0)
    assert all(r.action is not None for r in sek_page.model.rows())
    shot(sekcam_tab, "2_sekretaris_ratl")

    # THEN the Kasi Kesos finds hers in "Menunggu Anda", named by its LHE, and reports it done with a bukti
    kesos = role_tab(qtbot, context_for(demo_db, "kasi_kesos"), "KASI")
    mine = [f for f in kesos.follow_ups.items() if f.lhe_recommendation_id is not None]
    assert [f.meeting_title for f in mine] == ["Rekomendasi LHE Kementerian PANRB atas tahun 2024"]
    bukti = tmp_path / "bukti_penyelarasan.pdf"
    bukti.write_bytes(b"%PDF-1.4 bukti penyelarasan IKU")

    def report(dialog: QWidget) -> None:
        assert isinstance(dialog, FollowUpDialog)
        dialog.add_evidence(bukti)
        select_data(dialog.status, DONE)
        dialog.note.setPlainText("Indikator sudah diselaraskan.")
        dialog.save_button.click()

    modals.answer(report)
    kesos.follow_ups.view.selectRow([f.id for f in kesos.follow_ups.items()].index(mine[0].id))
    kesos.follow_ups.view.activated.emit(kesos.follow_ups.view.currentIndex())
    qtbot.waitUntil(lambda: modals.pending == 0)

    # WHEN the Camat opens his tab THEN "Menunggu Anda" says the matrix waits for his check and opens it
    camat = role_tab(qtbot, context_for(demo_db, "camat"), "CAMAT")
    wanted = "Matriks TL LHE Kementerian PANRB 2024 menunggu pemeriksaan Anda"
    found = [b for b in camat.waiting.buttons if wanted in b.text()]
    assert found, [b.text() for b in camat.waiting.buttons]
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)
    assert camat.tools.tabText(camat.tools.currentIndex()) == "LHE dan TL LHE"
    cam_page = open_lhe_tool(qtbot, camat)
    choose_kemenpan(cam_page)
    first = cam_page.model.rows()[0]
    assert first.action is not None and first.action.status == DONE and "bukti_penyelarasan.pdf" in first.evidence
    # WHEN he marks it checked and saves the matrix as PDF
    cam_page.buttons["review"].click()
    assert "tercetak final" in cam_page.info.text() and not cam_page.buttons["review"].isEnabled()
    shot(camat, "3_camat_matrix")
    out = tmp_path / "matriks.pdf"
    cam_page.ask_path = lambda *_: out
    cam_page.open_after = False
    modals.stop()  # the "Mohon tunggu" box of a slow build is no window to answer
    assert cam_page.make_pdf() == out
    # THEN the PDF is final, with the three RATL, their PJ, the done one's bukti and the Camat's signature
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "DRAF" not in text and "Kementerian PANRB" in text
    for expected in (
        "RATL 1 untuk rekomendasi 1.",
        "RATL 3 untuk rekomendasi 3.",
        "Bukti: bukti_penyelarasan.pdf",
        "Selesai (100%): Indikator sudah diselaraskan.",
        "Belum dimulai (0%)",
        "CAMAT CONTOH",
    ):
        assert expected in text, expected
    lhe_id = cam_page.choice.currentData()
    assert lhe_detail(demo_db, lhe_id, DAY).final
