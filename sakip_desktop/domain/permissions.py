"""The one table of who may do which write operation.

Every write operation of the program has a stable code (`Op`), an Indonesian label (also the operation's name in
the audit trail and in a refusal) and the set of roles allowed to start it. `ops.base.write()` checks the table and
nothing else decides who may start an operation; Pengaturan › Hak akses shows the same table read-only.

Some operations check more after this gate, on the record itself (a Kasi enters realisasi of his own seksi only, a
step of an SOP is done by the role of that step, ...). Those extra rules can only narrow the table, never widen it;
each is named in the operation's `note`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sakip_desktop.domain.roles import ADMIN, ROLE_ORDER, Role

# In an operation's allowed set: anyone logged in, whatever his roles (e.g. changing one's own password).
ANY_ACCOUNT = "ANY_ACCOUNT"

_C, _S, _T = Role.CAMAT.value, Role.SEKRETARIS.value, Role.TIM_SAKIP.value
_KP, _KU, _KASI = Role.KASUBAG_PERENCANAAN.value, Role.KASUBAG_UMUM.value, Role.KASI.value
_STAF, _AD = Role.STAF.value, Role.ADMIN_DATA.value
_ALL_ROLES = tuple(r.value for r in Role)
_NOBODY: tuple[str, ...] = ()  # only the program itself (SYSTEM)


class Op(StrEnum):
    """The stable code of a write operation."""

    # Realisasi
    REALISATION_SAVE = "realisation.save"
    REALISATION_EVIDENCE_ADD = "realisation.evidence.add"
    REALISATION_EVIDENCE_REMOVE = "realisation.evidence.remove"
    REALISATION_SUBMIT = "realisation.submit"
    ISIAN_IMPORT = "realisation.isian_import"
    DESA_REALISATION_SAVE = "realisation.desa.save"  # desa helper (issue 15 §3)
    REALISATION_VERIFY = "realisation.verify"
    REALISATION_RETURN = "realisation.return"
    REALISATION_APPROVE = "realisation.approve"
    REALISATION_REVISE = "realisation.revise"
    # Perencanaan
    PLAN_ADD = "planning.plan.add"
    PLAN_UPDATE = "planning.plan.update"
    PLAN_DELETE = "planning.plan.delete"
    GOAL_ADD = "planning.goal.add"
    GOAL_UPDATE = "planning.goal.update"
    GOAL_DELETE = "planning.goal.delete"
    OBJECTIVE_ADD = "planning.objective.add"
    OBJECTIVE_UPDATE = "planning.objective.update"
    OBJECTIVE_DELETE = "planning.objective.delete"
    INDICATOR_ADD = "planning.indicator.add"
    INDICATOR_UPDATE = "planning.indicator.update"
    INDICATOR_DELETE = "planning.indicator.delete"
    INDICATOR_DESA_SET = "planning.indicator.desa"  # desa helper (issue 15 §3)
    RENSTRA_TARGETS_SAVE = "planning.renstra_targets.save"
    YEAR_TARGETS_SAVE = "planning.year_targets.save"
    SCALE_ADD = "planning.scale.add"
    SCALE_UPDATE = "planning.scale.update"
    SCALE_DELETE = "planning.scale.delete"
    RENCANA_IMPORT = "planning.rencana_import"
    # Anggaran
    PROGRAM_SAVE = "budget.program.save"
    ACTIVITY_SAVE = "budget.activity.save"
    SUB_ACTIVITY_SAVE = "budget.sub_activity.save"
    PROGRAM_DELETE = "budget.program.delete"
    ACTIVITY_DELETE = "budget.activity.delete"
    SUB_ACTIVITY_DELETE = "budget.sub_activity.delete"
    BUDGET_SAVE = "budget.amounts.save"
    # Perjanjian Kinerja
    PK_CREATE = "agreement.create"
    PK_REFRESH = "agreement.refresh"
    PK_UPDATE = "agreement.update"
    PK_DELETE_DRAFT = "agreement.delete_draft"
    PK_FINALISE = "agreement.finalise"
    PK_REVISION_START = "agreement.revision.start"
    PK_SETTINGS_UPDATE = "agreement.settings.update"
    # Pemantauan
    REVIEW_SAVE = "monitoring.review.save"
    RECOMMENDATION_ADD = "monitoring.recommendation.add"
    RECOMMENDATION_UPDATE = "monitoring.recommendation.update"
    RECOMMENDATION_DELETE = "monitoring.recommendation.delete"
    RECOMMENDATION_ACCEPT = "monitoring.recommendation.accept"
    RECOMMENDATION_REJECT = "monitoring.recommendation.reject"
    # Evaluasi dan tindak lanjut
    MEETING_CREATE = "evaluation.meeting.create"
    MEETING_UPDATE = "evaluation.meeting.update"
    MEETING_DELETE = "evaluation.meeting.delete"
    MEETING_FINALISE = "evaluation.meeting.finalise"
    PARTICIPANT_ADD = "evaluation.participant.add"
    ATTENDANCE_SET = "evaluation.participant.attendance"
    PARTICIPANT_REMOVE = "evaluation.participant.remove"
    DISCUSSION_SAVE = "evaluation.discussion.save"
    FOLLOW_UP_ADD = "follow_up.add"
    FOLLOW_UP_UPDATE = "follow_up.update"
    FOLLOW_UP_DELETE = "follow_up.delete"
    FOLLOW_UP_REPORT = "follow_up.report"
    FOLLOW_UP_EVIDENCE_ADD = "follow_up.evidence.add"
    FOLLOW_UP_EVIDENCE_REMOVE = "follow_up.evidence.remove"
    # LHE and its TL LHE matrix (issue 16 §3, helper lhe)
    LHE_SAVE = "lhe.save"
    LHE_DELETE = "lhe.delete"
    LHE_RECOMMENDATION_SAVE = "lhe.recommendation.save"
    LHE_RECOMMENDATION_DELETE = "lhe.recommendation.delete"
    LHE_MATRIX_REVIEW = "lhe.matrix.review"
    # LKE, the self-assessment of SAKIP (issue 16 §1-2, helper lke)
    LKE_TEMPLATE_IMPORT = "lke.template.import"
    LKE_ASSESSMENT_SAVE = "lke.assessment.save"
    LKE_ANSWER_SAVE = "lke.answer.save"
    LKE_EVIDENCE_ADD = "lke.evidence.add"
    LKE_EVIDENCE_REMOVE = "lke.evidence.remove"
    LKE_SIGN = "lke.sign"
    LKE_UNLOCK = "lke.unlock"
    # LKj
    LKJ_SECTION_SAVE = "lkj.section.save"
    LKJ_SIGN = "lkj.sign"
    LKJ_UNLOCK = "lkj.unlock"
    E81_NOTE_SAVE = "e81.note.save"
    # Dokumen dan surat
    DOCUMENT_RECORD = "document.record"
    LETTER_REGISTER = "letter.register"
    LETTER_MARK_SENT = "letter.mark_sent"
    LETTER_ATTACH_PROOF = "letter.attach_proof"
    PACK_LIST_SAVE = "pack.list.save"
    PACK_LIST_REMOVE = "pack.list.remove"
    PACK_STATUS_SET = "pack.status.set"
    PACK_FILE_ATTACH = "pack.file.attach"
    # SOP
    SOP_ADOPT = "sop.adopt"
    SOP_CREATE = "sop.create"
    SOP_SAVE_VERSION = "sop.save_version"
    SOP_SET_ACTIVE = "sop.set_active"
    SOP_RUN_START = "sop.run.start"
    SOP_STEP_TICK = "sop.step.tick"
    SOP_STEP_PAUSE = "sop.step.pause"
    SOP_STEP_RESUME = "sop.step.resume"
    SOP_STEP_FINISH = "sop.step.finish"
    SOP_STEP_APPROVE = "sop.step.approve"
    SOP_STEP_RETURN = "sop.step.return"
    SOP_RUN_CANCEL = "sop.run.cancel"
    # Pengaturan kantor
    OFFICE_PROFILE_UPDATE = "office.profile.update"
    OFFICE_LOGO_SET = "office.logo.set"
    SETTINGS_UPDATE = "office.settings.update"
    BANDS_UPDATE = "office.bands.update"
    LETTER_FORMAT_UPDATE = "office.letter_format.update"
    TEAM_DECREE_UPDATE = "office.team_decree.update"
    DAY_OFF_ADD = "office.day_off.add"
    DAY_OFF_DELETE = "office.day_off.delete"
    UNIT_ADD = "office.unit.add"
    UNIT_UPDATE = "office.unit.update"
    UNIT_DELETE = "office.unit.delete"
    DESA_ADD = "office.desa.add"  # desa helper (issue 15 §3)
    DESA_UPDATE = "office.desa.update"
    DESA_SET_ACTIVE = "office.desa.set_active"
    PERSON_ADD = "office.person.add"
    PERSON_UPDATE = "office.person.update"
    ACTING_ADD = "office.acting.add"
    ACTING_UPDATE = "office.acting.update"
    ACTING_DELETE = "office.acting.delete"
    ROLE_CHANGE_ACKNOWLEDGE = "office.role_change.acknowledge"
    BACKUP_RECORD = "office.backup.record"
    RESTORE_RECORD = "office.backup.restore_record"
    # Akun
    PASSWORD_CHANGE_OWN = "account.password.change_own"
    # Dikerjakan program
    OFFICE_CREATE = "program.office.create"
    LOGIN = "program.login"


@dataclass(frozen=True)
class Permission:
    """One row of the table: an operation, its label and group in Indonesian, and who may start it."""

    op: Op
    label: str
    group: str
    allowed: frozenset[str]
    note: str = ""

    @property
    def program_only(self) -> bool:
        """True when no person may start it: the program does it by itself."""
        return not self.allowed


REALISATION, PLANNING, BUDGET, AGREEMENT = "Realisasi", "Perencanaan", "Anggaran", "Perjanjian Kinerja"
MONITORING, EVALUATION, LKJ, DOCUMENTS = "Pemantauan", "Evaluasi dan tindak lanjut", "LKj", "Dokumen dan surat"
SOP, OFFICE, ACCOUNT, PROGRAM = "SOP", "Pengaturan kantor", "Akun", "Dikerjakan program"

# Groups in the order the table is shown.
GROUPS = (
    REALISATION,
    PLANNING,
    BUDGET,
    AGREEMENT,
    MONITORING,
    EVALUATION,
    LKJ,
    DOCUMENTS,
    SOP,
    OFFICE,
    ACCOUNT,
    PROGRAM,
)

_ENTRY = (_KASI, _KP, _KU, _STAF, ADMIN)
_PLANNING = (_KP, ADMIN)
_MEETING = (_S, _T)
_LIBRARY = (_S, _KP, ADMIN)
_DOCUMENT = (_C, _S, _T, _KP, _KU, ADMIN)
_LKJ_EDIT = (_S, _T, _KP, ADMIN)
_PACK = (_T, _AD, ADMIN)  # the submission pack to the kabupaten: the Tim SAKIP and the Admin Data keep it
_LKE = (_S, _T, _AD, ADMIN)  # the LKE self-assessment (issue 16 §1-2): the Tim SAKIP, Admin Data or Sekretaris fill it
_LHE = (_S, _T, _AD, ADMIN)  # the LHE received and its rekomendasi (issue 16 §3): recorded by the Tim or Admin Data

_UNIT_NOTE = "Hanya untuk unit sendiri: Kasi seksinya, Kasubag sub bagiannya, staf unitnya (Administrator semua unit)."
_STEP_NOTE = "Hanya pemegang peran yang ditetapkan untuk langkah itu dalam SOP."
_RESPONSIBLE_NOTE = "Hanya penanggung jawab tindak lanjut itu."
_DRAFT_NOTE = "Hanya selama masih draf; PK yang sudah ditetapkan tidak dapat diubah."
_LKE_NOTE = "Hanya selama penilaian mandiri tahun itu belum ditandatangani Camat."  # issue 16 (helper lke)
_MEETING_NOTE = "Hanya selama rapat masih draf; berita acara yang sudah final tidak dapat diubah."

_ROWS: tuple[tuple[Op, str, str, tuple[str, ...], str], ...] = (
    (Op.REALISATION_SAVE, REALISATION, "Isi realisasi", _ENTRY,
     _UNIT_NOTE + " Realisasi yang sudah disetujui hanya berubah melalui revisi."),
    (Op.REALISATION_EVIDENCE_ADD, REALISATION, "Tambah bukti dukung", _ENTRY, _UNIT_NOTE),
    (Op.REALISATION_EVIDENCE_REMOVE, REALISATION, "Hapus bukti dukung", _ENTRY, _UNIT_NOTE),
    (Op.REALISATION_SUBMIT, REALISATION, "Ajukan realisasi triwulan", _ENTRY, _UNIT_NOTE),
    (Op.ISIAN_IMPORT, REALISATION, "Impor Format Isian", _ENTRY, _UNIT_NOTE),
    (Op.DESA_REALISATION_SAVE, REALISATION, "Isi realisasi per desa", _ENTRY, _UNIT_NOTE),  # desa helper
    (Op.REALISATION_VERIFY, REALISATION, "Verifikasi realisasi", (_S,), ""),
    (Op.REALISATION_RETURN, REALISATION, "Kembalikan realisasi", (_S, _C),
     "Sekretaris: yang diajukan atau sudah diverifikasi; Camat: yang sudah diverifikasi."),
    (Op.REALISATION_APPROVE, REALISATION, "Setujui realisasi", (_C,), "Realisasi yang disetujui terkunci."),
    (Op.REALISATION_REVISE, REALISATION, "Revisi realisasi", (_S, _C, ADMIN),
     "Satu-satunya jalan mengubah realisasi yang sudah disetujui; nilai lama, baru dan alasan dicatat."),
    (Op.PLAN_ADD, PLANNING, "Tambah Renstra", _PLANNING, ""),
    (Op.PLAN_UPDATE, PLANNING, "Ubah Renstra", _PLANNING, ""),
    (Op.PLAN_DELETE, PLANNING, "Hapus Renstra", _PLANNING, ""),
    (Op.GOAL_ADD, PLANNING, "Tambah tujuan", _PLANNING, ""),
    (Op.GOAL_UPDATE, PLANNING, "Ubah tujuan", _PLANNING, ""),
    (Op.GOAL_DELETE, PLANNING, "Hapus tujuan", _PLANNING, ""),
    (Op.OBJECTIVE_ADD, PLANNING, "Tambah sasaran", _PLANNING, ""),
    (Op.OBJECTIVE_UPDATE, PLANNING, "Ubah sasaran", _PLANNING, ""),
    (Op.OBJECTIVE_DELETE, PLANNING, "Hapus sasaran", _PLANNING, ""),
    (Op.INDICATOR_ADD, PLANNING, "Tambah indikator kinerja", _PLANNING, ""),
    (Op.INDICATOR_UPDATE, PLANNING, "Ubah indikator kinerja", _PLANNING, ""),
    (Op.INDICATOR_DELETE, PLANNING, "Hapus indikator kinerja", _PLANNING, ""),
    (Op.INDICATOR_DESA_SET, PLANNING, "Tetapkan indikator atas desa", _PLANNING,
     "Hanya selama indikator itu belum punya realisasi."),  # desa helper (issue 15 §3)
    (Op.RENSTRA_TARGETS_SAVE, PLANNING, "Simpan target Renstra", _PLANNING, ""),
    (Op.YEAR_TARGETS_SAVE, PLANNING, "Simpan target tahunan dan triwulan", _PLANNING, ""),
    (Op.SCALE_ADD, PLANNING, "Tambah skala kualitatif", _PLANNING, ""),
    (Op.SCALE_UPDATE, PLANNING, "Ubah skala kualitatif", _PLANNING, ""),
    (Op.SCALE_DELETE, PLANNING, "Hapus skala kualitatif", _PLANNING, ""),
    (Op.RENCANA_IMPORT, PLANNING, "Impor rencana", _PLANNING, ""),
    (Op.PROGRAM_SAVE, BUDGET, "Simpan program", _PLANNING, ""),
    (Op.ACTIVITY_SAVE, BUDGET, "Simpan kegiatan", _PLANNING, ""),
    (Op.SUB_ACTIVITY_SAVE, BUDGET, "Simpan sub kegiatan", _PLANNING, ""),
    (Op.PROGRAM_DELETE, BUDGET, "Hapus program", _PLANNING, ""),
    (Op.ACTIVITY_DELETE, BUDGET, "Hapus kegiatan", _PLANNING, ""),
    (Op.SUB_ACTIVITY_DELETE, BUDGET, "Hapus sub kegiatan", _PLANNING, ""),
    (Op.BUDGET_SAVE, BUDGET, "Simpan anggaran sub kegiatan", _PLANNING, ""),
    (Op.PK_CREATE, AGREEMENT, "Susun draf perjanjian kinerja", _PLANNING, ""),
    (Op.PK_REFRESH, AGREEMENT, "Perbarui draf perjanjian kinerja", _PLANNING, _DRAFT_NOTE),
    (Op.PK_UPDATE, AGREEMENT, "Ubah draf perjanjian kinerja", _PLANNING, _DRAFT_NOTE),
    (Op.PK_DELETE_DRAFT, AGREEMENT, "Hapus draf perjanjian kinerja", _PLANNING, _DRAFT_NOTE),
    (Op.PK_FINALISE, AGREEMENT, "Tetapkan perjanjian kinerja", (_C, _KP, ADMIN),
     "Plh. Camat tidak dapat menetapkan; Camat atau Plt. Camat dapat."),
    (Op.PK_REVISION_START, AGREEMENT, "Buat PK Perubahan", _PLANNING,
     "Satu-satunya jalan mengubah PK yang sudah ditetapkan; versi lama tetap tersimpan."),
    (Op.PK_SETTINGS_UPDATE, AGREEMENT, "Ubah pengaturan perjanjian kinerja", _PLANNING, ""),
    (Op.REVIEW_SAVE, MONITORING, "Simpan telaah", (_T,), ""),
    (Op.RECOMMENDATION_ADD, MONITORING, "Tulis rekomendasi", (_S,), ""),
    (Op.RECOMMENDATION_UPDATE, MONITORING, "Ubah rekomendasi", (_S,), "Hanya selama belum diputuskan."),
    (Op.RECOMMENDATION_DELETE, MONITORING, "Hapus rekomendasi", (_S,), "Hanya selama belum diputuskan."),
    (Op.RECOMMENDATION_ACCEPT, MONITORING, "Terima rekomendasi", (_C,), ""),
    (Op.RECOMMENDATION_REJECT, MONITORING, "Tolak rekomendasi", (_C,), ""),
    (Op.MEETING_CREATE, EVALUATION, "Buat rapat evaluasi", _MEETING, ""),
    (Op.MEETING_UPDATE, EVALUATION, "Ubah rapat evaluasi", _MEETING, _MEETING_NOTE),
    (Op.MEETING_DELETE, EVALUATION, "Hapus rapat evaluasi", _MEETING, _MEETING_NOTE),
    (Op.MEETING_FINALISE, EVALUATION, "Finalkan rapat evaluasi", _MEETING, ""),
    (Op.PARTICIPANT_ADD, EVALUATION, "Tambah peserta rapat", _MEETING, _MEETING_NOTE),
    (Op.ATTENDANCE_SET, EVALUATION, "Catat kehadiran", _MEETING, _MEETING_NOTE),
    (Op.PARTICIPANT_REMOVE, EVALUATION, "Hapus peserta rapat", _MEETING, _MEETING_NOTE),
    (Op.DISCUSSION_SAVE, EVALUATION, "Simpan pembahasan", _MEETING, _MEETING_NOTE),
    (Op.FOLLOW_UP_ADD, EVALUATION, "Tambah tindak lanjut", _MEETING, ""),
    (Op.FOLLOW_UP_UPDATE, EVALUATION, "Ubah tindak lanjut", _MEETING, "Hanya selama belum selesai."),
    (Op.FOLLOW_UP_DELETE, EVALUATION, "Hapus tindak lanjut", _MEETING, "Hanya selama belum dikerjakan."),
    (Op.FOLLOW_UP_REPORT, EVALUATION, "Laporkan tindak lanjut", (ANY_ACCOUNT,), _RESPONSIBLE_NOTE),
    (Op.FOLLOW_UP_EVIDENCE_ADD, EVALUATION, "Tambah bukti tindak lanjut", (ANY_ACCOUNT,), _RESPONSIBLE_NOTE),
    (Op.FOLLOW_UP_EVIDENCE_REMOVE, EVALUATION, "Hapus bukti tindak lanjut", (ANY_ACCOUNT,), _RESPONSIBLE_NOTE),
    # LHE and its TL LHE matrix (issue 16 §3, helper lhe)
    (Op.LHE_SAVE, EVALUATION, "Catat LHE", _LHE, ""),
    (Op.LHE_DELETE, EVALUATION, "Hapus LHE", _LHE, "Hanya selama rekomendasinya belum ditindaklanjuti."),
    (Op.LHE_RECOMMENDATION_SAVE, EVALUATION, "Simpan rekomendasi LHE", _LHE, ""),
    (Op.LHE_RECOMMENDATION_DELETE, EVALUATION, "Hapus rekomendasi LHE", _LHE, "Hanya selama belum ada RATL-nya."),
    (Op.LHE_MATRIX_REVIEW, EVALUATION, "Tandai matriks TL LHE diperiksa", (_C,),
     "Matriks tercetak tanpa DRAF sesudahnya; mengubah rekomendasi atau RATL membatalkan tanda ini."),
    # LKE, the self-assessment of SAKIP (issue 16 §1-2, helper lke)
    (Op.LKE_TEMPLATE_IMPORT, EVALUATION, "Impor templat LKE", _LKE,
     "Templat yang sudah dipakai penilaian tidak diganti."),
    (Op.LKE_ASSESSMENT_SAVE, EVALUATION, "Simpan penilaian mandiri LKE", _LKE, _LKE_NOTE),
    (Op.LKE_ANSWER_SAVE, EVALUATION, "Simpan jawaban LKE", _LKE,
     _LKE_NOTE + " Jawaban lain dari usulan wajib beralasan."),
    (Op.LKE_EVIDENCE_ADD, EVALUATION, "Tambah bukti LKE", _LKE, _LKE_NOTE),
    (Op.LKE_EVIDENCE_REMOVE, EVALUATION, "Hapus bukti LKE", _LKE, _LKE_NOTE),
    (Op.LKE_SIGN, EVALUATION, "Tandatangani penilaian mandiri LKE", (_C,), "Mengunci penilaian mandiri tahun itu."),
    (Op.LKE_UNLOCK, EVALUATION, "Buka kunci penilaian mandiri LKE", (_C,),
     "Satu-satunya jalan mengubah penilaian mandiri yang sudah ditandatangani."),
    (Op.LKJ_SECTION_SAVE, LKJ, "Simpan bagian LKj", _LKJ_EDIT,
     "Hanya selama LKj tahun itu belum ditandatangani."),
    (Op.LKJ_SIGN, LKJ, "Tandai LKj sudah ditandatangani", (_C,), "Mengunci LKj tahun itu."),
    (Op.LKJ_UNLOCK, LKJ, "Buka kunci LKj", (_C,), "Satu-satunya jalan mengubah LKj yang sudah ditandatangani."),
    (Op.E81_NOTE_SAVE, LKJ, "Simpan faktor dan tindak lanjut Formulir E.81", _LKJ_EDIT, ""),
    (Op.DOCUMENT_RECORD, DOCUMENTS, "Catat dokumen yang dicetak", _DOCUMENT, ""),
    (Op.LETTER_REGISTER, DOCUMENTS, "Daftarkan surat keluar", _DOCUMENT, ""),
    (Op.LETTER_MARK_SENT, DOCUMENTS, "Catat surat terkirim", _DOCUMENT, ""),
    (Op.LETTER_ATTACH_PROOF, DOCUMENTS, "Lampirkan bukti pengiriman", _DOCUMENT, ""),
    (Op.PACK_LIST_SAVE, DOCUMENTS, "Ubah daftar paket Kabupaten", _PACK, ""),
    (Op.PACK_LIST_REMOVE, DOCUMENTS, "Hapus baris daftar paket Kabupaten", _PACK, ""),
    (Op.PACK_STATUS_SET, DOCUMENTS, "Ubah status berkas paket Kabupaten", _PACK, ""),
    (Op.PACK_FILE_ATTACH, DOCUMENTS, "Lampirkan berkas paket Kabupaten", _PACK, ""),
    (Op.SOP_ADOPT, SOP, "Adopsi templat SOP", _LIBRARY, ""),
    (Op.SOP_CREATE, SOP, "Buat SOP baru", _LIBRARY, ""),
    (Op.SOP_SAVE_VERSION, SOP, "Simpan versi SOP", _LIBRARY, ""),
    (Op.SOP_SET_ACTIVE, SOP, "Ubah status SOP", _LIBRARY, ""),
    (Op.SOP_RUN_START, SOP, "Mulai SOP", _ALL_ROLES, "Hanya peran yang tercantum sebagai pemulai dalam SOP itu."),
    (Op.SOP_STEP_TICK, SOP, "Centang kelengkapan", _ALL_ROLES, _STEP_NOTE),
    (Op.SOP_STEP_PAUSE, SOP, "Jeda langkah", _ALL_ROLES, _STEP_NOTE),
    (Op.SOP_STEP_RESUME, SOP, "Lanjutkan langkah", _ALL_ROLES, _STEP_NOTE),
    (Op.SOP_STEP_FINISH, SOP, "Selesaikan langkah", _ALL_ROLES, _STEP_NOTE),
    (Op.SOP_STEP_APPROVE, SOP, "Setujui langkah", _ALL_ROLES, _STEP_NOTE),
    (Op.SOP_STEP_RETURN, SOP, "Kembalikan langkah", _ALL_ROLES, _STEP_NOTE),
    (Op.SOP_RUN_CANCEL, SOP, "Batalkan pelaksanaan SOP", _ALL_ROLES, "Hanya peran yang memulai pelaksanaan itu."),
    (Op.OFFICE_PROFILE_UPDATE, OFFICE, "Ubah profil kantor", (ADMIN,), ""),
    (Op.OFFICE_LOGO_SET, OFFICE, "Ganti logo kantor", (ADMIN,), ""),
    (Op.SETTINGS_UPDATE, OFFICE, "Ubah pengaturan", (ADMIN,), ""),
    (Op.BANDS_UPDATE, OFFICE, "Ubah kategori capaian", (ADMIN,), ""),
    (Op.LETTER_FORMAT_UPDATE, OFFICE, "Ubah format nomor surat", (ADMIN,), ""),
    (Op.TEAM_DECREE_UPDATE, OFFICE, "Ubah nomor Keputusan Tim SAKIP", (ADMIN,), ""),
    (Op.DAY_OFF_ADD, OFFICE, "Tambah hari libur kantor", (ADMIN,), ""),
    (Op.DAY_OFF_DELETE, OFFICE, "Hapus hari libur kantor", (ADMIN,), ""),
    (Op.UNIT_ADD, OFFICE, "Tambah unit", (ADMIN,), ""),
    (Op.UNIT_UPDATE, OFFICE, "Ubah unit", (ADMIN,), ""),
    (Op.UNIT_DELETE, OFFICE, "Hapus unit", (ADMIN,), ""),
    (Op.DESA_ADD, OFFICE, "Tambah desa/kelurahan", _PLANNING, ""),  # desa helper (issue 15 §3)
    (Op.DESA_UPDATE, OFFICE, "Ubah desa/kelurahan", _PLANNING, ""),
    (Op.DESA_SET_ACTIVE, OFFICE, "Ubah status aktif desa/kelurahan", _PLANNING, ""),
    (Op.PERSON_ADD, OFFICE, "Tambah pegawai", (ADMIN,), ""),
    (Op.PERSON_UPDATE, OFFICE, "Ubah data pegawai", (ADMIN,), ""),
    (Op.ACTING_ADD, OFFICE, "Tambah Plt./Plh.", (ADMIN,), ""),
    (Op.ACTING_UPDATE, OFFICE, "Ubah Plt./Plh.", (ADMIN,), ""),
    (Op.ACTING_DELETE, OFFICE, "Hapus Plt./Plh.", (ADMIN,), ""),
    (Op.ROLE_CHANGE_ACKNOWLEDGE, OFFICE, "Tandai perubahan peran diketahui", (_C,),
     "Perubahan tentang Camat itu sendiri menunggu Camat lain."),
    (Op.BACKUP_RECORD, OFFICE, "Catat cadangan ke penyimpanan luar", (ANY_ACCOUNT,),
     "Siapa pun yang masuk boleh mencadangkan; tanggalnya mengatur pengingat cadangan."),
    (Op.RESTORE_RECORD, OFFICE, "Catat pemulihan dari cadangan", (ADMIN,),
     "Memulihkan dari menu: administrator; dari layar basis data rusak atau 'sakip restore': program."),
    (Op.PASSWORD_CHANGE_OWN, ACCOUNT, "Ganti kata sandi", (ANY_ACCOUNT,), "Kata sandi akun sendiri."),
    (Op.OFFICE_CREATE, PROGRAM, "Buat kantor baru", _NOBODY, "Wizard kantor baru, sebelum ada akun."),
    (Op.LOGIN, PROGRAM, "Masuk", _NOBODY, "Waktu masuk terakhir, percobaan gagal dan penguncian akun."),
)  # fmt: skip

PERMISSIONS: dict[Op, Permission] = {
    op: Permission(op, label, group, frozenset(allowed), note) for op, group, label, allowed, note in _ROWS
}

# Columns of the table as shown: the roles in office order, then the administrator flag.
COLUMNS: tuple[str, ...] = (*(r.value for r in ROLE_ORDER), ADMIN)

_LABELS = {ADMIN: "Administrator", ANY_ACCOUNT: "pengguna yang masuk", **{r.value: r.label for r in Role}}


def permission(op: Op | str) -> Permission:
    """The table row of an operation (by `Op` or its code); `ValueError` for an unknown code."""
    return PERMISSIONS[Op(op)]


def allowed_label(allowed: frozenset[str] | set[str]) -> str:
    """Who may, in Indonesian and in the office's order: 'Camat, Sekretaris, Administrator'."""
    order = [*COLUMNS, ANY_ACCOUNT]
    names = [_LABELS.get(a, a) for a in sorted(allowed, key=lambda a: order.index(a) if a in order else len(order))]
    return ", ".join(names) if names else "program ini sendiri"


def column_label(column: str) -> str:
    """The heading of a role column (a role, or the administrator flag)."""
    return _LABELS[column]


def grants(op: Op | str, column: str) -> bool:
    """True when the table lets `column` (a role value or `ADMIN`) start `op` (an `ANY_ACCOUNT` row lets all)."""
    allowed = permission(op).allowed
    return column in allowed or ANY_ACCOUNT in allowed


def roles_allowed(op: Op | str) -> tuple[Role, ...]:
    """The roles of the organisation chart the table lets start `op` (not the administrator flag)."""
    allowed = permission(op).allowed
    return tuple(r for r in ROLE_ORDER if r.value in allowed or ANY_ACCOUNT in allowed)
