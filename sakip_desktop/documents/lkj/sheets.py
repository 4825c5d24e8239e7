"""The LKj's tables for the .xlsx export: every `TableSpec` of the story the PDF is laid out from
(`build.lkj_story`), one sheet each in the order of the document, so the workbook has exactly the PDF's tables,
captions, numbers, totals and notes."""

from __future__ import annotations

from sakip_desktop.documents.lkj.build import LkjDoc, lkj_story
from sakip_desktop.documents.lkj.cells import period_label
from sakip_desktop.documents.request import Prepared, SheetTable
from sakip_desktop.documents.tablespec import collect, sheet_table


def lkj_tables(prepared: Prepared) -> list[SheetTable]:
    """Every table the LKj prints, one per sheet, in the order of the document."""
    doc: LkjDoc = prepared.data
    data = doc.view.data
    subtitle = f"Laporan Kinerja {data.office.office_title} {period_label(data)}"
    return [sheet_table(spec, subtitle) for spec in collect(lkj_story(doc))]
