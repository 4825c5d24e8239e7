"""Pemantauan and Evaluasi kinerja: the Tim's telaah, the Sekretaris's rekomendasi and the Camat's decision,
evaluation meetings with their tindak lanjut, and the tindak lanjut list of "Menunggu Anda"."""
