"""Pemantauan and Evaluasi kinerja: the Tim's telaah, the Sekretaris's rekomendasi and the Camat's decision,
evaluation meetings with their tindak lanjut, and the tindak lanjut list of "Menunggu Anda"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import RoleGrant
from ui.context import AppContext


def monitoring_tools(ctx: AppContext, grant: RoleGrant) -> list[tuple[str, Callable[[], QWidget]]]:
    """The tool pages of this part for a role's tab: (title, build) pairs, built when first shown."""

    def review():
        from ui.monitoring.review_page import ReviewPage

        return ReviewPage(ctx)

    def recommendations(can_write: bool, can_decide: bool):
        def build():
            from ui.monitoring.recommendation_page import RecommendationPage

            return RecommendationPage(ctx, can_write=can_write, can_decide=can_decide)

        return build

    def meetings(can_edit: bool):
        def build():
            from ui.monitoring.meetings_page import MeetingsPage

            return MeetingsPage(ctx, can_edit=can_edit)

        return build

    role = grant.role
    if role is Role.TIM_SAKIP:
        return [("Pemantauan", review), ("Evaluasi kinerja", meetings(True))]
    if role is Role.SEKRETARIS:
        return [("Rekomendasi", recommendations(True, False)), ("Evaluasi kinerja", meetings(True))]
    if role is Role.CAMAT:
        return [("Rekomendasi", recommendations(False, True)), ("Evaluasi kinerja", meetings(False))]
    return []
