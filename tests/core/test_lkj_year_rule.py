"""The LKj and the FPK "Tahun" print the year by one rule (`ops.measurement.year`): both DRAF or both final, and the
same rata-rata capaian of the office. Read from the real PDFs of the demo office (pypdf)."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import delete, select

from sakip_desktop.documents import catalog
from sakip_desktop.documents.catalog import DocRequest
from sakip_desktop.documents.lkj.output import render_lkj
from sakip_desktop.domain import formats
from sakip_desktop.ops.base import SYSTEM
from sakip_desktop.ops.lkj.sections import lkj_view
from sakip_desktop.ops.measurement.summary import INDICATORS
from sakip_desktop.ops.measurement.year import measure_year
from sakip_desktop.ops.org.office import get_settings, update_settings
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database
from tests._lkj_ready import finish_lkj

DAY = dt.date(2026, 2, 20)
LKJ_MEAN = re.compile(r"Rata-rata capaian organisasi \d+ (\d+,\d\d)%")
FPK_MEAN = re.compile(r"Rata-rata capaian kinerja (\d+,\d\d)")


def _text(pdf: Path | bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _printed(db: Database, tmp_path: Path, name: str) -> tuple[str, str]:
    """The LKj 2025 and the FPK Tahun 2025 as printed."""
    render_lkj(db, 2025, tmp_path / f"{name}.pdf", day=DAY)
    fpk, _ = catalog.preview(db, DocRequest(kind="pengukuran", year=2025, quarter=None, day=DAY))
    return _text(tmp_path / f"{name}.pdf"), _text(fpk)


def _means(lkj: str, fpk: str) -> tuple[list[str], list[str]]:
    return LKJ_MEAN.findall(lkj), FPK_MEAN.findall(fpk)


def test_the_lkj_and_the_fpk_agree_on_the_year(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the demo's 2025 (TW I-III entered, TW III not approved, TW IV empty)
    # WHEN the LKj and the FPK Tahun are printed
    lkj, fpk = _printed(demo_db, tmp_path, "draf")
    # THEN both are DRAF, measured s.d. TW III, and print the same office rata-rata
    assert "DRAF ·" in lkj and "DRAF ·" in fpk
    lkj_means, fpk_means = _means(lkj, fpk)
    assert lkj_means and fpk_means and set(lkj_means) == set(fpk_means) == {"99,61"}
    # WHEN the year is finished (every TW IV in and approved, every section reviewed)
    finish_lkj(demo_db, 2025)
    lkj, fpk = _printed(demo_db, tmp_path, "final")
    # THEN neither is DRAF and they still print the same office rata-rata, now for the whole year
    assert "DRAF" not in lkj and "DRAF" not in fpk
    lkj_means, fpk_means = _means(lkj, fpk)
    assert lkj_means and fpk_means and set(lkj_means) == set(fpk_means)


def test_a_row_without_data_is_left_out_of_both_means(demo_db: Database, tmp_path: Path) -> None:
    # GIVEN the demo's 2025 with IK09's TW III realisasi gone, and the office's mean taken over every indicator
    with demo_db.transaction() as s:
        ik09 = s.scalars(select(m.Indicator.id).where(m.Indicator.code == "IK09")).one()
        s.execute(delete(m.Realisation).where(m.Realisation.indicator_id == ik09, m.Realisation.quarter == 3))
    update_settings(demo_db, SYSTEM, replace(get_settings(demo_db), achievement_average=INDICATORS))
    # WHEN the LKj and the FPK Tahun are printed
    lkj, fpk = _printed(demo_db, tmp_path, "tanpa-data")
    # THEN the LKj's IK09 has no capaian ("belum ada data TW III" for the editor), and both print the same mean,
    # which is the year rule's over the 11 indicators with data
    year = measure_year(demo_db, 2025)
    assert year.excluded == 1 and year.average == INDICATORS
    state = next(s for s in lkj_view(demo_db, 2025).data.measure.rows if s.row.info.code == "IK09")
    assert state.note == "belum ada data TW III" and state.achievement is None
    expected = formats.percent(year.achievement).removesuffix("%")
    lkj_means, fpk_means = _means(lkj, fpk)
    assert set(lkj_means) == set(fpk_means) == {expected}
