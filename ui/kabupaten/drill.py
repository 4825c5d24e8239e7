"""One kecamatan's own screens, opened from the kabupaten's data: the main window the Camat sees, on that
kecamatan's schema, read-only (every change is refused with the reason; the banner says it from the start)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from sakip_desktop.ops.kabupaten.sources import Kecamatan, open_kecamatan, viewer_username
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.office import get_profile
from ui.context import AppContext


def open_kecamatan_window(
    url: str,
    kecamatan: Kecamatan,
    today: dt.date,
    parent: QWidget | None = None,
    period: tuple[int, int] | None = None,
) -> QWidget:
    """Build and show the kecamatan's main window (closed with its own close button; the database goes with it),
    on `period` (the comparison's year and quarter) or else the period that has data."""
    from sakip_desktop.ops.home.overview import default_period
    from ui.main_window import MainWindow

    db = open_kecamatan(url, kecamatan)
    try:
        actor = actor_for(db, viewer_username(db, today), today)
        year, quarter = period or default_period(db, today)
        ctx = AppContext(db=db, actor=actor, year=year, quarter=quarter, today=lambda: today)
        window = MainWindow(ctx, get_profile(db))
    except BaseException:
        db.close()
        raise
    window.setWindowTitle(f"{kecamatan.title} — data kabupaten (hanya baca)")
    window.db_label.setText(f"Data kabupaten · {kecamatan.title} (hanya baca)")  # the server's address: tooltip
    window.destroyed.connect(db.close)
    window.show_health()
    window.show()
    return window
