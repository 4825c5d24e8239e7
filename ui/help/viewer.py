"""The help viewer: the guide's pages in a list on the left, the page on the right, links between pages, printing.

Opened from Bantuan › Panduan and with F1, on the page of the tool in use (`topic_for`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.help.topics import ADMIN_TOPIC, BY_KEY, ROLE_TOPICS, TOOL_TOPICS, TOPICS, help_dir, page_path
from ui.widgets.screen import resize_to_fit

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QTabWidget

    from ui.context import AppContext


class MainWindow(Protocol):
    """What the guide uses of the main window (ui/main_window.py, which imports this module when needed)."""

    ctx: AppContext
    tabs: QTabWidget

    @property
    def sop_tab(self) -> QWidget: ...

    @property
    def settings_tab(self) -> QWidget | None: ...

    help_window: QWidget | None


KEY_ROLE = Qt.ItemDataRole.UserRole


class HelpWindow(QDialog):
    """The guide. `show_topic(key)` shows a page; `print_to(printer)` prints the shown one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Panduan SAKIP Desktop")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.topic = ""
        self.topics = QListWidget()
        group = ""
        for topic in TOPICS:
            if topic.group != group:
                group = topic.group
                header = QListWidgetItem(group.upper())
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.topics.addItem(header)
            item = QListWidgetItem(topic.title)
            item.setData(KEY_ROLE, topic.key)
            self.topics.addItem(item)
        self.topics.currentItemChanged.connect(self._on_item)
        self.topics.setMinimumWidth(250)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setSearchPaths([str(help_dir())])
        self.browser.anchorClicked.connect(self._on_link)
        split = QSplitter()
        split.addWidget(self.topics)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 700])
        contents = QPushButton("Daftar isi")
        contents.clicked.connect(lambda: self.show_topic("index"))
        self.print_button = QPushButton("Cetak…")
        self.print_button.setToolTip("Cetak halaman panduan ini (Ctrl+P)")
        self.print_button.clicked.connect(self.print_page)
        close = QPushButton("Tutup")
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(contents)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        resize_to_fit(self, 980, 660)

    def show_topic(self, key: str) -> None:
        """Show page `key` (the table of contents for an unknown key) and select it in the list."""
        if key not in BY_KEY or not page_path(key).is_file():
            key = "index"
        self.topic = key
        self.browser.setSource(QUrl.fromLocalFile(str(page_path(key))), QTextDocument.ResourceType.MarkdownResource)
        self.setWindowTitle(f"Panduan SAKIP Desktop — {BY_KEY[key].title}")
        for row in range(self.topics.count()):
            item = self.topics.item(row)
            if item.data(KEY_ROLE) == key and self.topics.currentItem() is not item:
                self.topics.setCurrentItem(item)

    def _on_item(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        key = item.data(KEY_ROLE) if item is not None else None
        if key and key != self.topic:
            self.show_topic(key)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        name = url.fileName() or url.path()
        self.show_topic(name.removesuffix(".md"))

    def print_to(self, printer: QPrinter) -> None:
        """Print the page shown."""
        self.browser.document().print_(printer)

    def print_page(self) -> None:
        """ "Cetak…": the print dialog, then the page shown."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Cetak panduan")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)


def topic_for(window: MainWindow) -> str:
    """The page of what the window shows: the current tool, "Menunggu Anda" (the role's page), or a tab."""
    from PySide6.QtWidgets import QApplication, QTabWidget

    from ui.role_tab import RoleTab

    tab = window.tabs.currentWidget()
    if isinstance(tab, RoleTab):
        focus = QApplication.focusWidget()
        tools = tab.tools
        if focus is not None and not (focus is tools or tools.isAncestorOf(focus)) and tab.isAncestorOf(focus):
            return ROLE_TOPICS[tab.grant.role]  # the focus is in "Menunggu Anda": what waits for this role
        return TOOL_TOPICS.get(tools.tabText(tools.currentIndex()), ROLE_TOPICS[tab.grant.role])
    if tab is window.settings_tab:
        return "alat_pengaturan"
    if tab is window.sop_tab:
        sop = window.sop_tab
        title = sop.tabText(sop.currentIndex()) if isinstance(sop, QTabWidget) else ""
        return TOOL_TOPICS.get(title, "alat_sop")
    title = window.tabs.tabText(window.tabs.currentIndex())
    if title in TOOL_TOPICS:
        return TOOL_TOPICS[title]
    return ADMIN_TOPIC if window.ctx.actor.is_admin else "index"


def open_help(window: MainWindow, key: str | None = None, parent: QWidget | None = None) -> HelpWindow:
    """Show the guide on page `key` (the window's current tool when None); one viewer per main window.

    From a modal dialog (`parent`), the viewer belongs to that dialog, so it can be read and scrolled there.
    """
    key = key or topic_for(window)
    if parent is not None and parent is not window:
        viewer = HelpWindow(parent)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    else:
        existing = window.help_window
        viewer = existing if isinstance(existing, HelpWindow) else HelpWindow(window)  # type: ignore[arg-type]
        window.help_window = viewer
    was_open = viewer.isVisible()
    viewer.show_topic(key)
    viewer.show()
    if was_open:  # behind the main window: brought forward
        viewer.raise_()
    viewer.activateWindow()
    return viewer
