"""The kabupaten's consolidation of its kecamatan (issue 17): importing their verified backups into PostgreSQL
(`importing.py`) and comparing them side by side (`comparison.py`, `export.py`)."""
