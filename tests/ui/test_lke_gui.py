"""Issue 16 §1-2 through the real widgets on a copy of the demo office: the Tim SAKIP opens "Evaluasi SAKIP (LKE)",
sees the 88/2021 template with the proposals from the demo's records, the projected score, predikat and gap list;
saves the DPA date, accepts a proposal, is refused an override without a reason and then gives one, links a bukti
dukung, and saves the filled LKE; the Camat signs the year.

Set SAKIP_SHOTS to a folder to keep a PNG of every screen."""

# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import openpyxl
from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from PySide6.QtWidgets import QMessageBox, QWidget

import ui.background
from sakip_desktop.ops.lke.views import lke_view
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.lke.page import LkePage
from ui.role_tab import RoleTab
from ui.tools import LKE_TOOL
from ui.widgets.forms import set_date

DAY = dt.date(2025, 10, 15)
SHOTS = os.environ.get("SAKIP_SHOTS")


def context_for(db: Database, username: str) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)


def open_page(qtbot, ctx: AppContext, role: str) -> LkePage:
    grant = next(g for g in ctx.actor.grants if g.role.value == role)
    tab = RoleTab(ctx, grant)
    qtbot.addWidget(tab)
    tab.resize(1366, 860)
    tab.show()
    qtbot.waitExposed(tab)
    titles = [tab.tools.tabText(i) for i in range(tab.tools.count())]
    assert LKE_TOOL in titles, titles
    tab.tools.setCurrentIndex(titles.index(LKE_TOOL))
    page = tab.cycle_pages[LKE_TOOL].ensure_built()
    qtbot.waitUntil(page.isVisible)
    assert isinstance(page, LkePage)
    return page


def trenggalek(path: Path, tmp_path: Path) -> Path:
    """The exported 88/2021 workbook turned into Trenggalek's: Evaluasi 5 / 7,5 / 5 plus 'Capaian' 7,5."""
    wb = openpyxl.load_workbook(path)
    head, criteria = wb["Templat"], wb["Kriteria"]
    head["B1"], head["B2"] = "TRENGGALEK-2024", "LKE Kab. Trenggalek"
    next(r for r in criteria.iter_rows() if r[0].value == "4.c")[2].value = 5
    criteria.append(["4.d", "Capaian", 7.5, None, None])
    criteria.append(["4.d.1", "Capaian kinerja Perangkat Daerah sesuai target.", None, "AA-E", "Laporan capaian."])
    out = tmp_path / "trenggalek.xlsx"
    wb.save(out)
    return out


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.window().grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_the_tim_fills_the_lke_from_the_proposals_and_the_camat_signs(
    qtbot, demo_db, modals: Modals, tmp_path, monkeypatch
):
    monkeypatch.setattr(ui.background, "BUSY_AFTER_SECONDS", 60)  # no 'Mohon tunggu' box among the expected ones
    # GIVEN the Tim SAKIP on the demo's day, on the LKE page
    page = open_page(qtbot, context_for(demo_db, "analis_kebijakan"), "TIM_SAKIP")
    view = page.view
    assert view is not None and view.template.code == "PERMENPANRB-88-2021"
    assert page.model.rowCount() == 79 and "Predikat C (Kurang)" in page.summary.text()
    assert f"{view.proposed} dari 79 kriteria diusulkan" in page.summary.text() and view.proposed >= 27
    # the gap list is ordered by points
    gaps = [page.gaps_model.record(i).score.gap for i in range(page.gaps_model.rowCount())]
    assert gaps == sorted(gaps, reverse=True) and gaps[0] > 0
    shot(page, "lke-1-dibuka")
    # WHEN she saves the DPA date THEN the PK rule proposes Y with its reason
    set_date(page.dpa, dt.date(2025, 1, 6))
    page.dpa_button.click()
    assert page.choose("1.a.7")
    assert "Usulan program: Y. PK ditandatangani 31 Januari 2025" in page.panel.proposal.text()
    # WHEN she accepts it
    page.panel.accept_button.click()
    assert lke_view(demo_db, 2025, today=DAY).line("1.a.7").decision == "ACCEPTED"
    # WHEN she answers 1.a.8 Y against the proposal T without a reason THEN she is told to give one
    assert page.choose("1.a.8")
    page.panel.answer.setCurrentIndex(page.panel.answer.findData("Y"))
    refused: list[str] = []
    modals.answer(lambda box: (refused.append(box.text() if isinstance(box, QMessageBox) else ""), box.close()))
    page.panel.save_button.click()
    qtbot.waitUntil(lambda: modals.pending == 0)
    assert refused and "tulis alasan mengubahnya" in refused[0]
    page.panel.reason.setPlainText("PK, IKU dan Renaksi diunggah 20 Januari 2025; bukti tangkapan layar e-SAKIP")
    page.panel.save_button.click()
    assert lke_view(demo_db, 2025, today=DAY).line("1.a.8").decision == "OVERRIDDEN"
    assert "Usulan diubah" not in page.summary.text() and page.model.rowCount() == 79
    # and links a bukti dukung of a realisasi to 2.b.3
    assert page.choose("2.b.3")
    page.panel.ask_evidence = lambda choices: next((c[0], c[1]) for c in choices if c[0] == "BUKTI")
    page.panel.link_button.click()
    assert page.panel.evidence_model.rowCount() == 1
    shot(page, "lke-2-dijawab")
    # WHEN she saves the filled LKE THEN the workbook carries the answers and the program's total
    out = tmp_path / "lke-2025.xlsx"
    page.year_actions.ask_save = lambda title, name, kind: out
    page.year_actions.xlsx_button.click()
    ws = openpyxl.load_workbook(out)["LKE"]
    assert next(r for r in ws.iter_rows(min_row=6) if r[0].value == "1.a.8")[5].value == "Y"
    # AND the Camat signs the year; the Tim can no longer answer
    camat_page = open_page(qtbot, context_for(demo_db, "camat"), "CAMAT")
    camat_page.year_actions.ask_yes = lambda title, text: True
    assert camat_page.year_actions.sign_button.isVisible() and not camat_page.panel.save_button.isEnabled()
    camat_page.year_actions.sign_button.click()
    assert lke_view(demo_db, 2025, today=DAY).signed and "ditandatangani Camat" in camat_page.summary.text()
    page.reload()
    page.choose("3.c.1")
    assert not page.panel.save_button.isEnabled()
    shot(camat_page, "lke-3-ditandatangani")
    assert modals.unexpected == []


def test_a_kabupaten_template_is_imported_on_the_page_and_the_camat_unlocks_with_a_reason(
    qtbot, demo_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(ui.background, "BUSY_AFTER_SECONDS", 60)
    # GIVEN the Admin Data on the LKE page, who exports the 88/2021 template
    page = open_page(qtbot, context_for(demo_db, "admin_data"), "ADMIN_DATA")
    exported = tmp_path / "templat-88.xlsx"
    page.year_actions.ask_save = lambda title, name, kind: exported
    page.year_actions.export_template_button.click()
    # WHEN she imports the kabupaten's version (Evaluasi 5 / 7,5 / 5 + Capaian 7,5) for 2025
    page.year_actions.ask_open = lambda title: trenggalek(exported, tmp_path)
    page.year_actions.ask_yes = lambda title, text: True
    page.year_actions.import_button.click()
    # THEN the year is assessed on it: 80 criteria, the new sub-component among the parts
    assert page.view is not None and page.view.template.code == "TRENGGALEK-2024"
    assert page.model.rowCount() == 80 and "LKE Kab. Trenggalek" in page.summary.text()
    assert "4.d" in [page.parts_model.record(i).code for i in range(page.parts_model.rowCount())]
    # AND once the Camat signed, he lifts the lock only with a reason
    camat = open_page(qtbot, context_for(demo_db, "camat"), "CAMAT")
    camat.year_actions.ask_yes = lambda title, text: True
    camat.year_actions.sign_button.click()
    assert camat.year_actions.unlock_button.isEnabled()
    camat.year_actions.ask_reason = lambda action: bool(action("Templat kabupaten diganti")) or True
    camat.year_actions.unlock_button.click()
    assert not lke_view(demo_db, 2025, today=DAY).signed and "penilaian draf" in camat.summary.text()
