"""'Dokumen': the official documents (PK, pengukuran, laporan triwulan, berita acara, surat pengantar, LKj) with
preview, printing and saving, the register of generated documents and the outgoing-letter register."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import RoleGrant
from ui.context import AppContext

DOCUMENT_ROLES = (Role.CAMAT, Role.SEKRETARIS, Role.KASUBAG_PERENCANAAN, Role.TIM_SAKIP)


def document_tools(ctx: AppContext, grant: RoleGrant) -> list[tuple[str, Callable[[], QWidget]]]:
    """The 'Dokumen' tool page for the roles that print the office's documents (built when first shown)."""

    def build() -> QWidget:
        from ui.documents.page import DocumentsPage

        return DocumentsPage(ctx)

    return [("Dokumen", build)] if grant.role in DOCUMENT_ROLES else []
