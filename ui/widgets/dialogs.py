"""Dialogs every screen uses: a confirmation, a form that saves, a reason prompt, a long text, long refusals,
and the preview of a workbook import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.errors import DatabaseReadOnly, UserError, ValidationError
from ui.context import AppContext
from ui.errors import attempt, show_error
from ui.plain_text import plain_box, plain_label
from ui.widgets.forms import error_label, hint

T = TypeVar("T")


def read_only_reason(widget: QWidget | None) -> str | None:
    """Why the database of the window `widget` is in takes no changes (a read-only file, a kecamatan opened from
    the kabupaten's data), or None when it does: the first `ctx` up the parents tells."""
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        db = getattr(ctx, "db", None)
        if db is not None:
            if not getattr(db, "read_only", False):
                return None
            from sakip_desktop.storage.failures import read_only_message

            told = getattr(db, "read_only_text", None)
            return told() if told else db.read_only_reason or read_only_message(db.path)
        widget = widget.parentWidget()
    return None


def confirm(parent: QWidget | None, title: str, text: str, accept_text: str) -> bool:
    """Ask before a destructive step; the safe answer ("Batal") is the default. On a database that takes no
    changes it does not ask: it says so at once (the step would be refused after the answer anyway)."""
    if (reason := read_only_reason(parent)) is not None:
        show_error(parent, DatabaseReadOnly(reason))
        return False
    box = plain_box(QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent))
    yes = box.addButton(accept_text, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


class FormDialog(QDialog):
    """A dialog whose "Simpan" runs `save()`; a `ValidationError` keeps it open and points at the field."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.saved_id: int | None = None
        self.fields: dict[str, QWidget] = {}
        self.problem = error_label()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Simpan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, body: QLayout) -> None:
        """Put the body above the message line and the buttons."""
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(self.problem)
        outer.addWidget(self.buttons)

    def save(self) -> int:
        """Call the core operation; return the id of the saved record."""
        raise NotImplementedError

    def field_widget(self, name: str | None) -> QWidget | None:
        """The widget to focus for a core field name."""
        return self.fields.get(name or "")

    def accept(self) -> None:
        self.problem.setVisible(False)
        try:
            self.saved_id = self.save()
        except ValidationError as exc:
            self.show_problem(exc.message, exc.field)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        super().accept()

    def show_problem(self, message: str, field: str | None = None) -> None:
        """Show why saving failed inside the dialog and put the cursor where the fix goes."""
        self.problem.setText(message)
        self.problem.setVisible(True)
        widget = self.field_widget(field)
        if widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def problem_text(self) -> str:
        """The message currently shown ('' when none)."""
        return self.problem.text() if self.problem.isVisibleTo(self) else ""


class ReasonDialog(FormDialog):
    """Asks for a text (a reason, a note) and hands it to `action`; the core's refusal keeps it open."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        prompt: str,
        action: Callable[[str], Any],
        accept_text: str = "Simpan",
        parent: QWidget | None = None,
        text: str = "",
    ) -> None:
        super().__init__(ctx, title, parent)
        self._action = action
        self.save_button.setText(accept_text)
        self.text_edit = QPlainTextEdit(text)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumWidth(440)
        self.text_edit.setFixedHeight(110)
        for name in ("reason", "note", "notes"):
            self.fields[name] = self.text_edit
        body = QVBoxLayout()
        label = plain_label(prompt)
        label.setWordWrap(True)
        body.addWidget(label)
        body.addWidget(self.text_edit)
        self.finish_layout(body)
        self.text_edit.setFocus()

    def save(self) -> int:
        self._action(self.text_edit.toPlainText())
        return 0


class TextDialog(QDialog):
    """A long message (e.g. every error of an imported file) in a scrollable, copyable text."""

    def __init__(self, title: str, intro: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        buttons = QDialogButtonBox()
        buttons.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(intro))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)


def show_listing(parent: QWidget | None, title: str, message: str) -> None:
    """A refusal that lists several problems, in a scrollable text (first line above it)."""
    intro, _, rest = message.partition("\n")
    dialog = TextDialog(title, intro, rest.strip() or intro, parent)
    dialog.exec()
    dialog.deleteLater()


def attempt_listed(parent: QWidget | None, action: Callable[[], T], title: str) -> tuple[bool, T | None]:
    """`attempt`, except that a refusal listing several problems opens in a scrollable dialog."""
    listed: list[UserError] = []

    def guarded() -> T | None:
        try:
            return action()
        except UserError as exc:
            if "\n" not in exc.message:
                raise
            listed.append(exc)
            return None

    ok, result = attempt(parent, guarded)
    if listed:
        show_listing(parent, title, listed[0].message)
        return False, None
    return ok, result


def apply_cancel_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """The "Terapkan" / "Batal" buttons of a dialog that shows what an import would change."""
    buttons = QDialogButtonBox()
    apply_button = buttons.addButton("Terapkan", QDialogButtonBox.ButtonRole.AcceptRole)
    cancel_button = buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, apply_button, cancel_button


def confirm_import(
    parent: QWidget | None, file_name: str, has_changes: bool, make_dialog: Callable[[], QDialog]
) -> bool:
    """Say that the file changes nothing, or show what it changes; True only when "Terapkan" was pressed."""
    if not has_changes:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Tidak ada perubahan",
            f"Isi berkas {file_name} sama dengan yang sudah tersimpan; tidak ada yang perlu diimpor.",
            QMessageBox.StandardButton.Ok,
            parent,
        )
        plain_box(box).exec()
        return False
    dialog = make_dialog()
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
