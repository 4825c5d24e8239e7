"""Which desa a quarter's per-desa list counts. A desa is never dated, so the rule follows the realisasi: while
it is still being entered (none yet, a draft, or returned for correction) every active desa is listed, and an
unmarked one shows as "belum diisi"; once it is submitted (and so every desa active then was marked) the quarter
counts the desa marked in it. A desa added or reactivated later appears from the quarters still being entered,
not as unfilled in a quarter already submitted, verified or approved."""

from __future__ import annotations

from sakip_desktop.domain.realisation import Status

STILL_ENTERED = frozenset({Status.DRAFT.value, Status.RETURNED.value})


def listed(active: bool, marked: bool, status: str | None) -> bool:
    """Whether a desa appears in the per-desa list of a realisasi of `status` (None: nothing entered yet)."""
    if marked:
        return True
    return active and (status is None or status in STILL_ENTERED)
