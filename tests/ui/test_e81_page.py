"""The Formulir E.81 screen (issue 15 §1): the Tim SAKIP reviews the drafted faktor and tindak lanjut rows, saves
them and prints the form, which carries the saved text; a Kasi outside the Tim may read but not save; the
settings screen holds the Bappeda official who signs "Dievaluasi"."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from sakip_desktop.ops.e81.notes import e81_notes
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_settings
from ui.context import AppContext
from ui.documents.e81_page import E81Page
from ui.tools import tools_for

DAY = dt.date(2025, 10, 10)


def _page(qtbot, db, username: str) -> E81Page:
    ctx = AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)
    page = E81Page(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.open_after = False
    return page


def test_the_tim_sakip_saves_the_rows_and_prints_the_form_with_them(qtbot, demo_db, tmp_path):
    page = _page(qtbot, demo_db, "analis_kebijakan")
    page.show()
    # GIVEN TW III shown with its drafts, nothing saved: the screen says why the form is still a DRAF
    assert page.chosen == (2025, 3)
    drafts = {n.key: n.draft for n in e81_notes(demo_db, 2025, 3)}
    assert page.edits["pendorong"].toPlainText() == drafts["pendorong"] != ""
    assert "Masih tercetak DRAF" in page.state.text() and "Faktor pendorong" in page.state.text()
    page.grab().save(str(tmp_path / "e81_page.png"))
    # WHEN the Tim SAKIP rewrites the faktor pendorong and saves
    page.edits["pendorong"].setPlainText("Koordinasi Seksi dan desa berjalan rutin setiap bulan.")
    page.save_button.click()
    # THEN the four rows are stored in her name and the screen says so
    saved = e81_notes(demo_db, 2025, 3)
    assert all(n.is_saved for n in saved)
    assert saved[0].text == "Koordinasi Seksi dan desa berjalan rutin setiap bulan."
    assert "Disimpan oleh" in page.marks["pendorong"].text()
    assert "Faktor pendorong" not in page.state.text()  # only the approvals are left
    # AND the PDF made from the screen prints the saved text, and the .xlsx holds one sheet
    page.ask_path = lambda title, name, filt: tmp_path / name
    pdf = page.make_pdf()
    assert pdf is not None and pdf.exists()
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Koordinasi Seksi dan desa berjalan rutin setiap bulan." in " ".join(text.split())
    xlsx = page.make_xlsx()
    assert xlsx is not None and Path(xlsx).stat().st_size > 0


def test_a_kasi_outside_the_tim_reads_but_cannot_save(qtbot, demo_db):
    page = _page(qtbot, demo_db, "kasi_ekbang")
    assert page.edits["pendorong"].isReadOnly() and not page.save_button.isEnabled()


def test_the_screen_is_a_tool_of_the_tim_sakip_and_the_kasubag_perencanaan(demo_db):
    from sakip_desktop.domain.roles import Role
    from sakip_desktop.ops.base import RoleGrant

    for role in (Role.TIM_SAKIP, Role.KASUBAG_PERENCANAAN):
        assert "Formulir E.81" in [t.title for t in tools_for(RoleGrant(role))]
    assert "Formulir E.81" not in [t.title for t in tools_for(RoleGrant(Role.KASI))]


def test_the_settings_screen_keeps_the_bappeda_official(qtbot, demo_db):
    from ui.settings.general_page import GeneralPage

    ctx = AppContext(db=demo_db, actor=actor_for(demo_db, "kasubag_renkeu", DAY), year=2025, quarter=3)
    page = GeneralPage(ctx)
    qtbot.addWidget(page)
    page.e81["e81_evaluator_name"].setText("Dra. Ratna Sari")
    page.e81["e81_evaluator_nip"].setText("197001011995032001")
    assert page.save()
    stored = get_settings(demo_db)
    assert (stored.e81_evaluator_name, stored.e81_evaluator_nip) == ("Dra. Ratna Sari", "197001011995032001")
