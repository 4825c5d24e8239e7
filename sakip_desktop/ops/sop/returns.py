"""Why a step is to be done again: the return that sent the run back to it (who, when, why, from which step).

A decision that returns closes its visit and opens the returned-to step in the same write, so the returned visit
starts at the very moment the return was recorded; that is how a visit finds the return that opened it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from sakip_desktop.domain.formats import long_date
from sakip_desktop.sop.definition import SopDefinition


class ReturnRow(Protocol):
    """A returned decision visit as read (ORM row or plain-SQL record)."""

    @property
    def id(self) -> int: ...
    @property
    def run_id(self) -> int: ...
    @property
    def position(self) -> int: ...
    @property
    def finished_at(self) -> dt.datetime | None: ...
    @property
    def finished_by(self) -> str: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class ReturnNote:
    """The return that sent a run back to a step."""

    decision_step_run_id: int  # the decision visit that returned the work
    by: str
    at: dt.datetime  # local time
    reason: str
    from_number: str  # the SOP's own number of the deciding step

    @property
    def text(self) -> str:
        """'Dikembalikan oleh Sri Wahyuningsih pada 7 Desember 2026 pukul 10.15 dari langkah 5. Alasan: …'"""
        when = f"{long_date(self.at.date())} pukul {self.at:%H.%M}"
        return f"Dikembalikan oleh {self.by} pada {when} dari langkah {self.from_number}. Alasan: {self.reason}"


def return_note(
    definition: SopDefinition,
    position: int,
    started_at: dt.datetime,
    returns: Iterable[ReturnRow],
    local: Callable[[dt.datetime], dt.datetime],
) -> ReturnNote | None:
    """The return that opened the visit of step `position` started at `started_at` (UTC), or None."""
    for row in returns:
        decision = definition.steps[row.position - 1]
        if row.finished_at == started_at and decision.on_return == position:
            return ReturnNote(
                row.id, row.finished_by, local(started_at), row.reason, decision.number or str(row.position)
            )
    return None


__all__ = ["ReturnNote", "ReturnRow", "return_note"]
