"""The shapes of the first screen's reads (`ops.home.first_reads`): rows typed as the mapped classes give them,
gathered in named tuples. Kept apart from the reads so that module holds the SQL, and only the SQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, NamedTuple

# A row: a tuple whose items are also attributes named as its columns (`storage.sql.rows`).
Record = Any


class AccountRead(NamedTuple):
    """An account with its person, and the person's roles: (role, unit_id, unit name, acting kind or None)."""

    account: Record  # id, username, is_admin, person_id, front_title, name, back_title
    roles: list[tuple[str, int | None, str, str | None]]


class WaitingRead(NamedTuple):
    """What "Menunggu Anda" counts, in every period at once (indicators: those with a target in the year)."""

    planned: list[Record]  # year, unit_id, n: the indicators with a target in the year, by responsible unit
    realisations: list[Record]  # year, quarter, unit_id, status, n
    unreviewed: list[Record]  # year, quarter, n: realisasi sent (or further) without the Tim's telaah
    proposed: list[Record]  # year, quarter, n: rekomendasi waiting for the Camat's decision
    draft_agreements: list[Record]  # year, n: PKs still in draft


class SopSteps(NamedTuple):
    """The open steps of running SOPs with what their inbox needs."""

    days_off: list[dt.date]
    steps: list[Record]  # id, run_id, position, role, started_at, title, sop_version_id (oldest first)
    pauses: list[tuple[int, dt.datetime, dt.datetime | None]]  # (step_run_id, start, end) in order
    definitions: dict[int, str]  # sop_version id -> its definition (JSON)


class FollowUpRead(NamedTuple):
    """Tindak lanjut rows and the records they name, by id."""

    rows: list[Record]  # id, action, responsible_person_id, due_on, status, progress, progress_note, done_at, …
    people: dict[int, Record]  # id, front_title, name, back_title, position
    meetings: dict[int, Record]  # id, period_kind, period_no, year
    recommendations: dict[int, Record]  # id, quarter, year
    indicators: dict[int, Record]  # id, code, name
    evidence: dict[int, int]  # follow_up id -> number of bukti
    lhe: dict[int, Record]  # LHE rekomendasi id -> (id, evaluator, year) of its LHE (issue 16 §3)


class IndicatorTable(NamedTuple):
    """A role's indicators with the period's figures."""

    indicators: list[Record]  # id, code, name, unit, polarity, aggregation, is_key, responsible_unit_id, code, …
    units: dict[int, str]
    year_targets: dict[int, tuple[int, Decimal | None]]  # indicator -> (yearly target id, value)
    quarter_targets: dict[int, Decimal | None]  # yearly target id -> the quarter's value
    actuals: dict[int, tuple[Decimal | None, str]]  # indicator -> (the quarter's realisasi, its status)
    scales: dict[int, tuple[str, dict[int, str]]]  # qualitative indicator -> (scale name, labels by rank)
