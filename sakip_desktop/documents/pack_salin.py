"""The "lembar salin": a year's quarterly figures in the order the kabupaten's web form asks for them (code,
indicator, target, realisasi, capaian, faktor, tindak lanjut), for the person who types them in; one table per
quarter, shown on screen and written as .xlsx (numbers as numbers) into the submission pack."""

from __future__ import annotations

from collections.abc import Sequence

from sakip_desktop.documents.measure_text import DASH, amount_text, capaian_text, target_text
from sakip_desktop.documents.request import SheetTable
from sakip_desktop.documents.xlsx_sheets import SheetPage, workbook_bytes
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.measurement.capaian import QUARTERS, MeasurementRow, measure_all
from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.ops.realisation.narratives import QuarterNarrative, quarter_narratives
from sakip_desktop.storage.database import Database

HEADERS = ("Kode", "Indikator kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)", "Faktor", "Tindak lanjut")
WIDTHS = (8.0, 44.0, 10.0, 10.0, 10.0, 10.0, 44.0, 40.0)


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
            )
        )
    return out


def salin_tables(db: Database, year: int, quarters: Sequence[int] | None = None) -> list[SheetTable]:
    """One table per quarter of `year` (TW I–IV, or those of `quarters`), in the web form's column order."""
    measured = measure_all(db, [year])
    office = get_profile(db).name
    tables = []
    for quarter in quarters or QUARTERS:
        label = quarter_label(quarter)
        rows = salin_rows(measured[(year, quarter)], quarter_narratives(db, year, quarter))
        headers = tuple(
            f"{h} {label}" if h in ("Target", "Realisasi") else h.replace("(%)", f"{label} (%)") for h in HEADERS
        )
        tables.append(
            SheetTable(
                sheet=label,
                title=f"Lembar Salin Capaian Kinerja {label} {year}",
                subtitle=f"{office} · urutan kolom seperti formulir isian e-SAKIP Kabupaten",
                header_rows=(headers,),
                rows=tuple(rows),
                widths=WIDTHS,
                numeric=frozenset({3, 4, 5}),
            )
        )
    return tables


def salin_workbook(db: Database, year: int, quarters: Sequence[int] | None = None) -> bytes:
    """The lembar salin of `year` as .xlsx bytes: a sheet per quarter (those of `quarters`, default all four)."""
    return workbook_bytes(salin_tables(db, year, quarters), SheetPage.of_office(db))
