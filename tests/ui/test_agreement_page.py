"""The Perjanjian Kinerja screen with real widgets on a copy of the demo office: the Kasubag Perencanaan prepares
the Seksi Kesejahteraan Sosial's PK, numbers it, makes it final, starts a PK Perubahan through its dialog and
makes that final; the earlier version stays readable. The Camat's screen reads and refuses a draft with problems.

Set SAKIP_SHOTS to a folder to keep a PNG of the screens."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from _sop_fixtures import press
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableView, QWidget
from sqlalchemy import delete, select, update

from sakip_desktop.ops.agreements.pk import Status, agreement_versions, get_agreement, list_agreements
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database
from ui.agreement.dialogs import AgreementDialog, RevisionDialog
from ui.agreement.page import AgreementPage
from ui.context import AppContext
from ui.widgets.dialogs import TextDialog
from ui.widgets.table import select_where

DAY = dt.date(2025, 10, 20)  # nobody is acting for anyone that day
SHOTS = os.environ.get("SAKIP_SHOTS")
KESOS = "Seksi Kesejahteraan Sosial"


def context_for(db: Database, username: str) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def column(view: QTableView, col: int) -> list[str]:
    model = view.model()
    return [model.index(row, col).data() for row in range(model.rowCount())]


def kesos_unit(db: Database) -> int:
    with db.reading() as s:
        return s.scalars(select(m.Unit.id).where(m.Unit.name == KESOS)).one()


def without_kesos_pk(db: Database) -> int:
    """The demo office as if the Seksi Kesos had no PK 2025 yet; returns the unit id."""
    unit = kesos_unit(db)
    with db.transaction() as s:
        s.execute(delete(m.PerformanceAgreement).where(m.PerformanceAgreement.unit_id == unit))
    return unit


def test_prepare_finalise_and_revise_a_unit_pk(qtbot, demo_db, modals: Modals):
    unit = without_kesos_pk(demo_db)
    page = show(qtbot, AgreementPage(context_for(demo_db, "kasubag_renkeu"), can_prepare=True))
    # GIVEN the list of the year's PKs, where the Seksi Kesos has none
    assert column(page.list_table, 0)[0] == "Kecamatan Contoh"
    assert select_where(page.list_table, lambda r: r.unit_id == unit)
    assert column(page.list_table, 4)[column(page.list_table, 0).index(KESOS)] == "Belum dibuat"
    assert not page.finalise_button.isEnabled() and not page.revise_button.isEnabled()

    # WHEN the Kasubag prepares its draft
    click(qtbot, page.prepare_button)
    # THEN it carries the seksi's indicator and sub kegiatan, the Kasi with the Camat, and passes the checks
    assert "disusun dari data perencanaan" in page.message.text()
    assert column(page.target_table, 2) == [
        "IK12 Jumlah kegiatan pembinaan lembaga kemasyarakatan dan kesejahteraan sosial"
    ]
    assert column(page.target_table, 3) == ["20 kegiatan"]
    assert page.budget_model.rowCount() >= 1 and page.budget_total.text().startswith("<b>Jumlah: Rp")
    assert "Nur Aini Rahmawati, S.Sos." in page.header.text() and "Ardiansyah Nugroho" in page.header.text()
    assert page.problem_text.toPlainText() == "Tidak ada masalah: PK ini siap ditetapkan."
    shot(page, "pk_01_draft")

    # WHEN he gives it a number through "Ubah…"
    def number_it(dialog: QWidget) -> None:
        assert isinstance(dialog, AgreementDialog)
        dialog.number.setText("000.8.3/016/35.99.01/2025")
        shot(dialog, "pk_02_edit")
        press("Simpan")(dialog)

    modals.answer(number_it)
    click(qtbot, page.edit_button)
    assert modals.pending == 0 and "000.8.3/016/35.99.01/2025" in page.header.text()

    # WHEN he makes it final, confirming
    asked: list[str] = []
    modals.answer(lambda box: (asked.append(box.text()), press("Tetapkan")(box)))
    click(qtbot, page.finalise_button)
    # THEN it is in force and can no longer be edited
    assert asked[0].startswith("Tetapkan perjanjian kinerja tahun 2025 Seksi Kesejahteraan Sosial (versi 1)?")
    assert column(page.list_table, 4)[column(page.list_table, 0).index(KESOS)] == "Ditetapkan"
    assert not page.edit_button.isEnabled() and not page.finalise_button.isEnabled()
    assert page.revise_button.isEnabled()

    # WHEN the target changes and he starts a PK Perubahan: first without a reason, then with one
    with demo_db.transaction() as s:
        ind = s.scalars(select(m.Indicator.id).where(m.Indicator.code == "IK12")).one()
        yearly = s.scalars(select(m.YearlyTarget).where(m.YearlyTarget.indicator_id == ind)).one()
        yearly.value = 24
        s.execute(
            update(m.QuarterlyTarget)
            .where(m.QuarterlyTarget.yearly_target_id == yearly.id, m.QuarterlyTarget.quarter == 4)
            .values(value="8")
        )
    refused: list[str] = []

    def revise_it(dialog: QWidget) -> None:
        assert isinstance(dialog, RevisionDialog)
        press("Buat draf PK Perubahan")(dialog)
        refused.append(dialog.problem_text())
        assert dialog.isVisible()
        dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("STRATEGI"))
        dialog.reason.setPlainText("Tambahan kegiatan pemberdayaan dari dana kelurahan pada APBD Perubahan 2025.")
        dialog.number.setText("000.8.3/131/35.99.01/2025")
        shot(dialog, "pk_03_revision_dialog")
        press("Buat draf PK Perubahan")(dialog)

    modals.answer(revise_it)
    click(qtbot, page.revise_button)
    assert modals.pending == 0
    assert refused[0].startswith("Pilih dasar perubahan PK")
    # THEN a draft of version 2 with the new target is shown
    assert page.detail is not None and (page.detail.version, page.detail.status) == (2, Status.DRAFT)
    assert column(page.target_table, 3) == ["24 kegiatan"]
    assert "Perubahan strategi" in page.header.text()
    modals.answer(press("Tetapkan"))
    click(qtbot, page.finalise_button)
    shot(page, "pk_04_revised")

    # THEN version 2 is in force and version 1 stays readable with its old target
    versions = agreement_versions(demo_db, 2025, unit)
    assert [(v.version, v.status) for v in versions] == [(2, Status.FINAL), (1, Status.SUPERSEDED)]
    assert page.version_combo.count() == 2 and page.version_combo.isEnabled()
    page.version_combo.setCurrentIndex(1)
    assert page.detail.version == 1 and column(page.target_table, 3) == ["20 kegiatan"]
    assert "diganti perubahan" in page.header.text()
    assert not page.revise_button.isEnabled() and not page.edit_button.isEnabled()
    shot(page, "pk_05_earlier_version")
    assert modals.unexpected == []


def test_camat_reads_and_a_draft_with_problems_is_refused(qtbot, demo_db, modals: Modals):
    # GIVEN a draft PK of the Seksi Kesos whose rencana aksi no longer adds up
    unit = without_kesos_pk(demo_db)
    from sakip_desktop.ops.agreements.pk import create_agreement

    pk = create_agreement(demo_db, actor_for(demo_db, "kasubag_renkeu", DAY), 2025, unit, signed_on=DAY)
    with demo_db.transaction() as s:
        ind = s.scalars(select(m.Indicator.id).where(m.Indicator.code == "IK12")).one()
        yearly = s.scalars(select(m.YearlyTarget).where(m.YearlyTarget.indicator_id == ind)).one()
        s.execute(
            update(m.QuarterlyTarget)
            .where(m.QuarterlyTarget.yearly_target_id == yearly.id, m.QuarterlyTarget.quarter == 1)
            .values(value="9")
        )
    page = show(qtbot, AgreementPage(context_for(demo_db, "camat"), can_prepare=False))
    # THEN the Camat sees no preparing buttons, and the problem on the draft
    assert not page.prepare_button.isVisible() and not page.edit_button.isVisible()
    assert page.finalise_button.isVisible()
    select_where(page.list_table, lambda r: r.unit_id == unit)
    assert "IK12: jumlah target TW I–IV = 25" in page.problem_text.toPlainText()
    shot(page, "pk_06_camat_problems")
    # WHEN the Camat presses "Tetapkan…" anyway
    listing: list[str] = []

    def read(window: QWidget) -> None:
        assert isinstance(window, TextDialog)
        listing.append(window.findChildren(QLabel)[0].text() + "\n" + window.text.toPlainText())
        press("Tutup")(window)

    modals.answer(read)  # (issue 13: no "Tetapkan?" question first; the problems are what he is told)
    click(qtbot, page.finalise_button)
    # THEN the refusal lists the problem at once, and the PK stays a draft
    assert modals.pending == 0
    assert listing[0].startswith("PK 2025 versi 1 belum dapat ditetapkan:")
    assert "- IK12: jumlah target TW I–IV = 25, tidak sama dengan target tahunan 20" in listing[0]
    assert get_agreement(demo_db, pk).status is Status.DRAFT
    assert [r.status for r in list_agreements(demo_db, 2025)].count(Status.DRAFT) == 1
    assert page.detail_tabs.currentIndex() == 2


def test_pengaturan_page_keeps_the_statement_and_the_bupati(qtbot, demo_db):
    from sakip_desktop.ops.agreements.pk import DEFAULT_STATEMENT, pk_settings
    from ui.agreement.settings_page import AgreementSettingsPage

    # GIVEN the PK settings page of the demo office (the demo's Bupati is filled in)
    page = show(qtbot, AgreementSettingsPage(context_for(demo_db, "kasubag_renkeu")))
    assert page.statement.toPlainText() == DEFAULT_STATEMENT
    assert page.superior.name.text() == "H. Suryo Atmojo, S.H., M.M."
    shot(page, "pk_07_settings")
    # WHEN the statement is emptied THEN saving is refused in Indonesian
    page.statement.setPlainText("  ")
    assert page.save() is False and "wajib diisi" in page.error.text()
    # WHEN a new Bupati and another wording are saved THEN new PKs will use them
    page.statement.setPlainText("Kami yang bertanda tangan di bawah ini:\n\nPihak kedua akan memberikan supervisi.")
    page.superior.name.setText("Dr. H. Bambang Wijaya, M.Si.")
    assert page.save() is True
    stored = pk_settings(demo_db)
    assert stored.superior.name == "Dr. H. Bambang Wijaya, M.Si." and stored.statement_text.endswith("supervisi.")
    # AND "Pakai teks baku" brings the regulation's text back
    click(qtbot, page.default_button)
    assert page.statement.toPlainText() == DEFAULT_STATEMENT
