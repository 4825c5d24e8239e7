"""Test data for measurement: a demo indicator whose TW III target is 0, with a manual capaian.

Written with plain SQLAlchemy (test set-up, not a user's action): no operation edits rencana aksi yet.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import Indicator, QuarterlyTarget, Realisation, YearlyTarget

ZERO_CODE = "IK08"  # Persentase pengaduan yang tidak tertangani: negative, LAST_VALUE, TW III target 4,5
MANUAL = Decimal("95")
REASON = "Target TW III nol pengaduan; satu pengaduan selesai lewat batas waktu."


def zero_target_in_tw3(db: Database, code: str = ZERO_CODE, manual: Decimal | None = MANUAL) -> None:
    """Set the 2025 TW III target of `code` to 0 and give its TW III realisasi a manual capaian."""
    with db.transaction() as s:
        indicator_id = s.scalars(select(Indicator.id).where(Indicator.code == code)).one()
        yearly = s.scalars(
            select(YearlyTarget).where(YearlyTarget.indicator_id == indicator_id, YearlyTarget.year == 2025)
        ).one()
        quarterly = s.scalars(
            select(QuarterlyTarget).where(QuarterlyTarget.yearly_target_id == yearly.id, QuarterlyTarget.quarter == 3)
        ).one()
        quarterly.value = Decimal(0)
        realisation = s.scalars(
            select(Realisation).where(
                Realisation.indicator_id == indicator_id, Realisation.year == 2025, Realisation.quarter == 3
            )
        ).one()
        realisation.manual_achievement = manual
        realisation.manual_justification = REASON if manual is not None else ""
