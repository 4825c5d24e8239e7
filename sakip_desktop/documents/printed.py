"""A document printed in two steps: built first (its PDF, with the version it would get in the register), recorded
in the document register only once it has gone to the printer.

`catalog.generate` builds and records at once (saving a PDF, opening it in another program). Printing may still be
cancelled in the print dialog, or fail; the register should then not say it was printed. The PDF built here is the
one printed and the one whose checksum is recorded. Both steps are the catalog's own (`build_unrecorded`,
`record_built`), so a printed and a saved document are recorded alike.
"""

from __future__ import annotations

from sakip_desktop.documents.catalog import Built, Generated, build_unrecorded, record_built
from sakip_desktop.documents.request import DocRequest
from sakip_desktop.ops.base import Actor
from sakip_desktop.storage.database import Database

__all__ = ["Built", "build_for_print", "record_print"]


def build_for_print(db: Database, request: DocRequest) -> Built:
    """Prepare and render the requested document with the version it gets when recorded."""
    return build_unrecorded(db, request)


def record_print(db: Database, actor: Actor, built: Built) -> Generated:
    """Enter the printed document in the register (not when the file takes no writes: read-only or damaged)."""
    return record_built(db, actor, built)
