"""Lampiran 1 of the LKj: the office's Perjanjian Kinerja of the year itself, as `documents.pk` prints it (kop,
statement, signatures, tables 1 and 2 with the signatures again), not a table typed again (regulations.md §1.3
"LAMPIRAN: 1. Perjanjian Kinerja").

An office that keeps no PK of the year in the program gets the Bab II summary tables (from the yearly targets and
the pagu, their source under them) in its place.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from sakip_desktop.documents.lkj.chapters import Ctx, pk_tables
from sakip_desktop.documents.pk import pk_story


def lampiran_pk(ctx: Ctx) -> list[Flowable]:
    """The flowables of Lampiran 1 (after its heading)."""
    if ctx.agreement is None:
        return pk_tables(ctx)
    return pk_story(ctx.setup, ctx.agreement, ctx.width, kop=True)
