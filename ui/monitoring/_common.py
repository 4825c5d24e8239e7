"""Helpers shared by the monitoring screens: capaian columns, people to pick, status colours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QComboBox

from sakip_desktop.domain import formats
from sakip_desktop.ops.measurement.capaian import MeasurementRow
from sakip_desktop.ops.org.people import list_people
from ui.context import AppContext
from ui.measurement_table import DASH, capaian_text, row_target_text, value_text
from ui.widgets.forms import fill_combo
from ui.widgets.table import Column


def measurement_columns(get: Callable[[Any], MeasurementRow | None]) -> list[Column]:
    """Target, realisasi and capaian to date of the row's measurement, coloured by its band."""

    def text(fn: Callable[[MeasurementRow], str]) -> Callable[[Any], str]:
        def shown(r: Any) -> str:
            m = get(r)
            return DASH if m is None else fn(m)

        return shown

    def capaian_key(r: Any) -> tuple[bool, Decimal | None]:
        m = get(r)
        value = None if m is None else m.achievement_to_date
        return (value is None, value)

    def band(r: Any) -> str | None:
        m = get(r)
        return None if m is None or m.band is None else m.band.colour

    def band_text(r: Any) -> str:
        m = get(r)
        return "" if m is None or m.band is None else m.band.label

    return [
        Column("Target s.d. TW", text(lambda m: row_target_text(m, m.target_to_date)), align_right=True, width=118),
        Column("Realisasi s.d. TW", text(lambda m: value_text(m, m.actual_to_date)), align_right=True, width=130),
        Column(
            "Capaian (%)",
            text(lambda m: capaian_text(m, m.achievement_to_date, "to_date")),
            sort_key=capaian_key,
            align_right=True,
            width=90,
        ),
        Column("Kategori", band_text, width=95, background=lambda r: _light(band(r))),
    ]


def _light(colour: str | None) -> str | None:
    # The band's colour is strong (for charts); a table cell gets a pale tint of it so text stays readable.
    if colour is None:
        return None
    from PySide6.QtGui import QColor

    c = QColor(colour)
    return QColor.fromRgb((c.red() + 3 * 255) // 4, (c.green() + 3 * 255) // 4, (c.blue() + 3 * 255) // 4).name()


def fill_people(combo: QComboBox, ctx: AppContext, current: int | None, *, empty: str | None = None) -> None:
    """The office's people in service today ('Nama — Jabatan'); `empty` adds a first 'none' entry."""
    today = ctx.today()
    items: list[tuple[str, Any]] = [(empty, None)] if empty is not None else []
    for p in list_people(ctx.db, today):
        if p.active_on(today) or p.id == current:
            items.append((f"{p.full_name} — {p.position}" if p.position else p.full_name, p.id))
    fill_combo(combo, items, current)


def due_text(day: dt.date) -> str:
    """'8 Agustus 2025'."""
    return formats.long_date(day)
