"""The realisasi cycle of one quarter: entry by the Kasi, verification by the Sekretaris, approval by the Camat."""
