"""The "Paket Kabupaten" tool: the checklist of what the kabupaten expects, its statuses and history, the office's
list of expected documents, the lembar salin, and "Siapkan paket…" onto a flash drive."""
