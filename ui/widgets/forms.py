"""Form pieces: date fields, combos, quiet hints, the form layout, and the red/green lines of an inline save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from sakip_desktop.errors import ValidationError
from ui.errors import show_error
from ui.plain_text import plain_label


def error_label() -> QLabel:
    """A red, wrapped label for validation messages (hidden until used); messages name records: plain text."""
    label = plain_label()
    label.setWordWrap(True)
    label.setStyleSheet("color:#b00020; font-weight:bold;")
    label.hide()
    return label


def saved_label() -> QLabel:
    """A green label confirming a save (hidden until used)."""
    label = plain_label()
    label.setStyleSheet("color:#1b5e20;")
    label.hide()
    return label


def save_row(saved: QLabel, on_save: Callable[[], object], *leading: QWidget) -> QHBoxLayout:
    """The row under a settings form: `leading` buttons, the 'saved' confirmation, and 'Simpan' on the right."""
    save = QPushButton("Simpan")
    save.clicked.connect(on_save)
    row = QHBoxLayout()
    for widget in (*leading, saved):
        row.addWidget(widget)
    row.addStretch(1)
    row.addWidget(save)
    return row


def save_inline(
    parent: QWidget,
    action: Callable[[], object],
    error: QLabel,
    saved: QLabel,
    done: str,
    on_invalid: Callable[[ValidationError], None] | None = None,
) -> bool:
    """Run a form's save: a `ValidationError` is said in red in `error` (then `on_invalid`, e.g. to focus the
    field), any other failure in a dialog; on success `done` shows in green in `saved`. True when saved."""
    saved.hide()
    try:
        action()
    except ValidationError as exc:
        error.setText(exc.message)
        error.show()
        if on_invalid is not None:
            on_invalid(exc)
        return False
    except Exception as exc:
        show_error(parent, exc)
        return False
    error.hide()
    saved.setText(done)
    saved.show()
    return True


INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


HINT_STYLE = "color: #5f6368;"


DASH = "—"


def date_edit(parent: QWidget | None = None) -> QDateEdit:
    """A date field showing '17 Januari 2024' with an Indonesian calendar popup."""
    edit = QDateEdit(parent)
    edit.setLocale(INDONESIAN)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setMinimumDate(QDate(1940, 1, 1))
    edit.calendarWidget().setLocale(INDONESIAN)
    edit.setMinimumWidth(170)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    """The date a `QDateEdit` holds, as a Python date."""
    day = edit.date().toPython()
    assert isinstance(day, dt.date)
    return day


def set_date(edit: QDateEdit, day: dt.date) -> None:
    """Put a Python date into a `QDateEdit`."""
    edit.setDate(QDate(day.year, day.month, day.day))


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, Any]], current: Any = None) -> None:
    """Replace a combo's entries with (text, data) pairs and select the one whose data is `current`."""
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    select_data(combo, current)


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the entry whose data equals `value` (the first entry when none does)."""
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            combo.setCurrentIndex(i)
            return
    combo.setCurrentIndex(0 if combo.count() else -1)


def hint(text: str) -> QLabel:
    """A quiet explanatory line (plain text: some show names or codes)."""
    label = plain_label(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def form_layout() -> QFormLayout:
    """A form whose fields grow and whose labels sit right-aligned beside them."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def text_or_dash(text: str) -> str:
    """An empty cell reads as a dash."""
    return text or DASH


def parse_number(text: str, label: str, field: str) -> Decimal | None:
    """A number typed the Indonesian way ('12,5', '1.234,5'); empty is None; otherwise `ValidationError`."""
    from sakip_desktop.exchange.xlsxkit import parse_decimal  # the workbook's rule; not needed by the first screen

    value, problem = parse_decimal(text.strip())
    if problem:
        raise ValidationError(f"{label}: {problem}", field=field)
    return value


def plain_number(value: Decimal | None) -> str:
    """A stored number for typing over, the inverse of `parse_number`: '12,5', '1500' (no thousands dot, which
    would read as ambiguous); '' for none."""
    from sakip_desktop.domain.formats import exact  # Babel behind it: not needed by the first screen

    return "" if value is None else exact(value)
