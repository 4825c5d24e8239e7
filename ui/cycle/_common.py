"""Helpers shared by the realisasi screens: numbers as the office writes them, long refusals, confirming a
workbook import, a page that redraws when the period or the work changes, and the bukti dukung list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Target
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.realisation import Status, is_zero_target
from sakip_desktop.errors import UserError, ValidationError
from sakip_desktop.exchange.xlsxkit import parse_decimal
from sakip_desktop.ops.org.office import get_settings
from sakip_desktop.ops.realisation.entry import EntryView, EvidenceFile, EvidenceView, evidence_file, return_to_kasi
from sakip_desktop.ops.sop.runs import local_time
from sakip_desktop.storage.database import Database
from ui.context import AppContext
from ui.errors import attempt
from ui.lazy import ShownPage
from ui.measurement_table import DASH, num, target_text
from ui.plain_text import plain_box, plain_label
from ui.sop._common import ReasonDialog, TextDialog, open_file, temp_copy, when
from ui.table import RECORD_ROLE, Column, RecordTableModel, make_table

T = TypeVar("T")
RETURNED_COLOUR = "#fde0dc"  # sent back with a reason: the Kasi has work to do
APPROVED_COLOUR = "#e4f1e4"  # approved and locked
NOTE_STYLE = "color: #8a4b00; font-weight: bold;"
LOCKED_NOTE = "Terkunci — sudah disetujui Camat. Perubahan hanya melalui revisi oleh Sekretaris atau Camat."

# ---- texts ------------------------------------------------------------------------------------------------


def amount_text(value: Decimal | None, unit: str) -> str:
    """'7 kali', '85,71%', or a dash."""
    if value is None:
        return DASH
    return f"{num(value)}%" if unit.strip() == "%" else f"{num(value)} {unit}".strip()


def entry_value(entry: EntryView, value: Decimal | None) -> str:
    """A realisasi in a table: the level's label on a qualitative indicator ('B'), else the number."""
    return entry.value_label(value) or num(value)


def entry_target(entry: EntryView, target: Target | None) -> str:
    """A target in a table: the level's label on a qualitative indicator, else '70' or '80 – 90'."""
    return entry.target_label(target) or target_text(target)


def entry_amount(entry: EntryView, value: Decimal | None) -> str:
    """A realisasi with its satuan ('7 kali', '85,71%'), or the level's label on a qualitative indicator."""
    return entry.value_label(value) or amount_text(value, entry.unit)


def target_of(entry: EntryView) -> str:
    """The quarter's target with its satuan (the level's label on a qualitative indicator)."""
    if entry.quarter_target is None:
        return "belum ditetapkan"
    label = entry.target_label(entry.quarter_target)
    if label:
        return label
    text = target_text(entry.quarter_target)
    return f"{text}%" if entry.unit.strip() == "%" else f"{text} {entry.unit}".strip()


def zero_target(entry: EntryView) -> bool:
    """True when capaian cannot be computed from the target (a target of 0): it is entered by hand."""
    return entry.quarter_target is not None and is_zero_target(entry.quarter_target)


def capaian_text(entry: EntryView) -> str:
    """'116,67%'; for a target of 0 the manual value, or that it cannot be computed yet."""
    if entry.value is None:
        return DASH
    if zero_target(entry):
        return DASH if entry.achievement is None else f"{formats.percent(entry.achievement)} (manual)"
    return DASH if entry.achievement is None else formats.percent(entry.achievement)


def row_colour(entry: EntryView) -> str | None:
    """Returned rows stand out; approved rows read as done."""
    if entry.status is Status.RETURNED:
        return RETURNED_COLOUR
    if entry.status is Status.APPROVED:
        return APPROVED_COLOUR
    return None


def period_title(ctx: AppContext) -> str:
    """'TW IV 2025'."""
    return f"{quarter_label(ctx.quarter)} {ctx.year}"


def parse_number(text: str, label: str, field: str) -> Decimal | None:
    """A number typed the Indonesian way ('12,5', '1.234,5'); empty is None; otherwise `ValidationError`."""
    value, problem = parse_decimal(text.strip())
    if problem:
        raise ValidationError(f"{label}: {problem}", field=field)
    return value


def size_text(size: int) -> str:
    """'350 KB', '1,2 MB'."""
    if size < 1024:
        return f"{size} bita"
    if size < 1024 * 1024:
        return f"{formats.number(Decimal(size) / 1024, 0)} KB"
    return f"{formats.number(Decimal(size) / (1024 * 1024), 1)} MB"


def local_when(moment: dt.datetime | None, offset: int) -> str:
    """A stored UTC time as the office's clock shows it: '8 Jan 2026 09.00'."""
    return when(None if moment is None else local_time(moment, offset))


# ---- long refusals ----------------------------------------------------------------------------------------


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


# ---- a workbook import shown before it is applied ---------------------------------------------------------


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


# ---- tables -----------------------------------------------------------------------------------------------


def cycle_table(model: RecordTableModel, columns: Sequence[Column], stretch: int, *, many: bool = False) -> QTableView:
    """A read-only sortable table; `many` lets several rows be selected (Ctrl/Shift)."""
    view = make_table(model, columns, stretch)
    if many:
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    return view


def selected_records(view: QTableView) -> list[Any]:
    """The records of the selected rows, in view order."""
    rows = sorted(view.selectionModel().selectedRows(), key=lambda i: i.row())
    return [index.data(RECORD_ROLE) for index in rows]


def current_record(view: QTableView) -> Any | None:
    """The record of the row with the cursor (the one a detail panel shows), or None."""
    index = view.selectionModel().currentIndex()
    if not index.isValid() or not view.selectionModel().isRowSelected(index.row(), index.parent()):
        return None
    return index.data(RECORD_ROLE)


def select_where(view: QTableView, wanted: Callable[[Any], bool]) -> bool:
    """Put the cursor on the first row whose record satisfies `wanted`; False when there is none."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if wanted(index.data(RECORD_ROLE)):
            view.selectRow(row)
            return True
    return False


# ---- a page that follows the period and the work --------------------------------------------------------------


class PeriodPage(ShownPage):
    """Redraws on a new period or after any change of work; while hidden it waits until shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._own_change = False
        self.message = plain_label()  # what the last action here did; cleared when someone else changes the work
        self.message.setWordWrap(True)
        ctx.signals.period_changed.connect(self.period_changed)
        ctx.signals.work_changed.connect(self.refresh)

    def period_changed(self, *_: int) -> None:
        """Another year or quarter was chosen."""
        self.refresh()

    def refresh(self) -> None:
        """Read again what the page shows (later, if it is hidden); the message stays only after its own action."""
        if self.isVisible():
            if not self._own_change:
                self.message.clear()
            self._own_change = False
        super().refresh()

    def changed(self) -> None:
        """After an action: every screen redraws (this one included, keeping its message)."""
        self._own_change = self.isVisible()
        self.ctx.signals.work_changed.emit()


# ---- bukti dukung ------------------------------------------------------------------------------------------


class ReviewQueue(PeriodPage):
    """A queue the Sekretaris or Camat works through; either may send selected rows back to the Kasi.

    Subclasses provide `self.table` (rows are EntryViews) and `self.message`.
    """

    def return_selected(self) -> None:
        """'Kembalikan ke Kasi…': the selected rows, with a required reason."""
        rows = selected_records(self.table)
        if not rows:
            return
        ctx = self.ctx
        codes = ", ".join(e.code for e in rows)
        ids = [e.realisation_id for e in rows]
        dialog = ReasonDialog(
            ctx,
            "Kembalikan ke Kasi",
            f"Kembalikan realisasi {codes} ke Kasi. Tulis apa yang harus diperbaiki; Kasi membaca alasan ini:",
            lambda reason: return_to_kasi(ctx.db, ctx.actor, ids, reason),
            accept_text="Kembalikan",
            parent=self,
        )
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if accepted:
            self.message.setText(f"Realisasi {codes} dikembalikan ke Kasi.")
            self.changed()


class EvidenceList(QWidget):
    """The bukti dukung of one realisasi (or, with `read` and `folder`, of a tindak lanjut) with "Buka"; the
    entry screen adds its own buttons to `buttons`. "Buka" reads the file checked against its checksum."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        read: Callable[[Database, int], EvidenceFile] = evidence_file,
        folder: str = "bukti",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._read = read
        self._folder = folder
        self.offset = 7
        self.columns = [
            Column[EvidenceView]("Berkas", lambda e: e.filename, tooltip=lambda e: e.filename),
            Column[EvidenceView]("Ukuran", lambda e: size_text(e.size), align_right=True, width=70),
            Column[EvidenceView](
                "Ditambahkan",
                lambda e: local_when(e.added_at, self.offset),
                lambda e: e.added_at,
                tooltip=lambda e: f"oleh {e.added_by}",
                width=130,
            ),
        ]
        self.model = RecordTableModel(self.columns, self)
        self.table = cycle_table(self.model, self.columns, 0)
        self.table.setMinimumHeight(90)
        self.open_button = QPushButton("Buka")
        self.open_button.setToolTip("Buka berkas dengan program yang biasa dipakai komputer ini")
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.open_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Bukti dukung</b>"))
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self._update()

    def set_items(self, items: Sequence[EvidenceView], offset: int) -> None:
        """Show these files (times in the office's clock, UTC + `offset` hours)."""
        self.offset = offset
        self.model.set_rows(items)
        self._update()

    def selected(self) -> EvidenceView | None:
        """The chosen file, or None."""
        return current_record(self.table)

    def open_selected(self) -> None:
        """Write the chosen file to a private temporary folder and open it."""
        item = self.selected()
        if item is None:
            return

        def run() -> None:
            stored = self._read(self.ctx.db, item.id)
            open_file(temp_copy(stored.filename, stored.data, f"{self._folder}_{stored.id}"))

        attempt(self, run)

    def _update(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)


def office_offset(ctx: AppContext) -> int:
    """Hours the office's clock is ahead of UTC (7 WIB, 8 WITA, 9 WIT)."""
    return get_settings(ctx.db).utc_offset_hours


def note_label() -> QLabel:
    """A line that tells why something cannot be done (locked, returned, narrative needed)."""
    label = plain_label()  # a return reason is typed by a person: shown as typed
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
