"""The "lembar salin": a year's quarterly figures in the order the kabupaten's web form asks for them (code,
indicator, target, realisasi, capaian, faktor, tindak lanjut), for the person who types them in; one table per
quarter, shown on screen and written as .xlsx (numbers as numbers) into the submission pack.

A figure the Camat has not yet approved is not final: its row says "belum disetujui Camat" (column Keterangan), the
quarter's subtitle names the indicators, and the workbook says DRAF in its title rows like the other draft workbooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sakip_desktop.documents.measure_text import DASH, amount_text, capaian_text, target_text
from sakip_desktop.documents.request import SheetTable
from sakip_desktop.documents.xlsx_sheets import SheetPage, workbook_bytes
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.measurement.capaian import QUARTERS, MeasurementRow, measure_all
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.realisation.narratives import QuarterNarrative, quarter_narratives
from sakip_desktop.storage.database import Database

HEADERS = ("Kode", "Indikator kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)", "Faktor", "Tindak lanjut",
           "Keterangan")  # fmt: skip
WIDTHS = (8.0, 44.0, 10.0, 10.0, 10.0, 10.0, 44.0, 40.0, 22.0)
NOT_APPROVED = "belum disetujui Camat"


@dataclass(frozen=True)
class SalinQuarter:
    """One quarter of the lembar salin: its table, and the codes of the indicators whose figures the Camat has not
    yet approved (entered but not final)."""

    quarter: int
    table: SheetTable
    pending: tuple[str, ...]

    @property
    def warning(self) -> str:
        """'DRAF — 10 indikator belum disetujui Camat: IK01, IK02, …', or ''."""
        return pending_warning(self.pending)


def pending_warning(pending: Sequence[str]) -> str:
    """'DRAF — 10 indikator belum disetujui Camat: IK01, IK02, …', or '' when nothing waits."""
    if not pending:
        return ""
    return f"DRAF — {len(pending)} indikator {NOT_APPROVED}: {', '.join(pending)}"


def _pending(row: MeasurementRow) -> bool:
    return row.has_data and not row.all_approved


def _faktor(narrative: QuarterNarrative | None) -> str:
    if narrative is None:
        return ""
    parts = [
        f"{label}: {text.strip()}"
        for label, text in (("Pendukung", narrative.supporting), ("Penghambat", narrative.inhibiting))
        if text.strip()
    ]
    return "\n".join(parts)


def salin_rows(rows: Sequence[MeasurementRow], narratives: Sequence[QuarterNarrative]) -> list[tuple[str, ...]]:
    """The rows of one quarter, by indicator code: target, realisasi and capaian of the quarter as printed."""
    by_code = {n.code: n for n in narratives}
    out: list[tuple[str, ...]] = []
    for row in sorted(rows, key=lambda r: r.info.code):
        info, narrative = row.info, by_code.get(row.info.code)
        out.append(
            (
                info.code,
                info.name,
                info.unit,
                target_text(row.quarter_target, info),
                amount_text(row.actual, info),
                capaian_text(row, row.achievement_quarter) if row.has_data else DASH,
                _faktor(narrative),
                narrative.follow_up.strip() if narrative else "",
                NOT_APPROVED if _pending(row) else "",
            )
        )
    return out


def salin_quarters(db: Database, year: int, quarters: Sequence[int] | None = None) -> list[SalinQuarter]:
    """One table per quarter of `year` (TW I–IV, or those of `quarters`), in the web form's column order, with the
    indicators whose figures are not yet approved."""
    measured = measure_all(db, [year])
    office = get_profile(db).name
    out = []
    for quarter in quarters or QUARTERS:
        label = quarter_label(quarter)
        measured_rows = measured[(year, quarter)]
        rows = salin_rows(measured_rows, quarter_narratives(db, year, quarter))
        pending = tuple(sorted(r.info.code for r in measured_rows if _pending(r)))
        headers = tuple(
            f"{h} {label}" if h in ("Target", "Realisasi") else h.replace("(%)", f"{label} (%)") for h in HEADERS
        )
        subtitle = f"{office} · urutan kolom seperti formulir isian e-SAKIP Kabupaten"
        if pending:
            subtitle = f"{subtitle} · {pending_warning(pending)}"
        table = SheetTable(
            sheet=label,
            title=f"Lembar Salin Capaian Kinerja {label} {year}",
            subtitle=subtitle,
            header_rows=(headers,),
            rows=tuple(rows),
            widths=WIDTHS,
            numeric=frozenset({3, 4, 5}),
        )
        out.append(SalinQuarter(quarter, table, pending))
    return out


def salin_tables(db: Database, year: int, quarters: Sequence[int] | None = None) -> list[SheetTable]:
    """The tables of `salin_quarters`."""
    return [part.table for part in salin_quarters(db, year, quarters)]


def salin_workbook(db: Database, year: int, quarters: Sequence[int] | None = None) -> bytes:
    """The lembar salin of `year` as .xlsx bytes: a sheet per quarter (those of `quarters`, default all four); DRAF
    when any figure in it is not yet approved by the Camat."""
    parts = salin_quarters(db, year, quarters)
    draft = any(part.pending for part in parts)
    return workbook_bytes([part.table for part in parts], SheetPage.of_office(db), draft=draft)
