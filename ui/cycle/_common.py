"""Helpers of the realisasi screens: numbers as the office writes them, the queue the Sekretaris and the Camat
work through, and the bukti dukung list. The shared kit (tables, dialogs, pages) is in ui/widgets/."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Target
from sakip_desktop.domain.realisation import Status, is_zero_target
from sakip_desktop.ops.realisation.entry import EntryView, return_to_kasi
from ui.measurement_table import DASH, num, target_text
from ui.plain_text import plain_label
from ui.widgets.colours import DONE_COLOUR, LATE_COLOUR
from ui.widgets.dialogs import ReasonDialog
from ui.widgets.fit import FitsItsRoom
from ui.widgets.pages import PeriodPage
from ui.widgets.table import selected_records

NOTE_STYLE = "color: #8a4b00; font-weight: bold;"
LOCKED_NOTE = "Terkunci — sudah disetujui Camat. Perubahan hanya melalui revisi oleh Sekretaris atau Camat."

# ---- texts ------------------------------------------------------------------------------------------------


def amount_text(value: Decimal | None, unit: str) -> str:
    """'7 kali', '85,71%', or a dash."""
    if value is None:
        return DASH
    return formats.with_unit(num(value), unit)


def _share_of_desa(entry: EntryView, value: Decimal | None) -> str | None:
    """A realisasi counted over desa is a share of desa, written with two decimals ('50,00') as it is printed;
    None for any other value."""
    if entry.over_desa and value is not None and not entry.levels:
        return formats.number(value)
    return None


def entry_value(entry: EntryView, value: Decimal | None) -> str:
    """A realisasi in a table: the level's label on a qualitative indicator ('B'), a share of desa with two
    decimals ('50,00'), else the number."""
    return entry.value_label(value) or _share_of_desa(entry, value) or num(value)


def entry_target(entry: EntryView, target: Target | None) -> str:
    """A target in a table: the level's label on a qualitative indicator, else '70' or '80–90'."""
    return entry.target_label(target) or target_text(target)


def entry_amount(entry: EntryView, value: Decimal | None) -> str:
    """A realisasi with its satuan ('7 kali', '85,71%', '50,00%' over desa), or the level's label on a
    qualitative indicator."""
    share = _share_of_desa(entry, value)
    if share is not None:
        return formats.with_unit(share, entry.unit)
    return entry.value_label(value) or amount_text(value, entry.unit)


def join_words(words: list[str]) -> str:
    """'a', 'a dan b', 'a, b dan c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " dan " + words[-1]


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
        return LATE_COLOUR
    if entry.status is Status.APPROVED:
        return DONE_COLOUR
    return None


# ---- the page's shape ------------------------------------------------------------------------------------------


def with_action_bar(page: QWidget, parts: list[tuple[QWidget, int]], buttons: list[QWidget]) -> QScrollArea:
    """Lay `page` out as its `parts` (widget, stretch) over a bar with its message and `buttons` that never
    scrolls away: on the office laptop (1366×768, "Menunggu Anda" open) the parts scroll in their own area when they
    do not fit, the bar stays under them (issue 13: "Kembalikan"/"Verifikasi" sat below the fold). Returns the
    scroll area of the parts.

    The page should be a `FitsItsRoom` (a tool's scroll area then gives it the room it has, no more).
    """
    body = FitsItsRoom()
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    for widget, stretch in parts:
        column.addWidget(widget, stretch)
    scroller = QScrollArea()
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setWidget(body)
    bar = QHBoxLayout()
    message = getattr(page, "message", None)
    if isinstance(message, QLabel):
        bar.addWidget(message, 1)
    else:
        bar.addStretch(1)
    for button in buttons:
        bar.addWidget(button)
    layout = QVBoxLayout(page)
    layout.addWidget(scroller, 1)
    layout.addLayout(bar)
    return scroller


# ---- the review queues -----------------------------------------------------------------------------------------


class ReviewQueue(PeriodPage, FitsItsRoom):
    """A queue the Sekretaris or Camat works through; either may send selected rows back to the Kasi.

    Subclasses provide `self.table` (rows are EntryViews) and `self.message`.
    """

    table: QTableView
    message: QLabel

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


def note_label() -> QLabel:
    """A line that tells why something cannot be done (locked, returned, narrative needed)."""
    label = plain_label()  # a return reason is typed by a person: shown as typed
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
