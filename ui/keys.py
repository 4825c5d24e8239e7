"""The keyboard everywhere: Ctrl+S presses the "Simpan" of the form being worked in, Ctrl+P the "Cetak" of the document
shown, F1 opens the help of the tool in use; in every dialog as in the main window.

The forms and dialogs keep their own buttons; these keys press the nearest of them: the one in the same form as
the focused field (looking outwards from it), visible and enabled. A dialog gets the keys when it first takes the
focus (`DialogKeys`, made once the main window is up, so start-up does not pay for it). Enter and Esc in a dialog
are Qt's own: Enter presses the dialog's default button, Esc closes it; `DialogKeys` gives a dialog without a
default button its accept button as default, so Enter never does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

SAVE_WORDS = ("Simpan",)
PRINT_WORDS = ("Cetak",)
_EQUIPPED = "sakip_keys"  # the property a dialog carries once it has the keys
_QT_OWN = {"QPrintDialog", "QPageSetupDialog", "QPrintPreviewDialog", "QColorDialog", "QFontDialog"}


def _label(button: QAbstractButton) -> str:
    return button.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _candidates(root: QWidget, words: tuple[str, ...]) -> list[QAbstractButton]:
    found = [
        b for b in root.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled() and _label(b).startswith(words)
    ]
    exact = [b for b in found if _label(b).rstrip("…") in words]  # "Simpan" before "Simpan PDF…"
    return exact + [b for b in found if b not in exact]


def nearest_button(start: QWidget, words: tuple[str, ...]) -> QAbstractButton | None:
    """The visible, enabled button labelled with one of `words` nearest to `start`, looking outwards to its window."""
    widget: QWidget | None = start
    while widget is not None:
        found = _candidates(widget, words)
        if found:
            return found[0]
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


def press(window: QWidget, words: tuple[str, ...]) -> bool:
    """Press the button of `words` nearest to the focus in `window` (or anywhere shown in it); False when none."""
    focus = QApplication.focusWidget()
    start = focus if focus is not None and focus.window() is window else window
    button = nearest_button(start, words)
    if button is None:
        return False
    button.click()
    return True


def add_keys(window: QWidget, open_help: Callable[[QWidget], None] | None = None) -> None:
    """Ctrl+S and Ctrl+P (and F1 when `open_help` is given) for this window."""
    keys: list[tuple[QKeySequence, Callable[[], object]]] = [
        (QKeySequence(QKeySequence.StandardKey.Save), lambda: press(window, SAVE_WORDS)),
        (QKeySequence(QKeySequence.StandardKey.Print), lambda: press(window, PRINT_WORDS)),
    ]
    if open_help is not None:
        keys.append((QKeySequence(QKeySequence.StandardKey.HelpContents), lambda: open_help(window)))
    for sequence, action in keys:
        shortcut = QShortcut(sequence, window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(action)


# What the main button of a dialog without a button box says, in the order looked for; "Tutup" last (a dialog that
# only shows something closes with Enter).
MAIN_WORDS = ("Simpan", "Terapkan", "Pulihkan", "Cadangkan", "Pakai", "Masuk", "Selesai", "Tutup")


def main_button(dialog: QDialog) -> QPushButton | None:
    """The button Enter should press in `dialog`: its button box's accept button, else the button saying one of
    `MAIN_WORDS`, else the one it made default; None when there is none. (A button that has the focus is Qt's
    default while it has it, so the default alone does not tell.)"""
    buttons = [b for b in dialog.findChildren(QPushButton) if not b.isHidden()]
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            role = box.buttonRole(button)
            if role in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole):
                return button if isinstance(button, QPushButton) else None
    for word in MAIN_WORDS:
        found = next((b for b in buttons if _label(b).startswith(word)), None)
        if found is not None:
            return found
    return next((b for b in buttons if b.isDefault()), None)


def _default_button(dialog: QDialog) -> None:
    """Make the dialog's main button its default, so Enter does what the person expects rather than nothing (or
    pressing whichever button happens to have the focus, such as "Pilih berkas lain…")."""
    button = main_button(dialog)
    if button is not None and not button.isDefault():
        button.setDefault(True)


class DialogKeys(QObject):
    """Gives every dialog of the program the keys when it first takes the focus; F1 there asks `parent` (the main
    window) for the guide with `parent.open_help(parent=dialog)`. It keeps no reference to the window of its own:
    a closed window is freed at once, not when the garbage collector finds a cycle."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.focusWindowChanged.connect(self._on_focus_window)

    def _on_focus_window(self, window: QWindow | None) -> None:
        if window is None:
            return
        for widget in QApplication.topLevelWidgets():
            if widget.windowHandle() is window:
                self.equip(widget)
                return

    def equip(self, dialog: QWidget) -> None:
        """The keys for `dialog` (once); Qt's own message boxes and file dialogs keep theirs."""
        if not isinstance(dialog, QDialog) or isinstance(dialog, (QMessageBox, QFileDialog)):
            return
        if dialog.metaObject().className() in _QT_OWN:
            return
        if dialog.property(_EQUIPPED):
            return
        dialog.setProperty(_EQUIPPED, True)
        add_keys(dialog, self._open_help)
        _default_button(dialog)

    def _open_help(self, dialog: QWidget) -> None:
        window = self.parent()
        opener = getattr(window, "open_help", None)
        if opener is not None:
            opener(parent=dialog)
