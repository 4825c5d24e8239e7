"""Run in its own process on a screen of a given size (tests/ui/test_window_fits.py): log in as every demo person,
open every tab, tool and sub-tab of the main window, and print one JSON line per problem found:

- the window (with the title bar and borders a window manager adds) does not fit the screen's free area;
- the window grew while a tool was opened (Qt grows a window to its content's minimum size);
- a button covers a table (a layout squeezed below its minimum draws its parts over each other).

Each screen looked at is also printed as "SEEN {person, where, scroll}": `scroll` is how far the shown tool's page
scrolls down in its tool area (0: it fits the room, its buttons on the screen without scrolling).
Then "VISITED <n>" with the number of screens looked at. argv: database, then the usernames.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QTabWidget, QWidget

app = QApplication(sys.argv[:1])

from sakip_desktop.ops.org.auth import actor_for  # noqa: E402
from sakip_desktop.ops.org.office import get_profile  # noqa: E402
from sakip_desktop.storage.database import Database  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import PageList  # noqa: E402
from ui.widgets.pages import LazyPage  # noqa: E402
from ui.widgets.screen import FRAME_HEIGHT, FRAME_WIDTH  # noqa: E402

YEAR, QUARTER = 2025, 3


def settle() -> None:
    for _ in range(3):
        app.processEvents()


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` that is drawn (not clipped by a scroll area around it), in `window`'s coordinates."""
    shown = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(window, shown.topLeft()), shown.size())


def covered_tables(window: QWidget) -> list[str]:
    """'button over table' for every visible button drawn over a visible table it is not part of."""
    views = [v for v in window.findChildren(QAbstractItemView) if v.isVisible()]
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible() and not b.size().isEmpty()]
    found = []
    for view in views:
        area = rect_in(view, window)
        for button in buttons:
            drawn = rect_in(button, window)
            if not view.isAncestorOf(button) and not drawn.isEmpty() and area.intersects(drawn):
                found.append(f"tombol '{button.text()}' menutupi tabel {type(view.parent()).__name__}")
    return found


class Probe:
    def __init__(self, window: MainWindow, person: str) -> None:
        self.window, self.person = window, person
        self.size = window.size()
        self.visited = 0
        self.seen: set[int] = set()
        self.free = app.primaryScreen().availableGeometry()

    def report(self, where: list[str], problem: str) -> None:
        print(json.dumps({"person": self.person, "where": " › ".join(where), "problem": problem}), flush=True)

    def check(self, where: list[str]) -> None:
        self.visited += 1
        window = self.window
        if window.size() != self.size:
            self.report(where, f"jendela berubah dari {self.size.toTuple()} menjadi {window.size().toTuple()}")
            self.size = window.size()
        smallest = window.minimumSizeHint()
        if smallest.width() + FRAME_WIDTH > self.free.width() or smallest.height() + FRAME_HEIGHT > self.free.height():
            self.report(where, f"ukuran terkecil jendela {smallest.toTuple()} tidak muat di layar {self.free}")
        if not self.free.contains(window.frameGeometry()):
            self.report(where, f"jendela {window.frameGeometry()} keluar dari layar {self.free}")
        for problem in covered_tables(window):
            self.report(where, problem)
        tools = [p for p in window.findChildren(LazyPage) if p.isVisible() and p.content is not None]
        scroll = max((p.scroller.verticalScrollBar().maximum() for p in tools), default=0)
        print("SEEN " + json.dumps({"person": self.person, "where": " › ".join(where), "scroll": scroll}), flush=True)

    def walk(self, tabs: QTabWidget | PageList, where: list[str]) -> None:
        """Every page of `tabs`, and within it every tab widget (and page list) shown."""
        self.seen.add(id(tabs))
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            settle()
            here = [*where, tabs.tabText(i)]
            self.check(here)
            page = tabs.widget(i)
            if page is None:
                continue
            inner = [w for w in page.findChildren(QTabWidget) + page.findChildren(PageList) if w.isVisible()]
            if isinstance(page, PageList):
                inner.insert(0, page)
            for nested in inner:
                if id(nested) not in self.seen and nested.count() > 1:
                    self.walk(nested, here)


def main() -> None:
    db = Database.open(sys.argv[1])
    total = 0
    for username in sys.argv[2:]:
        ctx = AppContext(db=db, actor=actor_for(db, username), year=YEAR, quarter=QUARTER)
        window = MainWindow(ctx, get_profile(db))
        window.show_fitting()
        settle()
        probe = Probe(window, username)
        probe.check(["awal"])
        probe.walk(window.tabs, [])
        total += probe.visited
        window.close()
        window.deleteLater()
        settle()
    db.close()
    print(f"VISITED {total}", flush=True)


if __name__ == "__main__":
    main()
