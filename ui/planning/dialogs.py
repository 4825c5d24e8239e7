"""The form dialogs of the Perencanaan page: Renstra, tujuan/sasaran, indicator."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from sakip_desktop.domain.achievement import Aggregation, Polarity
from sakip_desktop.domain.planning import MAX_BENCHMARK
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.desa.entry import indicator_desa, set_indicator_over_desa
from sakip_desktop.ops.home.overview import AGGREGATION_LABELS, POLARITY_LABELS
from sakip_desktop.ops.org.units import UnitView
from sakip_desktop.ops.planning.renstra import (
    IndicatorInput,
    NodeInput,
    PlanInput,
    add_goal,
    add_indicator,
    add_objective,
    add_plan,
    update_goal,
    update_indicator,
    update_objective,
    update_plan,
)
from sakip_desktop.ops.planning.views import GoalNode, IndicatorView, ObjectiveNode, PlanNode
from sakip_desktop.ops.realisation.qualitative import ScaleView
from ui.context import AppContext
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import fill_combo, form_layout, hint, parse_number, plain_number

NONE = "(belum ditentukan)"
NUMERIC = "(angka, bukan kualitatif)"


def _text_box(height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


def _year_spin(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(2000, 2100)
    spin.setValue(value)
    return spin


def _order_spin(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 9999)
    spin.setValue(value)
    return spin


def _polarity_choices() -> list[tuple[str, str]]:
    return [(POLARITY_LABELS[p.value], p.value) for p in Polarity]


def _aggregation_choices() -> list[tuple[str, str]]:
    return [(AGGREGATION_LABELS[a.value], a.value) for a in Aggregation]


class PlanDialog(FormDialog):
    """Add or edit a Renstra: name, period, visi and misi (one per line)."""

    def __init__(self, ctx: AppContext, plan: PlanNode | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tambah Renstra" if plan is None else "Ubah Renstra", parent)
        self._plan = plan
        self.name_edit = QLineEdit(plan.name if plan else "")
        self.name_edit.setPlaceholderText("mis. Rencana Strategis Kecamatan … Tahun 2027-2031")
        self.name_edit.setMinimumWidth(460)
        start = plan.start_year if plan else ctx.year
        self.start_spin = _year_spin(start)
        self.end_spin = _year_spin(plan.end_year if plan else start + 4)
        self.vision_edit = _text_box()
        self.mission_edit = _text_box(100)
        if plan:
            self.vision_edit.setPlainText(plan.vision)
            self.mission_edit.setPlainText(plan.mission)
        form = form_layout()
        form.addRow("&Nama:", self.name_edit)
        form.addRow("Tahun &awal:", self.start_spin)
        form.addRow("Tahun a&khir:", self.end_spin)
        form.addRow("&Visi:", self.vision_edit)
        form.addRow("&Misi:", self.mission_edit)
        form.addRow("", hint("Satu misi per baris."))
        self.finish_layout(form)
        self.fields = {
            "name": self.name_edit,
            "start_year": self.start_spin,
            "end_year": self.end_spin,
        }

    def save(self) -> int:
        data = PlanInput(
            self.name_edit.text(),
            self.start_spin.value(),
            self.end_spin.value(),
            self.vision_edit.toPlainText(),
            self.mission_edit.toPlainText(),
        )
        if self._plan is None:
            return add_plan(self.ctx.db, self.ctx.actor, data)
        update_plan(self.ctx.db, self.ctx.actor, self._plan.id, data)
        return self._plan.id


class NodeDialog(FormDialog):
    """Add or edit a tujuan (under a Renstra) or a sasaran (under a tujuan)."""

    def __init__(
        self,
        ctx: AppContext,
        kind: str,  # "goal" or "objective"
        node: GoalNode | ObjectiveNode | None,
        parent_id: int,
        next_order: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        what = "tujuan" if kind == "goal" else "sasaran"
        super().__init__(ctx, f"Tambah {what}" if node is None else f"Ubah {what}", parent)
        self._kind, self._node, self._parent_id = kind, node, parent_id
        self.code_edit = QLineEdit(node.code if node else "")
        self.code_edit.setPlaceholderText("mis. T1" if kind == "goal" else "mis. S1")
        self.code_edit.setMaxLength(20)
        self.statement_edit = _text_box(80)
        self.statement_edit.setMinimumWidth(460)
        if node:
            self.statement_edit.setPlainText(node.statement)
        self.order_spin = _order_spin(node.sort_order if node else next_order)
        form = form_layout()
        form.addRow("&Kode:", self.code_edit)
        form.addRow("&Rumusan:", self.statement_edit)
        form.addRow("&Urutan:", self.order_spin)
        self.finish_layout(form)
        self.fields = {"code": self.code_edit, "statement": self.statement_edit}

    def save(self) -> int:
        data = NodeInput(self.code_edit.text(), self.statement_edit.toPlainText(), self.order_spin.value())
        db, actor = self.ctx.db, self.ctx.actor
        if self._kind == "goal":
            if self._node is None:
                return add_goal(db, actor, self._parent_id, data)
            update_goal(db, actor, self._node.id, data)
        else:
            if self._node is None:
                return add_objective(db, actor, self._parent_id, data)
            update_objective(db, actor, self._node.id, data)
        return self._node.id


class IndicatorDialog(FormDialog):
    """Add or edit an indicator: what it measures and how, who answers for it, IKU, scale and baseline."""

    def __init__(
        self,
        ctx: AppContext,
        indicator: IndicatorView | None,
        objective_id: int,
        units: list[UnitView],
        scales: list[ScaleView],
        next_order: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Tambah indikator kinerja" if indicator is None else "Ubah indikator kinerja", parent)
        self._indicator, self._objective_id = indicator, objective_id
        self._build_measure_fields(indicator, scales)
        self._build_detail_fields(indicator, units, next_order)
        self.finish_layout(self._form())
        self.fields = {
            "code": self.code_edit,
            "name": self.name_edit,
            "unit": self.unit_edit,
            "polarity": self.polarity_combo,
            "aggregation": self.aggregation_combo,
            "scale_id": self.scale_combo,
            "responsible_unit_id": self.unit_combo,
            "baseline": self.baseline_edit,
            "benchmark": self.benchmark_edit,
            "desa_criterion": self.criterion_edit,
            "over_desa": self.desa_check,
        }
        self.scale_combo.currentIndexChanged.connect(self._scale_chosen)

    def _build_measure_fields(self, i: IndicatorView | None, scales: list[ScaleView]) -> None:
        """What the indicator measures and how: code, name, unit, polarity, aggregation, qualitative scale."""
        self.code_edit = QLineEdit(i.code if i else "")
        self.code_edit.setPlaceholderText("mis. IK13")
        self.code_edit.setMaxLength(20)
        self.name_edit = QLineEdit(i.name if i else "")
        self.name_edit.setPlaceholderText("mis. Persentase desa yang menyampaikan LPPDes tepat waktu")
        self.name_edit.setMinimumWidth(520)
        self.unit_edit = QLineEdit(i.unit if i else "")
        self.unit_edit.setPlaceholderText("mis. %, dokumen, desa, nilai")
        self.unit_edit.setMaxLength(40)
        self.polarity_combo = QComboBox()
        fill_combo(self.polarity_combo, _polarity_choices(), i and i.polarity.value)
        self.aggregation_combo = QComboBox()
        fill_combo(self.aggregation_combo, _aggregation_choices(), i and i.aggregation.value)
        self.scale_combo = QComboBox()
        fill_combo(self.scale_combo, [(NUMERIC, None)] + [(s.name, s.id) for s in scales], i and i.scale_id)

    def _build_detail_fields(self, i: IndicatorView | None, units: list[UnitView], next_order: int) -> None:
        """Who answers for it, IKU, baseline, definition, formula, data source and order."""
        self.unit_combo = QComboBox()
        fill_combo(self.unit_combo, [(NONE, None)] + [(u.name, u.id) for u in units], i and i.responsible_unit_id)
        self.key_check = QCheckBox("Indikator Kinerja Utama (IKU)")
        self.key_check.setChecked(bool(i and i.is_key))
        self.baseline_edit = QLineEdit(plain_number(i.baseline) if i else "")
        self.baseline_edit.setPlaceholderText("nilai awal, mis. 75")
        self.definition_edit = _text_box()
        self.formula_edit = _text_box(44)
        self.source_edit = QLineEdit(i.data_source if i else "")
        self.benchmark_edit = QLineEdit(i.benchmark if i else "")
        self.benchmark_edit.setPlaceholderText("mis. SPM 100% (Permendagri 59/2021); kosongkan bila tidak ada")
        self.benchmark_edit.setMaxLength(MAX_BENCHMARK)
        if i:
            self.definition_edit.setPlainText(i.definition)
            self.formula_edit.setPlainText(i.formula)
        self.order_spin = _order_spin(i.sort_order if i else next_order)
        # counted over the desa of the kecamatan (issue 15 §3): realisasi entered per desa
        self._desa = indicator_desa(self.ctx.db, i.id) if i else (False, "")
        self.desa_check = QCheckBox(
            "Dihitung atas desa: realisasi diisi per desa (desa memenuhi ÷ desa dihitung × 100%)"
        )
        self.desa_check.setChecked(self._desa[0])
        self.criterion_edit = QLineEdit(self._desa[1])
        self.criterion_edit.setPlaceholderText("kriteria yang harus dipenuhi desa, mis. APBDes ditetapkan tepat waktu")
        self.criterion_edit.setEnabled(self._desa[0])
        self.desa_check.toggled.connect(self._desa_toggled)

    def _form(self) -> QFormLayout:
        form = form_layout()
        form.addRow("&Kode:", self.code_edit)
        form.addRow("&Nama indikator:", self.name_edit)
        form.addRow("&Satuan:", self.unit_edit)
        form.addRow("&Polaritas:", self.polarity_combo)
        form.addRow("&Agregasi triwulan:", self.aggregation_combo)
        form.addRow("Skala &kualitatif:", self.scale_combo)
        form.addRow(
            "",
            hint(
                "Indikator kualitatif (mis. predikat SAKIP) memakai tingkat skala sebagai target dan realisasi; "
                "polaritasnya positif dan agregasinya nilai akhir."
            ),
        )
        form.addRow("&Penanggung jawab:", self.unit_combo)
        form.addRow("", self.key_check)
        form.addRow("&Baseline:", self.baseline_edit)
        form.addRow("&Definisi operasional:", self.definition_edit)
        form.addRow("&Formula:", self.formula_edit)
        form.addRow("Sumber &data:", self.source_edit)
        form.addRow("Standar nasional/pe&mbanding:", self.benchmark_edit)
        form.addRow("", hint("Bila diisi, LKj Bab III memuat perbandingan realisasi dengan standar ini."))
        form.addRow("", self.desa_check)
        form.addRow("K&riteria desa:", self.criterion_edit)
        form.addRow("&Urutan:", self.order_spin)
        return form

    def _desa_toggled(self, on: bool) -> None:
        """An indicator over desa is a percentage of the desa; its criterion is then needed."""
        self.criterion_edit.setEnabled(on)
        if on and not self.unit_edit.text().strip():
            self.unit_edit.setText("%")

    def _scale_chosen(self) -> None:
        """A qualitative indicator is positive and takes the last value; say so in the form at once."""
        if self.scale_combo.currentData() is None:
            return
        fill_combo(self.polarity_combo, _polarity_choices(), Polarity.POSITIVE.value)
        fill_combo(self.aggregation_combo, _aggregation_choices(), Aggregation.LAST_VALUE.value)
        if not self.unit_edit.text().strip():
            self.unit_edit.setText("predikat")

    def save(self) -> int:
        data = IndicatorInput(
            code=self.code_edit.text(),
            name=self.name_edit.text(),
            unit=self.unit_edit.text(),
            polarity=Polarity(self.polarity_combo.currentData()),
            aggregation=Aggregation(self.aggregation_combo.currentData()),
            definition=self.definition_edit.toPlainText(),
            formula=self.formula_edit.toPlainText(),
            data_source=self.source_edit.text(),
            responsible_unit_id=self.unit_combo.currentData(),
            is_key=self.key_check.isChecked(),
            scale_id=self.scale_combo.currentData(),
            baseline=parse_number(self.baseline_edit.text(), "Baseline", "baseline"),
            sort_order=self.order_spin.value(),
            benchmark=self.benchmark_edit.text(),
        )
        on = self.desa_check.isChecked()
        desa = (on, " ".join(self.criterion_edit.text().split()) if on else "")
        if on and not desa[1]:  # checked before the indicator is written: the dialog stays on one record
            raise ValidationError("Kriteria desa wajib diisi untuk indikator atas desa.", field="desa_criterion")
        if self._indicator is None:
            saved = add_indicator(self.ctx.db, self.ctx.actor, self._objective_id, data)
        else:
            update_indicator(self.ctx.db, self.ctx.actor, self._indicator.id, data)
            saved = self._indicator.id
        if desa != self._desa:
            set_indicator_over_desa(self.ctx.db, self.ctx.actor, saved, *desa)
            self._desa = desa
        return saved
