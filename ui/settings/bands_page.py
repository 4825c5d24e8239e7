"""Pengaturan > Kategori capaian: the office's bands (batas bawah, nama, warna) and display cap."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import DEFAULT_BANDS, Band
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.measurement.bands import UNBOUNDED, Scale, get_scale, parse_number, update_bands
from ui.context import AppContext
from ui.widgets.forms import error_label, save_inline, saved_label

UNBOUNDED_TEXT = "tanpa batas bawah"
EXPLANATION = (
    "Capaian s.d. triwulan masuk ke kategori pertama yang batas bawahnya tercapai, dihitung dari nilai yang belum "
    "dibulatkan (90,99% masih di bawah 91%). Saat disimpan, kategori diurutkan dari batas tertinggi; kategori "
    "terakhir tidak punya batas bawah. Capaian di atas 100% tetap masuk kategori teratas."
)


def _number_text(value: Decimal) -> str:
    return formats.amount(value)


class BandRow:
    """The widgets of one band: batas bawah, nama, warna (with a swatch and a picker), Hapus."""

    def __init__(self, page: BandsPage, band: Band) -> None:
        self.minimum = QLineEdit("" if not band.minimum.is_finite() else _number_text(band.minimum))
        self.minimum.setMaximumWidth(140)
        self.label = QLineEdit(band.label)
        self.label.setMaximumWidth(320)
        self.colour = QLineEdit(band.colour)
        self.colour.setMaximumWidth(90)
        self.swatch = QLabel()
        self.swatch.setFixedSize(36, 22)
        self.pick = QPushButton("Pilih…")
        self.pick.clicked.connect(self.choose_colour)
        self.remove = QPushButton("Hapus")
        self.remove.clicked.connect(lambda: page.remove_band(self))
        self.colour.textChanged.connect(self._show_swatch)
        self._show_swatch(band.colour)

    def widgets(self) -> tuple[QWidget, ...]:
        """In grid order."""
        return (self.minimum, self.label, self.colour, self.swatch, self.pick, self.remove)

    def _show_swatch(self, text: str) -> None:
        valid = QColor.isValidColorName(text.strip()) and len(text.strip()) == 7
        self.swatch.setStyleSheet(
            f"background:{text.strip()}; border:1px solid #777;" if valid else "border:1px dashed #b00020;"
        )

    def choose_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour.text().strip()), self.pick, "Warna kategori")
        if chosen.isValid():
            self.colour.setText(chosen.name())

    def set_last(self, last: bool) -> None:
        """The last band has no lower bound: its field says so and cannot be edited."""
        self.minimum.setEnabled(not last)
        if last:
            self.minimum.setText("")
            self.minimum.setPlaceholderText(UNBOUNDED_TEXT)
        else:
            self.minimum.setPlaceholderText("mis. 91")

    def band(self, n: int, last: bool) -> Band:
        """The band as typed; `n` counts from 1 for messages."""
        if last:
            minimum = UNBOUNDED
        else:
            name = self.label.text().strip() or f"ke-{n}"
            minimum = parse_number(self.minimum.text(), f"Batas bawah kategori {name}", field="bands")
        return Band(minimum, self.label.text(), self.colour.text())


class BandsPage(QWidget):
    """Edit the office's capaian categories and display cap (administrator)."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[BandRow] = []
        self.headers = [QLabel(f"<b>{text}</b>") for text in ("Batas bawah (%)", "Nama kategori", "Warna")]
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.add_button = QPushButton("Tambah kategori")
        self.add_button.clicked.connect(self.add_band)
        self.defaults_button = QPushButton("Kembalikan bawaan")
        self.defaults_button.clicked.connect(lambda: self.show_scale(Scale(DEFAULT_BANDS, self.cap_value_or_none())))
        self.cap_enabled = QCheckBox("Tampilkan capaian paling tinggi")
        self.cap = QLineEdit()
        self.cap.setMaximumWidth(90)
        self.cap.setPlaceholderText("mis. 120")
        self.cap_enabled.toggled.connect(self.cap.setEnabled)
        self.error, self.saved = error_label(), saved_label()
        self.save_button = QPushButton("Simpan")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)

        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: #5f6368;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.cap_enabled)
        cap_row.addWidget(self.cap)
        cap_row.addWidget(QLabel("%  (hanya tampilan; capaian yang tersimpan tidak diubah)"))
        cap_row.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.saved)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Kategori capaian kinerja</h3>"))
        layout.addWidget(explanation)
        layout.addLayout(self.grid)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addLayout(cap_row)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show the stored bands and cap."""
        self.show_scale(get_scale(self.ctx.db))
        self.error.hide()

    def show_scale(self, scale: Scale) -> None:
        """Put a band set and cap on screen."""
        self.rows = [BandRow(self, band) for band in scale.bands]
        self.cap_enabled.setChecked(scale.cap is not None)
        self.cap.setEnabled(scale.cap is not None)
        self.cap.setText("" if scale.cap is None else _number_text(scale.cap))
        self._lay_out()

    def cap_value_or_none(self) -> Decimal | None:
        try:
            return self.cap_value()
        except ValidationError:
            return None

    def _lay_out(self) -> None:
        kept = {id(w) for r in self.rows for w in r.widgets()} | {id(h) for h in self.headers}
        while (taken := self.grid.takeAt(0)) is not None:
            widget = taken.widget()
            if widget is not None and id(widget) not in kept:
                widget.hide()  # a replaced row: gone from the screen now, deleted by the event loop
                widget.deleteLater()
        for col, header in enumerate(self.headers):
            self.grid.addWidget(header, 0, col)
        for i, row in enumerate(self.rows, start=1):
            row.set_last(i == len(self.rows))
            row.remove.setEnabled(len(self.rows) > 2)
            for col, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, i, col)
        self.grid.setColumnStretch(6, 1)

    def add_band(self) -> BandRow:
        """'Tambah kategori': a new band just above the last (unbounded) one."""
        row = BandRow(self, Band(Decimal(0), "", "#9e9e9e"))
        self.rows.insert(max(len(self.rows) - 1, 0), row)
        self._lay_out()
        row.label.setFocus()
        return row

    def remove_band(self, row: BandRow) -> None:
        """'Hapus': drop a band (two must stay)."""
        if len(self.rows) <= 2:
            return
        self.rows.remove(row)
        self._lay_out()

    def bands(self) -> list[Band]:
        """The bands as typed, highest batas bawah first (the rows are put in that order on screen too).

        Raises `ValidationError` for a batas bawah that is not a number.
        """
        last = len(self.rows)
        typed = [(row, row.band(n, n == last)) for n, row in enumerate(self.rows, start=1)]
        *bounded, unbounded = typed
        ordered = [*sorted(bounded, key=lambda pair: pair[1].minimum, reverse=True), unbounded]
        if [row for row, _ in ordered] != self.rows:
            self.rows = [row for row, _ in ordered]
            self._lay_out()
        return [band for _, band in ordered]

    def cap_value(self) -> Decimal | None:
        """The cap as typed, or None when switched off."""
        if not self.cap_enabled.isChecked():
            return None
        return parse_number(self.cap.text(), "Batas tampilan capaian", field="display_cap")

    def save(self) -> bool:
        """'Simpan': validate and store; a refusal is said in red under the form."""

        def update() -> None:
            update_bands(self.ctx.db, self.ctx.actor, self.bands(), self.cap_value())

        if not save_inline(self, update, self.error, self.saved, "Kategori capaian tersimpan."):
            return False
        self.refresh()
        self.ctx.signals.master_data_changed.emit("bands")
        return True
