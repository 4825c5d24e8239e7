"""Widgets of the SOP editor: cell editors (combos, multi-line text) and the identity form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.roles import Role
from sakip_desktop.sop.definition import Identity, SopDefinition
from ui.plain_text import plain_label
from ui.widgets.forms import form_layout

EDIT = Qt.ItemDataRole.EditRole
Index = QModelIndex | QPersistentModelIndex  # what a view hands its delegate


class ComboDelegate(QStyledItemDelegate):
    """A cell edited with a combo of (text, value) choices."""

    def __init__(self, choices: Callable[[Index], list[tuple[str, Any]]], parent=None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for text, value in self._choices(index):
            combo.addItem(text, value)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(EDIT)
        for i in range(editor.count()):
            if editor.itemData(i) == value:
                editor.setCurrentIndex(i)
                return

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), EDIT)


class TextDelegate(QStyledItemDelegate):
    """A cell edited as several lines (Enter is a new line; Tab or a click elsewhere finishes)."""

    MIN_HEIGHT = 110

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(index.data(EDIT) or "")

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), EDIT)

    def updateEditorGeometry(self, editor: QWidget, option, index: Index) -> None:
        # A one-line row would give a one-line box: grow it over the rows below while editing.
        rect = option.rect
        rect.setHeight(max(rect.height(), self.MIN_HEIGHT))
        editor.setGeometry(rect)


TEXT_FIELDS = (
    ("name", "Nama SOP"),
    ("number", "Nomor SOP"),
    ("created", "Tanggal pembuatan"),
    ("revised", "Tanggal revisi"),
    ("effective", "Tanggal efektif"),
    ("approved_by", "Disahkan oleh"),
    ("regency_name", "Pemerintah"),
    ("unit_name", "Unit"),
)
LIST_FIELDS = (
    ("legal_basis", "Dasar hukum"),
    ("qualifications", "Kualifikasi pelaksana"),
    ("related", "Keterkaitan"),
    ("equipment", "Peralatan/perlengkapan"),
    ("warnings", "Peringatan"),
    ("records", "Pencatatan dan pendataan"),
)


class IdentityForm(QWidget):
    """The identity page: texts on the left, lists (one item per line) on the right."""

    def __init__(self, definition: SopDefinition, editable: bool, parent=None) -> None:
        super().__init__(parent)
        self.lines: dict[str, QLineEdit] = {}
        self.lists: dict[str, QPlainTextEdit] = {}
        left = form_layout()
        code = plain_label(definition.code)
        code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addRow("Kode:", code)
        for name, label in TEXT_FIELDS:
            edit = QLineEdit(getattr(definition.identity, name))
            edit.setReadOnly(not editable)
            edit.setCursorPosition(0)
            self.lines[name] = edit
            left.addRow(f"{label}:", edit)
        self.lines["approved_by"].setPlaceholderText("JABATAN; Nama; Pangkat; NIP. 18 angka")
        self.start_roles: dict[Role, QCheckBox] = {}
        roles = QWidget()
        grid = QGridLayout(roles)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, role in enumerate(Role):
            box = QCheckBox(role.label)
            box.setChecked(role in definition.start_roles)
            box.setEnabled(editable)
            self.start_roles[role] = box
            grid.addWidget(box, i // 2, i % 2)
        left.addRow("Boleh memulai:", roles)
        right = form_layout()
        right.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for name, label in LIST_FIELDS:
            items = QPlainTextEdit("\n".join(getattr(definition.identity, name)))
            items.setReadOnly(not editable)
            items.setTabChangesFocus(True)
            items.setFixedHeight(62)
            items.setPlaceholderText("satu butir per baris" if editable else "")
            self.lists[name] = items
            right.addRow(f"{label}:", items)
        layout = QHBoxLayout(self)
        for side in (left, right):
            column = QVBoxLayout()
            column.addLayout(side)
            column.addStretch(1)
            layout.addLayout(column, 1)
            layout.addSpacing(12)

    def identity(self, old: Identity) -> Identity:
        """The identity as edited."""
        values: dict[str, Any] = {name: edit.text().strip() for name, edit in self.lines.items()}
        for name, edit in self.lists.items():
            values[name] = tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())
        return replace(old, **values)

    def chosen_start_roles(self) -> tuple[Role, ...]:
        return tuple(role for role, box in self.start_roles.items() if box.isChecked())


def lane_unit_choices(ctx) -> list[tuple[str, str]]:
    """The 'Unit' choices of a pelaksana column: any unit, any unit of a kind, or one of the office's units
    (values as `editor_models.lane_unit` writes them)."""
    from sakip_desktop.domain.roles import UnitKind
    from sakip_desktop.ops.org.units import list_units

    kinds = [
        ("Seksi mana pun", f"kind:{UnitKind.SEKSI.value}"),
        ("Sekretariat (dan Sub Bagian-nya)", f"kind:{UnitKind.SEKRETARIAT.value}"),
        ("Sub Bagian mana pun", f"kind:{UnitKind.SUBBAGIAN.value}"),
    ]
    units = [(u.name, f"unit:{u.code}") for u in list_units(ctx.db)]
    return [("— (unit mana pun)", ""), *kinds, *units]
