"""The targets of one indicator: Renstra per year, the year's target and TW I–IV, with consistency warnings."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain import formats
from sakip_desktop.domain.achievement import Target
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.home.overview import AGGREGATION_LABELS, POLARITY_LABELS
from sakip_desktop.ops.planning.targets import set_renstra_targets, set_year_targets
from sakip_desktop.ops.planning.views import IndicatorTargets, IndicatorView, indicator_targets
from sakip_desktop.ops.realisation.qualitative import LevelView
from ui.context import AppContext
from ui.errors import attempt
from ui.plain_text import esc, plain_label, rich
from ui.widgets.forms import fill_combo, hint, parse_number, plain_number, select_data
from ui.widgets.layouts import discard

WARNING_STYLE = "color:#b3261e;"
_RANGE = re.compile(r"\s*(?:–|—|-|s\.?\s?d\.?)\s*")
EMPTY_LEVEL = "—"
UNASSIGNED = '<span style="color:#b3261e">belum ditentukan</span>'


def target_text(target: Target | None) -> str:
    """A target as typed: '12,5' or '80–90'."""
    if target is None:
        return ""
    return formats.span(plain_number(target.low), None if target.high is None else plain_number(target.high))


def parse_target(text: str, label: str, field: str) -> Target | None:
    """'80' or a range '80–90' / '80 - 90' / '80 s.d. 90'; empty is None."""
    parts = [p for p in _RANGE.split(text.strip()) if p] if text.strip() else []
    if not parts:
        return None
    if len(parts) > 2:
        raise ValidationError(f"{label}: tulis satu angka atau rentang seperti 80–90.", field=field)
    low = parse_number(parts[0], label, field)
    assert low is not None
    high = parse_number(parts[1], label, field) if len(parts) == 2 else None
    return Target(low, high)


class TargetField(QWidget):
    """One target: a number (or range) typed, or a level chosen for a qualitative indicator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(56)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.combo = QComboBox()
        self.combo.setVisible(False)
        self.levels: tuple[LevelView, ...] = ()
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.edit)
        box.addWidget(self.combo)

    def set_value(self, target: Target | None, levels: tuple[LevelView, ...]) -> None:
        """Show `target`, as a level when the indicator is qualitative."""
        self.levels = levels
        self.combo.setVisible(bool(levels))
        self.edit.setVisible(not levels)
        if levels:
            fill_combo(self.combo, [(EMPTY_LEVEL, None)] + [(lv.label, lv.rank) for lv in levels])
            select_data(self.combo, None if target is None else int(target.low))
        self.edit.setText(target_text(target))

    def value(self, label: str, field: str) -> Target | None:
        """The target entered (a level's rank for a qualitative indicator); `ValidationError` if unreadable."""
        if self.levels:
            rank = self.combo.currentData()
            level = None if rank is None else parse_number(str(rank), label, field)
            return None if level is None else Target(level)
        return parse_target(self.edit.text(), label, field)

    def set_locked(self, locked: bool, why: str = "") -> None:
        """A locked target can be read, not changed."""
        self.edit.setReadOnly(locked)
        self.combo.setEnabled(not locked)
        self.setToolTip(why if locked else "")

    def focus(self) -> None:
        """Put the cursor here (after a refusal)."""
        (self.combo if self.levels else self.edit).setFocus(Qt.FocusReason.OtherFocusReason)


class TargetsPanel(QWidget):
    """What the Kasubag sees of a selected indicator: its description and its targets, each part saved apart."""

    def __init__(self, ctx: AppContext, on_saved=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on_saved = on_saved
        self.indicator: IndicatorView | None = None
        self.targets: IndicatorTargets | None = None
        self.title = rich(QLabel())  # the indicator's code and name are data: escaped in show_indicator
        self.title.setWordWrap(True)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)

        self.renstra_box = QGroupBox("Target Renstra")
        self.renstra_grid_widget = QWidget()  # rebuilt for each indicator: plans differ in their years
        self.renstra_fields: dict[int, TargetField] = {}
        self.renstra_save = QPushButton("Simpan target Renstra")
        self.renstra_layout = QVBoxLayout(self.renstra_box)
        self.renstra_layout.addWidget(self.renstra_grid_widget)
        self.renstra_layout.addWidget(self.renstra_save, 0, Qt.AlignmentFlag.AlignRight)

        self.year_box = QGroupBox()
        self.year_field = TargetField()
        self.quarter_fields = [TargetField() for _ in range(4)]
        grid = QGridLayout()
        grid.addWidget(QLabel("Target tahun"), 0, 0)
        grid.addWidget(self.year_field, 1, 0)
        for n, field in enumerate(self.quarter_fields, start=1):
            grid.addWidget(QLabel(f"Target {quarter_label(n)}"), 0, n)
            grid.addWidget(field, 1, n)
        self.rule = hint("")
        self.problems = plain_label()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(WARNING_STYLE)
        self.year_save = QPushButton()
        year_layout = QVBoxLayout(self.year_box)
        year_layout.addLayout(grid)
        year_layout.addWidget(self.rule)
        year_layout.addWidget(self.problems)
        year_layout.addWidget(self.year_save, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.about)
        layout.addWidget(self.renstra_box)
        layout.addWidget(self.year_box)
        layout.addStretch(1)
        self.renstra_save.clicked.connect(self.save_renstra)
        self.year_save.clicked.connect(self.save_year)
        self.year_field.edit.returnPressed.connect(self.save_year)
        for field in self.quarter_fields:
            field.edit.returnPressed.connect(self.save_year)

    # ---- showing ------------------------------------------------------------------------------------------

    def show_indicator(self, indicator: IndicatorView) -> None:
        """Show `indicator` and its targets of the year being worked on."""
        self.indicator = indicator
        ok, targets = attempt(self, lambda: indicator_targets(self.ctx.db, indicator.id, self.ctx.year))
        if not ok or targets is None:
            return
        self.targets = targets
        i = indicator
        self.title.setText(f"<b>{esc(i.code)}</b> — {esc(i.name)}" + ("  <i>(IKU)</i>" if i.is_key else ""))
        kind = f"kualitatif, skala {i.scale_name}" if i.scale_id else f"satuan {i.unit}"
        who = _escape(i.responsible_unit) if i.responsible_unit else UNASSIGNED
        lines = [
            f"{_escape(kind)}; polaritas {POLARITY_LABELS[i.polarity].lower()}; "
            f"{AGGREGATION_LABELS[i.aggregation].lower()}; penanggung jawab: {who}",
        ]
        for label, text in (("Definisi", i.definition), ("Formula", i.formula), ("Sumber data", i.data_source)):
            if text:
                lines.append(f"{label}: {_escape(text)}")
        self.about.setText("<br>".join(lines))
        self._fill_renstra(targets)
        self._fill_year(targets)

    def _fill_renstra(self, t: IndicatorTargets) -> None:
        old = self.renstra_grid_widget
        self.renstra_grid_widget = QWidget()
        grid = QGridLayout(self.renstra_grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        self.renstra_layout.replaceWidget(old, self.renstra_grid_widget)
        discard(old)
        self.renstra_fields = {}
        if self.renstra_box.isVisible():
            self.renstra_grid_widget.show()  # a widget added to a shown layout appears only later otherwise
        self.renstra_box.setTitle(f"Target Renstra {t.plan_years[0]}–{t.plan_years[-1]}")
        for column, year in enumerate(t.plan_years):
            grid.addWidget(QLabel(str(year)), 0, column, Qt.AlignmentFlag.AlignHCenter)
            field = TargetField()
            value = t.renstra.get(year)
            field.set_value(None if value is None else Target(value), t.levels)
            grid.addWidget(field, 1, column)
            self.renstra_fields[year] = field
            field.edit.returnPressed.connect(self.save_renstra)

    def _fill_year(self, t: IndicatorTargets) -> None:
        self.year_box.setTitle(f"Target tahun {t.year} dan rencana aksi triwulan")
        self.year_save.setText(f"Simpan target {t.year}")
        self.year_field.set_value(t.yearly, t.levels)
        for n, field in enumerate(self.quarter_fields, start=1):
            field.set_value(t.quarterly[n - 1], t.levels)
            locked = n in t.locked_quarters
            field.set_locked(locked, f"Realisasi {quarter_label(n)} sudah disetujui Camat: targetnya terkunci.")
        rule = {
            "CUMULATIVE": "Kumulatif: jumlah target TW I–IV sama dengan target tahun.",
            "LAST_VALUE": "Nilai akhir: target TW IV sama dengan target tahun.",
            "AVERAGE": "Rata-rata: rata-rata target TW I–IV sama dengan target tahun.",
        }[t.aggregation.value]
        if not t.levels:
            rule += " Rentang ditulis seperti 80–90."
        self.rule.setText(rule)
        self.show_problems(list(t.problems))

    def show_problems(self, problems: list[str]) -> None:
        """The consistency warnings in red under the grid (hidden when there are none)."""
        text = "\n".join(f"Perhatian: {p[0].upper()}{p[1:]}." for p in problems)
        self.problems.setText(text)
        self.problems.setVisible(bool(problems))

    def problems_text(self) -> str:
        """The warning shown ('' when none)."""
        return self.problems.text() if not self.problems.isHidden() else ""

    # ---- saving -------------------------------------------------------------------------------------------

    def _run(self, action, fields: dict[str, TargetField]):
        where: list[str | None] = []

        def run():
            try:
                return action()
            except ValidationError as exc:
                where.append(exc.field)
                raise

        ok, result = attempt(self, run)
        if not ok and where and where[0] in fields:
            fields[where[0]].focus()
        return ok, result

    def save_renstra(self) -> None:
        """'Simpan target Renstra': every plan year's field (an empty one removes that year's target)."""
        if self.indicator is None:
            return
        indicator_id = self.indicator.id

        def action():
            values = {}
            for year, field in self.renstra_fields.items():
                target = field.value(f"Target Renstra {year}", f"renstra_{year}")
                if target is not None and target.high is not None:
                    raise ValidationError(f"Target Renstra {year}: satu angka, bukan rentang.", f"renstra_{year}")
                values[year] = None if target is None else target.low
            set_renstra_targets(self.ctx.db, self.ctx.actor, indicator_id, values)

        ok, _ = self._run(action, {f"renstra_{y}": f for y, f in self.renstra_fields.items()})
        if ok:
            self._saved()

    def save_year(self) -> None:
        """'Simpan target <tahun>': the yearly and TW I–IV targets; inconsistencies are saved and shown in red."""
        if self.indicator is None:
            return
        indicator_id, year = self.indicator.id, self.ctx.year

        def action():
            yearly = self.year_field.value(f"Target tahun {year}", "yearly")
            quarters = [f.value(f"Target {quarter_label(n)}", f"q{n}") for n, f in enumerate(self.quarter_fields, 1)]
            return set_year_targets(self.ctx.db, self.ctx.actor, indicator_id, year, yearly, quarters)

        fields = {"yearly": self.year_field, **{f"q{n}": f for n, f in enumerate(self.quarter_fields, 1)}}
        ok, problems = self._run(action, fields)
        if ok:
            self._saved()
            self.show_problems(problems or [])

    def _saved(self) -> None:
        if self.indicator is not None:
            self.show_indicator(self.indicator)
        if self.on_saved is not None:
            self.on_saved()


def _escape(text: str) -> str:
    return esc(text)
