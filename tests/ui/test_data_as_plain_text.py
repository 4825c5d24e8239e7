"""Data is shown exactly as typed, never as markup: an office, indicator or person name holding HTML tags shows the
tags themselves (no font change, no local image loaded) on the login, in the targets panel, on the telaah and the
meeting discussion, in the status bar and anywhere else a label of the main window shows it."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.monitoring.evaluation_views import list_meetings
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.planning.views import planning_tree
from ui.context import AppContext
from ui.errors import show_error
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.monitoring.meeting_tabs import DiscussionTab
from ui.monitoring.review_page import ReviewPage
from ui.planning.targets import TargetsPanel
from ui.role_tab import RoleTab

HOSTILE = '<font size=80>X</font><img src="/etc/x.png">&amp; <b>tebal</b>'
DAY = dt.date(2025, 10, 20)


def shown(label: QLabel) -> str:
    """What a person reads on `label`: its text, or the text its HTML renders to."""
    text, fmt = label.text(), label.textFormat()
    if fmt == Qt.TextFormat.PlainText or (fmt == Qt.TextFormat.AutoText and not QtGui.mightBeRichText(text)):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _rename(db, *, office: bool = False, indicator: str | None = None, person: str | None = None) -> None:
    conn = sqlite3.connect(db.path)
    with conn:
        if office:
            conn.execute("UPDATE office SET name = ?", (HOSTILE,))
        if indicator:
            conn.execute("UPDATE indicator SET name = ? WHERE code = ?", (f"{HOSTILE} {indicator}", indicator))
        if person:
            conn.execute(
                "UPDATE person SET name = ? WHERE id = (SELECT person_id FROM account WHERE username = ?)",
                (HOSTILE, person),
            )
    conn.close()


def context_for(db, username: str) -> AppContext:
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)


def test_the_login_shows_the_office_name_as_typed(qtbot, demo_db):
    # GIVEN an office whose name holds markup
    _rename(demo_db, office=True)
    # WHEN the login dialog opens
    dialog = LoginDialog(demo_db, get_profile(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    # THEN the name is shown literally, the tags included
    assert f"Kecamatan {HOSTILE}" in shown(dialog.title)
    assert shown(dialog.title).splitlines()[0] == f"Kecamatan {HOSTILE}"


def test_the_targets_panel_shows_the_indicator_name_as_typed(qtbot, demo_db):
    # GIVEN IK04 renamed with markup
    _rename(demo_db, indicator="IK04")
    ik04 = next(
        i for p in planning_tree(demo_db) for g in p.goals for o in g.objectives for i in o.indicators
        if i.code == "IK04"
    )  # fmt: skip
    # WHEN the Kasubag Perencanaan's targets panel shows it
    panel = TargetsPanel(context_for(demo_db, "kasubag_renkeu"))
    qtbot.addWidget(panel)
    panel.show_indicator(ik04)
    # THEN the title reads the name exactly
    assert shown(panel.title) == f"IK04 — {HOSTILE} IK04"


def test_the_telaah_and_the_meeting_discussion_show_the_indicator_name_as_typed(qtbot, demo_db):
    # GIVEN IK09 renamed with markup
    _rename(demo_db, indicator="IK09")
    # WHEN the Tim SAKIP chooses it on the Pemantauan page
    review = ReviewPage(context_for(demo_db, "analis_kebijakan"))
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: review.model.rowCount() > 0)
    codes = [review.model.index(r, 0).data() for r in range(review.model.rowCount())]
    review.table.selectRow(codes.index("IK09"))
    # THEN the subject is the name as typed
    assert shown(review.subject) == f"IK09 {HOSTILE} IK09"
    # AND the same in the discussion tab of the demo's evaluation meeting
    meeting = list_meetings(demo_db, 2025)[0]
    discussion = DiscussionTab(context_for(demo_db, "sekcam"), meeting.id, lambda: None)
    qtbot.addWidget(discussion)
    discussion.reload()
    discussion.show()
    codes = [discussion.model.index(r, 0).data() for r in range(discussion.model.rowCount())]
    discussion.table.selectRow(codes.index("IK09"))
    assert shown(discussion.subject) == f"IK09 {HOSTILE} IK09"


def _labels(widget: QWidget) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if label.text()]


def test_no_label_of_the_camats_window_obeys_markup_in_the_data(qtbot, demo_db):
    # GIVEN the office, the Camat and an indicator all named with markup
    _rename(demo_db, office=True, indicator="IK09", person="camat")
    # WHEN the Camat's window opens and every tool of his tab is built
    win = MainWindow(context_for(demo_db, "camat"), get_profile(demo_db))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    tab = win.tabs.currentWidget()
    assert isinstance(tab, RoleTab)
    for i in range(tab.tools.count()):
        tab.tools.setCurrentIndex(i)
        qtbot.wait(5)
    # THEN the status bar shows the office's and his own name as typed
    assert shown(win.office_label) == f"Kecamatan {HOSTILE}"
    assert shown(win.user_label).startswith(HOSTILE)
    # AND no label anywhere renders the data's tags: each shows them, or does not show that data at all
    holding = [label for label in _labels(win) if "font size=80" in label.text()]
    assert len(holding) >= 3  # at least the status bar's office and person, and a page that names one of them
    for label in holding:
        assert "<font size=80>X</font>" in shown(label), label.text()


def test_an_error_naming_data_is_shown_as_typed(qtbot, monkeypatch):
    # GIVEN a refusal that quotes what was typed
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    # WHEN it is shown
    show_error(None, ValidationError(f"Nama pengguna '{HOSTILE}' sudah dipakai."))
    # THEN the message box shows it as plain text
    (box,) = boxes
    assert box.textFormat() == Qt.TextFormat.PlainText and HOSTILE in box.text()
