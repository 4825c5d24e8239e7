"""The columns of the 'Perjanjian Kinerja' page: the PK list (status in its colour), a PK's targets and its
budget lines."""

from __future__ import annotations

from sakip_desktop.domain import formats
from sakip_desktop.ops.agreements.pk import AgreementSummary, BudgetLineView, Status, TargetLine
from ui.widgets.colours import DONE_COLOUR, OPEN_COLOUR, QUIET_COLOUR
from ui.widgets.forms import DASH
from ui.widgets.table import Column

STATUS_COLOURS = {Status.DRAFT: OPEN_COLOUR, Status.FINAL: DONE_COLOUR, Status.SUPERSEDED: QUIET_COLOUR}


def _status_colour(summary: AgreementSummary) -> str | None:
    return STATUS_COLOURS.get(summary.status) if summary.status else None


def _date(summary: AgreementSummary) -> str:
    return formats.long_date(summary.signed_on) if summary.signed_on else DASH


LIST_COLUMNS = [
    Column[AgreementSummary]("Perjanjian kinerja", lambda r: r.scope, width=250),
    Column[AgreementSummary]("Pihak pertama", lambda r: r.first_party or DASH),
    Column[AgreementSummary]("Versi", lambda r: str(r.version) if r.version else DASH, align_right=True, width=50),
    Column[AgreementSummary]("Jenis", lambda r: r.kind_label, width=110),
    Column[AgreementSummary]("Status", lambda r: r.status_label, background=_status_colour, width=140),
    Column[AgreementSummary]("Nomor", lambda r: r.document_number or DASH, width=190),
    Column[AgreementSummary]("Tanggal", _date, lambda r: r.signed_on, width=130),
]

TARGET_COLUMNS = [
    Column[TargetLine]("No", lambda t: str(t.no), lambda t: t.no, align_right=True, width=36),
    Column[TargetLine]("Sasaran", lambda t: f"{t.objective_code} {t.objective}", width=330),
    Column[TargetLine](
        "Indikator kinerja", lambda t: f"{t.indicator_code} {t.indicator}" + (" (IKU)" if t.is_key else "")
    ),
    Column[TargetLine]("Target", lambda t: t.target, lambda t: t.value, align_right=True, width=120),
]

BUDGET_COLUMNS = [
    Column[BudgetLineView]("No", lambda b: str(b.no), lambda b: b.no, align_right=True, width=36),
    Column[BudgetLineView]("Kode", lambda b: b.code, width=140),
    Column[BudgetLineView]("Program / Sub kegiatan", lambda b: b.name),
    Column[BudgetLineView](
        "Anggaran (Rp)", lambda b: formats.number(b.amount, 0), lambda b: b.amount, align_right=True, width=140
    ),
    Column[BudgetLineView]("Keterangan", lambda b: b.note, width=100),
]
