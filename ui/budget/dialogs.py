"""Dialogs of the budget screen: a program / kegiatan / sub kegiatan, and a sub kegiatan's pagu and spending."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from sakip_desktop.domain import bounds, formats
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.units import list_units
from sakip_desktop.ops.planning.budget import (
    LEVEL_LABELS,
    PROGRAM,
    SUB_ACTIVITY,
    BudgetNode,
    NodeInput,
    objective_choices,
    save_budget,
    save_node,
)
from ui.context import AppContext
from ui.plain_text import plain_label
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import fill_combo, form_layout, hint

QUARTERS = ("TW I", "TW II", "TW III", "TW IV")


def parse_rupiah(text: str, label: str, field: str) -> int:
    """Whole Rupiah typed by a person: '1500000', '1.500.000', 'Rp1.500.000' (empty is 0)."""
    cleaned = text.strip().removeprefix("Rp").removeprefix("rp").replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.removesuffix(",00")
    if not cleaned:
        return 0
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"\d+", cleaned):
        raise ValidationError(f"{label}: '{text.strip()}' bukan rupiah bulat (mis. 1.500.000).", field=field)
    return bounds.check_rupiah(Decimal(cleaned), label, field) or 0  # the core checks again; this says it early


def rupiah_text(amount: int | None) -> str:
    """'1.500.000' for an entry field ('' for none)."""
    return "" if amount is None else formats.number(amount, 0)


class NodeDialog(FormDialog):
    """Add or change a program, kegiatan or sub kegiatan."""

    def __init__(
        self,
        ctx: AppContext,
        level: int,
        node: BudgetNode | None = None,
        parent_id: int | None = None,
        parent_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        label = LEVEL_LABELS[level]
        super().__init__(ctx, f"Ubah {label.lower()}" if node else f"Tambah {label.lower()}", parent)
        self.level, self.node, self.parent_id = level, node, parent_id
        self.code = QLineEdit(node.code if node else "")
        self.code.setPlaceholderText("mis. 7.01.01" if level == PROGRAM else "kode sesuai Permendagri 90")
        self.name = QLineEdit(node.name if node else "")
        self.fields = {"code": self.code, "name": self.name}
        form = form_layout()
        if parent_label:
            form.addRow("Induk", plain_label(parent_label))
        form.addRow("Kode", self.code)
        form.addRow(f"Nama {label.lower()}", self.name)
        self.link: QComboBox | None = None
        if level in (PROGRAM, SUB_ACTIVITY):
            self.link = QComboBox()
            if level == PROGRAM:
                items = [("(tanpa sasaran)", None)] + [(c.label, c.id) for c in objective_choices(ctx.db)]
                form.addRow("Mendukung sasaran", self.link)
            else:
                items = [("(tanpa unit)", None)] + [(u.name, u.id) for u in list_units(ctx.db)]
                form.addRow("Unit pelaksana", self.link)
            fill_combo(self.link, items, node.link_id if node else None)
        self.finish_layout(form)
        self.resize(620, self.sizeHint().height())

    def save(self) -> int:
        data = NodeInput(self.code.text(), self.name.text(), self.link.currentData() if self.link else None)
        node_id = self.node.id if self.node else None
        return save_node(self.ctx.db, self.ctx.actor, self.level, data, node_id, self.parent_id)


class BudgetDialog(FormDialog):
    """The pagu of the year being worked on and realisasi anggaran TW I–IV of one sub kegiatan."""

    def __init__(self, ctx: AppContext, node: BudgetNode, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Anggaran {node.code} tahun {ctx.year}", parent)
        self.node = node
        self.ceiling = QLineEdit(rupiah_text(node.ceiling))
        self.spent = [QLineEdit(rupiah_text(a) if node.ceiling is not None and a else "") for a in node.spent]
        self.fields = {"ceiling": self.ceiling, "spent": self.spent[0]}
        form = form_layout()
        name = plain_label(f"{node.code} {node.name}")
        name.setWordWrap(True)
        form.addRow("Sub kegiatan", name)
        form.addRow("", hint("Rupiah bulat tanpa sen; titik ribuan boleh ditulis (1.500.000)."))
        form.addRow(f"Pagu {ctx.year} (Rp)", self.ceiling)
        for title, edit in zip(QUARTERS, self.spent, strict=True):
            edit.setPlaceholderText("0")
            form.addRow(f"Realisasi {title} (Rp)", edit)
        self.finish_layout(form)
        self.resize(520, self.sizeHint().height() + 20)

    def save(self) -> int:
        if not self.ceiling.text().strip():
            raise ValidationError(f"Isi pagu tahun {self.ctx.year} (boleh 0).", field="ceiling")
        ceiling = parse_rupiah(self.ceiling.text(), "Pagu", "ceiling")
        spent = tuple(
            parse_rupiah(e.text(), f"Realisasi {t}", "spent") for t, e in zip(QUARTERS, self.spent, strict=True)
        )
        save_budget(self.ctx.db, self.ctx.actor, self.node.id, self.ctx.year, ceiling, spent)  # type: ignore[arg-type]
        return self.node.id
