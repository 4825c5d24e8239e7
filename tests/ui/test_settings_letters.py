"""Pengaturan › Surat keluar, and sifat / lampiran / tembusan in the register-a-letter dialog."""

from __future__ import annotations

import datetime as dt

from _settings_fixtures import ctx  # noqa: F401  (fixture)
from PySide6.QtCore import Qt

from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.letters import LetterInput, LetterSettings, get_letter, letter_settings, register_letter
from sakip_desktop.ops.monitoring.minutes import team_decree
from ui.documents.registers import LetterDialog
from ui.settings import SettingsTab
from ui.settings.letters_page import LettersSettingsPage


def test_the_page_shows_the_next_number_live_and_refuses_a_bad_format(qtbot, ctx) -> None:  # noqa: F811
    # GIVEN one letter already registered in 2025 and the Pengaturan › Surat keluar page
    register_letter(ctx.db, SYSTEM, LetterInput(dt.date(2025, 8, 1), "Bupati Contoh", "Laporan TW II"))
    tabs = SettingsTab(ctx)
    qtbot.addWidget(tabs)
    tabs.build()  # as when the Pengaturan tab is first shown
    page = tabs.letters_page
    assert isinstance(page, LettersSettingsPage)
    assert tabs.tabText(tabs.indexOf(page)) == "Surat keluar"
    # THEN it shows the stored format and office code (the demo office's: as its PKs) and the example of the next
    # number (1 and 2 of 2025 are the demo's berita acara and surat pengantar, 3 the letter above)
    assert page.agenda_format.text() == "000.8/{seq:03d}/{kode}/{tahun}"
    assert page.example.text() == "000.8/004/35.99.01/2025"
    # WHEN the administrator types another format and code THEN the example follows at once (nothing saved yet)
    page.agenda_format.clear()
    qtbot.keyClicks(page.agenda_format, "005/{seq:03d}/{kode}/{bulan}/{tahun}")
    page.office_code.setText("35.99.01")
    assert page.example.text() == "005/004/35.99.01/VIII/2025"
    assert letter_settings(ctx.db).agenda_format == "000.8/{seq:03d}/{kode}/{tahun}"
    # WHEN an unknown placeholder is typed THEN the example line says which one
    page.agenda_format.setText("005/{nomor}/{tahun}")
    assert "Isian {nomor}" in page.example.text()
    # AND Enter (save) shows the message in red on the page, keeps the stored format and focuses the field
    tabs.setCurrentWidget(page)
    tabs.show()
    qtbot.keyClick(page.agenda_format, Qt.Key.Key_Return)
    assert page.error.isVisible() and "Isian {nomor}" in page.error.text()
    assert letter_settings(ctx.db).agenda_format == "000.8/{seq:03d}/{kode}/{tahun}"
    # WHEN a format without {seq} is saved THEN it is refused too
    page.agenda_format.setText("005/{kode}/{tahun}")
    assert page.save() is False and "{seq}" in page.error.text()
    # WHEN a good format is saved THEN it is stored, the message cleared and confirmed
    page.agenda_format.setText("005/{seq}/{kode}/{tahun}")
    assert page.save() is True
    assert letter_settings(ctx.db) == LetterSettings("005/{seq}/{kode}/{tahun}", "35.99.01")
    assert not page.error.isVisible() and page.saved.isVisible()
    tabs.resize(1000, 500)
    tabs.grab().save("/tmp/h12/settings_letters.png")
    # AND the next letter registered gets that number
    nxt = register_letter(ctx.db, ctx.actor, LetterInput(dt.date(2025, 8, 13), "Bupati Contoh", "Laporan"))
    assert nxt.agenda_number == "005/4/35.99.01/2025"


def test_the_letter_dialog_keeps_sifat_lampiran_and_tembusan(qtbot, ctx) -> None:  # noqa: F811
    # GIVEN the register-a-letter dialog
    dialog = LetterDialog(ctx)
    qtbot.addWidget(dialog)
    # WHEN the letter is marked Penting, with 3 eksemplar attached and two copies, and saved
    dialog.subject.setText("Penyampaian Perjanjian Kinerja Tahun 2025")
    dialog.nature.setCurrentText("Penting")
    dialog.attachment_count.setValue(3)
    dialog.attachment_what.setText("eksemplar")
    dialog.copies.setPlainText("Sekretaris Daerah Kabupaten Contoh\n\nInspektur Kabupaten Contoh\n")
    dialog.grab().save("/tmp/h12/letter_dialog.png")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    # THEN the register holds them as typed
    letter = get_letter(ctx.db, dialog.saved_id)
    assert (letter.nature, letter.attachment) == ("Penting", "3 (tiga) eksemplar")
    assert letter.copies_to == ("Sekretaris Daerah Kabupaten Contoh", "Inspektur Kabupaten Contoh")
    # WHEN no attachment is chosen THEN the description is greyed out and the Lampiran line is '-'
    again = LetterDialog(ctx)
    qtbot.addWidget(again)
    again.attachment_count.setValue(0)
    assert not again.attachment_what.isEnabled() and again.attachment_text() == "-"
    assert again.attachment_count.text() == "tidak ada"


def test_the_page_keeps_the_number_of_the_keputusan_on_the_tim_sakip(qtbot, ctx) -> None:  # noqa: F811
    # GIVEN the Pengaturan › Surat keluar page of the demo office (its Keputusan Camat on the Tim SAKIP is set)
    page = LettersSettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.team_decree.text() == "188.4/05/35.99.01/2025"
    # WHEN the administrator types another number and presses Enter THEN it is stored, spaces tidied
    page.team_decree.setText(" 188.4/07/35.99.01/2025 ")
    qtbot.keyClick(page.team_decree, Qt.Key.Key_Return)
    assert team_decree(ctx.db) == "188.4/07/35.99.01/2025"
    # WHEN the field is emptied and saved THEN the office has none (the berita acara leaves the line out)
    page.team_decree.clear()
    assert page.save() is True and team_decree(ctx.db) == ""
