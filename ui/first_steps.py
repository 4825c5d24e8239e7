"""Langkah awal: the administrator's checklist of setting up a new office; each step opens the screen that does it.

Shown as the first tab of an administrator who holds no role yet (the first login after the new-office wizard), as a
tab of any administrator while steps remain, and from Bantuan › Langkah awal. What is done is read from the data
(`ops/home/first_steps.py`) each time the list is shown or the data changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.home.first_steps import FirstSteps, StepKey, first_steps
from ui.context import AppContext
from ui.plain_text import plain_label
from ui.widgets.screen import resize_to_fit

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from ui.role_tab import RoleTab


class MainWindow(Protocol):
    """What the checklist uses of the main window (ui/main_window.py, which imports this module when needed)."""

    ctx: AppContext
    tabs: QTabWidget
    role_tabs: list[RoleTab]

    @property
    def sop_tab(self) -> QWidget: ...

    @property
    def settings_tab(self) -> QWidget | None: ...

    first_steps: FirstStepsPanel | None
    backup_dialog: Any

    def isVisible(self) -> bool: ...

    def open_backup(self) -> None: ...


TITLE = "Langkah awal"

# The button of each step: what it opens.
BUTTONS = {
    StepKey.UNITS: "Buka Unit kerja",
    StepKey.PEOPLE: "Buka Pegawai",
    StepKey.PLAN: "Buka impor rencana",
    StepKey.AGREEMENT: "Buka Perjanjian Kinerja",
    StepKey.SOPS: "Buka daftar SOP",
    StepKey.BACKUP: "Cadangkan ke flash disk…",
}
# The tool pages of a role tab (ui/tools.py) that do the planning and the PK, and print it.
PLAN_TOOL, AGREEMENT_TOOL, DOCUMENTS_TOOL = "Anggaran dan impor rencana", "Perjanjian Kinerja", "Dokumen"
# The PK step's second button: printing the PK for signing, in Dokumen (which an administrator may use even
# without a role that has that tool: it then opens in a window of its own).
PRINT_PK, PRINT_PK_TEXT = "print_pk", "Cetak PK…"

_DONE_STYLE = "color:#1b5e20; font-size:15pt; font-weight:bold;"
_TODO_STYLE = "color:#8a4b00; font-size:15pt; font-weight:bold;"


class FirstStepsPanel(QScrollArea):
    """The six steps with what is done, what is missing, and a button each. `open_step` asks for a step's screen."""

    open_step = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.steps: FirstSteps | None = None
        self.buttons: dict[StepKey, QPushButton] = {}
        self.marks: dict[StepKey, QLabel] = {}
        self.states: dict[StepKey, QLabel] = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        column = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        column.addWidget(self.heading)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        for row, key in enumerate(StepKey):
            self._add_row(grid, row, key)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        again = QPushButton("Periksa lagi")
        again.setToolTip("Baca ulang data kantor untuk melihat langkah yang sudah selesai")
        again.clicked.connect(self.refresh)
        end = QHBoxLayout()
        end.addWidget(again)
        end.addStretch(1)
        column.addLayout(end)
        column.addStretch(1)
        self.setWidget(body)
        self._stale = True
        for signal in (ctx.signals.master_data_changed, ctx.signals.work_changed, ctx.signals.period_changed):
            signal.connect(lambda *_: self._mark_stale())

    def _add_row(self, grid: QGridLayout, row: int, key: StepKey) -> None:
        mark = self.marks[key] = QLabel()
        mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        mark.setMinimumWidth(28)
        text = self.states[key] = plain_label()  # states name units and plans: data
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        button = self.buttons[key] = QPushButton(BUTTONS[key])
        button.clicked.connect(lambda _checked=False, k=key: self.open_step.emit(k.value))
        grid.addWidget(mark, row, 0)
        grid.addWidget(text, row, 1)
        if key is StepKey.AGREEMENT:
            self.print_button = QPushButton(PRINT_PK_TEXT)
            self.print_button.setToolTip(
                "Buka 'Dokumen' dengan Perjanjian Kinerja terpilih, untuk dicetak dan ditandatangani"
            )
            self.print_button.clicked.connect(lambda: self.open_step.emit(PRINT_PK))
            both = QVBoxLayout()
            both.setSpacing(4)
            both.addWidget(button)
            both.addWidget(self.print_button)
            both.addStretch(1)
            grid.addLayout(both, row, 2)
        else:
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the steps again and show them."""
        from html import escape

        self._stale = False
        steps = self.steps = first_steps(self.ctx.db, self.ctx.year, self.ctx.today())
        left = len(steps.remaining)
        self.heading.setText(
            f"<h2>{TITLE}</h2><p>Enam langkah menyiapkan kantor baru sampai realisasi triwulan pertama dapat "
            f"diisi, diverifikasi dan disetujui (tahun {steps.year}). "
            + (
                f"<b>Masih {left} langkah lagi.</b> Kerjakan berurutan dari atas; tombol di kanan membuka layarnya."
                if left
                else "<b>Semua langkah sudah selesai.</b> Daftar ini tetap dapat dibuka dari Bantuan › Langkah awal."
            )
            + "</p>"
        )
        for number, step in enumerate(steps.steps, start=1):
            self.marks[step.key].setText("✓" if step.done else str(number))
            self.marks[step.key].setStyleSheet(_DONE_STYLE if step.done else _TODO_STYLE)
            status = "sudah" if step.done else "belum"
            self.states[step.key].setText(
                f"<b>{escape(step.title)}</b> — {status}<br>{escape(step.state)}"
                f"<br><span style='color:#555'>{escape(step.how)}</span>"
            )
            self.buttons[step.key].setDefault(False)
        first_open = next(iter(steps.remaining), None)
        if first_open is not None:
            self.buttons[first_open.key].setDefault(True)

    def remaining(self) -> int:
        """How many steps are left (read now)."""
        if self.steps is None or self._stale:
            self.refresh()
        assert self.steps is not None
        return len(self.steps.remaining)


class ToolWindow(QDialog):
    """A tool page the administrator's role tabs do not have (he may hold no role yet), in a window of its own."""

    def __init__(self, title: str, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.page = page
        layout = QVBoxLayout(self)
        layout.addWidget(page)
        resize_to_fit(self, 1100, 680)


def show_first_steps(window: MainWindow, *, select: bool = True) -> FirstStepsPanel:
    """The "Langkah awal" tab of `window` (made on first use, first of the tabs), brought forward when `select`."""
    panel = window.first_steps
    if panel is None:
        panel = window.first_steps = FirstStepsPanel(window.ctx)
        panel.open_step.connect(lambda key: open_step(window, key))
        if select:  # the administrator with no role yet: his first and only work
            window.tabs.insertTab(0, panel, TITLE)
        else:  # beside the role tabs, after Pengaturan: it does not take the place of "Menunggu Anda"
            window.tabs.addTab(panel, TITLE)
    if select:
        window.tabs.setCurrentWidget(panel)
    return panel


def offer_first_steps(window: MainWindow) -> None:
    """An administrator's window, moments after it opened: the "Langkah awal" tab while steps remain."""
    if window.first_steps is not None or not window.isVisible():
        return
    from sakip_desktop.ops.home.first_steps import first_steps as read

    if not read(window.ctx.db, window.ctx.year, window.ctx.today()).all_done:
        show_first_steps(window, select=False)


def open_step(window: MainWindow, key: str) -> QWidget | None:
    """Open the screen of step `key` in `window`; the widget shown (a tab page, a tool window or a dialog).
    `PRINT_PK`: Dokumen with the office's PK of the year chosen."""
    if key == PRINT_PK:
        shown = _tool(window, DOCUMENTS_TOOL)
        page = shown.page if isinstance(shown, ToolWindow) else getattr(shown, "ensure_built", lambda: shown)()
        kind = getattr(page, "kind", None)
        if kind is not None:
            kind.setCurrentIndex(kind.findData("pk"))
        return shown
    step = StepKey(key)
    if step in (StepKey.UNITS, StepKey.PEOPLE):
        return _settings_page(window, "units_page" if step is StepKey.UNITS else "people_page")
    if step is StepKey.SOPS:
        window.tabs.setCurrentWidget(window.sop_tab)
        return window.sop_tab
    if step is StepKey.BACKUP:
        window.open_backup()
        return window.backup_dialog
    return _tool(window, PLAN_TOOL if step is StepKey.PLAN else AGREEMENT_TOOL)


def _settings_page(window: MainWindow, name: str) -> QWidget | None:
    settings = window.settings_tab
    if settings is None:
        return None
    settings.build()  # type: ignore[attr-defined]
    page = getattr(settings, name)
    window.tabs.setCurrentWidget(settings)
    show = getattr(settings, "show_page", None) or settings.setCurrentWidget  # type: ignore[attr-defined]
    show(page)
    return page


def _tool(window: MainWindow, title: str) -> QWidget:
    """The tool in the person's own role tab when he has it there, else in a window of its own."""
    for tab in window.role_tabs:
        if title in tab.cycle_pages:
            window.tabs.setCurrentWidget(tab)
            tab.show_tool(title)
            return tab.cycle_pages[title]
    ctx = window.ctx
    if title == PLAN_TOOL:
        from ui.budget.page import BudgetPlanPage

        page: QWidget = BudgetPlanPage(ctx)
    elif title == DOCUMENTS_TOOL:
        from ui.documents.page import DocumentsPage

        page = DocumentsPage(ctx)
    else:
        from ui.agreement.page import AgreementPage

        page = AgreementPage(ctx, True)
    tool = ToolWindow(title, page, window.tabs.window())
    tool.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    tool.finished.connect(lambda _r: ctx.signals.work_changed.emit())  # the checklist reads what was done
    tool.show()
    return tool
