"""A role's tab: what waits for that role ("Menunggu Anda") and the role's tools."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import RoleGrant
from sakip_desktop.ops.home.overview import BudgetRow, IndicatorRow, budget_rows, indicator_rows
from ui.context import AppContext
from ui.inbox import InboxPanel
from ui.monitoring.inbox_panel import FollowUpPanel
from ui.plain_text import plain_label
from ui.tools import BUDGET_VIEW, DASHBOARD, MEASUREMENT, tools_for
from ui.waiting_work import WaitingWorkPanel
from ui.widgets.pages import LazyPage
from ui.widgets.table import Column, RecordTableModel, make_table

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


# The heights of "Menunggu Anda" and the tools, in per cent of the tab, when it opens (the inbox's tables scroll).
INBOX_SHARE = [28, 72]


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
    return formats.amount(value, "—")


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


class RoleTab(QWidget):
    """The tab of one role the person holds."""

    def __init__(self, ctx: AppContext, grant: RoleGrant, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.grant = ctx, grant

        self.inbox = InboxPanel(ctx, grant, EMPTY_INBOX[grant.role])
        self.waiting = WaitingWorkPanel(ctx, grant)  # realisasi, rekomendasi, PKs waiting: links to the tools
        self.waiting.open_work.connect(self.open_work)
        self.follow_ups = FollowUpPanel(ctx, grant)  # tindak lanjut waiting, under the SOP steps
        self.inbox_box = self._build_inbox_box()

        self.tools = QTabWidget()
        self.indicator_model = RecordTableModel(INDICATOR_COLUMNS, self)
        self.indicator_view = make_table(self.indicator_model, INDICATOR_COLUMNS, 1, sortable=False, row_height=40)
        self.indicator_title = plain_label()  # names the seksi: data
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(self.indicator_title)
        lay.addWidget(self.indicator_view)
        self.tools.addTab(page, "Indikator kinerja")
        self.cycle_pages: dict[str, LazyPage] = {}  # the tool pages (ui/tools.py), built when first shown
        self.budget_model: RecordTableModel | None = None
        self._budget_stale = True
        for tool in tools_for(grant):
            if tool.title == BUDGET_VIEW:  # the budget, read here when first looked at
                self.budget_model = RecordTableModel(BUDGET_COLUMNS, self)
                self.budget_view = make_table(self.budget_model, BUDGET_COLUMNS, 1, sortable=False, row_height=40)
                self.tools.addTab(self.budget_view, tool.title)
                self.tools.currentChanged.connect(lambda _i: self._load_budget_if_shown())
            elif tool.title == DASHBOARD:  # the Camat's tab opens on the dasbor
                page = self.cycle_pages[tool.title] = LazyPage(self._build_dashboard)
                self.tools.insertTab(0, page, tool.title)
                self.tools.setCurrentIndex(0)
            else:
                page = self.cycle_pages[tool.title] = LazyPage(tool.builder(ctx, grant))
                self.tools.addTab(page, tool.title)
        self.measurement_page: LazyPage | None = self.cycle_pages.get(MEASUREMENT)
        self.dashboard_page: LazyPage | None = self.cycle_pages.get(DASHBOARD)

        split = self.split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.inbox_box)
        split.addWidget(self.tools)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self._stale = True
        self._inbox_fresh = False  # read by `pending()` just before the tab is first shown
        self._folded_once = False  # whether the inbox was folded (or not) on the first reading
        self._sized = False  # whether the inbox was given its share of the height, once shown
        # What waits does not depend on the period chosen (issue 13 §1): a new period re-reads only the tools' data.
        ctx.signals.period_changed.connect(lambda *_: self.refresh(inbox=False))
        ctx.signals.work_changed.connect(self.refresh)

    def _build_inbox_box(self) -> QFrame:
        """'Menunggu Anda': a header that folds it to one line, over the work, the SOP steps and the tindak lanjut."""
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.inbox_toggle = QToolButton()
        self.inbox_toggle.setCheckable(True)
        self.inbox_toggle.setChecked(True)
        self.inbox_toggle.setAutoRaise(True)
        self.inbox_toggle.setStyleSheet("QToolButton { font-weight:bold; padding:2px 4px; }")
        self.inbox_toggle.setToolTip("Tampilkan atau lipat daftar 'Menunggu Anda'")
        self.inbox_toggle.toggled.connect(self.fold_inbox)
        self.inbox_body = QWidget()
        body = QVBoxLayout(self.inbox_body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.waiting, 0, Qt.AlignmentFlag.AlignTop)  # at the top when it shows alone
        body.addWidget(self.inbox)
        body.addWidget(self.follow_ups)
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 2, 6, 6)
        column.setSpacing(2)
        column.addWidget(self.inbox_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        # Scrolled, so the inbox never makes the tab (and the window) taller than the screen.
        self.inbox_scroll = QScrollArea()
        self.inbox_scroll.setWidgetResizable(True)
        self.inbox_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.inbox_scroll.setWidget(self.inbox_body)
        column.addWidget(self.inbox_scroll)
        self._update_inbox_header()
        return box

    def fold_inbox(self, expanded: bool) -> None:
        """Show 'Menunggu Anda' whole, or only its header line (the tools then take the height)."""
        if self.inbox_toggle.isChecked() != expanded:
            self.inbox_toggle.setChecked(expanded)  # comes back here through `toggled`
            return
        self.inbox_scroll.setVisible(expanded)
        header = self.inbox_toggle.sizeHint().height() + 12
        self.inbox_box.setMaximumHeight(16_777_215 if expanded else header)
        if expanded and self.isVisible():
            self._share_height()
        self._update_inbox_header()

    def counts(self) -> tuple[int, int]:
        """(how many things wait in this tab, how many of them are late), as last read."""
        steps = self.inbox.steps()
        follow_ups = self.follow_ups.items()
        total = len(steps) + len(follow_ups) + len(self.waiting.items())
        late = sum(1 for s in steps if s.step.overdue) + sum(1 for f in follow_ups if f.overdue)
        return total, late

    def pending(self) -> tuple[int, int]:
        """`counts()` read now, also while the tab is hidden (the main window picks the tab to open on)."""
        self._refresh_inbox()
        self._inbox_fresh = True
        return self.counts()

    def _update_inbox_header(self) -> None:
        total, late = self.counts()
        expanded = self.inbox_toggle.isChecked()
        text = f"{'▾' if expanded else '▸'} Menunggu Anda"
        if total:
            text += f" — {total} hal" + (f", {late} terlambat" if late else "")
        if not expanded:
            text += " (klik untuk membuka)"
        self.inbox_toggle.setText(text)

    def _refresh_inbox(self) -> None:
        self.inbox.refresh()
        self.follow_ups.refresh()
        self.waiting.refresh()
        # "Nothing waits" would contradict the work listed beside it: then only that shows.
        self.inbox.setVisible(bool(self.inbox.items()) or not (self.follow_ups.items() or self.waiting.items()))
        if not self._folded_once:
            # The Camat opens on his dasbor: the inbox starts folded unless something is late.
            self._folded_once = True
            if self.dashboard_page is not None and self.counts()[1] == 0:
                self.fold_inbox(False)
        self._update_inbox_header()

    def open_work(self, tool: str, year: int, quarter: int) -> None:
        """Bring the tool of a waiting item forward on the item's period (year 0: keep the period; quarter 0:
        keep the quarter); the status bar follows."""
        if year:
            self.ctx.set_period(year, quarter or self.ctx.quarter)
        self.show_tool(tool)

    def _build_dashboard(self) -> QWidget:
        from ui.dashboard.page import DashboardPage

        return DashboardPage(self.ctx)

    def showEvent(self, event) -> None:
        # A tab reads its data when first shown: a person with several roles waits only for one.
        super().showEvent(event)
        if self._stale:
            self.refresh()
        if not self._sized and self.inbox_toggle.isChecked():
            self._sized = True
            self._share_height()

    def _share_height(self) -> None:
        """Give "Menunggu Anda" its share of the tab's height (`INBOX_SHARE`), the tools the rest."""
        total = max(sum(self.split.sizes()), self.split.height())
        self.split.setSizes([total * INBOX_SHARE[0] // 100, total * INBOX_SHARE[1] // 100])

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

    def refresh(self, inbox: bool = True) -> None:
        """Reload what the tab shows for the period being worked on (later, if the tab is hidden); `inbox` False
        keeps "Menunggu Anda" as it is (it does not follow the period)."""
        if not self.isVisible():
            self._stale = True
            self._inbox_fresh = False  # something changed since `pending()` read it
            return
        self._stale = False
        ctx = self.ctx
        if inbox and not self._inbox_fresh:
            self._refresh_inbox()
        self._inbox_fresh = False
        unit_id = self.grant.unit_id if self.grant.role is Role.KASI else None
        rows = indicator_rows(ctx.db, ctx.year, ctx.quarter, unit_id)
        self.indicator_model.set_rows(rows)
        name = self.grant.unit_name or ""
        # "Seksi Kesejahteraan Sosial", not "seksi Seksi Kesejahteraan Sosial"
        scope = (name if name.lower().startswith("seksi") else f"seksi {name}") if unit_id else "kantor"
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
