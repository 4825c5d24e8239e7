"""Editable models of the SOP editor: pelaksana columns and steps, branch targets kept right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from sakip_desktop.domain.roles import Role
from sakip_desktop.errors import ValidationError
from sakip_desktop.sop.definition import Actor, Step, StepKind

Index = QModelIndex | QPersistentModelIndex
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole
KIND_LABELS = {StepKind.PROCESS: "Proses", StepKind.DECISION: "Keputusan"}


# ---- branch targets when steps move (pure) ----------------------------------------------------------------


def after_insert(target: int | None, position: int) -> int | None:
    """A branch target once a step is inserted at `position`: later steps move down by one."""
    return target + 1 if target is not None and target >= position else target


def after_remove(target: int | None, position: int) -> int | None:
    """A branch target once step `position` is removed (no branch may point at it)."""
    return target - 1 if target is not None and target > position else target


def after_swap(target: int | None, a: int, b: int) -> int | None:
    """A branch target once steps `a` and `b` trade places."""
    return b if target == a else a if target == b else target


class _RowsModel(QAbstractTableModel):
    """A table of mutable rows, editable unless read-only."""

    titles: tuple[str, ...] = ()

    def __init__(self, rows: list, editable: bool, parent=None) -> None:
        super().__init__(parent)
        self._rows, self.editable = rows, editable

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role != DISPLAY:
            return None
        return self.titles[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.editable else base

    def _reset(self, change: Callable[[], None]) -> None:
        self.beginResetModel()
        change()
        self.endResetModel()

    def _swap_rows(self, row: int, other: int) -> None:
        self._rows[row], self._rows[other] = self._rows[other], self._rows[row]


# ---- pelaksana ----------------------------------------------------------------------------------------------

KEY, LABEL, ROLE, UNIT = range(4)


def lane_unit(actor: Actor) -> str:
    """The 'Unit' cell's value: 'unit:CODE' (one unit), 'kind:SEKSI' (any unit of a kind) or '' (any unit)."""
    if actor.unit:
        return f"unit:{actor.unit}"
    return f"kind:{actor.unit_kind}" if actor.unit_kind else ""


class ActorsModel(_RowsModel):
    """Kunci, Judul kolom, Peran, Unit (the unit whose holder of the role works in the column, if one)."""

    titles = ("Kunci", "Judul kolom", "Peran", "Unit")
    key_renamed = Signal(str, str)

    def __init__(
        self, actors: tuple[Actor, ...], editable: bool, unit_label: Callable[[str], str] = str, parent=None
    ) -> None:
        super().__init__([[a.key, a.label, a.role, lane_unit(a), a.unit_hint] for a in actors], editable, parent)
        self.unit_label = unit_label

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role not in (DISPLAY, EDIT):
            return None
        value = self._rows[index.row()][index.column()]
        if index.column() == UNIT and role == DISPLAY:
            return self.unit_label(value)
        return value.label if isinstance(value, Role) and role == DISPLAY else value

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or role != EDIT or not self.editable:
            return False
        row = self._rows[index.row()]
        if index.column() == ROLE:
            row[ROLE] = Role(value)
        elif index.column() == UNIT:
            row[UNIT] = str(value or "")
        else:
            text = str(value).strip()
            old, row[index.column()] = row[index.column()], text
            if index.column() == KEY and old != text:
                self.key_renamed.emit(old, text)
        self.dataChanged.emit(index, index)
        return True

    def choices(self) -> list[tuple[str, str]]:
        """(label, key) of each pelaksana, for the steps' combo."""
        return [(f"{label} ({role.label})", key) for key, label, role, *_ in self._rows]

    def label_of(self, key: str) -> str:
        """The heading of the pelaksana with `key` (the key itself when unknown)."""
        return next((label for k, label, *_ in self._rows if k == key), key or "—")

    def key_at(self, row: int) -> str:
        return self._rows[row][KEY]

    def add(self) -> int:
        """Append a new pelaksana; returns its row."""
        keys = {r[KEY] for r in self._rows}
        n = next(i for i in range(1, len(keys) + 2) if f"pelaksana_{i}" not in keys)
        self._reset(lambda: self._rows.append([f"pelaksana_{n}", "Pelaksana baru", Role.STAF, "", ""]))
        return len(self._rows) - 1

    def remove(self, row: int) -> None:
        self._reset(lambda: self._rows.pop(row))

    def move(self, row: int, delta: int) -> int:
        """Move a pelaksana column left/right (up/down here); returns its new row."""
        other = row + delta
        if not 0 <= other < len(self._rows):
            return row
        self._reset(lambda: self._swap_rows(row, other))
        return other

    def actors(self) -> tuple[Actor, ...]:
        out = []
        for key, label, role, unit, hint in self._rows:
            kind, _, code = str(unit).partition(":")
            scope = {"unit": code} if kind == "unit" else {"unit_kind": code} if kind == "kind" else {}
            out.append(Actor(key=key, label=label, role=role, unit_hint=hint, **scope))
        return tuple(out)


# ---- langkah ------------------------------------------------------------------------------------------------

NUMBER, ACTIVITY, ACTOR, INPUTS, TIME, OUTPUT, NOTE, KIND, APPROVE, RETURN, TRACK = range(11)
MULTILINE = (ACTIVITY, INPUTS, OUTPUT, NOTE)
_FIELDS = {NUMBER: "number", ACTIVITY: "activity", ACTOR: "actor", TIME: "time", OUTPUT: "output", NOTE: "note"}
_FIELDS[TRACK] = "track"


@dataclass
class StepRow:
    """A step being edited (kelengkapan as one text, one item per line)."""

    number: str
    activity: str
    actor: str
    inputs: str
    time: str
    output: str
    note: str
    kind: StepKind
    on_approve: int | None
    on_return: int | None
    actor_inferred: bool
    action: str = ""  # kept as it is; not shown in the grid (set through the .xlsx exchange or the template)
    track: str = ""  # the parallel track (sop.flow): neighbouring steps with a track run side by side

    @classmethod
    def of(cls, step: Step) -> StepRow:
        values = {f.name: getattr(step, f.name) for f in fields(Step)}
        return cls(**{**values, "inputs": "\n".join(step.inputs)})

    def step(self) -> Step:
        inputs = tuple(line.strip() for line in self.inputs.splitlines() if line.strip())
        return Step(**{**{f.name: getattr(self, f.name) for f in fields(Step)}, "inputs": inputs})


class StepsModel(_RowsModel):
    """Nomor … Jika dikembalikan ke; positions (the row header) are what branches point at."""

    titles = (
        "Nomor",
        "Kegiatan",
        "Pelaksana",
        "Kelengkapan",
        "Waktu",
        "Output",
        "Keterangan",
        "Jenis",
        "Jika disetujui\nke",
        "Jika dikembalikan\nke",
        "Jalur paralel",
    )

    def __init__(self, steps: tuple[Step, ...], actor_label: Callable[[str], str], editable: bool, parent=None):
        super().__init__([StepRow.of(s) for s in steps], editable, parent)
        self.actor_label = actor_label

    def row(self, row: int) -> StepRow:
        return self._rows[row]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role not in (DISPLAY, EDIT):
            return None
        step, column = self._rows[index.row()], index.column()
        if column in _FIELDS:
            value = getattr(step, _FIELDS[column])
            return self.actor_label(value) if column == ACTOR and role == DISPLAY else value
        if column == INPUTS:
            return step.inputs
        if column == KIND:
            return KIND_LABELS[step.kind] if role == DISPLAY else step.kind
        target = step.on_approve if column == APPROVE else step.on_return
        if role == EDIT:
            return target
        if step.kind is StepKind.PROCESS:
            return ""
        if target is None:
            return "langkah berikutnya" if column == APPROVE else "—"
        return f"langkah {target}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in (APPROVE, RETURN) and self._rows[index.row()].kind is StepKind.PROCESS:
            flags &= ~Qt.ItemFlag.ItemIsEditable  # only decisions branch
        return flags

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or role != EDIT or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        step, column = self._rows[index.row()], index.column()
        if column in _FIELDS:
            text = str(value)
            setattr(step, _FIELDS[column], text if column in MULTILINE else text.strip())
            if column == ACTOR:
                step.actor_inferred = False  # a person chose it
        elif column == INPUTS:
            step.inputs = str(value)
        elif column == KIND:
            step.kind = StepKind(value)
            if step.kind is StepKind.PROCESS:
                step.on_approve = step.on_return = None
            elif step.on_return is None:
                step.on_return = max(index.row(), 1)  # back to the step before, as most SOPs do
        else:
            target = None if value in (None, "", 0) else int(value)
            setattr(step, "on_approve" if column == APPROVE else "on_return", target)
        left, right = self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        self.dataChanged.emit(left, right)
        return True

    def target_choices(self, column: int) -> list[tuple[str, int | None]]:
        """The choices of a branch cell: the default, then every step by position."""
        first = ("langkah berikutnya", None) if column == APPROVE else ("— (wajib dipilih)", None)
        steps = [(f"langkah {i}: {self._short(s)}", i) for i, s in enumerate(self._rows, start=1)]
        return [first, *steps]

    @staticmethod
    def _short(step: StepRow) -> str:
        text = step.activity or step.output
        return text if len(text) <= 50 else text[:48] + "…"

    def insert(self, position: int, actor: str) -> None:
        """A new empty step at `position` (1-based); branches to later steps follow them."""
        new = StepRow("", "", actor, "", "", "", "", StepKind.PROCESS, None, None, False)

        def change() -> None:
            for s in self._rows:
                s.on_approve, s.on_return = after_insert(s.on_approve, position), after_insert(s.on_return, position)
            self._rows.insert(position - 1, new)

        self._reset(change)

    def remove(self, position: int) -> None:
        """Remove step `position`; refused while another step branches to it."""
        pointing = [
            str(i)
            for i, s in enumerate(self._rows, start=1)
            if i != position and position in (s.on_approve, s.on_return)
        ]
        if pointing:
            raise ValidationError(
                f"Langkah {position} menjadi tujuan cabang langkah {', '.join(pointing)}. "
                "Ubah dulu tujuan cabang itu, lalu hapus langkahnya."
            )

        def change() -> None:
            self._rows.pop(position - 1)
            for s in self._rows:
                s.on_approve, s.on_return = after_remove(s.on_approve, position), after_remove(s.on_return, position)

        self._reset(change)

    def move(self, position: int, delta: int) -> int:
        """Swap a step with its neighbour; branches keep pointing at the same steps. Returns the new position."""
        other = position + delta
        if not 1 <= other <= len(self._rows):
            return position

        def change() -> None:
            self._swap_rows(position - 1, other - 1)
            for s in self._rows:
                s.on_approve = after_swap(s.on_approve, position, other)
                s.on_return = after_swap(s.on_return, position, other)

        self._reset(change)
        return other

    def rename_actor(self, old: str, new: str) -> None:
        for s in self._rows:
            if s.actor == old:
                s.actor = new
        if self._rows:
            self.dataChanged.emit(self.index(0, ACTOR), self.index(len(self._rows) - 1, ACTOR))

    def using_actor(self, key: str) -> list[int]:
        """Positions of the steps done by pelaksana `key`."""
        return [i for i, s in enumerate(self._rows, start=1) if s.actor == key]

    def refresh_actor_labels(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, ACTOR), self.index(len(self._rows) - 1, ACTOR))

    def steps(self) -> tuple[Step, ...]:
        return tuple(s.step() for s in self._rows)
