"""Qt's own buttons and dialogs: Indonesian where the program knows the word, Qt's own text everywhere else."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from ui.qt_words import QtWords


def test_every_standard_button_keeps_a_text_under_the_programs_translator(qtbot):
    # GIVEN the program's translator installed, as the program installs it at start
    app = QApplication.instance()
    words = QtWords(app)
    app.installTranslator(words)
    try:
        buttons = (
            QMessageBox.StandardButton.Ok,
            QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Yes,
            QMessageBox.StandardButton.Abort,
            QMessageBox.StandardButton.Retry,
        )
        box = QMessageBox(QMessageBox.Icon.Information, "Judul", "Isi")
        for button in buttons:
            box.addButton(button)
        qtbot.addWidget(box)
        texts = {button: box.button(button).text() for button in buttons}
    finally:
        app.removeTranslator(words)
    # THEN the known words are Indonesian and no button is left blank (an unknown word keeps Qt's text)
    assert texts[QMessageBox.StandardButton.Ok] == "OK"
    assert texts[QMessageBox.StandardButton.Close] == "Tutup"
    assert texts[QMessageBox.StandardButton.Yes] == "&Ya"
    assert all(text.strip() for text in texts.values()), texts
