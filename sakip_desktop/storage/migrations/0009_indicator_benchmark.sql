-- Schema version 9: an indicator may carry the benchmark the office compares it with ("standar nasional", SPM,
-- the kabupaten's mean, ...), printed in the LKj's analysis 4 (regulations.md §1.3, §1.5 III.A-4); empty: none.
-- Released migrations are never edited; add a new numbered file instead.
ALTER TABLE indicator ADD COLUMN benchmark TEXT NOT NULL DEFAULT '';
