"""Umum: paper size, idle lock, lockout rule, NIP printing, how long backups are kept and reminded."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sakip_desktop.domain.nip import format_nip
from sakip_desktop.ops.measurement.summary import AVERAGES
from sakip_desktop.ops.org.office import DOCUMENT_FONTS, TIME_ZONES, OfficeSettings, get_settings, update_settings
from ui.context import AppContext
from ui.widgets.forms import error_label, save_inline, save_row, saved_label

SAMPLE_NIP = "196504301985022003"
MARGINS = (
    ("margin_top_cm", "atas"),
    ("margin_bottom_cm", "bawah"),
    ("margin_left_cm", "kiri"),
    ("margin_right_cm", "kanan"),
)


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


class GeneralPage(QWidget):
    """Office-wide settings with their defaults."""

    # The document font chooser; the name (used by tests) hides QWidget.font() on this page.
    font: QComboBox  # type: ignore[assignment]

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        form = QFormLayout()
        self._add_office_rows(form)
        self._add_document_rows(form)
        self._add_backup_rows(form)
        self.error, self.saved = error_label(), saved_label()
        actions = save_row(self.saved, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Pengaturan umum</h3>"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addStretch(1)
        self.refresh()

    def _add_office_rows(self, form: QFormLayout) -> None:
        """Paper size, screen and account locks, time zone and NIP printing."""
        self.paper = QComboBox()
        self.paper.addItem("A4 (210 × 297 mm)", "A4")
        self.paper.addItem("F4 / Folio (215 × 330 mm)", "F4")
        self.idle = _spin(0, 480, " menit")
        self.idle.setSpecialValueText("tidak pernah")
        self.attempts = _spin(3, 20, " kali")
        self.lock_minutes = _spin(1, 1440, " menit")
        self.time_zone = QComboBox()
        for hours, label in TIME_ZONES.items():
            self.time_zone.addItem(label, hours)
        self.nip_grouping = QLineEdit()
        self.nip_preview = QLabel()
        self.nip_grouping.textChanged.connect(self._preview_nip)
        form.addRow("Ukuran kertas dokumen resmi:", self.paper)
        form.addRow("Kunci layar bila tidak dipakai selama:", self.idle)
        form.addRow("Kunci akun setelah kata sandi salah:", self.attempts)
        form.addRow("Lama penguncian akun:", self.lock_minutes)
        form.addRow("Zona waktu kantor:", self.time_zone)
        form.addRow("Pengelompokan angka NIP:", self.nip_grouping)
        form.addRow("Contoh cetak NIP:", self.nip_preview)

    def _add_document_rows(self, form: QFormLayout) -> None:
        """Page margins, font and the paraf boxes of the official documents."""
        self.margins: dict[str, QDoubleSpinBox] = {}
        margin_row = QHBoxLayout()
        for name, label in MARGINS:
            box = QDoubleSpinBox()
            box.setRange(1.0, 6.0)
            box.setSingleStep(0.5)
            box.setDecimals(1)
            box.setSuffix(" cm")
            self.margins[name] = box
            margin_row.addWidget(QLabel(label))
            margin_row.addWidget(box)
        margin_row.addStretch(1)
        form.addRow("Margin halaman dokumen:", margin_row)
        self.font = QComboBox()
        for key, label in DOCUMENT_FONTS.items():
            self.font.addItem(label, key)
        form.addRow("Jenis huruf dokumen resmi:", self.font)
        self.paraf = QLineEdit()
        self.paraf.setPlaceholderText("kosongkan bila tidak ada paraf")
        self.paraf.setToolTip("Jabatan yang memaraf di samping tanda tangan Camat, dipisah titik koma (;)")
        form.addRow("Kotak paraf (jabatan, dipisah ;):", self.paraf)
        self.document_code = QCheckBox("Cetak kode dokumen (kode register) kecil di kaki halaman")
        self.document_code.setToolTip(
            "Kode register (sidik data dan nomor cetakan) selalu tercatat di Register Dokumen; "
            "centang bila kantor ingin kode itu juga tercetak di kertas."
        )
        form.addRow("Kode dokumen:", self.document_code)
        self.average = QComboBox()
        for key, label in AVERAGES.items():
            self.average.addItem(label[0].upper() + label[1:], key)
        self.average.setToolTip(
            "Cara menghitung baris 'Rata-rata capaian kinerja' di pengukuran, laporan dan dasbor; "
            "indikator yang belum ada data tidak dihitung. Dokumen menyebutkan cara ini di bawah tabelnya."
        )
        form.addRow("Rata-rata capaian kinerja:", self.average)
        self.evidence_required = QCheckBox("Realisasi hanya dapat diajukan bila ada berkas bukti dukungnya")
        self.evidence_required.setToolTip(
            "Bila dicentang, realisasi tanpa bukti dukung ditolak saat diajukan, dan Sekretaris mengembalikannya; "
            "bila tidak, Sekretaris tetap tidak dapat mencentang 'Bukti dukung ada' untuk realisasi tanpa berkas."
        )
        form.addRow("Bukti dukung wajib:", self.evidence_required)
        # Formulir E.81: the Bappeda official who signs "Dievaluasi".
        self.e81 = {name: QLineEdit() for name in ("e81_evaluator_position", "e81_evaluator_name",
                                                   "e81_evaluator_rank", "e81_evaluator_nip")}  # fmt: skip
        self.e81["e81_evaluator_position"].setPlaceholderText("mis. Kepala Bidang Litbang Bappeda Kabupaten ...")
        for label, name in (("Pengevaluasi E.81 (Bappeda), jabatan:", "e81_evaluator_position"),
                            ("Pengevaluasi E.81, nama dan gelar:", "e81_evaluator_name"),
                            ("Pengevaluasi E.81, pangkat (golongan):", "e81_evaluator_rank"),
                            ("Pengevaluasi E.81, NIP:", "e81_evaluator_nip")):  # fmt: skip
            form.addRow(label, self.e81[name])

    def _add_backup_rows(self, form: QFormLayout) -> None:
        """How many automatic backups are kept and when to remind of a flash-disk copy."""
        self.keep_backups = _spin(3, 90, " cadangan terbaru")
        self.keep_backups.setToolTip(
            "Program mencadangkan sendiri sekali sehari dan saat ditutup ke folder 'cadangan' di komputer ini; "
            "selain yang terbaru, cadangan pertama tiap bulan disimpan selama setahun."
        )
        form.addRow("Cadangan otomatis yang disimpan:", self.keep_backups)
        self.backup_reminder = _spin(1, 60, " hari")
        self.backup_reminder.setToolTip("Camat dan administrator diingatkan di 'Menunggu Anda'.")
        form.addRow("Ingatkan cadangan ke flash disk setelah:", self.backup_reminder)

    def refresh(self) -> None:
        """Show the stored settings."""
        s = get_settings(self.ctx.db)
        self.paper.setCurrentIndex(self.paper.findData(s.paper_size))
        self.idle.setValue(s.idle_lock_minutes)
        self.attempts.setValue(s.lockout_attempts)
        self.lock_minutes.setValue(s.lockout_minutes)
        self.time_zone.setCurrentIndex(self.time_zone.findData(s.utc_offset_hours))
        self.nip_grouping.setText(s.nip_grouping)
        for name, box in self.margins.items():
            box.setValue(getattr(s, name))
        self.font.setCurrentIndex(self.font.findData(s.document_font))
        self.paraf.setText(s.paraf_labels)
        self.document_code.setChecked(s.print_document_code)
        self.average.setCurrentIndex(self.average.findData(s.achievement_average))
        self.evidence_required.setChecked(s.evidence_required)
        for name, edit in self.e81.items():
            edit.setText(getattr(s, name))
        self.keep_backups.setValue(s.backup_keep_daily)
        self.backup_reminder.setValue(s.backup_reminder_days)

    def _preview_nip(self, text: str) -> None:
        try:
            grouping = tuple(int(x) for x in text.split("-")) if text.strip() else None
        except ValueError:
            grouping = None
        self.nip_preview.setText("NIP. " + format_nip(SAMPLE_NIP, grouping))

    def values(self) -> OfficeSettings:
        """The settings as set on screen."""
        return OfficeSettings(
            paper_size=self.paper.currentData(),
            idle_lock_minutes=self.idle.value(),
            lockout_attempts=self.attempts.value(),
            lockout_minutes=self.lock_minutes.value(),
            nip_grouping=self.nip_grouping.text(),
            utc_offset_hours=self.time_zone.currentData(),
            document_font=self.font.currentData(),
            paraf_labels=self.paraf.text(),
            print_document_code=self.document_code.isChecked(),
            achievement_average=self.average.currentData(),
            evidence_required=self.evidence_required.isChecked(),
            e81_evaluator_position=self.e81["e81_evaluator_position"].text().strip(),
            e81_evaluator_name=self.e81["e81_evaluator_name"].text().strip(),
            e81_evaluator_rank=self.e81["e81_evaluator_rank"].text().strip(),
            e81_evaluator_nip=self.e81["e81_evaluator_nip"].text().strip(),
            backup_keep_daily=self.keep_backups.value(),
            backup_reminder_days=self.backup_reminder.value(),
            **{name: box.value() for name, box in self.margins.items()},
        )

    def save(self) -> bool:
        """Validate and store."""

        def update() -> None:
            update_settings(self.ctx.db, self.ctx.actor, self.values())

        if not save_inline(self, update, self.error, self.saved, "Pengaturan tersimpan."):
            return False
        self.ctx.signals.master_data_changed.emit("settings")
        return True
