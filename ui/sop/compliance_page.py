"""Kepatuhan SOP: per step, how long the office really takes against the standard time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.ops.sop.compliance import StepCompliance, compliance
from sakip_desktop.ops.sop.library import list_sops
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_label
from ui.widgets.colours import LATE_COLOUR
from ui.widgets.files import ask_save_path
from ui.widgets.forms import DASH, hint, select_data
from ui.widgets.table import Column, RecordTableModel, make_table, marked


def _amount(value: float | None, row: StepCompliance) -> str:
    return DASH if value is None else f"{formats.number(value, 1)} {row.unit_label}"


def _over(row: StepCompliance) -> str:
    if not row.count:
        return DASH
    return f"{row.over_standard} ({formats.percent(100 * row.over_standard / row.count, 0)})"


def _number(value: float | None) -> float:
    return -1.0 if value is None else value


COLUMNS = marked(
    [
        Column[StepCompliance](
            "SOP", lambda r: r.sop_name + (f" (versi {r.version})" if r.version > 1 else ""), width=200
        ),
        Column[StepCompliance](
            "No", lambda r: r.number, sort_key=lambda r: (r.sop_name, r.position), align_right=True, width=36
        ),
        Column[StepCompliance]("Kegiatan", lambda r: r.activity, tooltip=lambda r: r.activity, width=320),
        Column[StepCompliance]("Standar", lambda r: r.standard_label, width=80),
        Column[StepCompliance](
            "Jumlah\npelaksanaan", lambda r: str(r.count), sort_key=lambda r: r.count, align_right=True, width=85
        ),
        Column[StepCompliance](
            "Median", lambda r: _amount(r.median, r), sort_key=lambda r: _number(r.median), align_right=True, width=120
        ),
        Column[StepCompliance](
            "Terlama", lambda r: _amount(r.worst, r), sort_key=lambda r: _number(r.worst), align_right=True, width=120
        ),
        Column[StepCompliance](
            "Melebihi\nstandar", _over, sort_key=lambda r: r.over_standard, align_right=True, width=100
        ),
        Column[StepCompliance](
            "Dikembalikan",
            lambda r: str(r.returns) if r.count else DASH,
            sort_key=lambda r: r.returns,
            align_right=True,
            width=95,
        ),
    ],
    lambda r: LATE_COLOUR if r.over_standard else None,
)
ALL_SOPS = 0


class CompliancePage(QWidget):
    """An SOP (or all) and its steps' real times over every finished visit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sop_combo = QComboBox()
        self.sop_combo.setMinimumWidth(320)
        self.sop_combo.currentIndexChanged.connect(lambda _i: self.refresh_table())
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, 2)
        self.summary = plain_label()  # names the file written
        bar = QHBoxLayout()
        bar.addWidget(QLabel("SOP:"))
        bar.addWidget(self.sop_combo)
        bar.addWidget(self.summary, 1)
        self.export_button = QPushButton("Ekspor laporan .xlsx…")
        self.export_button.clicked.connect(self._export)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Waktu nyata tiap langkah pada pelaksanaan yang sudah lewat, dibanding waktu standar SOP. Waktu "
                "jeda tidak dihitung; standar dalam hari dihitung hari kerja kantor. Baris merah: pernah melebihi "
                "standar."
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._stale = True
        ctx.signals.work_changed.connect(self._on_change)
        ctx.signals.master_data_changed.connect(lambda what: self._on_change() if what == "sops" else None)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_change(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def refresh(self) -> None:
        """Read the SOP list and the figures again."""
        self._stale = False
        current = self.sop_combo.currentData()
        _ok, sops = attempt(self, lambda: list_sops(self.ctx.db, include_inactive=True))
        self.sop_combo.blockSignals(True)
        self.sop_combo.clear()
        self.sop_combo.addItem("Semua SOP", ALL_SOPS)
        for sop in sops or []:
            self.sop_combo.addItem(sop.name if sop.active else f"{sop.name} (nonaktif)", sop.id)
        select_data(self.sop_combo, current)
        self.sop_combo.blockSignals(False)
        self.refresh_table()

    def refresh_table(self) -> None:
        """Read the figures of the chosen SOP."""
        sop_id = self.sop_combo.currentData() or None
        _ok, rows = attempt(self, lambda: compliance(self.ctx.db, sop_id))
        rows = rows or []
        self.model.set_rows(rows)
        over = sum(1 for r in rows if r.over_standard)
        self.summary.setText(f"{len(rows)} langkah, {over} pernah melebihi standar." if rows else "")

    def _export(self) -> None:
        path = ask_save_path(self, "Simpan laporan kepatuhan SOP", "kepatuhan-sop.xlsx", "Buku kerja Excel (*.xlsx)")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        """Write the compliance report of the chosen SOP (or all) to `path`."""
        from sakip_desktop.exchange.compliance import export_compliance

        sop_id = self.sop_combo.currentData() or None
        ok, count = attempt(self, lambda: export_compliance(self.ctx.db, path, sop_id))
        if ok:
            self.summary.setText(f"Laporan {count} langkah disimpan ke {path.name}.")
        return ok

    def rows(self) -> list[StepCompliance]:
        """The rows shown, in model order."""
        return self.model.rows()
