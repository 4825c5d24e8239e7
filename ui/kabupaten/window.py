"""The kabupaten's window: the program opened on the kabupaten's PostgreSQL database (`sakip-desktop --url …` or
"Buka data kabupaten…" on the first screen). Read-only: the kecamatan side by side, the ranking with its measure in
words, capaian per sasaran, LKE scores where a kecamatan has them, the import log; one kecamatan's own screens
opened read-only; the comparison exported to .xlsx and printed as a PDF summary for the Bupati. The only change made
from here is importing kecamatan backups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.ops.kabupaten.comparison import Comparison, compare
from sakip_desktop.ops.kabupaten.figures import KecamatanFigures
from sakip_desktop.ops.kabupaten.sources import (
    LogLine,
    checked_url,
    data_period,
    import_log,
    kecamatan_list,
    regency_logo,
    shown_url,
)
from ui.background import run_busy
from ui.errors import attempt, show_error
from ui.kabupaten.tables import COMPARISON, LKE, LOG, OBJECTIVES, RANKING, SasaranLine
from ui.plain_text import plain_label
from ui.startup import end_startup
from ui.widgets.files import ask_save_path, offer_to_open
from ui.widgets.table import RecordTableModel, current_record, make_table

QUARTERS = ("TW I", "TW II", "TW III", "TW IV")


class KabupatenWindow(QMainWindow):
    """The comparison of the kecamatan loaded in the kabupaten's database."""

    def __init__(self, url: str, today: dt.date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.url = checked_url(url)
        self.today = today or dt.date.today()
        self.comparison: Comparison | None = None
        self.opened: list[QWidget] = []  # kecamatan windows opened from here (kept alive while shown)
        self.setWindowTitle(f"SAKIP Desktop — Data kabupaten ({shown_url(self.url)})")
        # The last quarter that has ended: TW III in October, TW IV of the year before in February.
        ended = (self.today.year * 4 + (self.today.month - 1) // 3) - 1
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ended // 4)
        self.quarter = QComboBox()
        self.quarter.addItems(QUARTERS)
        self.quarter.setCurrentIndex(ended % 4)
        show = QPushButton("Tampilkan")
        show.clicked.connect(self.refresh)
        self.import_button = QPushButton("Impor data kecamatan…")
        self.import_button.clicked.connect(self.open_import)
        self.drill_button = QPushButton("Buka kecamatan (hanya baca)")
        self.drill_button.setToolTip("Layar-layar kecamatan yang dipilih di tabel Perbandingan, seperti dilihat Camat")
        self.drill_button.clicked.connect(self.open_selected)
        self.xlsx_button = QPushButton("Ekspor .xlsx…")
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button = QPushButton("Cetak ringkasan (PDF)…")
        self.pdf_button.clicked.connect(self.export_pdf)
        top = QHBoxLayout()
        for widget in (QLabel("Tahun:"), self.year, self.quarter, show):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (self.import_button, self.drill_button, self.xlsx_button, self.pdf_button):
            top.addWidget(widget)
        self.summary = plain_label("")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self._build_tabs()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.resize(1280, 720)

    def _build_tabs(self) -> None:
        self.comparison_model: RecordTableModel[KecamatanFigures] = RecordTableModel([*COMPARISON, LKE], self)
        self.comparison_table = make_table(self.comparison_model, [*COMPARISON, LKE], stretch=None)
        self.ranking_model: RecordTableModel = RecordTableModel(RANKING, self)
        self.ranking_table = make_table(self.ranking_model, RANKING, stretch=1, sortable=False)
        self.measure = plain_label("")
        self.measure.setWordWrap(True)
        ranking = QWidget()
        ranking_layout = QVBoxLayout(ranking)
        ranking_layout.addWidget(self.measure)
        ranking_layout.addWidget(self.ranking_table, 1)
        self.objectives_model: RecordTableModel[SasaranLine] = RecordTableModel(OBJECTIVES, self)
        self.objectives_table = make_table(self.objectives_model, OBJECTIVES, stretch=2)
        self.log_model: RecordTableModel[LogLine] = RecordTableModel(LOG, self)
        self.log_table = make_table(self.log_model, LOG, stretch=5)
        self.tabs.addTab(self.comparison_table, "Perbandingan")
        self.tabs.addTab(ranking, "Peringkat")
        self.tabs.addTab(self.objectives_table, "Capaian per sasaran")
        self.tabs.addTab(self.log_table, "Riwayat impor")

    def refresh(self) -> bool:
        """Read every kecamatan for the chosen year and quarter (off the GUI thread); False when it failed."""
        url, year, quarter, today = self.url, self.year.value(), self.quarter.currentIndex() + 1, self.today

        def read() -> tuple[Comparison, list[LogLine]]:
            return compare(url, year, quarter, today), import_log(url)

        ok, found = attempt(self, lambda: run_busy(self, "Membaca data kecamatan…", read))
        if not ok or found is None:
            return False
        self.show_comparison(*found)
        return True

    def show_comparison(self, cmp: Comparison, log: list[LogLine]) -> None:
        """Fill the tables."""
        self.comparison = cmp
        self.comparison_model.set_rows(cmp.rows)
        self.comparison_table.setColumnHidden(len(COMPARISON), not cmp.has_lke)
        self.ranking_model.set_rows(cmp.ranking)
        self.measure.setText(cmp.measure)
        self.objectives_model.set_rows(
            [SasaranLine(r.kecamatan.office_name, o) for r in cmp.rows for o in r.objectives]
        )
        self.log_model.set_rows(log)
        if cmp.rows:
            late = sum(1 for r in cmp.rows if (r.e81 and r.e81.overdue) or (r.lkj and r.lkj.overdue))
            self.summary.setText(
                f"{len(cmp.rows)} kecamatan, {cmp.period}, keadaan {self.today:%d-%m-%Y}. {late} kecamatan terlambat "
                "mengirim Formulir E.81 atau LKj (baris merah). Hanya untuk dibaca: perubahan dilakukan di kecamatan."
            )
        else:
            self.summary.setText(
                "Belum ada data kecamatan. Pilih 'Impor data kecamatan…' untuk memuat cadangan kecamatan."
            )
        for button in (self.drill_button, self.xlsx_button, self.pdf_button):
            button.setEnabled(bool(cmp.rows))

    def open_import(self) -> None:
        """'Impor data kecamatan…'; the comparison is read again when something was loaded."""
        from ui.kabupaten.import_dialog import ImportDialog

        dialog = ImportDialog(self.url, self)
        dialog.exec()
        if dialog.changed:
            self.refresh()

    def open_selected(self) -> QWidget | None:
        """The selected kecamatan's own screens, read-only."""
        from ui.kabupaten.drill import open_kecamatan_window

        chosen = current_record(self.comparison_table)
        if chosen is None:
            self.summary.setText("Pilih dulu satu kecamatan di tabel Perbandingan, lalu 'Buka kecamatan'.")
            return None
        cmp = self.comparison  # the kecamatan opens on the quarter compared
        period = (cmp.year, cmp.quarter) if cmp is not None else None
        ok, window = attempt(self, lambda: open_kecamatan_window(self.url, chosen.kecamatan, self.today, None, period))
        if ok and window is not None:
            self.opened.append(window)
        return window

    def _file_name(self, suffix: str) -> str:
        assert self.comparison is not None
        return f"perbandingan-kecamatan-{self.comparison.year}-tw{self.comparison.quarter}{suffix}"

    def export_xlsx(self, path: Path | None = None) -> bool:
        """The comparison as a workbook."""
        from sakip_desktop.documents.kabupaten import write_xlsx

        if self.comparison is None:
            return False
        cmp = self.comparison
        path = path or ask_save_path(self, "Simpan perbandingan", self._file_name(".xlsx"), "Excel (*.xlsx)")
        if path is None:
            return False
        ok, _ = attempt(self, lambda: run_busy(self, "Menulis .xlsx…", lambda: write_xlsx(cmp, path)))
        if ok:
            offer_to_open(self, "Perbandingan tersimpan", f"Perbandingan disimpan ke {path}.", path)
        return ok

    def export_pdf(self, path: Path | None = None) -> bool:
        """The printed summary for the Bupati."""
        from sakip_desktop.documents.kabupaten import summary_setup, write_pdf

        if self.comparison is None:
            return False
        cmp, url = self.comparison, self.url
        path = path or ask_save_path(self, "Simpan ringkasan", self._file_name(".pdf"), "PDF (*.pdf)")
        if path is None:
            return False

        def build() -> int:
            logo = regency_logo(url, [r.kecamatan for r in cmp.rows])
            return write_pdf(cmp, summary_setup(cmp, logo), path)

        ok, _ = attempt(self, lambda: run_busy(self, "Menyusun ringkasan…", build))
        if ok:
            offer_to_open(self, "Ringkasan tersimpan", f"Ringkasan disimpan ke {path}.", path)
        return ok


def open_kabupaten(url: str, today: dt.date | None = None) -> KabupatenWindow:
    """The kabupaten window, shown and filled (the server is checked first: an unreachable one raises)."""
    checked = checked_url(url)
    listed = kecamatan_list(checked)  # says in Indonesian when the address is wrong or the server cannot be reached
    today = today or dt.date.today()
    window = KabupatenWindow(url, today)
    period = data_period(checked, listed, today)
    if period is not None:
        window.year.setValue(period[0])
        window.quarter.setCurrentIndex(period[1] - 1)
    window.show()
    window.refresh()
    return window


def run_kabupaten(app: QApplication, url: str, *, screenshot: Path | None = None) -> int:
    """The program on the kabupaten's data until its window closes; the exit status. With `screenshot` the window
    is drawn to that PNG and the program ends (a refusal then goes to stderr: nobody is there to read a box)."""
    import sys

    from sakip_desktop.errors import UserError

    end_startup()
    try:
        window = open_kabupaten(url)
    except UserError as exc:
        if screenshot is not None:
            print(exc.message, file=sys.stderr)
        else:
            show_error(None, exc, "Data kabupaten tidak dapat dibuka")
        return 1
    if screenshot is not None:
        window.resize(1366, 768)
        QTimer.singleShot(0, lambda: (window.grab().save(str(screenshot)), app.quit()))
    return app.exec()


def open_kabupaten_from_first_run(parent: QWidget | None = None) -> None:
    """'Buka data kabupaten…' on the first screen: ask the server's address, then run the kabupaten window until it
    closes (the program ends with it)."""
    from ui.kabupaten.address_dialog import AddressDialog

    dialog = AddressDialog(parent)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    url = dialog.url()
    dialog.deleteLater()
    if ok and url.strip():
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        run_kabupaten(app, url.strip())
