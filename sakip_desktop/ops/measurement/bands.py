"""The office's capaian categories (bands) and optional display cap, kept as one setting.

regulations.md §3.2: pemda use different band sets, so each office sets its own; the default is
`DEFAULT_BANDS` (Sampang 2019) and no cap. The cap only changes what is shown (§3.1 "Caps").
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from sqlalchemy.orm import Session

from sakip_desktop.domain import bounds
from sakip_desktop.domain.achievement import DEFAULT_BANDS, HUNDRED, Band, capped, category
from sakip_desktop.domain.formats import amount
from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.base import Actor, write
from sakip_desktop.ops.home import first_reads
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

SETTING_KEY = "achievement_bands"
UNBOUNDED = Decimal("-Infinity")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Scale:
    """The bands a capaian is categorised by and the cap it is shown with."""

    bands: tuple[Band, ...] = DEFAULT_BANDS
    cap: Decimal | None = None

    def band(self, value: Decimal | None) -> Band | None:
        """The band of an (uncapped) capaian."""
        return category(value, self.bands)

    def shown(self, value: Decimal | None) -> Decimal | None:
        """The capaian as shown: no higher than the cap, when there is one."""
        return capped(value, self.cap)


def parse_number(text: str, what: str, field: str | None = None) -> Decimal:
    """A number typed the Indonesian way ('90,5') or with a point ('90.5'); `what` names it in the error."""
    cleaned = text.strip().replace(" ", "").removesuffix("%")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValidationError(f"{what} harus berupa angka, mis. 90,5 (yang diisi: '{text.strip()}').", field=field)
    return value


def _plain(value: Decimal) -> str:
    return amount(value)


def validate_bands(bands: Sequence[Band], cap: Decimal | None) -> tuple[tuple[Band, ...], Decimal | None]:
    """Check a band set and cap; labels and colours are trimmed. Raise `ValidationError` in Indonesian."""
    if len(bands) < 2:
        raise ValidationError("Kategori capaian paling sedikit dua.", field="bands")
    cleaned: list[Band] = []
    for n, band in enumerate(bands, start=1):
        label, colour = band.label.strip(), band.colour.strip().lower()
        if not label:
            raise ValidationError(f"Nama kategori ke-{n} wajib diisi.", field="bands")
        if not _COLOUR.match(colour):
            raise ValidationError(
                f"Warna kategori '{label}' harus berbentuk #rrggbb (mis. #1b5e20); yang diisi: '{band.colour}'.",
                field="bands",
            )
        cleaned.append(Band(Decimal(band.minimum), label, colour))
    seen: set[str] = set()
    for band in cleaned:
        if band.label.casefold() in seen:  # named as typed the second time: the one to change
            raise ValidationError(f"Nama kategori '{band.label}' dipakai lebih dari sekali.", field="bands")
        seen.add(band.label.casefold())
    *bounded, last = cleaned
    if last.minimum != UNBOUNDED:
        raise ValidationError(
            f"Kategori terakhir ('{last.label}') harus tanpa batas bawah, agar setiap capaian masuk suatu kategori.",
            field="bands",
        )
    for band in bounded:
        if not band.minimum.is_finite():
            raise ValidationError(f"Batas bawah kategori '{band.label}' harus berupa angka.", field="bands")
        if abs(band.minimum) > bounds.PERCENT.maximum:
            raise ValidationError(
                f"Batas bawah kategori '{band.label}' terlalu jauh; isi antara -{bounds.PERCENT.shown_maximum()} "
                f"dan {bounds.PERCENT.shown_maximum()}.",
                field="bands",
            )
    for upper, lower in pairwise(bounded):
        if upper.minimum == lower.minimum:
            raise ValidationError(
                f"Kategori '{upper.label}' dan '{lower.label}' punya batas bawah yang sama "
                f"({_plain(upper.minimum)}); batas bawah setiap kategori harus berbeda.",
                field="bands",
            )
        if upper.minimum < lower.minimum:
            raise ValidationError(
                f"Batas bawah kategori harus makin kecil dari atas ke bawah: '{upper.label}' "
                f"({_plain(upper.minimum)}) harus lebih tinggi dari '{lower.label}' ({_plain(lower.minimum)}).",
                field="bands",
            )
    if cap is not None and (not cap.is_finite() or cap < HUNDRED or cap > bounds.PERCENT.maximum):
        raise ValidationError(
            "Batas tampilan capaian harus kosong (tanpa batas) atau paling sedikit 100% "
            f"(dan paling besar {bounds.PERCENT.shown_maximum()}%).",
            field="display_cap",
        )
    return tuple(cleaned), cap


def _to_json(bands: Sequence[Band], cap: Decimal | None) -> dict[str, Any]:
    return {
        "bands": [{"minimum": str(b.minimum), "label": b.label, "colour": b.colour} for b in bands],
        "cap": None if cap is None else str(cap),
    }


def _from_json(value: dict[str, Any]) -> Scale:
    bands = tuple(Band(Decimal(b["minimum"]), b["label"], b["colour"]) for b in value["bands"])
    cap = value.get("cap")
    return Scale(bands, None if cap is None else Decimal(cap))


def scale_from(stored: str | None) -> Scale:
    """The scale stored (JSON) in the setting `SETTING_KEY`; the defaults when never set."""
    return Scale() if stored is None else _from_json(json.loads(stored))


def scale_setting(session: Session) -> str | None:
    """The stored setting `SETTING_KEY` (JSON), read in an open session; None when never set."""
    row = session.get(m.Setting, SETTING_KEY)
    return None if row is None else row.value


def read_scale(session: Session) -> Scale:
    """The scale, read in an open session (for queries that already have one)."""
    return scale_from(scale_setting(session))


def get_scale(db: Database) -> Scale:
    """The office's bands and display cap (defaults when never set); a first-screen read (the Camat's dasbor)."""
    return scale_from(first_reads.settings(db, [SETTING_KEY]).get(SETTING_KEY))


def get_bands(db: Database) -> tuple[Band, ...]:
    """The office's capaian categories, highest first (`DEFAULT_BANDS` when never set)."""
    return get_scale(db).bands


def get_display_cap(db: Database) -> Decimal | None:
    """The highest capaian shown on screens and exports, or None for no cap (the default)."""
    return get_scale(db).cap


def update_bands(db: Database, actor: Actor, bands: Sequence[Band], cap: Decimal | None) -> Scale:
    """Operation 'Ubah kategori capaian' (administrator): store the bands and display cap."""
    bands, cap = validate_bands(bands, cap)
    with write(db, actor, Op.BANDS_UPDATE) as tx:
        row = tx.session.get(m.Setting, SETTING_KEY)
        old = json.loads(row.value) if row else _to_json(DEFAULT_BANDS, None)
        new = _to_json(bands, cap)
        if row is None:
            tx.session.add(m.Setting(key=SETTING_KEY, value=json.dumps(new, ensure_ascii=False)))
        else:
            row.value = json.dumps(new, ensure_ascii=False)
        tx.audit("setting", None, {SETTING_KEY: old}, {SETTING_KEY: new})
    return Scale(bands, cap)
