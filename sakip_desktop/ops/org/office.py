"""The office profile (everything the kop surat needs) and office settings."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Tx, snapshot, write
from sakip_desktop.ops.home import first_reads
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

MAX_LOGO_BYTES = 2 * 1024 * 1024
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class OfficeProfile:
    """The office as printed on the kop surat."""

    regency_kind: str
    regency_name: str
    name: str
    province: str = ""
    address: str = ""
    village: str = ""
    postal_code: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    website: str = ""
    signing_place: str = ""
    region_code: str = ""  # kode wilayah of the kecamatan (Kemendagri), "35.07.19"
    is_demo: bool = False
    has_logo: bool = False
    logo_filename: str = ""

    @property
    def regency_title(self) -> str:
        """'Kabupaten Contoh'."""
        return f"{self.regency_kind} {self.regency_name}"

    @property
    def office_title(self) -> str:
        """'Kecamatan Contoh'."""
        return f"Kecamatan {self.name}"


EDITABLE_FIELDS = (
    "regency_kind",
    "regency_name",
    "name",
    "province",
    "address",
    "village",
    "postal_code",
    "phone",
    "fax",
    "email",
    "website",
    "signing_place",
    "region_code",
)

# Kode wilayah of a kecamatan (Kepmendagri on kode dan data wilayah administrasi pemerintahan): two digits each for
# the provinsi, the kabupaten/kota and the kecamatan, separated by dots.
_REGION_CODE = re.compile(r"(\d{2})\.(\d{2})\.(\d{2})")


def check_region_code(value: str, *, required: bool = False) -> str:
    """The kode wilayah trimmed, or `ValidationError` saying the shape; empty is allowed unless `required`."""
    value = value.strip()
    if not value:
        if required:
            raise ValidationError(
                "Kode wilayah kecamatan wajib diisi (kode Kemendagri, mis. 35.07.19).", field="region_code"
            )
        return value
    found = _REGION_CODE.fullmatch(value)
    if found is None or "00" in found.groups():
        raise ValidationError(
            f"Kode wilayah '{value}' tidak sah: tulis kode Kemendagri kecamatan sebagai tiga pasang angka "
            "dipisah titik — provinsi, kabupaten/kota, kecamatan (mis. 35.07.19).",
            field="region_code",
        )
    return value


def validate_profile(profile: OfficeProfile) -> OfficeProfile:
    """Trim the fields and check them; raise `ValidationError` naming the field."""
    values = {f: getattr(profile, f).strip() for f in EDITABLE_FIELDS}
    if values["regency_kind"] not in ("Kabupaten", "Kota"):
        raise ValidationError("Jenis daerah harus 'Kabupaten' atau 'Kota'.", field="regency_kind")
    if not values["regency_name"]:
        raise ValidationError("Nama kabupaten/kota wajib diisi.", field="regency_name")
    if not values["name"]:
        raise ValidationError("Nama kecamatan wajib diisi.", field="name")
    if values["name"].lower().startswith("kecamatan "):
        raise ValidationError("Tulis nama kecamatan tanpa kata 'Kecamatan' (mis. 'Karangploso').", field="name")
    if values["postal_code"] and not re.fullmatch(r"\d{5}", values["postal_code"]):
        raise ValidationError("Kode pos harus 5 angka.", field="postal_code")
    if values["email"] and not _EMAIL.match(values["email"]):
        raise ValidationError(f"Alamat pos-el '{values['email']}' tidak sah.", field="email")
    if not values["signing_place"]:
        values["signing_place"] = values["name"]
    values["region_code"] = check_region_code(values["region_code"])
    return replace(profile, **values)


def _view(office: m.Office) -> OfficeProfile:
    return OfficeProfile(
        **{f: getattr(office, f) for f in EDITABLE_FIELDS},
        is_demo=office.is_demo,
        has_logo=office.logo is not None,
        logo_filename=office.logo_filename,
    )


def _office(session: Session) -> m.Office:
    office: m.Office | None = session.scalars(select(m.Office)).first()
    if office is None:
        raise NotFound("Data kantor belum dibuat.")
    return office


def has_office(db: Database) -> bool:
    """True once the office has been created (first-run done)."""
    return first_reads.has_office(db)


def get_profile(db: Database) -> OfficeProfile:
    """The office profile (a first-screen read: the title bar and the login need it at start-up)."""
    found = first_reads.office_row(db, EDITABLE_FIELDS)
    if found is None:
        raise NotFound("Data kantor belum dibuat.")
    *values, is_demo, has_logo, logo_filename = found
    return OfficeProfile(
        **dict(zip(EDITABLE_FIELDS, values, strict=True)),
        is_demo=is_demo,
        has_logo=has_logo,
        logo_filename=logo_filename,
    )


def profile_in(session: Session) -> OfficeProfile:
    """The office profile, read in an open session (for a view that reads everything in one)."""
    return _view(_office(session))


@dataclass(frozen=True)
class OfficeIdentity:
    """What tells this office's file apart from every other: its kode wilayah and its random UUID."""

    region_code: str
    uuid: str


def get_identity(db: Database) -> OfficeIdentity:
    """The office's identity (Profil kantor shows it; the kabupaten import checks it)."""
    with db.reading() as s:
        office = _office(s)
        return OfficeIdentity(region_code=office.region_code, uuid=office.uuid)


def get_logo(db: Database) -> bytes | None:
    """The logo image bytes (PNG/JPEG), or None."""
    with db.reading() as s:
        return _office(s).logo


def update_profile(db: Database, actor: Actor, profile: OfficeProfile) -> OfficeProfile:
    """Operation 'Ubah profil kantor' (administrator)."""
    profile = validate_profile(profile)
    with write(db, actor, Op.OFFICE_PROFILE_UPDATE) as tx:
        office = _office(tx.session)
        old = snapshot(office, EDITABLE_FIELDS)
        for f in EDITABLE_FIELDS:
            setattr(office, f, getattr(profile, f))
        tx.audit("office", office.id, old, snapshot(office, EDITABLE_FIELDS))
        return _view(office)


def check_logo(data: bytes, filename: str) -> None:
    """Accept PNG or JPEG images up to 2 MB."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            f"Berkas logo {filename} terlalu besar ({len(data) // 1024} KB); batasnya 2.048 KB.", field="logo"
        )
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise ValidationError(f"Berkas logo {filename} harus gambar PNG atau JPEG.", field="logo")


def set_logo(db: Database, actor: Actor, data: bytes | None, filename: str = "") -> None:
    """Operation 'Ganti logo kantor' (administrator); None removes the logo."""
    if data is not None:
        check_logo(data, filename)
    with write(db, actor, Op.OFFICE_LOGO_SET) as tx:
        office = _office(tx.session)
        old = snapshot(office, ("logo", "logo_filename"))
        office.logo = data
        office.logo_filename = filename if data is not None else ""
        tx.audit("office", office.id, old, snapshot(office, ("logo", "logo_filename")))


# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeSettings:
    """Settings an office adjusts (defaults from regulations.md where it leaves them open)."""

    paper_size: str = "A4"  # A4 or F4
    idle_lock_minutes: int = 10  # 0 turns the idle lock off
    lockout_attempts: int = 5
    lockout_minutes: int = 5
    nip_grouping: str = "8-6-1-3"  # "" prints the NIP unspaced
    utc_offset_hours: int = 7  # the office's time zone: 7 WIB, 8 WITA, 9 WIT
    # Page margins of printed documents in cm (local Perbup rules differ, regulations.md §6.5).
    margin_top_cm: float = 2.5
    margin_bottom_cm: float = 2.5
    margin_left_cm: float = 3.0
    margin_right_cm: float = 2.0
    # Typeface of printed documents (regulations.md §6.5: Arial; some Perbup use a serif face).
    document_font: str = "sans"
    # Who initials (paraf koordinasi) beside the Camat's signature, separated by ';' ("" for nobody).
    paraf_labels: str = "Sekretaris; Kasubag Perencanaan"
    # Print the register's code (version and data fingerprint) small in the footer of documents; off by default.
    print_document_code: bool = False
    # How "Rata-rata capaian kinerja" is taken: "objectives" (mean of the sasaran means) or "indicators"
    # (ops.measurement.summary.AVERAGES; regulations.md names the row without defining it: the old rule stays default).
    achievement_average: str = "objectives"
    # Automatic backups in the data folder's cadangan/: the newest kept (plus the first of each month for a year).
    backup_keep_daily: int = 14
    # "Menunggu Anda" of the Camat and the administrator reminds when no flash-drive backup is this many days old.
    backup_reminder_days: int = 7
    # "Bukti dukung wajib": a realisasi is submitted only with a bukti dukung file
    # (domain.realisation.evidence_problem).
    evidence_required: bool = True
    # Formulir E.81: the Bappeda official who signs "Dievaluasi" (regulations.md §3.3); empty leaves the block blank.
    e81_evaluator_position: str = ""  # e.g. "Kepala Bidang Perencanaan, Pengendalian dan Evaluasi Bappeda"
    e81_evaluator_name: str = ""
    e81_evaluator_rank: str = ""  # pangkat (golongan)
    e81_evaluator_nip: str = ""


TIME_ZONES = {7: "WIB (UTC+7)", 8: "WITA (UTC+8)", 9: "WIT (UTC+9)"}
# The typefaces documents can be set in (files in resources/fonts), as the settings screen names them.
DOCUMENT_FONTS = {
    "sans": "Liberation Sans (setara Arial)",
    "serif": "Liberation Serif (setara Times New Roman)",
}


def _parse_setting(name: str, raw: Any) -> Any:
    default = getattr(OfficeSettings(), name)
    return type(default)(raw)


def validate_settings(values: OfficeSettings) -> OfficeSettings:
    """Check each setting's range; raise `ValidationError` naming it."""
    if values.paper_size not in ("A4", "F4"):
        raise ValidationError("Ukuran kertas harus A4 atau F4.", field="paper_size")
    if not 0 <= values.idle_lock_minutes <= 480:
        raise ValidationError("Kunci otomatis: 0 (mati) sampai 480 menit.", field="idle_lock_minutes")
    if not 3 <= values.lockout_attempts <= 20:
        raise ValidationError("Batas salah kata sandi: 3 sampai 20 kali.", field="lockout_attempts")
    if not 1 <= values.lockout_minutes <= 1440:
        raise ValidationError("Lama penguncian akun: 1 sampai 1.440 menit.", field="lockout_minutes")
    if values.utc_offset_hours not in TIME_ZONES:
        raise ValidationError("Zona waktu harus WIB, WITA atau WIT.", field="utc_offset_hours")
    if values.document_font not in DOCUMENT_FONTS:
        raise ValidationError(
            "Jenis huruf dokumen harus setara Arial atau setara Times New Roman.", field="document_font"
        )
    labels = [x.strip() for x in values.paraf_labels.split(";") if x.strip()]
    if len(labels) > 4 or any(len(x) > 40 for x in labels):
        raise ValidationError(
            "Kotak paraf: paling banyak 4 jabatan, masing-masing paling panjang 40 huruf, dipisah ';'.",
            field="paraf_labels",
        )
    if values.achievement_average not in ("objectives", "indicators"):
        raise ValidationError(
            "Rata-rata capaian harus dari rata-rata sasaran atau dari seluruh indikator.", field="achievement_average"
        )
    if not 3 <= values.backup_keep_daily <= 90:
        raise ValidationError("Cadangan otomatis yang disimpan: 3 sampai 90.", field="backup_keep_daily")
    if not 1 <= values.backup_reminder_days <= 60:
        raise ValidationError("Pengingat cadangan ke flash disk: 1 sampai 60 hari.", field="backup_reminder_days")
    _check_e81_evaluator(values)
    values = replace(values, paraf_labels="; ".join(labels))
    for name in ("margin_top_cm", "margin_bottom_cm", "margin_left_cm", "margin_right_cm"):
        if not 1.0 <= getattr(values, name) <= 6.0:
            raise ValidationError("Margin halaman: 1 sampai 6 cm.", field=name)
    grouping = values.nip_grouping.strip()
    if grouping and (not re.fullmatch(r"\d+(-\d+)*", grouping) or sum(int(x) for x in grouping.split("-")) != 18):
        raise ValidationError(
            "Pengelompokan NIP harus angka dipisah '-' yang berjumlah 18 (mis. 8-6-1-3), atau kosong.",
            field="nip_grouping",
        )
    return replace(values, nip_grouping=grouping)


def _check_e81_evaluator(values: OfficeSettings) -> None:
    """The Bappeda official of Formulir E.81: short texts, and a NIP of 18 digits when given."""
    for name, limit in (("e81_evaluator_position", 160), ("e81_evaluator_name", 120), ("e81_evaluator_rank", 80)):
        if len(getattr(values, name).strip()) > limit:
            raise ValidationError(f"Pengevaluasi E.81: paling panjang {limit} huruf.", field=name)
    nip = values.e81_evaluator_nip.replace(" ", "")
    if nip and not re.fullmatch(r"\d{18}", nip):
        raise ValidationError("NIP pengevaluasi E.81 harus 18 angka (atau kosong).", field="e81_evaluator_nip")


def get_settings(db: Database) -> OfficeSettings:
    """The office settings, defaults filled in."""
    stored = {key: json.loads(value) for key, value in first_reads.settings(db).items()}
    known = {f.name for f in fields(OfficeSettings)}
    return OfficeSettings(**{k: _parse_setting(k, v) for k, v in stored.items() if k in known})


def store_settings(tx: Tx, values: OfficeSettings) -> None:
    current = {row.key: row for row in tx.session.scalars(select(m.Setting))}
    for f in fields(OfficeSettings):
        new_value = getattr(values, f.name)
        row = current.get(f.name)
        old_value = json.loads(row.value) if row else getattr(OfficeSettings(), f.name)
        if row is None:
            tx.session.add(m.Setting(key=f.name, value=json.dumps(new_value)))
        else:
            row.value = json.dumps(new_value)
        if old_value != new_value:
            tx.audit("setting", None, {f.name: old_value}, {f.name: new_value})


def update_settings(db: Database, actor: Actor, values: OfficeSettings) -> OfficeSettings:
    """Operation 'Ubah pengaturan' (administrator)."""
    values = validate_settings(values)
    with write(db, actor, Op.SETTINGS_UPDATE) as tx:
        store_settings(tx, values)
    return values
