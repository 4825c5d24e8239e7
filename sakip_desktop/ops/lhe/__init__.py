"""The LHE (Laporan Hasil Evaluasi AKIP) received from the Inspektorat or KemenPAN-RB, its rekomendasi and their
follow-up (the TL LHE matrix): `rules` (evaluators, predikat), `edit` (the writes), `views` (the screen's and the
matrix's reads), `reads` (what the LKE reads of it). The rencana aksi tindak lanjut of a rekomendasi is a tindak
lanjut of `ops.monitoring.follow_ups`, followed up as those of the evaluation meetings."""
