"""The names a Format Isian workbook uses: its column headings, the hidden "_format" sheet's labels, its office.

Shared by writing (`write.py`), reading (`read.py`) and applying (`preview.py`) a workbook, so that none of
them imports another for a name.
"""

from __future__ import annotations

from sakip_desktop.ops.org.office import get_profile
from sakip_desktop.storage.database import Database

COL_NO = "No"
COL_CODE = "Kode"
COL_OBJECTIVE = "Sasaran"
COL_INDICATOR = "Indikator"
COL_UNIT = "Satuan"
COL_QTARGET = "Target TW"
COL_YTARGET = "Target tahun"
COL_VALUE = "Realisasi TW"
COL_SUPPORTING = "Faktor pendukung"
COL_INHIBITING = "Faktor penghambat"
COL_FOLLOW_UP = "Upaya/tindak lanjut"
COL_MANUAL = "Capaian manual"
COL_JUSTIFICATION = "Justifikasi"
COL_STATUS = "Status"
COL_RETURN = "Alasan dikembalikan"

# The Format Isian column of each field of a `RealisationInput`.
FIELD_COLUMNS = {
    "value": COL_VALUE,
    "supporting": COL_SUPPORTING,
    "inhibiting": COL_INHIBITING,
    "follow_up": COL_FOLLOW_UP,
    "manual_achievement": COL_MANUAL,
    "manual_justification": COL_JUSTIFICATION,
}

FORMAT_NAME = "SAKIP-ISIAN"
FORMAT_VERSION = 1
SHEET_FORMAT = "_format"

# "_format": label in column A, value in column B; then the table of rows.
LABEL_OFFICE = "Kantor"
LABEL_YEAR = "Tahun"
LABEL_QUARTER = "Triwulan"
LABEL_UNITS = "Unit"
MAP_SHEET, MAP_UNIT, MAP_ROW, MAP_INDICATOR, MAP_REALISATION = (
    "Lembar",
    "Kode unit",
    "Baris",
    "ID indikator",
    "ID realisasi",
)


def office_title(db: Database) -> str:
    """'Kecamatan Contoh, Kabupaten Contoh': how a file names the office it belongs to."""
    profile = get_profile(db)
    return f"{profile.office_title}, {profile.regency_title}"
