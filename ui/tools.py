"""Which role sees which tool page, and which SOP step action opens which page: the one table of the UI.

A tool whose work is a write operation is shown to the roles the core's permission table lets start that operation
(`sakip_desktop/domain/permissions.py`), so the two cannot drift apart. Pages that only read (the dashboard, the
measurement, the documents, the budget, SOP compliance) name their readers here, once.

The pages themselves are imported when first built: this module is read by the first screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QWidget

from sakip_desktop.domain.permissions import Op, roles_allowed
from sakip_desktop.domain.roles import ADMIN, ActingKind, Role
from sakip_desktop.ops.base import RoleGrant
from ui.context import AppContext

Build = Callable[[AppContext, RoleGrant], QWidget]
_C, _S, _KP, _T, _AD = Role.CAMAT, Role.SEKRETARIS, Role.KASUBAG_PERENCANAAN, Role.TIM_SAKIP, Role.ADMIN_DATA

# Titles the role tab looks up. (A title is also how "Menunggu Anda" opens a tool: ops/home/waiting_work.py.)
DOCUMENTS, MEASUREMENT, BUDGET_VIEW, DASHBOARD = "Dokumen", "Pengukuran kinerja", "Anggaran", "Dasbor"
LKE_TOOL = "Evaluasi SAKIP (LKE)"  # issue 16 §1-2 (helper lke)


def writers(*ops: Op) -> frozenset[Role]:
    """The roles the core's permission table lets start any of `ops`."""
    return frozenset(role for op in ops for role in roles_allowed(op))


@dataclass(frozen=True)
class Tool:
    """A tool page of a role's tab: its title, who sees it, and how it is built (when first shown)."""

    title: str
    roles: frozenset[Role]
    # None: the role tab builds it itself: the budget view (read when first looked at) and the dashboard (it opens
    # SOP steps, whose actions open pages of this table: built here, it would close an import cycle).
    build: Build | None
    shown: Callable[[RoleGrant], bool] = lambda _grant: True  # a further condition on the grant

    def builder(self, ctx: AppContext, grant: RoleGrant) -> Callable[[], QWidget]:
        """Builds the page for this person and role, when called."""
        build = self.build
        assert build is not None, f"{self.title} is built by the role tab"
        return lambda: build(ctx, grant)


# ---- how each page is built ------------------------------------------------------------------------------------


def person_unit(ctx: AppContext) -> int | None:
    """The unit of the person's own record (None when the account has no person or the person no unit)."""
    from sakip_desktop.ops.org.people import get_person

    return get_person(ctx.db, ctx.actor.person_id).unit_id if ctx.actor.person_id else None


def _entry(ctx: AppContext, grant: RoleGrant) -> QWidget:
    unit_id = grant.unit_id if grant.role is Role.KASI else person_unit(ctx)
    if unit_id is None:
        note = QLabel("Akun Anda belum terhubung ke unit kerja. Minta administrator mengisi unit kerja Anda.")
        note.setWordWrap(True)
        return note
    from ui.cycle.entry_page import EntryPage

    return EntryPage(ctx, unit_id)


def _planning(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.planning.page import PlanningPage

    return PlanningPage(ctx)


def _budget_plan(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.budget.page import BudgetPlanPage

    return BudgetPlanPage(ctx)


def _verify(ctx: AppContext, _grant: RoleGrant | None = None) -> QWidget:
    from ui.cycle.verify_page import VerifyPage

    return VerifyPage(ctx)


def _revision(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.cycle.revision_page import RevisionPage

    return RevisionPage(ctx)


def _approve(ctx: AppContext, _grant: RoleGrant | None = None) -> QWidget:
    from ui.cycle.approve_page import ApprovePage

    return ApprovePage(ctx)


def _agreement(ctx: AppContext, grant: RoleGrant) -> QWidget:
    from ui.agreement.page import AgreementPage

    return AgreementPage(ctx, grant.role in writers(Op.PK_CREATE))


def _lkj(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.lkj.page import LkjPage

    return LkjPage(ctx)


def _e81(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.documents.e81_page import E81Page

    return E81Page(ctx)


def _pack(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.pack.page import PackPage

    return PackPage(ctx)


def _lhe(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.lhe.page import LhePage  # issue 16 §3 (helper lhe)

    return LhePage(ctx)


def _lke(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.lke.page import LkePage  # issue 16 §1-2 (helper lke)

    return LkePage(ctx)


def _review(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.monitoring.review_page import ReviewPage

    return ReviewPage(ctx)


def _recommendations(ctx: AppContext, grant: RoleGrant) -> QWidget:
    from ui.monitoring.recommendation_page import RecommendationPage

    can_write = grant.role in writers(Op.RECOMMENDATION_ADD)
    return RecommendationPage(ctx, can_write=can_write, can_decide=grant.role in writers(Op.RECOMMENDATION_ACCEPT))


def _meetings(ctx: AppContext, grant: RoleGrant) -> QWidget:
    from ui.monitoring.meetings_page import MeetingsPage

    return MeetingsPage(ctx, can_edit=grant.role in writers(Op.MEETING_CREATE))


def _documents(ctx: AppContext, _grant: RoleGrant) -> QWidget:
    from ui.documents.page import DocumentsPage

    return DocumentsPage(ctx)


def _measurement(ctx: AppContext, _grant: RoleGrant | None = None) -> QWidget:
    from ui.measurement_page import MeasurementPage

    return MeasurementPage(ctx)


def _not_plh(grant: RoleGrant) -> bool:
    """A Plh. Camat cannot make a PK final (see the permission's note)."""
    return grant.role is not Role.CAMAT or grant.acting is not ActingKind.PLH


# ---- the table -------------------------------------------------------------------------------------------------

# In tab order, after "Indikator kinerja"; the dashboard goes first and is opened (the role tab does that).
TOOLS: tuple[Tool, ...] = (
    Tool("Isi realisasi", writers(Op.REALISATION_SAVE), _entry),
    Tool("Perencanaan", writers(Op.PLAN_ADD), _planning),
    Tool("Anggaran dan impor rencana", writers(Op.BUDGET_SAVE, Op.RENCANA_IMPORT), _budget_plan),
    Tool("Verifikasi realisasi", writers(Op.REALISATION_VERIFY), _verify),
    # The core lets the Camat revise too; the revision page is the Sekretaris's.
    Tool("Revisi realisasi", frozenset({_S}), _revision),
    Tool("Persetujuan realisasi", writers(Op.REALISATION_APPROVE), _approve),
    Tool("Perjanjian Kinerja", writers(Op.PK_FINALISE), _agreement, _not_plh),
    Tool("LKj", writers(Op.LKJ_SECTION_SAVE, Op.LKJ_SIGN), _lkj),
    Tool("Formulir E.81", writers(Op.E81_NOTE_SAVE), _e81),
    # The Tim SAKIP and the Admin Data keep the pack; the Camat follows it (and sees what is late).
    Tool("Paket Kabupaten", writers(Op.PACK_STATUS_SET) | {_C}, _pack),
    Tool("Pemantauan", writers(Op.REVIEW_SAVE), _review),
    Tool("Rekomendasi", writers(Op.RECOMMENDATION_ADD, Op.RECOMMENDATION_ACCEPT), _recommendations),
    Tool("Evaluasi kinerja", writers(Op.MEETING_CREATE) | {_C}, _meetings),  # the Camat reads the minutes
    # The LHE and its TL LHE matrix (issue 16 §3): recorded, given RATL, checked by the Camat; "Menunggu Anda" opens
    # it by this title (ops/home/waiting_work.py LHE_TOOL).
    Tool("LHE dan TL LHE", writers(Op.LHE_SAVE, Op.FOLLOW_UP_ADD, Op.LHE_MATRIX_REVIEW), _lhe),
    # The LKE self-assessment (issue 16 §1-2): filled by the Tim SAKIP, Admin Data or Sekretaris, signed by the Camat.
    Tool(LKE_TOOL, writers(Op.LKE_ANSWER_SAVE, Op.LKE_SIGN), _lke),
    Tool(DOCUMENTS, frozenset({_C, _S, _KP, _T}), _documents),
    Tool(MEASUREMENT, frozenset({_C, _S, _KP, _T, _AD}), _measurement),  # the Admin Data copies it onward
    # The Kasubag Perencanaan edits the budget in 'Anggaran dan impor rencana'; the others read it here.
    Tool(BUDGET_VIEW, frozenset({_C, _S, _T}), None),
    Tool(DASHBOARD, frozenset({_C}), None),
)

# Who sees Kepatuhan SOP in the SOP tab (role values and the administrator flag, as `Actor.may` takes them).
SOP_COMPLIANCE_READERS = (ADMIN, _C.value, _S.value, _KP.value, _T.value)


def tools_for(grant: RoleGrant) -> list[Tool]:
    """The tools of a role's tab, in tab order."""
    return [tool for tool in TOOLS if grant.role in tool.roles and tool.shown(grant)]


def tool_pages(ctx: AppContext, grant: RoleGrant) -> list[tuple[str, Callable[[], QWidget]]]:
    """(title, build) of the role's tool pages built here, when first shown (all but the budget and the dasbor)."""
    return [(tool.title, tool.builder(ctx, grant)) for tool in tools_for(grant) if tool.build is not None]


def document_tools(ctx: AppContext, grant: RoleGrant) -> list[tuple[str, Callable[[], QWidget]]]:
    """The 'Dokumen' tool alone, for the roles that print the office's documents."""
    return [(title, build) for title, build in tool_pages(ctx, grant) if title == DOCUMENTS]


# ---- the screen a step of an SOP opens -------------------------------------------------------------------------


def _step_entry(ctx: AppContext) -> QWidget | None:
    """The entry page of the actor's unit: a Kasi's seksi, else his own unit; None when he has none."""
    kasi_units = [g.unit_id for g in ctx.actor.grants if g.role is Role.KASI and g.unit_id is not None]
    unit_id = kasi_units[0] if kasi_units else person_unit(ctx)
    if unit_id is None:
        return None
    from ui.cycle.entry_page import EntryPage

    return EntryPage(ctx, unit_id)


# Every step action (sakip_desktop/sop/definition.py ACTIONS) with a screen; one missing here gets no button.
ACTION_PAGES: dict[str, Callable[[AppContext], QWidget | None]] = {
    "ENTRY": _step_entry,
    "VERIFY": _verify,
    "APPROVE": _approve,
    "MEASURE": _measurement,
}
