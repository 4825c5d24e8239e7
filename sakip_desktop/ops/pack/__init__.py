"""The submission pack to the kabupaten ("Paket kirim ke Kabupaten", issue 15 §2): the office's list of expected
documents (`due`), the checklist per year and quarter with its statuses (`checklist`), their writes (`edit`)."""
