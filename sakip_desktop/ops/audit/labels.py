"""How the audit trail reads to the office: Indonesian names for the kinds of records, their fields and the codes
kept in them. Every table of the database has a record label and every column a field label (a test checks both),
so no table name, column name or stored code reaches the screen or the exported workbook.
"""

from __future__ import annotations

from sakip_desktop.domain.follow_up import STATUS_LABELS as FOLLOW_UP_STATUS
from sakip_desktop.domain.realisation import STATUS_LABELS as REALISATION_STATUS
from sakip_desktop.domain.roles import ADMIN, ROLE_LABELS, ActingKind, Employment, UnitKind

ENTITY_LABELS = {
    "account": "Akun",
    "acting_assignment": "Plt./Plh.",
    "activity": "Kegiatan anggaran",
    "agreement_budget": "Anggaran dalam PK",
    "agreement_target": "Target dalam PK",
    "audit_entry": "Riwayat perubahan",
    "backup": "Cadangan",
    "budget": "Anggaran sub kegiatan",
    "budget_spending": "Realisasi anggaran",
    "desa": "Desa/kelurahan",  # desa helper (issue 15 §3)
    "desa_realisation": "Realisasi per desa",
    "document_record": "Dokumen tercetak",
    "e81_note": "Formulir E.81",
    "evaluation_meeting": "Rapat evaluasi",
    "follow_up": "Tindak lanjut",
    "follow_up_evidence": "Bukti tindak lanjut",
    "goal": "Tujuan",
    "indicator": "Indikator kinerja",
    "isian_import": "Impor Format Isian",
    "lhe": "LHE",  # issue 16 §3 (helper lhe)
    "lhe_recommendation": "Rekomendasi LHE",
    # LKE (issue 16 §1-2, helper lke)
    "lke_answer": "Jawaban LKE",
    "lke_assessment": "Penilaian mandiri LKE",
    "lke_component": "Komponen LKE",
    "lke_criterion": "Kriteria LKE",
    "lke_evidence": "Bukti LKE",
    "lke_predikat": "Predikat LKE",
    "lke_scale": "Skala jawaban LKE",
    "lke_template": "Templat LKE",
    "lkj_section": "LKj",
    "meeting_discussion": "Pembahasan rapat",
    "meeting_participant": "Peserta rapat",
    "meta": "Keterangan berkas",
    "monitoring_review": "Telaah pemantauan",
    "objective": "Sasaran",
    "office": "Profil kantor",
    "office_day_off": "Hari libur kantor",
    "outgoing_letter": "Surat keluar",
    "pack_file": "Berkas paket Kabupaten",
    "pack_item": "Status berkas paket Kabupaten",
    "pack_item_type": "Daftar paket Kabupaten",
    "performance_agreement": "Perjanjian Kinerja",
    "person": "Pegawai",
    "program": "Program",
    "qualitative_level": "Tingkat skala kualitatif",
    "qualitative_scale": "Skala kualitatif",
    "quarterly_target": "Target triwulan",
    "realisation": "Realisasi",
    "realisation_evidence": "Bukti dukung",
    "realisation_revision": "Revisi realisasi",
    "recommendation": "Rekomendasi",
    "renstra_target": "Target Renstra",
    "role_assignment": "Peran pegawai",
    "role_change": "Perubahan peran",
    "setting": "Pengaturan",
    "sop": "SOP",
    "sop_pause": "Jeda langkah SOP",
    "sop_run": "Pelaksanaan SOP",
    "sop_step_check": "Kelengkapan langkah SOP",
    "sop_step_run": "Langkah SOP",
    "sop_version": "Versi SOP",
    "strategic_plan": "Renstra",
    "sub_activity": "Sub kegiatan",
    "unit": "Unit kerja",
    "verification_check": "Daftar periksa verifikasi",
    "yearly_target": "Target tahunan",
}

# Field names as the office says them: every column of every table, the keys operations write themselves
# (`tx.audit(..., {"hasil": ...})`) and the keys of the settings.
FIELD_LABELS = {
    # office and settings
    "regency_kind": "jenis daerah", "regency_name": "kabupaten/kota", "name": "nama", "province": "provinsi",
    "address": "alamat", "village": "desa/kelurahan", "postal_code": "kode pos", "phone": "telepon",
    "fax": "faksimile", "email": "pos-el", "website": "laman", "signing_place": "tempat penandatanganan",
    "region_code": "kode wilayah", "uuid": "identitas berkas (UUID)",  # office identity (issue 17)
    "logo": "logo", "logo_filename": "berkas logo", "is_demo": "kantor contoh", "demo": "kantor contoh",
    "paper_size": "ukuran kertas", "idle_lock_minutes": "kunci layar (menit)",
    "lockout_attempts": "batas salah kata sandi", "lockout_minutes": "lama penguncian (menit)",
    "nip_grouping": "pengelompokan NIP", "utc_offset_hours": "zona waktu", "document_font": "jenis huruf dokumen",
    "paraf_labels": "kotak paraf", "margin_top_cm": "margin atas (cm)", "margin_bottom_cm": "margin bawah (cm)",
    "margin_left_cm": "margin kiri (cm)", "margin_right_cm": "margin kanan (cm)",
    "print_document_code": "cetak kode dokumen", "evidence_required": "bukti dukung wajib",
    "e81_evaluator_position": "jabatan pengevaluasi E.81 (Bappeda)", "e81_evaluator_name": "nama pengevaluasi E.81",
    "e81_evaluator_rank": "pangkat pengevaluasi E.81", "e81_evaluator_nip": "NIP pengevaluasi E.81",
    "pk_statement_text": "naskah pernyataan PK", "pk_superior": "atasan penanda tangan PK kantor",
    "letter_agenda_format": "format nomor agenda surat", "letter_office_code": "kode kantor pada nomor surat",
    "tim_sakip_decree": "nomor Keputusan Camat tentang Tim SAKIP",
    "achievement_average": "rata-rata capaian kinerja",
    "achievement_bands": "kategori capaian", "bands": "kategori", "minimum": "batas bawah", "colour": "warna",
    "cap": "batas atas capaian", "key": "kunci", "value": "nilai",
    # people, units, accounts, roles
    "code": "kode", "kind": "jenis", "parent_id": "induk", "sort_order": "urutan", "front_title": "gelar depan",
    "back_title": "gelar belakang", "employment": "status kepegawaian", "nip": "NIP", "grade": "golongan",
    "position": "jabatan", "unit_id": "unit", "active_from": "aktif sejak", "active_to": "aktif sampai",
    "roles": "peran", "username": "nama pengguna", "is_admin": "administrator", "password": "kata sandi",
    "password_hash": "kata sandi (tersandi)", "person_id": "pegawai", "role": "peran", "start": "mulai",
    "end": "selesai", "decree": "nomor SK", "failed_attempts": "salah kata sandi berturut-turut",
    "locked_until": "dikunci sampai", "last_login_at": "terakhir masuk",
    "must_change_password": "wajib ganti kata sandi", "account_id": "akun", "at": "waktu",
    "by_account_id": "akun pengubah", "by_name": "diubah oleh", "person_name": "nama pegawai",
    "description": "uraian", "acknowledged_at": "diketahui pada", "acknowledged_by": "diketahui oleh",
    "diketahui": "perubahan yang diketahui", "perubahan": "perubahan",
    # planning and budget
    "plan_id": "Renstra", "goal_id": "tujuan", "objective_id": "sasaran", "start_year": "tahun awal",
    "end_year": "tahun akhir", "vision": "visi", "mission": "misi", "statement": "rumusan", "formula": "formula",
    "definition": "definisi", "data_source": "sumber data", "unit": "satuan", "polarity": "polaritas",
    "aggregation": "cara akumulasi", "baseline": "baseline", "is_key": "indikator kinerja utama",
    "benchmark": "standar nasional/pembanding",
    "responsible_unit_id": "unit penanggung jawab", "scale_id": "skala kualitatif", "rank": "peringkat",
    "label": "label", "levels": "tingkat", "labels": "tingkat", "value_high": "nilai atas",
    "yearly_target_id": "target tahunan", "program_id": "program", "activity_id": "kegiatan",
    "sub_activity_id": "sub kegiatan", "sub_activity": "sub kegiatan", "ceiling": "pagu", "amount": "jumlah",
    "budget_id": "anggaran",
    # realisasi
    "indicator_id": "indikator", "year": "tahun", "quarter": "triwulan", "status": "status",
    "supporting_factors": "faktor pendukung", "inhibiting_factors": "faktor penghambat",
    "follow_up": "upaya/tindak lanjut", "manual_achievement": "capaian manual",
    "manual_justification": "justifikasi", "return_reason": "alasan dikembalikan", "realisation_id": "realisasi",
    "entered_by_id": "diisi oleh", "entered_at": "diisi pada", "submitted_at": "diajukan pada",
    "submitted_by": "diajukan oleh", "verified_at": "diverifikasi pada", "verified_by": "diverifikasi oleh",
    "approved_at": "disetujui pada", "approved_by": "disetujui oleh", "filename": "nama berkas",
    "size": "ukuran (bita)", "sha256": "sidik berkas", "data": "isi berkas", "added_by": "ditambahkan oleh",
    "added_at": "ditambahkan pada", "old_value": "nilai lama", "new_value": "nilai baru", "reason": "alasan",
    "revised_by": "direvisi oleh", "revised_at": "direvisi pada", "evidence_ok": "bukti dukung sesuai",
    "plausible": "angka wajar", "narrative_ok": "narasi memadai", "note": "catatan", "checked_by": "diperiksa oleh",
    "checked_at": "diperiksa pada", "berkas": "berkas", "baris": "baris",
    # Perjanjian Kinerja
    "version": "versi", "reason_code": "dasar perubahan", "document_number": "nomor dokumen",
    "first_party_person_id": "pihak pertama", "first_party_name": "nama pihak pertama",
    "first_party_title": "jabatan pihak pertama", "first_party_rank": "pangkat pihak pertama",
    "first_party_nip": "NIP pihak pertama", "second_party_person_id": "pihak kedua",
    "second_party_name": "nama pihak kedua", "second_party_title": "jabatan pihak kedua",
    "second_party_rank": "pangkat pihak kedua", "second_party_nip": "NIP pihak kedua",
    "statement_text": "naskah pernyataan", "place": "tempat", "signed_on": "tanggal tanda tangan",
    "created_by": "dibuat oleh", "created_at": "dibuat pada", "finalised_by": "ditetapkan oleh",
    "finalised_at": "ditetapkan pada", "targets": "jumlah target", "agreement_id": "Perjanjian Kinerja",
    "title": "judul",
    # monitoring and evaluation
    "text": "isi", "reviewed_by": "ditelaah oleh", "reviewed_at": "ditelaah pada", "written_by": "ditulis oleh",
    "written_at": "ditulis pada", "decided_by": "diputuskan oleh", "decided_at": "diputuskan pada",
    "decision_note": "catatan keputusan", "period_kind": "jenis periode", "period_no": "periode",
    "held_on": "tanggal rapat", "time_text": "waktu rapat", "basis": "dasar", "summary": "ringkasan",
    "chair_person_id": "pimpinan rapat", "note_taker_person_id": "notulis", "meeting_id": "rapat",
    "minutes_letter_id": "nomor berita acara",
    "present": "hadir", "discussion": "pembahasan", "problems": "permasalahan", "action": "tindak lanjut",
    "due_on": "batas waktu", "responsible_person_id": "penanggung jawab", "progress": "kemajuan (%)",
    "progress_note": "catatan kemajuan", "recommendation_id": "rekomendasi", "done_at": "selesai pada",
    "updated_by": "diubah oleh", "updated_at": "diubah pada", "follow_up_id": "tindak lanjut",
    # LHE and its TL LHE matrix (issue 16 §3, helper lhe)
    "evaluator": "pengirim LHE", "number": "nomor", "score": "nilai", "predikat": "predikat", "lhe_id": "LHE",
    "lhe_recommendation_id": "rekomendasi LHE",
    # documents and letters
    "subject_key": "periode dokumen", "data_hash": "sidik data", "file_sha256": "sidik berkas PDF",
    "pages": "jumlah halaman", "paper": "kertas", "generated_by": "dicetak oleh", "generated_at": "dicetak pada",
    "draft": "dicetak sebagai DRAF",
    "seq": "nomor urut", "agenda_number": "nomor agenda", "letter_date": "tanggal surat", "recipient": "tujuan",
    "subject": "perihal", "attachment": "lampiran", "nature": "sifat", "copies_to": "tembusan",
    "document_record_id": "dokumen tercetak", "sent_on": "tanggal dikirim", "proof_filename": "bukti pengiriman",
    "proof_sha256": "sidik bukti pengiriman", "proof_data": "isi bukti pengiriman",
    "proof_added_by": "bukti dilampirkan oleh", "proof_added_at": "bukti dilampirkan pada",
    "esr_type": "jenis dokumen ESR", "source_kind": "dokumen dari program", "per_quarter": "per triwulan",
    "due_months": "batas waktu (bulan setelah awal periode)", "due_day": "batas waktu (tanggal)",
    "required": "wajib", "type_id": "baris daftar paket", "uploaded_on": "tanggal diunggah", "item_id": "berkas paket",
    "late": "diunggah lewat batas waktu",  # pack helper: an upload after the deadline (ops/pack/edit.py)
    "alasan_buka_kunci": "alasan membuka kunci", "ukuran": "ukuran (bita)", "dipulihkan dari": "dipulihkan dari",
    "data sebelumnya": "data sebelumnya disimpan di", "temuan": "temuan",
    # SOP
    "template_code": "kode templat", "active": "aktif", "sop_id": "SOP", "sop": "SOP",
    "sop_version_id": "versi SOP", "started_at": "dimulai pada", "started_by": "dimulai oleh",
    "started_by_account_id": "akun pemulai", "started_role": "peran pemulai", "finished_at": "selesai pada",
    "finished_by": "diselesaikan oleh", "finished_by_account_id": "akun penyelesai", "cancel_reason": "alasan batal",
    "run_id": "pelaksanaan SOP", "step_run_id": "langkah SOP", "visit": "kunjungan ke-", "outcome": "hasil",
    "notes": "catatan", "item": "butir kelengkapan", "checked": "dicentang", "link": "tautan",
    "attachment_name": "nama lampiran", "attachment_sha256": "sidik lampiran", "day": "tanggal",
    "hasil": "hasil", "langkah": "langkah", "alasan": "alasan", "jeda": "alasan jeda",
    # desa and indicators over desa (desa helper, issue 15 §3)
    "head_name": "kepala desa/lurah", "over_desa": "indikator atas desa", "desa_criterion": "kriteria desa",
    "desa_met": "desa memenuhi (pembilang)", "desa_counted": "desa dihitung (penyebut)", "desa_id": "desa",
    "meets": "memenuhi kriteria",
    # LKE (issue 16 §1-2, helper lke)
    "format_version": "versi format", "lower_exclusive": "batas bawah predikat tidak termasuk",
    "weight": "bobot", "component_id": "sub komponen", "answer_kind": "jenis jawaban", "evidence": "bukti dukung",
    "interpretation": "interpretasi", "template_id": "templat LKE", "dpa_date": "tanggal pengesahan DPA",
    "signed_by": "ditandatangani oleh", "signed_at": "ditandatangani pada", "assessment_id": "penilaian mandiri LKE",
    "criterion_id": "kriteria LKE", "answer": "jawaban", "proposed": "usulan program", "rule_code": "aturan usulan",
    "proposal_reason": "alasan usulan", "decision": "keputusan", "override_reason": "alasan mengubah usulan",
    "justification": "justifikasi", "answer_id": "jawaban LKE", "source": "sumber", "ref_id": "data sumber",
    "kriteria": "jumlah kriteria",
    # the audit trail itself
    "actor_name": "pengguna", "operation": "kegiatan", "entity": "jenis data", "entity_id": "data",
    "old": "nilai lama", "new": "nilai baru", "record_hash": "segel isi", "prev_hash": "segel sebelumnya",
    "chain_hash": "segel entri",
}  # fmt: skip

_ROLE_VALUES = {**{r.value: label for r, label in ROLE_LABELS.items()}, ADMIN: "Administrator"}
_PK_STATUS = {"DRAFT": "Draf", "FINAL": "Ditetapkan", "SUPERSEDED": "Diganti perubahan"}  # agreements_common.Status
_REASONS = {  # agreements_common.REASONS, shortened for a table cell
    "MUTASI": "Pergantian atau mutasi pejabat",
    "STRATEGI": "Perubahan strategi",
    "PRIORITAS": "Perubahan prioritas atau asumsi",
}
DOCUMENT_KINDS = {  # the labels documents/*.py register with the catalog (a test keeps them equal)
    "pk": "Perjanjian Kinerja (PK)",
    "pengukuran": "Formulir Pengukuran Kinerja",
    "triwulan": "Laporan Kinerja Triwulan",
    "berita-acara": "Berita Acara Evaluasi Kinerja",
    "surat-pengantar": "Surat Pengantar",
    "lkj": "Laporan Kinerja (LKj) tahunan",
    "e81": "Formulir E.81 Evaluasi Renja",
    "tl-lhe": "Matriks TL LHE Inspektorat",  # issue 16 §3 (helper lhe)
    "tl-lhe-kemenpan": "Matriks TL LHE Kementerian PANRB",
    "lke": "Penilaian Mandiri SAKIP (LKE)",  # issue 16 §1-2 (helper lke)
}

# Stored codes and what the office calls them: by (record kind, field), then by field alone.
VALUE_LABELS: dict[tuple[str, str] | str, dict[str, str]] = {
    ("realisation", "status"): {k.value: v for k, v in REALISATION_STATUS.items()},
    ("performance_agreement", "status"): _PK_STATUS,
    ("performance_agreement", "kind"): {"MURNI": "PK Murni", "PERUBAHAN": "PK Perubahan"},
    "reason_code": _REASONS,
    ("recommendation", "status"): {"PROPOSED": "Diajukan", "ACCEPTED": "Diterima", "REJECTED": "Ditolak"},
    ("follow_up", "status"): dict(FOLLOW_UP_STATUS),
    ("lhe", "evaluator"): {"INSPEKTORAT": "Inspektorat", "KEMENPAN": "Kementerian PANRB"},  # issue 16 §3
    ("evaluation_meeting", "status"): {"DRAFT": "Draf", "FINAL": "Final"},
    ("sop_run", "status"): {"RUNNING": "Berjalan", "DONE": "Selesai", "CANCELLED": "Dibatalkan"},
    "outcome": {"DONE": "Selesai", "APPROVED": "Disetujui", "RETURNED": "Dikembalikan", "CANCELLED": "Dibatalkan"},
    "period_kind": {"QUARTER": "Triwulan", "SEMESTER": "Semester", "YEAR": "Tahunan"},
    "polarity": {"POSITIVE": "Positif", "NEGATIVE": "Negatif"},
    "aggregation": {"CUMULATIVE": "Kumulatif", "LAST_VALUE": "Nilai akhir", "AVERAGE": "Rata-rata"},
    "employment": {e.value: e.label for e in Employment},
    ("unit", "kind"): {k.value: k.label for k in UnitKind},
    ("desa", "kind"): {"desa": "Desa", "kelurahan": "Kelurahan"},  # desa helper (issue 15 §3)
    ("acting_assignment", "kind"): {k.value: k.prefix for k in ActingKind},
    ("document_record", "kind"): DOCUMENT_KINDS,
    ("e81_note", "key"): {
        "pendorong": "Faktor pendorong",
        "penghambat": "Faktor penghambat",
        "tl_triwulan": "Tindak lanjut triwulan berikutnya",
        "tl_renja": "Tindak lanjut Renja",
    },
    ("pack_item", "status"): {
        "BELUM": "Belum",
        "SIAP": "Siap",
        "DIUNGGAH": "Diunggah",
        "DITERIMA": "Diterima",
        "DITOLAK": "Ditolak",
    },
    ("pack_item_type", "source_kind"): {"": "berkas dilampirkan", **DOCUMENT_KINDS},
    # LKE (issue 16 §1-2, helper lke)
    ("lke_assessment", "status"): {"DRAFT": "Draf", "SIGNED": "Ditandatangani"},
    ("lke_answer", "decision"): {
        "ACCEPTED": "Usulan diterima",
        "OVERRIDDEN": "Usulan diubah",
        "MANUAL": "Dijawab sendiri",
    },
    ("lke_evidence", "source"): {
        "DOKUMEN": "Dokumen tercetak",
        "BUKTI": "Bukti dukung realisasi",
        "BUKTI_TL": "Bukti tindak lanjut",
        "PAKET": "Berkas paket Kabupaten",
        "BERKAS": "Berkas dilampirkan",
    },
    "role": _ROLE_VALUES,
    "started_role": _ROLE_VALUES,
    "print_document_code": {"True": "ya", "False": "tidak"},
    "achievement_average": {"objectives": "rata-rata sasaran", "indicators": "rata-rata seluruh indikator"},
    "document_font": {"sans": "Liberation Sans (setara Arial)", "serif": "Liberation Serif (setara Times New Roman)"},
    "utc_offset_hours": {"7": "WIB (UTC+7)", "8": "WITA (UTC+8)", "9": "WIT (UTC+9)"},
}

# Fields holding an exact number (shown 1.234,56) and fields holding Rupiah.
NUMBER_FIELDS = frozenset(
    {"value", "value_high", "old_value", "new_value", "manual_achievement", "baseline", "minimum", "cap"}
)
RUPIAH_FIELDS = frozenset({"amount", "ceiling"})

# Reference fields and the kind of record they point to (shown by name, not by number).
REFERENCES = {
    "indicator_id": "indicator", "unit_id": "unit", "responsible_unit_id": "unit", "parent_id": "unit",
    "person_id": "person", "chair_person_id": "person", "note_taker_person_id": "person",
    "responsible_person_id": "person", "first_party_person_id": "person", "second_party_person_id": "person",
    "entered_by_id": "person", "realisation_id": "realisation", "plan_id": "strategic_plan", "goal_id": "goal",
    "objective_id": "objective", "scale_id": "qualitative_scale", "meeting_id": "evaluation_meeting",
    "recommendation_id": "recommendation", "follow_up_id": "follow_up", "agreement_id": "performance_agreement",
    "program_id": "program", "activity_id": "activity", "sub_activity_id": "sub_activity",
    "document_record_id": "document_record", "sop_id": "sop", "run_id": "sop_run",
    "template_id": "lke_template", "assessment_id": "lke_assessment", "answer_id": "lke_answer",  # LKE (helper lke)
    "lhe_id": "lhe", "lhe_recommendation_id": "lhe_recommendation",  # issue 16 §3
    "desa_id": "desa",  # desa helper (issue 15 §3)
}  # fmt: skip


def entity_label(entity: str) -> str:
    """The kind of record in Indonesian ('Realisasi')."""
    return ENTITY_LABELS.get(entity, "Data lain")


# Where a field means something else in one kind of record (or inside one setting's value).
FIELD_OVERRIDES = {
    ("meeting_participant", "title"): "jabatan",
    ("pk_superior", "title"): "jabatan",
    ("pk_superior", "rank"): "pangkat",
    ("evaluation_meeting", "summary"): "kesimpulan",
    ("qualitative_level", "rank"): "urutan",
    ("lhe", "reviewed_by"): "matriks TL diperiksa oleh",  # issue 16 §3
    ("lhe", "reviewed_at"): "matriks TL diperiksa pada",
}


def field_label(field: str, within: str = "") -> str:
    """A field (of a record kind, or inside a setting) in Indonesian ('faktor pendukung'); an unknown key is shown
    with spaces, never with underscores."""
    return FIELD_OVERRIDES.get((within, field)) or FIELD_LABELS.get(field, field.replace("_", " "))


def value_label(entity: str, field: str, value: object) -> str | None:
    """The Indonesian label of a stored code, or None when the field holds no code (or an unknown one)."""
    table = VALUE_LABELS.get((entity, field)) or VALUE_LABELS.get(field)
    if table is None:
        return None
    return table.get(str(value))
