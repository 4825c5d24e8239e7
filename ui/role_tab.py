"""A role's tab: what waits for that role ("Menunggu Anda") and the role's tools."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home.overview import BudgetRow, IndicatorRow, budget_rows, indicator_rows
from ui.context import AppContext
from ui.documents import document_tools
from ui.inbox import InboxPanel
from ui.lazy import LazyPage
from ui.monitoring import monitoring_tools
from ui.monitoring.inbox_panel import FollowUpPanel
from ui.plain_text import plain_label
from ui.table import Column, RecordTableModel, apply_widths, sorting_proxy
from ui.waiting_work import WaitingWorkPanel

# What will appear in each role's inbox, said while it is empty: only what "Menunggu Anda" really lists (the
# work of ui/waiting_work.py, the role's SOP steps, the tindak lanjut of ui/monitoring/inbox_panel.py).
EMPTY_INBOX = {
    Role.CAMAT: "Tidak ada yang menunggu persetujuan Anda. Realisasi triwulan yang sudah diverifikasi Sekretaris, "
    "rekomendasi yang perlu Anda putuskan, Perjanjian Kinerja yang masih draf, perubahan peran atau Plt./Plh., "
    "langkah SOP giliran Camat atau yang melebihi waktu standar, dan tindak lanjut yang terlambat akan tampil di "
    "sini.",
    Role.SEKRETARIS: "Tidak ada yang menunggu verifikasi Anda. Realisasi triwulan yang diajukan para Kasi, "
    "langkah SOP giliran Sekretaris, dan tindak lanjut yang ditugaskan kepada Anda akan tampil di sini.",
    Role.TIM_SAKIP: "Tidak ada tugas Tim saat ini. Indikator yang realisasi triwulannya sudah diajukan tetapi "
    "belum ditelaah Tim dan langkah SOP giliran Tim SAKIP akan tampil di sini.",
    Role.KASUBAG_PERENCANAAN: "Tidak ada yang menunggu Anda. Realisasi triwulan sub bagian Anda yang belum diisi, "
    "masih draf atau dikembalikan, langkah SOP giliran Anda, dan tindak lanjut yang ditugaskan kepada Anda akan "
    "tampil di sini.",
    Role.KASUBAG_UMUM: "Tidak ada yang menunggu Anda. Realisasi triwulan sub bagian Anda yang belum diisi, masih "
    "draf atau dikembalikan, langkah SOP giliran Anda, dan tindak lanjut yang ditugaskan kepada Anda akan tampil "
    "di sini.",
    Role.KASI: "Tidak ada yang menunggu Anda. Realisasi triwulan seksi Anda yang belum diisi, masih draf atau "
    "dikembalikan, langkah SOP giliran Anda, dan tindak lanjut hasil evaluasi untuk Anda akan tampil di sini.",
    Role.STAF: "Tidak ada tugas untuk Anda saat ini. Realisasi triwulan unit kerja Anda yang belum diisi, masih "
    "draf atau dikembalikan, langkah SOP yang ditugaskan kepada staf, dan tindak lanjut yang ditugaskan kepada "
    "Anda akan tampil di sini.",
    Role.ADMIN_DATA: "Tidak ada yang menunggu Anda. Langkah SOP giliran Admin Data, seperti menyalin data ke "
    "sistem daring kabupaten, akan tampil di sini.",
}
BUDGET_ROLES = {Role.CAMAT, Role.SEKRETARIS, Role.KASUBAG_PERENCANAAN, Role.TIM_SAKIP}
# Who sees the measurement (capaian) of the office; the Admin Data copies it to the kabupaten's systems.
MEASUREMENT_ROLES = {Role.CAMAT, Role.SEKRETARIS, Role.KASUBAG_PERENCANAAN, Role.TIM_SAKIP, Role.ADMIN_DATA}


def grant_title(grant: RoleGrant) -> str:
    """Tab title: 'Camat', 'Kasi Pemerintahan', 'Plh. Camat'."""
    title = grant.role.label
    if grant.role.per_unit and grant.unit_name:
        title = f"Kasi {grant.unit_name.removeprefix('Seksi ').strip()}"
    return f"{grant.acting.prefix} {title}" if grant.acting else title


def _num(value: Decimal | None, row: IndicatorRow | None = None) -> str:
    label = row.value_label(value) if row is not None else None  # a level of a qualitative indicator
    if label:
        return label
    if value is None:
        return "—"
    decimals = 0 if value == value.to_integral_value() else 2
    return formats.number(value, decimals)


INDICATOR_COLUMNS = [
    Column[IndicatorRow]("Kode", lambda r: r.code, width=50),
    Column[IndicatorRow](
        "Indikator kinerja", lambda r: r.name + ("  (IKU)" if r.is_key else ""), tooltip=lambda r: r.objective
    ),
    Column[IndicatorRow]("Satuan", lambda r: r.unit, width=80),
    Column[IndicatorRow]("Polaritas", lambda r: r.polarity, width=70),
    Column[IndicatorRow]("Target tahun", lambda r: _num(r.year_target, r), align_right=True, width=95),
    Column[IndicatorRow]("Target TW", lambda r: _num(r.quarter_target, r), align_right=True, width=80),
    Column[IndicatorRow]("Realisasi TW", lambda r: _num(r.actual, r), align_right=True, width=95),
    Column[IndicatorRow]("Status", lambda r: r.status, width=95),
    Column[IndicatorRow]("Penanggung jawab", lambda r: r.responsible_unit, width=260),
]

BUDGET_COLUMNS = [
    Column[BudgetRow]("Kode", lambda r: r.code, width=150),
    Column[BudgetRow]("Program / Kegiatan / Sub Kegiatan", lambda r: "    " * r.level + r.name),
    Column[BudgetRow]("Pagu (Rp)", lambda r: formats.number(r.ceiling, 0), align_right=True, width=130),
    Column[BudgetRow](
        "Realisasi s.d. TW (Rp)", lambda r: formats.number(r.spent_to_date, 0), align_right=True, width=160
    ),
    Column[BudgetRow](
        "Serapan",
        lambda r: "—" if r.absorption is None else formats.percent(r.absorption),
        align_right=True,
        width=90,
    ),
]


def _table(model: RecordTableModel, columns: list[Column], stretch_column: int) -> QTableView:
    view = QTableView()
    view.setModel(sorting_proxy(model, view))
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(40)
    apply_widths(view, columns, stretch_column)
    return view


class RoleTab(QWidget):
    """The tab of one role the person holds."""

    def __init__(self, ctx: AppContext, grant: RoleGrant, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.grant = ctx, grant

        self.inbox = InboxPanel(ctx, grant, EMPTY_INBOX[grant.role])
        inbox_box = QGroupBox("Menunggu Anda")
        inbox_layout = QVBoxLayout(inbox_box)
        self.waiting = WaitingWorkPanel(ctx, grant)  # realisasi, rekomendasi, PKs waiting: links to the tools
        self.waiting.open_tool.connect(self.show_tool)
        inbox_layout.addWidget(self.waiting, 0, Qt.AlignmentFlag.AlignTop)  # at the top when it shows alone
        inbox_layout.addWidget(self.inbox)
        self.follow_ups = FollowUpPanel(ctx, grant)  # tindak lanjut waiting, under the SOP steps
        inbox_layout.addWidget(self.follow_ups)

        self.tools = QTabWidget()
        self.indicator_model = RecordTableModel(INDICATOR_COLUMNS, self)
        self.indicator_view = _table(self.indicator_model, INDICATOR_COLUMNS, 1)
        self.indicator_title = plain_label()  # names the seksi: data
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(self.indicator_title)
        lay.addWidget(self.indicator_view)
        self.tools.addTab(page, "Indikator kinerja")
        self.cycle_pages: dict[str, LazyPage] = {}
        tools = [*self._cycle_tools(), *self._agreement_tools(), *self._lkj_tools(), *monitoring_tools(ctx, grant)]
        tools += document_tools(ctx, grant)
        for title, build in tools:
            self.cycle_pages[title] = LazyPage(build)
            self.tools.addTab(self.cycle_pages[title], title)
        self.measurement_page: LazyPage | None = None
        if grant.role in MEASUREMENT_ROLES:
            self.measurement_page = LazyPage(self._build_measurement)
            self.tools.addTab(self.measurement_page, "Pengukuran kinerja")
        self.budget_model: RecordTableModel | None = None
        self._budget_stale = True
        # The Kasubag Perencanaan edits the budget in 'Anggaran dan impor rencana'; the others read it here.
        if grant.role in BUDGET_ROLES and grant.role is not Role.KASUBAG_PERENCANAAN:
            self.budget_model = RecordTableModel(BUDGET_COLUMNS, self)
            self.budget_view = _table(self.budget_model, BUDGET_COLUMNS, 1)
            self.tools.addTab(self.budget_view, "Anggaran")
            self.tools.currentChanged.connect(lambda _i: self._load_budget_if_shown())
        self.dashboard_page: LazyPage | None = None
        if grant.role is Role.CAMAT:  # the Camat's tab opens on the dasbor
            self.dashboard_page = LazyPage(self._build_dashboard)
            self.tools.insertTab(0, self.dashboard_page, "Dasbor")
            self.tools.setCurrentIndex(0)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(inbox_box)
        split.addWidget(self.tools)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self._stale = True
        ctx.signals.period_changed.connect(lambda *_: self.refresh())
        ctx.signals.work_changed.connect(self.refresh)

    def _cycle_tools(self):
        """The realisasi tools of this role: entry for a unit's people, verification, approval."""
        role = self.grant.role
        if role is Role.KASI:
            return [("Isi realisasi", lambda: self._entry_page(self.grant.unit_id))]
        if role is Role.KASUBAG_PERENCANAAN:
            return [
                ("Isi realisasi", lambda: self._entry_page(self._own_unit())),
                ("Perencanaan", self._planning_page),
                ("Anggaran dan impor rencana", self._budget_plan_page),
            ]
        if role in (Role.KASUBAG_PERENCANAAN, Role.KASUBAG_UMUM, Role.STAF):
            return [("Isi realisasi", lambda: self._entry_page(self._own_unit()))]
        if role is Role.SEKRETARIS:
            return [("Verifikasi realisasi", self._verify_page), ("Revisi realisasi", self._revision_page)]
        if role is Role.CAMAT:
            return [("Persetujuan realisasi", self._approve_page)]
        return []

    def _agreement_tools(self):
        """'Perjanjian Kinerja': prepared by the Kasubag Perencanaan (or an administrator), made final by the Camat."""
        role, acting = self.grant.role, self.grant.acting
        if role is Role.KASUBAG_PERENCANAAN or (role is Role.CAMAT and acting is not ActingKind.PLH):
            return [("Perjanjian Kinerja", lambda: self._agreement_page(role is Role.KASUBAG_PERENCANAAN))]
        return []

    def _lkj_tools(self):
        """'LKj': the annual Laporan Kinerja, written by the planners and locked by the Camat's signature."""
        if self.grant.role in (Role.KASUBAG_PERENCANAAN, Role.SEKRETARIS, Role.TIM_SAKIP, Role.CAMAT):
            return [("LKj", self._lkj_page)]
        return []

    def _lkj_page(self):
        from ui.lkj.page import LkjPage

        return LkjPage(self.ctx)

    def _agreement_page(self, can_prepare: bool):
        from ui.agreement.page import AgreementPage

        return AgreementPage(self.ctx, can_prepare)

    def _planning_page(self):
        from ui.planning.page import PlanningPage

        return PlanningPage(self.ctx)

    def _budget_plan_page(self):
        from ui.budget.page import BudgetPlanPage

        return BudgetPlanPage(self.ctx)

    def _own_unit(self) -> int | None:
        from sakip_desktop.ops.org.people import get_person

        return get_person(self.ctx.db, self.ctx.actor.person_id).unit_id if self.ctx.actor.person_id else None

    def _entry_page(self, unit_id: int | None):
        if unit_id is None:
            note = QLabel("Akun Anda belum terhubung ke unit kerja. Minta administrator mengisi unit kerja Anda.")
            note.setWordWrap(True)
            return note
        from ui.cycle.entry_page import EntryPage

        return EntryPage(self.ctx, unit_id)

    def _verify_page(self):
        from ui.cycle.verify_page import VerifyPage

        return VerifyPage(self.ctx)

    def _revision_page(self):
        from ui.cycle.revision_page import RevisionPage

        return RevisionPage(self.ctx)

    def _approve_page(self):
        from ui.cycle.approve_page import ApprovePage

        return ApprovePage(self.ctx)

    def _build_measurement(self):
        from ui.measurement_page import MeasurementPage

        return MeasurementPage(self.ctx)

    def _build_dashboard(self):
        from ui.dashboard.page import DashboardPage

        return DashboardPage(self.ctx)

    def showEvent(self, event) -> None:
        # A tab reads its data when first shown: a person with several roles waits only for one.
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def show_tool(self, title: str) -> None:
        """Bring the tool tab of that title forward (nothing happens for a title the role does not have)."""
        for i in range(self.tools.count()):
            if self.tools.tabText(i) == title:
                self.tools.setCurrentIndex(i)
                return

    @property
    def title(self) -> str:
        """The tab's title."""
        return grant_title(self.grant)

    def refresh(self) -> None:
        """Reload what the tab shows for the period being worked on (later, if the tab is hidden)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        ctx = self.ctx
        self.inbox.refresh()
        self.follow_ups.refresh()
        self.waiting.refresh()
        # "Nothing waits" would contradict the work listed beside it: then only that shows.
        self.inbox.setVisible(bool(self.inbox.items()) or not (self.follow_ups.items() or self.waiting.items()))
        unit_id = self.grant.unit_id if self.grant.role is Role.KASI else None
        rows = indicator_rows(ctx.db, ctx.year, ctx.quarter, unit_id)
        self.indicator_model.set_rows(rows)
        scope = f"seksi {self.grant.unit_name}" if unit_id else "kantor"
        self.indicator_title.setText(
            f"Indikator kinerja {scope}: target dan realisasi {quarter_label(ctx.quarter)} tahun {ctx.year} "
            f"({len(rows)} indikator)."
        )
        self._budget_stale = True
        self._load_budget_if_shown()

    def _load_budget_if_shown(self) -> None:
        # The budget tab is read when first looked at, not at start-up.
        if self.budget_model is None or not self._budget_stale:
            return
        if self.tools.currentWidget() is self.budget_view:
            self.budget_model.set_rows(budget_rows(self.ctx.db, self.ctx.year, self.ctx.quarter))
            self._budget_stale = False
