"""First start: open the demo office, or create a new office with a short wizard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from sakip_desktop.domain.ranks import GRADES, rank_label
from sakip_desktop.domain.roles import Employment
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.org.office import OfficeProfile, check_logo, check_region_code, validate_profile
from sakip_desktop.ops.org.people import PersonInput, suggest_username
from sakip_desktop.ops.org.setup import NewOffice, check_new_office
from ui.plain_text import esc, plain_label


class FirstRunDialog(QDialog):
    """Asks what to open when there is no office database yet. `choice` is 'demo', 'new', 'restore' or
    'kabupaten'."""

    def __init__(self, db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.setWindowTitle("Selamat datang di SAKIP Desktop")
        intro = QLabel(
            "<h2>Selamat datang di SAKIP Desktop</h2>"
            "<p>Belum ada data kantor di komputer ini. Anda dapat mencoba program dengan kantor contoh, "
            "atau langsung membuat data kantor kecamatan Anda.</p>"
            f"<p style='color:#555'>Basis data kantor akan disimpan di:<br>{esc(db_path)}</p>"
        )
        intro.setWordWrap(True)
        demo = QCommandLinkButton(
            "Buka kantor contoh",
            "Kecamatan Contoh, Kabupaten Contoh: 15 pegawai, Renstra, indikator, target dan realisasi "
            "untuk dicoba. Disimpan terpisah dari data kantor Anda.",
        )
        new = QCommandLinkButton(
            "Buat kantor baru",
            "Isi nama kabupaten dan kecamatan, alamat, logo, ukuran kertas dan akun administrator pertama.",
        )
        existing = QCommandLinkButton(
            "Buka basis data yang ada…",
            "Pindah komputer atau memulihkan: pilih berkas cadangan (mis. di flash disk). Isinya diperiksa "
            "lebih dulu, lalu dipakai sebagai data kantor di komputer ini.",
        )
        kabupaten = QCommandLinkButton(  # issue 17: the kabupaten's comparison of its kecamatan
            "Buka data kabupaten…",
            "Untuk kabupaten (Bagian Organisasi, Bappeda, Inspektorat): data semua kecamatan di server PostgreSQL "
            "kabupaten, dibandingkan berdampingan. Hanya untuk dibaca.",
        )
        kabupaten.clicked.connect(lambda: self._choose("kabupaten"))
        self.kabupaten_button = kabupaten
        demo.clicked.connect(lambda: self._choose("demo"))
        new.clicked.connect(lambda: self._choose("new"))
        existing.clicked.connect(lambda: self._choose("restore"))
        demo.setDefault(True)
        self.demo_button, self.new_button, self.existing_button = demo, new, existing
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(demo)
        layout.addWidget(new)
        layout.addWidget(existing)
        layout.addWidget(kabupaten)
        cancel = QPushButton("Keluar")
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        layout.addLayout(row)
        self.setMinimumWidth(520)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def _error_label() -> QLabel:
    label = plain_label()  # messages may quote what was typed
    label.setWordWrap(True)
    label.setStyleSheet("color:#b00020; font-weight:bold;")
    label.hide()
    return label


class _CheckedPage(QWizardPage):
    """A page of the wizard whose input is checked when leaving it; `error` says what is wrong."""

    error: QLabel


class _OfficePage(_CheckedPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Kantor")
        self.setSubTitle("Nama daerah dan kecamatan seperti tertulis pada kop surat.")
        self.regency_kind = QComboBox()
        self.regency_kind.addItems(["Kabupaten", "Kota"])
        self.regency_name = QLineEdit()
        self.regency_name.setPlaceholderText("mis. Malang")
        self.name = QLineEdit()
        self.name.setPlaceholderText("mis. Karangploso (tanpa kata 'Kecamatan')")
        self.province = QLineEdit()
        self.region_code = QLineEdit()  # the office's identity for the kabupaten (issue 17)
        self.region_code.setPlaceholderText("kode Kemendagri kecamatan, mis. 35.07.19")
        self.region_code.setMaxLength(8)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow("Jenis daerah:", self.regency_kind)
        form.addRow("Nama kabupaten/kota:", self.regency_name)
        form.addRow("Nama kecamatan:", self.name)
        form.addRow("Provinsi:", self.province)
        form.addRow("Kode wilayah kecamatan:", self.region_code)
        form.addRow(self.error)


class _AddressPage(_CheckedPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Alamat kantor")
        self.setSubTitle("Tulis lengkap tanpa singkatan; baris ini tercetak di bawah kop surat.")
        self.address = QLineEdit()
        self.address.setPlaceholderText("mis. Jalan Raya Karangploso Nomor 1")
        self.village = QLineEdit()
        self.postal_code = QLineEdit()
        self.postal_code.setMaxLength(5)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.website = QLineEdit()
        self.signing_place = QLineEdit()
        self.signing_place.setPlaceholderText("kosongkan untuk memakai nama kecamatan")
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow("Alamat:", self.address)
        form.addRow("Desa/kelurahan:", self.village)
        form.addRow("Kode pos:", self.postal_code)
        form.addRow("Telepon:", self.phone)
        form.addRow("Pos-el (e-mail):", self.email)
        form.addRow("Laman (website):", self.website)
        form.addRow("Tempat penandatanganan:", self.signing_place)
        form.addRow(self.error)


class _LogoPage(_CheckedPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Logo dan kertas")
        self.setSubTitle("Lambang daerah untuk kop surat (PNG atau JPEG), dan ukuran kertas dokumen resmi.")
        self.logo: bytes | None = None
        self.logo_filename = ""
        self.preview = QLabel("(belum ada logo)")
        self.preview.setFixedSize(120, 120)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border:1px solid #bbb;")
        choose = QPushButton("Pilih logo…")
        choose.clicked.connect(self._choose)
        self.paper = QComboBox()
        self.paper.addItem("A4 (210 × 297 mm)", "A4")
        self.paper.addItem("F4 / Folio (215 × 330 mm)", "F4")
        self.error = _error_label()
        form = QFormLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.preview)
        row.addWidget(choose)
        row.addStretch(1)
        form.addRow("Logo:", row)
        form.addRow("Ukuran kertas:", self.paper)
        form.addRow(self.error)

    def _choose(self) -> None:
        from ui.widgets.files import ask_open_path

        path = ask_open_path(self, "Pilih logo", "Gambar (*.png *.jpg *.jpeg)")
        if path is not None:
            self.load_logo(path)

    def load_logo(self, path: Path) -> bool:
        """Read and check a logo file; show it or say what is wrong."""
        data = path.read_bytes()
        try:
            check_logo(data, path.name)
        except ValidationError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return False
        self.error.hide()
        self.logo, self.logo_filename = data, path.name
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.preview.setPixmap(
            pixmap.scaled(110, 110, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        )
        return True


class _AdminPage(_CheckedPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Administrator pertama")
        self.setSubTitle("Orang yang mengelola data pegawai dan pengaturan. Pegawai lain ditambahkan kemudian.")
        self.name = QLineEdit()
        self.position = QLineEdit()
        self.position.setPlaceholderText("mis. Kepala Sub Bagian Perencanaan dan Keuangan")
        self.employment = QComboBox()
        for e in Employment:
            self.employment.addItem(e.label, e.value)
        self.nip = QLineEdit()
        self.nip.setPlaceholderText("18 angka")
        self.grade = QComboBox()
        self.grade.addItem("", "")
        for g in GRADES:
            self.grade.addItem(rank_label(g), g)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _error_label()
        # The username follows the name until the person writes his own (emptied, it follows again).
        self.username_typed = False
        self.username.textEdited.connect(lambda t: setattr(self, "username_typed", bool(t.strip())))
        self.name.textEdited.connect(
            lambda t: None if self.username_typed else self.username.setText(suggest_username(t))
        )
        self.employment.currentIndexChanged.connect(self._on_employment)
        form = QFormLayout(self)
        form.addRow("Nama (tanpa gelar):", self.name)
        form.addRow("Jabatan:", self.position)
        form.addRow("Status kepegawaian:", self.employment)
        form.addRow("NIP:", self.nip)
        form.addRow("Pangkat/golongan:", self.grade)
        form.addRow("Nama pengguna:", self.username)
        form.addRow("Kata sandi:", self.password)
        form.addRow("Ulangi kata sandi:", self.password2)
        form.addRow(self.error)

    def _on_employment(self) -> None:
        is_pns = self.employment.currentData() == Employment.PNS.value
        if not is_pns:
            self.grade.setCurrentIndex(0)
        self.grade.setEnabled(is_pns)


class NewOfficeWizard(QWizard):
    """Collects a `NewOffice`; each page is checked before going on. `result_office` on accept."""

    def __init__(self, today: dt.date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Buat kantor baru")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.today = today or dt.date.today()
        self.result_office: NewOffice | None = None
        self.office_page, self.address_page = _OfficePage(), _AddressPage()
        self.logo_page, self.admin_page = _LogoPage(), _AdminPage()
        for page in (self.office_page, self.address_page, self.logo_page, self.admin_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, "Lanjut >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Kembali")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Selesai")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Batal")
        self.resize(620, 480)

    def profile(self) -> OfficeProfile:
        """The office profile as typed so far."""
        o, a = self.office_page, self.address_page
        return OfficeProfile(
            regency_kind=o.regency_kind.currentText(),
            regency_name=o.regency_name.text(),
            name=o.name.text(),
            province=o.province.text(),
            address=a.address.text(),
            village=a.village.text(),
            postal_code=a.postal_code.text(),
            phone=a.phone.text(),
            email=a.email.text(),
            website=a.website.text(),
            signing_place=a.signing_place.text(),
            region_code=o.region_code.text(),
        )

    def validateCurrentPage(self) -> bool:
        page = self.currentPage()
        assert isinstance(page, _CheckedPage)
        try:
            if page in (self.office_page, self.address_page):
                validate_profile(self.profile())
                if page is self.office_page:
                    check_region_code(self.office_page.region_code.text(), required=True)
            elif page is self.admin_page:
                self.result_office = self._new_office()
        except ValidationError as exc:
            on_office_page = exc.field in {"regency_kind", "regency_name", "name", "region_code"}
            if page is self.address_page and on_office_page:
                return True  # that field belongs to the first page, already checked
            if page is self.office_page and not on_office_page and exc.field is not None:
                return True  # address fields are checked on the next page
            page.error.setText(exc.message)
            page.error.show()
            return False
        page.error.hide()
        return True

    def _new_office(self) -> NewOffice:
        p = self.admin_page
        if p.password.text() != p.password2.text():
            raise ValidationError("Kedua kata sandi tidak sama.", field="password")
        admin = PersonInput(
            name=p.name.text(),
            employment=Employment(p.employment.currentData()),
            active_from=self.today.replace(month=1, day=1),  # in service before today (his roles: person_dialog)
            nip=p.nip.text(),
            grade=p.grade.currentData(),
            position=p.position.text(),
            username=p.username.text(),
            is_admin=True,
            password=p.password.text(),
        )
        return check_new_office(
            NewOffice(
                profile=self.profile(),
                admin=admin,
                paper_size=self.logo_page.paper.currentData(),
                logo=self.logo_page.logo,
                logo_filename=self.logo_page.logo_filename,
            )
        )
