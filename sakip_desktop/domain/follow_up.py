"""The states of a tindak lanjut (follow-up of an evaluation or a rekomendasi) and how screens name them."""

from __future__ import annotations

OPEN, IN_PROGRESS, DONE = "OPEN", "IN_PROGRESS", "DONE"
STATUS_LABELS = {OPEN: "Belum dimulai", IN_PROGRESS: "Sedang dikerjakan", DONE: "Selesai"}
