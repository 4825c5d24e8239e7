"""'Dokumen': the official documents (PK, pengukuran, laporan triwulan, berita acara, surat pengantar, LKj) with
preview, printing and saving, the register of generated documents and the outgoing-letter register."""
