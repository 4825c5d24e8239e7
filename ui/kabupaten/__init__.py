"""The kabupaten's screens (issue 17): the comparison of its kecamatan (`window.py`), the import of their backups
(`import_dialog.py`) and one kecamatan's own screens, read-only (`drill.py`)."""
