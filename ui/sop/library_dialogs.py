"""Small dialogs of the SOP library: start a run, adopt templates, version history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.sop.library import (
    SopView,
    VersionView,
    adopt_templates,
    list_versions,
    run_title,
    template_choices,
)
from sakip_desktop.ops.sop.runs import start_run
from sakip_desktop.sop.definition import SopDefinition
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import plain_tooltip
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import form_layout, hint
from ui.widgets.table import Column, RecordTableModel, make_table
from ui.widgets.texts import when

ANNUAL = 0  # the quarter combo's entry for a yearly run


class StartRunDialog(FormDialog):
    """'Mulai pelaksanaan': a title and the period the run is for."""

    def __init__(self, ctx: AppContext, sop: SopView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Mulai pelaksanaan — {sop.name}", parent)
        self.sop = sop
        self.save_button.setText("Mulai")
        self.title_edit = QLineEdit()
        self.title_edit.setMinimumWidth(420)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(ctx.year)
        self.quarter_combo = QComboBox()
        for quarter in range(1, 5):
            self.quarter_combo.addItem(quarter_label(quarter), quarter)
        self.quarter_combo.addItem("Tahunan (tanpa triwulan)", ANNUAL)
        self.quarter_combo.setCurrentIndex(ctx.quarter - 1)
        self.fields.update(title=self.title_edit, quarter=self.quarter_combo)
        self._suggested = ""
        self._suggest_title()
        self.year_spin.valueChanged.connect(self._suggest_title)
        self.quarter_combo.currentIndexChanged.connect(self._suggest_title)
        form = form_layout()
        form.addRow("Judul:", self.title_edit)
        form.addRow("Tahun:", self.year_spin)
        form.addRow("Triwulan:", self.quarter_combo)
        body = QVBoxLayout()
        body.addWidget(
            hint("Pelaksanaan memakai versi terbaru SOP ini. Langkah pertama langsung menunggu pelaksananya.")
        )
        body.addLayout(form)
        self.finish_layout(body)

    def quarter(self) -> int | None:
        """The chosen quarter, None for a yearly run."""
        return self.quarter_combo.currentData() or None

    def _suggest_title(self) -> None:
        # The title follows the period until the person writes a title of their own.
        suggestion = run_title(self.sop.name, self.year_spin.value(), self.quarter())
        if self.title_edit.text() in ("", self._suggested):
            self.title_edit.setText(suggestion)
        self._suggested = suggestion

    def save(self) -> int:
        return start_run(
            self.ctx.db, self.ctx.actor, self.sop.id, self.title_edit.text(), self.year_spin.value(), self.quarter()
        )


class AdoptDialog(FormDialog):
    """'Adopsi templat': the shipped SOPs the office has not adopted yet, by code."""

    def __init__(self, ctx: AppContext, adopted_codes: set[str], parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Adopsi templat SOP", parent)
        self.save_button.setText("Adopsi")
        _ok, templates = attempt(self, template_choices)
        self.templates: list[SopDefinition] = [t for t in (templates or []) if t.code not in adopted_codes]
        self.checks: dict[str, QCheckBox] = {}
        listing = QWidget()
        rows = QVBoxLayout(listing)
        for template in self.templates:
            name = template.identity.name
            short = name if len(name) <= 80 else name[:78].rstrip() + "…"
            box = QCheckBox(f"{short} ({len(template.steps)} langkah)")
            box.setToolTip(plain_tooltip(name))
            self.checks[template.code] = box
            origin = template.identity.unit_name.title() or template.identity.regency_name.title()
            where = hint(f"{template.code}" + (f" · dari {origin}" if origin else ""))
            where.setContentsMargins(24, 0, 0, 6)
            rows.addWidget(box)
            rows.addWidget(where)
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(listing)
        scroll.setMinimumSize(760, 360)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.all_box = QCheckBox("Pilih semua")
        self.all_box.toggled.connect(self._tick_all)
        body = QVBoxLayout()
        if self.templates:
            body.addWidget(
                hint(
                    "Templat adalah SOP kecamatan lain yang disertakan dalam program. Setelah diadopsi, SOP dapat "
                    "diubah sesuai kantor ini; perubahannya disimpan sebagai versi baru."
                )
            )
            body.addWidget(self.all_box)
            body.addWidget(scroll, 1)
        else:
            body.addWidget(hint("Semua templat yang disertakan program sudah diadopsi kantor ini."))
            self.save_button.hide()
            self.cancel_button.setText("Tutup")
        self.finish_layout(body)

    def _tick_all(self, on: bool) -> None:
        for box in self.checks.values():
            box.setChecked(on)

    def chosen(self) -> list[str]:
        """The codes ticked."""
        return [code for code, box in self.checks.items() if box.isChecked()]

    def save(self) -> int:
        codes = self.chosen()
        if not codes:
            raise ValidationError("Centang sedikitnya satu templat.")
        self.adopted = adopt_templates(self.ctx.db, self.ctx.actor, codes)
        return self.adopted[0]


VERSION_COLUMNS = [
    Column[VersionView]("Versi", lambda v: str(v.version), sort_key=lambda v: v.version, align_right=True, width=50),
    Column[VersionView]("Disimpan", lambda v: when(v.created_at), sort_key=lambda v: v.created_at, width=130),
    Column[VersionView]("Oleh", lambda v: v.created_by, width=200),
    Column[VersionView]("Apa yang diubah", lambda v: v.note, tooltip=lambda v: v.note, width=300),
    Column[VersionView]("Pelaksanaan", lambda v: str(v.runs), sort_key=lambda v: v.runs, align_right=True, width=90),
]


class VersionsDialog(QDialog):
    """'Riwayat versi': every version of an SOP, newest first."""

    def __init__(self, ctx: AppContext, sop: SopView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Riwayat versi — {sop.name}")
        self.model = RecordTableModel(VERSION_COLUMNS, self)
        self.table = make_table(self.model, VERSION_COLUMNS, 3)
        _ok, versions = attempt(self, lambda: list_versions(ctx.db, sop.id))
        self.model.set_rows(versions or [])
        buttons = QDialogButtonBox()
        buttons.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Setiap penyimpanan membuat versi baru. "
                "Pelaksanaan yang sudah berjalan tetap memakai versi saat dimulai."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 360)
