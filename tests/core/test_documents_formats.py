"""One value printer (`domain.formats`): the same target reads the same in every document that prints it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from pypdf import PdfReader

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Aggregation, Target
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.planning.renstra import IndicatorInput, add_indicator
from sakip_desktop.ops.planning.targets import set_year_targets
from sakip_desktop.ops.planning.views import planning_tree
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 10, 20)


def _pdf_text(pdf: bytes) -> str:
    """The text of a PDF with its white space folded to single spaces."""
    import io

    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _add_range_indicator(db: Database) -> None:
    """IK61 with the year's target 40,5–45 (and the same range each quarter), through the planning operations."""
    actor = dataclasses.replace(actor_for(db, "kasubag_renkeu", DAY), is_admin=False)
    objective = planning_tree(db)[0].goals[0].objectives[0].id
    new = add_indicator(
        db, actor, objective, IndicatorInput("IK61", "Indeks kepuasan layanan", "%", aggregation=Aggregation.AVERAGE)
    )
    span = Target(Decimal("40.5"), Decimal("45"))
    assert set_year_targets(db, actor, new, 2025, span, [span] * 4) == []


def test_a_range_target_reads_the_same_in_the_fpk_and_the_lkj(demo_db: Database) -> None:
    # GIVEN an indicator whose 2025 target is the range 40,5 to 45
    _add_range_indicator(demo_db)
    # WHEN the year's Formulir Pengukuran Kinerja and the LKj are printed
    fpk, _ = catalog.preview(demo_db, DocRequest("pengukuran", year=2025, quarter=None, day=DAY))
    lkj, _ = catalog.preview(demo_db, DocRequest("lkj", year=2025, day=DAY))
    fpk_text, lkj_text = _pdf_text(fpk), _pdf_text(lkj)
    # THEN both print it as '40,50–45' (en dash, no spaces), the one form of `formats.span`
    printed = formats.amount_range(Decimal("40.5"), Decimal("45"))
    assert printed == "40,50–45"
    assert printed in fpk_text and printed in lkj_text
    # AND neither prints another spelling of the same range
    for other in ("40,50 – 45", "40,50 - 45", "40,50-45"):
        assert other not in fpk_text and other not in lkj_text
    # AND their .xlsx tables carry the same text in the target column
    for kind in ("pengukuran", "lkj"):
        prepared = catalog.prepare(demo_db, DocRequest(kind, year=2025, quarter=None, day=DAY))
        cells = {cell for table in catalog.sheet_tables(prepared) for row in table.rows for cell in row}
        assert printed in cells, kind


def test_the_value_printer_forms() -> None:
    assert formats.amount(Decimal("24")) == "24" and formats.amount(Decimal("92.857")) == "92,86"
    assert formats.amount(None) == "-" and formats.amount(None, "—") == "—"
    assert formats.compact(Decimal("92.50")) == "92,5" and formats.compact(Decimal("70.00")) == "70"
    assert formats.exact(Decimal("1500")) == "1500" and formats.exact(Decimal("12.5000")) == "12,5"
    assert formats.span("80", "90") == "80–90" and formats.span("80", None) == "80" and formats.span("B", "B") == "B"
    assert formats.with_unit("80–90", "%") == "80–90%" and formats.with_unit("80–90", " nilai ") == "80–90 nilai"
    assert formats.with_unit("7", "") == "7"
    assert formats.percent(None) == "-" and formats.percent(Decimal("87.5")) == "87,50%"
    assert formats.rupiah_figure(1485650000) == "1.485.650.000"
