"""What every screen needs, passed in through constructors (no module globals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from sakip_desktop.ops.base import Actor
from sakip_desktop.storage.database import Database


class Signals(QObject):
    """Application-wide notifications, so screens redraw what changed."""

    period_changed = Signal(int, int)  # year, quarter
    master_data_changed = Signal(str)  # "office", "units", "people", "acting", "settings"
    work_changed = Signal()  # work moved (an SOP run, a realisasi, a tindak lanjut): inboxes and figures redraw
    # A restore was confirmed (the backup file, confirmed for another office): the controller closes the
    # database, swaps the file and asks everyone to log in again.
    restore_requested = Signal(object, bool)


@dataclass
class AppContext:
    """The opened database, the logged-in person and the period being worked on."""

    db: Database
    actor: Actor
    year: int
    quarter: int
    today: Callable[[], dt.date] = dt.date.today
    signals: Signals = field(default_factory=Signals)

    @property
    def db_path(self) -> Path:
        """The database file."""
        return self.db.path

    def set_period(self, year: int, quarter: int) -> None:
        """Change the year and quarter being worked on and tell the screens."""
        if (year, quarter) != (self.year, self.quarter):
            self.year, self.quarter = year, quarter
            self.signals.period_changed.emit(year, quarter)
