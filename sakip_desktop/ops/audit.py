"""Reading the audit trail: who changed what, when, from which value to which."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import AuditEntry

ENTITY_LABELS = {
    "office": "Profil kantor",
    "setting": "Pengaturan",
    "unit": "Unit kerja",
    "person": "Pegawai",
    "account": "Akun",
    "acting_assignment": "Plt./Plh.",
    "realisation": "Realisasi",
    "realisation_evidence": "Bukti dukung",
    "realisation_revision": "Revisi realisasi",
    "verification_check": "Daftar periksa verifikasi",
    "isian_import": "Impor Format Isian",
}


# Field names of the records as the office says them.
FIELD_LABELS = {
    "regency_kind": "jenis daerah",
    "regency_name": "kabupaten/kota",
    "name": "nama",
    "province": "provinsi",
    "address": "alamat",
    "village": "desa/kelurahan",
    "postal_code": "kode pos",
    "phone": "telepon",
    "fax": "faksimile",
    "email": "pos-el",
    "website": "laman",
    "signing_place": "tempat penandatanganan",
    "logo": "logo",
    "logo_filename": "berkas logo",
    "code": "kode",
    "kind": "jenis",
    "parent_id": "induk",
    "sort_order": "urutan",
    "front_title": "gelar depan",
    "back_title": "gelar belakang",
    "employment": "status kepegawaian",
    "nip": "NIP",
    "grade": "golongan",
    "position": "jabatan",
    "unit_id": "unit",
    "active_from": "aktif sejak",
    "active_to": "aktif sampai",
    "roles": "peran",
    "username": "nama pengguna",
    "is_admin": "administrator",
    "password": "kata sandi",
    "person_id": "pegawai",
    "role": "peran",
    "start": "mulai",
    "end": "selesai",
    "decree": "nomor surat",
    "paper_size": "ukuran kertas",
    "idle_lock_minutes": "kunci layar (menit)",
    "lockout_attempts": "batas salah kata sandi",
    "lockout_minutes": "lama penguncian (menit)",
    "nip_grouping": "pengelompokan NIP",
    "utc_offset_hours": "zona waktu (UTC+)",
    "document_font": "jenis huruf dokumen",
    "paraf_labels": "kotak paraf",
    "margin_top_cm": "margin atas (cm)",
    "margin_bottom_cm": "margin bawah (cm)",
    "margin_left_cm": "margin kiri (cm)",
    "margin_right_cm": "margin kanan (cm)",
    "demo": "kantor contoh",
    "indicator_id": "indikator",
    "year": "tahun",
    "quarter": "triwulan",
    "value": "nilai",
    "status": "status",
    "supporting_factors": "faktor pendukung",
    "inhibiting_factors": "faktor penghambat",
    "follow_up": "upaya/tindak lanjut",
    "manual_achievement": "capaian manual",
    "manual_justification": "justifikasi",
    "return_reason": "alasan dikembalikan",
    "realisation_id": "realisasi",
    "filename": "nama berkas",
    "size": "ukuran (bita)",
    "old_value": "nilai lama",
    "new_value": "nilai baru",
    "reason": "alasan",
    "evidence_ok": "bukti dukung sesuai",
    "plausible": "angka wajar",
    "narrative_ok": "narasi memadai",
    "note": "catatan",
    "berkas": "berkas",
    "baris": "baris",
}


@dataclass(frozen=True)
class AuditView:
    """One audit entry, ready to list."""

    at: dt.datetime  # UTC
    actor_name: str
    operation: str
    entity: str
    entity_id: int | None
    old: dict | None
    new: dict | None

    @property
    def entity_label(self) -> str:
        """What kind of record, in Indonesian."""
        return ENTITY_LABELS.get(self.entity, self.entity)

    @property
    def summary(self) -> str:
        """'nama: Lama → Baru; jabatan: … ' (created/removed records list their values)."""
        if self.old is None and self.new is None:
            return ""
        keys = list((self.new or self.old or {}).keys())
        parts = []
        for key in keys:
            label = FIELD_LABELS.get(key, key)
            before = None if self.old is None else self.old.get(key)
            after = None if self.new is None else self.new.get(key)
            if self.old is None:
                parts.append(f"{label}: {_shown(after)}")
            elif self.new is None:
                parts.append(f"{label}: {_shown(before)} (dihapus)")
            else:
                parts.append(f"{label}: {_shown(before)} → {_shown(after)}")
        return "; ".join(parts)


def _shown(value) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(kosong)"
    return str(value)


def list_audit(db: Database, limit: int = 500) -> list[AuditView]:
    """The newest entries first."""
    with db.reading() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).all()
        return [
            AuditView(
                at=r.at,
                actor_name=r.actor_name,
                operation=r.operation,
                entity=r.entity,
                entity_id=r.entity_id,
                old=json.loads(r.old) if r.old else None,
                new=json.loads(r.new) if r.new else None,
            )
            for r in rows
        ]
