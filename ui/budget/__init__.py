"""Programs, kegiatan and sub kegiatan with pagu and realisasi anggaran; the planning workbook."""
