"""'LKj': write the narrative of the annual Laporan Kinerja section by section, print it, export it to Word.

Left: the sections grouped by chapter (a dot marks those the office has written). Right: the text of
the chosen section; an unsaved section shows its draft, assembled from the data and the Kasi's
narratives. Edits are kept per section while moving between them until "Simpan". The Camat marks the
LKj signed, which locks it; "Buka kunci" lifts the lock for a revision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.formats import long_date
from sakip_desktop.domain.permissions import Op
from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import UserError
from sakip_desktop.ops.lkj.sections import LkjView, lkj_view, mark_signed, save_section, unlock
from ui.context import AppContext
from ui.documents.output import build
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.files import ask_save_path, tell_saved
from ui.widgets.pages import YearPage
from ui.widgets.wrap import wrap_rows

KEY_ROLE = Qt.ItemDataRole.UserRole
NOTES_STYLE = "background: #fff3c4; border: 1px solid #e0b000; padding: 4px"


class SignDialog(QDialog):
    """Asks the date written on the signed LKj."""

    def __init__(self, year: int, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Tandai LKj {year} sudah ditandatangani")
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        form = QFormLayout()
        form.addRow("Tanggal tanda tangan", self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Setelah ditandai, teks LKj tidak dapat diubah lagi."))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def day(self) -> dt.date:
        """The chosen date."""
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())


class LkjPage(YearPage):
    """The LKj editor of one year (the context's year to start with)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: LkjView | None = None
        self.edits: dict[str, str] = {}  # unsaved text per section key
        self.current_key: str | None = None
        # The save dialog; tests put a function here that returns a path.
        self.ask_path: Callable[[str, str, str], Path | None] = lambda t, n, f: ask_save_path(self, t, n, f)
        self.open_after = True  # after saving: the notice with the path, offering to open it (tests turn it off)
        self.saved_box: QWidget | None = None  # that notice, last shown
        top = self._build_toolbar(is_camat=ctx.actor.has(Role.CAMAT))
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        wrap_rows(self.tree)  # long titles of Bab III's parts wrap onto a second line, not "…"
        self.tree.currentItemChanged.connect(lambda item, _prev: self._show(item))
        right = self._build_editor(can_edit=ctx.actor.may(Op.LKJ_SECTION_SAVE))
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.reload()

    def _build_toolbar(self, is_camat: bool) -> QHBoxLayout:
        """The year, the LKj's state, and the print, export, sign and unlock buttons (the last two for the Camat)."""
        # The year is the one of the status bar (issue 13: a picker of its own here could disagree with it).
        self.year_label = QLabel()
        self.year_label.setToolTip("Tahun LKj mengikuti pilihan Tahun di bilah bawah jendela")
        self.state = QLabel()
        self.preview_button = QPushButton("Pratinjau…")
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button = QPushButton("Buat PDF…")
        self.pdf_button.clicked.connect(self.make_pdf)
        self.word_button = QPushButton("Ekspor Word…")
        self.word_button.clicked.connect(self.make_docx)
        self.sign_button = QPushButton("Tandai sudah ditandatangani…")
        self.sign_button.clicked.connect(self.ask_sign)
        self.unlock_button = QPushButton("Buka kunci…")
        self.unlock_button.clicked.connect(self.ask_unlock)
        self.sign_button.setVisible(is_camat)
        self.unlock_button.setVisible(is_camat)
        top = QHBoxLayout()
        w: QWidget
        for w in (self.year_label, self.state):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.preview_button, self.pdf_button, self.word_button, self.sign_button, self.unlock_button):
            top.addWidget(w)
        return top

    def _build_editor(self, can_edit: bool) -> QWidget:
        """The chosen section's title, note and text, with 'Gunakan draf' and 'Simpan' for who may edit."""
        self.title = plain_label()
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt")
        self.info = plain_label()
        self.info.setWordWrap(True)
        # What the office still has to supply for this section: highlighted, never printed.
        self.notes = plain_label()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(NOTES_STYLE)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(not can_edit)
        self.editor.textChanged.connect(self._edited)
        self.draft_button = QPushButton("Gunakan draf")
        self.draft_button.setToolTip("Ganti teks di penyunting dengan draf yang disusun dari data")
        self.draft_button.clicked.connect(self.use_draft)
        self.save_button = QPushButton("Simpan")
        self.save_button.clicked.connect(self.save)
        self.draft_button.setVisible(can_edit)
        self.save_button.setVisible(can_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.save_button)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.info)
        rl.addWidget(self.notes)
        rl.addWidget(self.editor, 1)
        rl.addLayout(buttons)
        return right

    # --- loading -----------------------------------------------------------------------------------------

    def shown_year(self) -> int | None:
        return self.view.year if self.view is not None else None

    def reload(self) -> None:
        """Read the year's sections again (after a save, a signature or a change of year). A year whose LKj cannot
        be put together yet (no targets) says so on the page, not in a message box over whatever is shown."""
        self._stale = False
        self.year_label.setText(f"<b>Tahun {self.ctx.year}</b>")
        keep = self.current_key
        try:
            self.view = lkj_view(self.ctx.db, self.ctx.year)
            why = ""
        except UserError as exc:
            self.view, why = None, exc.message
        self.edits.clear()
        self.tree.clear()
        if self.view is None:
            self.state.setText(why or "LKj tahun ini belum dapat disusun.")
            self.state.setToolTip("")
            self._show(None)
            return
        groups: dict[str, QTreeWidgetItem] = {}
        chosen = None
        for s in self.view.sections:
            group = groups.get(s.chapter)
            if group is None:
                group = groups[s.chapter] = QTreeWidgetItem(self.tree, [self._chapter_label(s.chapter)])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item = QTreeWidgetItem(group, [self._item_text(s.title, s.is_saved)])
            item.setData(0, KEY_ROLE, s.key)
            if s.notes:
                item.setBackground(0, QColor("#fff3c4"))
                item.setToolTip(0, "\n".join(s.notes))
            if chosen is None or s.key == keep:
                chosen = item
        self.tree.expandAll()
        signed = self.view.signed
        if signed:
            self.state.setText(f"Sudah ditandatangani Camat pada {long_date(signed.signed_on)} — terkunci")
        else:
            saved = sum(s.is_saved for s in self.view.sections)
            missing = self.view.missing
            self.state.setText(
                f"{saved} dari {len(self.view.sections)} bagian sudah ditinjau; "
                + (f"{len(missing)} hal belum lengkap (dicetak DRAF)" if missing else "siap ditandatangani")
            )
            self.state.setToolTip("\n".join(missing))
        self.sign_button.setEnabled(signed is None)
        self.unlock_button.setEnabled(signed is not None)
        self.tree.setCurrentItem(chosen)  # type: ignore[arg-type]  # None (no sections) clears the choice

    def _chapter_label(self, chapter: str) -> str:
        if chapter.startswith("Bab III ") and self.view is not None:
            code = chapter.removeprefix("Bab III ")
            s = next((x for x in self.view.data.sasaran if x.code == code), None)
            return f"Bab III — Sasaran {code}" + (f": {s.statement}" if s else "")
        return chapter

    @staticmethod
    def _item_text(title: str, saved: bool) -> str:
        return ("● " if saved else "○ ") + title

    def _show(self, item: QTreeWidgetItem | None) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        self.current_key = key
        locked = self.view is None or self.view.signed is not None
        if key is None or self.view is None:
            self.title.setText("")
            self.notes.setVisible(False)
            self.info.setText("Pilih bagian di sebelah kiri.")
            self.editor.blockSignals(True)
            self.editor.setPlainText("")
            self.editor.blockSignals(False)
            self.editor.setEnabled(False)
            self.save_button.setEnabled(False)
            self.draft_button.setEnabled(False)
            return
        s = self.view.section(key)
        self.title.setText(s.title)
        self.notes.setText("Perlu dilengkapi (tidak dicetak):\n" + "\n".join(f"• {n}" for n in s.notes))
        self.notes.setVisible(bool(s.notes))
        if s.is_saved:
            when = s.updated_at.strftime("%d-%m-%Y %H:%M") if s.updated_at else ""
            self.info.setText(f"Disimpan oleh {s.updated_by} {when} (UTC).")
        elif locked or not self.ctx.actor.may(Op.LKJ_SECTION_SAVE):
            self.info.setText("Belum ditulis: draf dari data dan uraian seksi (yang ini dicetak).")
        else:
            self.info.setText("Belum ditulis: di bawah ini draf dari data dan uraian seksi. Ubah lalu Simpan.")
        if locked:
            self.info.setText(self.info.text() + " Terkunci: LKj sudah ditandatangani.")
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.edits.get(key, s.text))
        self.editor.blockSignals(False)
        self.editor.setEnabled(True)
        self.editor.setReadOnly(locked or not self.ctx.actor.may(Op.LKJ_SECTION_SAVE))
        self.save_button.setEnabled(not locked)
        self.draft_button.setEnabled(not locked)

    def _edited(self) -> None:
        if self.current_key is not None:
            self.edits[self.current_key] = self.editor.toPlainText()
            item = self.tree.currentItem()
            if item is not None and not item.text(0).endswith(" *"):
                item.setText(0, item.text(0) + " *")

    # --- actions -----------------------------------------------------------------------------------------

    def use_draft(self) -> None:
        """Put the section's draft into the editor (saved only with 'Simpan')."""
        if self.view is not None and self.current_key is not None:
            self.editor.setPlainText(self.view.section(self.current_key).draft)

    def save(self) -> bool:
        """Save the section shown."""
        key = self.current_key
        if key is None:
            return False
        text = self.editor.toPlainText()
        ok, _ = attempt(self, lambda: save_section(self.ctx.db, self.ctx.actor, self.ctx.year, key, text))
        if ok:
            self.reload()
        return ok

    def _build(self, title: str, name: str, file_filter: str, write: Callable[[Path], object]) -> Path | None:
        path = self.ask_path(title, name, file_filter)
        if path is None:
            return None
        ok, _ = attempt(self, lambda: build(self, lambda: write(path)))
        if ok and self.open_after:
            what = f"{Path(name).stem} ({'PDF' if path.suffix.lower() == '.pdf' else 'Word'})"
            self.saved_box = tell_saved(self, what, path)  # where it went, and its folder or itself to open
        return path if ok else None

    def preview(self):
        """Open the preview window on the LKj as it would print now (not recorded)."""
        from ui.lkj.preview import show_preview

        return show_preview(self, self.ctx, self.ctx.year)

    def make_pdf(self) -> Path | None:
        """Build the LKj PDF (recorded in the document register) to a chosen file."""
        from sakip_desktop.documents.lkj.output import build_lkj

        year, day = self.ctx.year, self.ctx.today()
        return self._build(
            "Simpan LKj (PDF)",
            f"LKj {year}.pdf",
            "PDF (*.pdf)",
            lambda p: build_lkj(self.ctx.db, self.ctx.actor, year, p, day=day),
        )

    def make_docx(self) -> Path | None:
        """Export the LKj to Word (.docx)."""
        from sakip_desktop.documents.lkj.docx import write_lkj_docx

        year, day = self.ctx.year, self.ctx.today()
        return self._build(
            "Ekspor LKj ke Word",
            f"LKj {year}.docx",
            "Dokumen Word (*.docx)",
            lambda p: write_lkj_docx(self.ctx.db, year, p, day=day),
        )

    def ask_sign(self) -> None:
        """Camat: ask the signing date, then lock."""
        dialog = SignDialog(self.ctx.year, self.ctx.today(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.sign(dialog.day())

    def sign(self, day: dt.date) -> bool:
        """Mark the year's LKj signed on `day`."""
        ok, _ = attempt(self, lambda: mark_signed(self.ctx.db, self.ctx.actor, self.ctx.year, day))
        if ok:
            self.reload()
        return ok

    def ask_unlock(self) -> None:
        """Camat: lift the lock with a reason."""
        reason, ok = QInputDialog.getText(self, "Buka kunci LKj", "Alasan membuka kunci (dicatat):")
        if ok:
            done, _ = attempt(self, lambda: unlock(self.ctx.db, self.ctx.actor, self.ctx.year, reason))
            if done:
                self.reload()
