"""Pemantauan and evaluasi through the real widgets on a copy of the demo office: the Tim writes a telaah, the
Sekretaris a rekomendasi, the Camat accepts it; a meeting is created with a tindak lanjut for a Kasi, which waits
in that Kasi's "Menunggu Anda" and, once overdue, in the Camat's; the Kasi reports it done.

Set SAKIP_SHOTS to a folder to keep a PNG of every screen."""

# Fixtures are imported from the fixture modules, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import Modals, modals  # noqa: F401  (fixture)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from sakip_desktop.ops.monitoring.evaluation_views import list_meetings
from sakip_desktop.ops.monitoring.follow_up_views import follow_ups_for, overdue_follow_ups
from sakip_desktop.ops.monitoring.follow_ups import DONE
from sakip_desktop.ops.monitoring.telaah import ACCEPTED, monitoring_sheet, recommendations
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.monitoring.follow_up_dialog import FollowUpDialog, FollowUpEditDialog
from ui.monitoring.meetings_page import MeetingEditor, NewMeetingDialog
from ui.monitoring.recommendation_page import RecommendationDialog
from ui.role_tab import RoleTab
from ui.widgets.dialogs import ReasonDialog
from ui.widgets.forms import select_data, set_date

DAY = dt.date(2025, 10, 20)  # TW III 2025 is monitored in October; nobody is acting for anyone that day
SHOTS = os.environ.get("SAKIP_SHOTS")


def context_for(db: Database, username: str, today: dt.date = DAY) -> AppContext:
    """`username` logged in on `today`, working on TW III 2025."""
    return AppContext(db=db, actor=actor_for(db, username, today), year=2025, quarter=3, today=lambda: today)


def role_tab(qtbot, ctx: AppContext, role: str) -> RoleTab:
    grant = next(g for g in ctx.actor.grants if g.role.value == role)
    tab = RoleTab(ctx, grant)
    qtbot.addWidget(tab)
    tab.resize(1280, 820)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def open_tool(qtbot, tab: RoleTab, title: str) -> QWidget:
    titles = [tab.tools.tabText(i) for i in range(tab.tools.count())]
    assert title in titles, titles
    tab.tools.setCurrentIndex(titles.index(title))
    page = tab.cycle_pages[title].ensure_built()
    qtbot.waitUntil(page.isVisible)
    QTest.qWait(10)  # the page reads its data when first shown
    return page


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QTest.qWait(20)
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def select_code(table, code: str) -> None:
    model = table.model()
    codes = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert code in codes, codes
    table.selectRow(codes.index(code))


def test_tim_telaah_sekretaris_recommends_camat_accepts(qtbot, demo_db, modals: Modals):
    # GIVEN the Tim SAKIP member's tab on TW III 2025
    tim = role_tab(qtbot, context_for(demo_db, "analis_kebijakan"), "TIM_SAKIP")
    page = open_tool(qtbot, tim, "Pemantauan")
    # WHEN she chooses IK09, writes a telaah beside its capaian and saves
    select_code(page.table, "IK09")
    assert "IK09" in page.subject.text()
    page.text.setPlainText("Gangguan trantib turun; patroli malam efektif.")
    page.save_button.click()
    shot(tim, "1_telaah")
    # THEN it is stored and shown in the table
    [row] = [r for r in monitoring_sheet(demo_db, 2025, 3) if r.measurement.info.code == "IK09"]
    assert row.text == "Gangguan trantib turun; patroli malam efektif."
    assert "tersimpan" in page.message.text()

    # GIVEN the Sekretaris's Rekomendasi page
    sek = role_tab(qtbot, context_for(demo_db, "sekcam"), "SEKRETARIS")
    recs = open_tool(qtbot, sek, "Rekomendasi")

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, RecommendationDialog)
        select_data(dialog.indicator, row.indicator_id)
        dialog.text.setPlainText("Pertahankan patroli malam bersama Polsek.")
        dialog.save_button.click()

    # WHEN she writes a rekomendasi for IK09
    modals.answer(write)
    recs.actions["Tulis rekomendasi…"].click()
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN it is listed as waiting for the Camat
    [rec] = recommendations(demo_db, 2025, 3)
    assert rec.subject.startswith("IK09") and rec.status_label == "Diajukan"
    assert recs.model.rowCount() == 1

    # GIVEN the Camat's Rekomendasi page
    camat = role_tab(qtbot, context_for(demo_db, "camat"), "CAMAT")
    decide = open_tool(qtbot, camat, "Rekomendasi")
    assert "Tulis rekomendasi…" not in decide.actions
    decide.table.selectRow(0)

    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, ReasonDialog)
        dialog.text_edit.setPlainText("Setuju.")
        dialog.save_button.click()

    # WHEN he accepts it with a note
    modals.answer(accept)
    decide.actions["Terima…"].click()
    qtbot.waitUntil(lambda: modals.pending == 0)
    shot(camat, "2_camat_accepts")
    # THEN it is accepted, and the Sekretaris's page (read again: she works on another computer) lets her
    # make a tindak lanjut of it
    [rec] = recommendations(demo_db, 2025, 3)
    assert (rec.status, rec.decision_note, rec.decided_by) == (ACCEPTED, "Setuju.", camat.ctx.actor.name)
    recs.refresh()
    recs.table.selectRow(0)
    assert recs.actions["Jadikan tindak lanjut…"].isEnabled()
    assert not recs.actions["Ubah…"].isEnabled()


def test_meeting_follow_up_waits_in_kasi_inbox_and_overdue_in_camat(qtbot, demo_db, modals: Modals):
    # GIVEN the Sekretaris's "Evaluasi kinerja" page
    sek_ctx = context_for(demo_db, "sekcam")
    sek = role_tab(qtbot, sek_ctx, "SEKRETARIS")
    page = open_tool(qtbot, sek, "Evaluasi kinerja")
    assert page.model.rowCount() == 1  # the demo's TW II meeting
    kasi_pem = actor_for(demo_db, "kasi_pem", DAY)
    due = DAY + dt.timedelta(days=10)

    def new_meeting(dialog: QWidget) -> None:
        assert isinstance(dialog, NewMeetingDialog)
        select_data(dialog.form.kind, "QUARTER")
        dialog.form.number.setValue(3)
        set_date(dialog.form.held_on, dt.date(2025, 10, 15))
        dialog.accept()

    def editor(dialog: QWidget) -> None:
        assert isinstance(dialog, MeetingEditor)
        # the discussion tab lists every indicator with its TW III capaian
        assert dialog.discussion.model.rowCount() == 12
        dialog.tabs.setCurrentIndex(3)
        dialog.follow_ups.add_button.click()  # the next handler answers the tindak lanjut dialog
        assert dialog.follow_ups.model.rowCount() == 1
        shot(dialog, "3_meeting_follow_ups")
        dialog.reject()

    def follow_up(dialog: QWidget) -> None:
        assert isinstance(dialog, FollowUpEditDialog)
        dialog.action.setPlainText("Membina dua desa yang administrasinya belum tertib.")
        select_data(dialog.person, kasi_pem.person_id)
        set_date(dialog.due, due)
        dialog.save_button.click()

    # WHEN she creates a TW III meeting and, in its editor, a tindak lanjut for the Kasi Pemerintahan
    for handler in (new_meeting, editor, follow_up):
        modals.answer(handler)
    page.new_button.click()
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN the meeting is listed and the tindak lanjut is stored
    assert page.model.rowCount() == 2
    meeting = next(m for m in list_meetings(demo_db, 2025) if m.period_no == 3)
    assert meeting.follow_ups == 1
    [mine] = follow_ups_for(demo_db, kasi_pem.person_id, DAY)

    # AND it waits in the Kasi Pemerintahan's "Menunggu Anda"
    kasi = role_tab(qtbot, context_for(demo_db, "kasi_pem"), "KASI")
    assert [f.id for f in kasi.follow_ups.items()] == [mine.id]
    assert kasi.follow_ups.isVisible()
    shot(kasi, "4_kasi_inbox")
    # AND the Camat sees only the demo's overdue one before the due date...
    camat = role_tab(qtbot, context_for(demo_db, "camat"), "CAMAT")
    assert mine.id not in [f.id for f in camat.follow_ups.items()]
    assert [f.responsible for f in camat.follow_ups.items()] == ["Ir. Bambang Setiawan"]
    # ... and this one too once its due date has passed
    late_day = due + dt.timedelta(days=1)
    late_camat = role_tab(qtbot, context_for(demo_db, "camat", late_day), "CAMAT")
    assert mine.id in [f.id for f in late_camat.follow_ups.items()]
    assert mine.id in [f.id for f in overdue_follow_ups(demo_db, late_day)]
    assert "melewati batas waktu" in late_camat.follow_ups.title.text()
    shot(late_camat, "5_camat_overdue")

    def report(dialog: QWidget) -> None:
        assert isinstance(dialog, FollowUpDialog)
        select_data(dialog.status, DONE)
        assert dialog.progress.value() == 100
        dialog.note.setPlainText("Kedua desa sudah dibina pada 22 Oktober 2025.")
        dialog.save_button.click()

    # WHEN the Kasi opens it from the inbox (Enter on the row) and reports it done
    modals.answer(report)
    kasi.follow_ups.view.selectRow(0)
    kasi.follow_ups.view.activated.emit(kasi.follow_ups.view.currentIndex())
    qtbot.waitUntil(lambda: modals.pending == 0)
    # THEN it leaves his inbox
    assert follow_ups_for(demo_db, kasi_pem.person_id, DAY) == []
    assert kasi.follow_ups.items() == [] and not kasi.follow_ups.isVisible()


def test_only_the_responsible_person_may_report_in_the_dialog(qtbot, demo_db):
    # GIVEN the Camat opening the Kasi Ekbang's overdue tindak lanjut
    ctx = context_for(demo_db, "camat")
    overdue = overdue_follow_ups(demo_db, DAY)[0]
    dialog = FollowUpDialog(ctx, overdue.id)
    qtbot.addWidget(dialog)
    dialog.show()
    # THEN he reads it but cannot report or add bukti
    assert not dialog.save_button.isVisible()
    assert not dialog.status.isEnabled() and not dialog.add_button.isEnabled()
    # AND the Kasi Ekbang himself can
    own = FollowUpDialog(context_for(demo_db, "kasi_ekbang"), overdue.id)
    qtbot.addWidget(own)
    own.show()
    assert own.save_button.isVisible() and own.add_button.isEnabled()


def test_buka_opens_a_copy_of_the_follow_up_bukti(qtbot, demo_db, monkeypatch, tmp_path):
    # GIVEN the Kasi Ekbang's overdue tindak lanjut with a bukti file he added
    from PySide6.QtGui import QDesktopServices

    from sakip_desktop.ops.monitoring.follow_ups import add_follow_up_evidence

    ctx = context_for(demo_db, "kasi_ekbang")
    overdue = overdue_follow_ups(demo_db, DAY)[0]
    data = b"%PDF-1.4 notulen tindak lanjut"
    add_follow_up_evidence(demo_db, ctx.actor, overdue.id, "notulen.pdf", data)
    dialog = FollowUpDialog(ctx, overdue.id)
    qtbot.addWidget(dialog)
    dialog.show()
    opened: list[Path] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(Path(url.toLocalFile()))))
    # WHEN he chooses the file and presses "Buka"
    dialog.evidence.table.selectRow(0)
    dialog.evidence.open_button.click()
    # THEN the computer's program gets a copy with the same bytes and name, in the tindak lanjut's own folder
    assert [p.read_bytes() for p in opened] == [data]
    assert opened[0].name == "notulen.pdf" and opened[0].parent.name.startswith("tindak_lanjut_")
