"""The sheets and columns of the SOP workbook (`exchange.sop.write` writes them, `exchange.sop.read` reads them).

"Identitas" (Bidang | Isi), "Pelaksana" (one row per pelaksana column), "Langkah" (one row per step), "Petunjuk"
and the hidden "_format" sheet naming the format and its version.
"""

from __future__ import annotations

from sakip_desktop.sop.definition import StepKind

FORMAT_NAME = "SAKIP-SOP"

SHEET_IDENTITY = "Identitas"
SHEET_ACTORS = "Pelaksana"
SHEET_STEPS = "Langkah"
SHEET_HELP = "Petunjuk"
SHEET_FORMAT = "_format"

# "_format": label in column A, value in column B.

# "Identitas": the labels of the Bidang column and the field each one fills.
COL_FIELD = "Bidang"
COL_VALUE = "Isi"
IDENTITY_TEXTS: tuple[tuple[str, str], ...] = (
    ("Kode", "code"),
    ("Nama SOP", "name"),
    ("Nomor SOP", "number"),
    ("Tanggal Pembuatan", "created"),
    ("Tanggal Revisi", "revised"),
    ("Tanggal Efektif", "effective"),
    ("Disahkan oleh", "approved_by"),
    ("Pemerintah", "regency_name"),
    ("Unit", "unit_name"),
    ("Sumber", "source"),
)
START_ROLES_LABEL = "Peran yang boleh memulai"
IDENTITY_LISTS: tuple[tuple[str, str], ...] = (
    ("Dasar Hukum", "legal_basis"),
    ("Kualifikasi Pelaksana", "qualifications"),
    ("Keterkaitan", "related"),
    ("Peralatan/Perlengkapan", "equipment"),
    ("Peringatan", "warnings"),
    ("Pencatatan dan Pendataan", "records"),
)
REQUIRED_IDENTITY = ("Kode", "Nama SOP")

# "Pelaksana"
COL_KEY = "Kunci"
COL_LABEL = "Judul kolom"
COL_ROLE = "Peran"
COL_UNIT = "Unit"  # optional (files written before lanes named units): the office's unit code
COL_UNIT_KIND = "Jenis unit"  # optional: SEKSI, SEKRETARIAT, … (a holder in any unit of that kind)
COL_UNIT_HINT = "Petunjuk unit"  # optional: words of the unit's name, used when a template is adopted
ACTOR_COLUMNS: tuple[tuple[str, int], ...] = (
    (COL_KEY, 18),
    (COL_LABEL, 32),
    (COL_ROLE, 26),
    (COL_UNIT, 22),
    (COL_UNIT_KIND, 14),
    (COL_UNIT_HINT, 22),
)
OPTIONAL_ACTOR_COLUMNS = (COL_UNIT, COL_UNIT_KIND, COL_UNIT_HINT)

# "Langkah"
COL_ORDER = "Urutan"
COL_NUMBER = "Nomor"
COL_ACTIVITY = "Kegiatan"
COL_ACTOR = "Pelaksana"
COL_INPUTS = "Kelengkapan"
COL_TIME = "Waktu"
COL_OUTPUT = "Output"
COL_NOTE = "Keterangan"
COL_KIND = "Jenis"
COL_APPROVE = "Jika disetujui ke"
COL_RETURN = "Jika dikembalikan ke"
COL_INFERRED = "Pelaksana disimpulkan"
COL_ACTION = "Aksi program"  # optional: files written before it existed have no such column
COL_TRACK = "Jalur paralel"  # optional: steps side by side with others (sop.flow)
STEP_COLUMNS: tuple[tuple[str, int], ...] = (
    (COL_ORDER, 8),
    (COL_NUMBER, 8),
    (COL_ACTIVITY, 48),
    (COL_ACTOR, 16),
    (COL_INPUTS, 32),
    (COL_TIME, 12),
    (COL_OUTPUT, 30),
    (COL_NOTE, 24),
    (COL_KIND, 13),
    (COL_APPROVE, 11),
    (COL_RETURN, 13),
    (COL_INFERRED, 12),
    (COL_ACTION, 14),
    (COL_TRACK, 14),
)
OPTIONAL_STEP_COLUMNS = (COL_ACTION, COL_TRACK)

KIND_WORDS = {StepKind.PROCESS: "PROSES", StepKind.DECISION: "KEPUTUSAN"}
