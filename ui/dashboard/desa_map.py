"""The Dasbor's desa "map": for each indicator over desa, its desa as coloured tiles in a list, green where the
criterion was met in the quarter, red where it was not, grey where nothing is entered yet (`ops.desa.map_reads`)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.ops.desa.map_reads import MET, MISSING, NOT_MET, DesaMap
from ui.plain_text import plain_label
from ui.widgets.layouts import clear_layout

# fill, text colour per state
COLOURS = {MET: ("#c8e6c9", "#1b5e20"), NOT_MET: ("#ffcdd2", "#b71c1c"), MISSING: ("#eceff1", "#546e7a")}
COLUMNS = 5


def legend() -> str:
    """The three colours with their words."""
    words = {MET: "Memenuhi kriteria", NOT_MET: "Belum memenuhi", MISSING: "Belum diisi"}
    return "&nbsp;&nbsp;&nbsp;".join(
        f"<span style='color:{COLOURS[s][1]}; font-size:13pt;'>■</span>&nbsp;{words[s]}"
        for s in (MET, NOT_MET, MISSING)
    )


def summary(mp: DesaMap) -> str:
    """'12 dari 14 desa memenuhi kriteria (85,71%) · 2 belum diisi'."""
    met, counted = mp.count(MET), mp.count(MET) + mp.count(NOT_MET)
    text = f"{met} dari {counted} desa memenuhi kriteria" if counted else "Belum ada desa yang diisi"
    if counted:
        text += f" ({formats.percent(Decimal(met * 100) / Decimal(counted))})"
    if missing := mp.count(MISSING):
        text += f" · {missing} desa belum diisi"
    return text


class DesaTile(QLabel):
    """One desa: its name on the colour of its state; the note in the tooltip."""

    def __init__(self, name: str, state: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a desa's name is data
        self.setText(name)
        self.state = state
        fill, ink = COLOURS[state]
        self.setStyleSheet(f"background: {fill}; color: {ink}; border-radius: 4px; padding: 5px 8px;")
        words = {MET: "memenuhi kriteria", NOT_MET: "belum memenuhi kriteria", MISSING: "belum diisi"}[state]
        self.setToolTip(f"{name}: {words}" + (f"\n{note}" if note else ""))


class DesaMapView(QWidget):
    """Every indicator over desa of the quarter, each with its summary and its desa tiles (hidden when none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.tiles: dict[str, list[DesaTile]] = {}  # by indicator code

    def set_maps(self, maps: tuple[DesaMap, ...]) -> None:
        clear_layout(self.column)
        self.tiles = {}
        if maps:
            key = QLabel(legend())
            key.setTextFormat(Qt.TextFormat.RichText)
            self.column.addWidget(key)
        for mp in maps:
            self.column.addWidget(self._indicator(mp))

    def _indicator(self, mp: DesaMap) -> QWidget:
        box = QFrame()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        head = plain_label(f"{mp.code} {mp.name} — {summary(mp)}")
        head.setWordWrap(True)
        layout.addWidget(head)
        if mp.criterion:
            note = plain_label(f"Kriteria: {mp.criterion}")
            note.setObjectName("muted")
            note.setWordWrap(True)
            layout.addWidget(note)
        grid = QGridLayout()
        grid.setSpacing(6)
        tiles = [DesaTile(s.name, s.state, s.note) for s in mp.spots]
        for n, tile in enumerate(tiles):
            grid.addWidget(tile, n // COLUMNS, n % COLUMNS)
        for c in range(COLUMNS):
            grid.setColumnStretch(c, 1)
        layout.addLayout(grid)
        self.tiles[mp.code] = tiles
        return box
