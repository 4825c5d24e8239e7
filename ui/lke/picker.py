"""Choosing evidence the program already holds for a criterion: printed documents, bukti dukung of realisasi,
bukti of tindak lanjut and files of the submission pack, filtered by what the person types."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from ui.widgets.table import Column, RecordTableModel, current_record, make_table

COLUMNS = [Column[tuple[str, int, str]]("Bukti", lambda c: c[2])]


class EvidencePicker(QDialog):
    """A filterable list of (source, id, label); `chosen()` after it was accepted."""

    def __init__(self, choices: list[tuple[str, int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pilih bukti dari data program")
        self.choices = choices
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Saring: ketik nama berkas, kode indikator, jenis dokumen…")
        self.filter.textChanged.connect(self.refilter)
        self.model = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, COLUMNS, 0, sortable=False)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox()
        buttons.addButton("Tambahkan", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.refilter("")

    def refilter(self, text: str) -> None:
        """Show the choices whose label has every word typed."""
        words = text.casefold().split()
        self.model.set_rows([c for c in self.choices if all(w in c[2].casefold() for w in words)])
        if self.model.rowCount():
            self.table.selectRow(0)

    def chosen(self) -> tuple[str, int] | None:
        """(source, id) of the chosen row."""
        row = current_record(self.table)
        return (row[0], row[1]) if row else None
