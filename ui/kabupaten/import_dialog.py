"""'Impor data kecamatan…': the kecamatan's verified backups into the kabupaten's database, each checked as a
restore checks it; what happened to each file is listed (loaded, replaced, unchanged, or refused and why)."""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from sakip_desktop.ops.kabupaten.importing import ImportOutcome, import_files
from ui.background import run_busy
from ui.errors import attempt
from ui.kabupaten.tables import OUTCOMES
from ui.plain_text import plain_label
from ui.widgets.files import ask_open_paths
from ui.widgets.table import RecordTableModel, make_table


class ImportDialog(QDialog):
    """Choose the backups (each with its .sha256 beside it), then 'Impor'. `changed` tells the window to re-read."""

    def __init__(self, url: str, parent=None) -> None:
        super().__init__(parent)
        self.url = url
        self.files: list[Path] = []
        self.outcomes: list[ImportOutcome] = []
        self.changed = False
        self.setWindowTitle("Impor data kecamatan")
        intro = QLabel(
            "Pilih berkas cadangan kecamatan (sakip-….db) yang dibuat dengan Berkas › Cadangkan…, beserta berkas "
            ".sha256 di sebelahnya. Setiap berkas diperiksa seperti saat pemulihan; berkas yang sama tidak dimuat "
            "dua kali, dan berkas dari kantor lain dengan kode wilayah yang sama ditolak."
        )
        intro.setWordWrap(True)
        self.chosen = plain_label("Belum ada berkas dipilih.")
        self.chosen.setWordWrap(True)
        choose = QPushButton("Pilih berkas…")
        choose.clicked.connect(self._choose)
        self.by = QLineEdit(getpass.getuser())
        self.region_code = QLineEdit()
        self.region_code.setMaxLength(8)
        self.region_code.setPlaceholderText("hanya untuk satu berkas versi lama tanpa kode wilayah, mis. 35.07.19")
        form = QFormLayout()
        form.addRow("Nama petugas:", self.by)
        form.addRow("Kode wilayah:", self.region_code)
        self.model: RecordTableModel[ImportOutcome] = RecordTableModel(OUTCOMES, self)
        self.table = make_table(self.model, OUTCOMES, stretch=2, sortable=False)
        self.import_button = QPushButton("Impor")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run)
        close = QPushButton("Tutup")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.chosen)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(860, 460)

    def _choose(self) -> None:
        self.set_files(ask_open_paths(self, "Pilih cadangan kecamatan", "Cadangan SAKIP Desktop (*.db)"))

    def set_files(self, files: list[Path]) -> None:
        """The backups to import."""
        self.files = list(files)
        names = ", ".join(p.name for p in self.files)
        self.chosen.setText(f"{len(self.files)} berkas: {names}" if self.files else "Belum ada berkas dipilih.")
        self.import_button.setEnabled(bool(self.files))
        self.region_code.setEnabled(len(self.files) == 1)

    def run(self) -> bool:
        """Import the chosen files (off the GUI thread) and list the outcome of each; False when none could start."""
        files, by, url = list(self.files), self.by.text().strip() or getpass.getuser(), self.url
        code = self.region_code.text().strip()
        named = {files[0]: code} if len(files) == 1 and code else {}

        def work() -> list[ImportOutcome]:
            return import_files(url, files, imported_by=by, region_codes=named)

        ok, outcomes = attempt(self, lambda: run_busy(self, "Mengimpor data kecamatan…", work))
        if not ok or outcomes is None:
            return False
        self.outcomes = outcomes
        self.model.set_rows(outcomes)
        self.changed = self.changed or any(o.status in ("dimuat", "diganti") for o in outcomes)
        refused = sum(1 for o in outcomes if not o.ok)
        self.set_files([])
        self.region_code.clear()
        self.chosen.setText(f"{len(outcomes) - refused} dari {len(outcomes)} berkas diterima, {refused} ditolak.")
        return True
