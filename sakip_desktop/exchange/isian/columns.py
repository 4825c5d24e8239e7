"""The column headings of the Format Isian workbook.

Kept apart from `isian_xlsx.py` so that applying a workbook (`isian_preview.py`) can name a column in its
messages without importing the workbook code that imports it back.
"""

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
