-- Schema version 8: a final evaluation meeting's berita acara takes its number from the outgoing register
-- (ops/monitoring/minutes.py); the meeting keeps the register entry it took.
-- Released migrations are never edited; add a new numbered file instead.
ALTER TABLE evaluation_meeting ADD COLUMN minutes_letter_id INTEGER REFERENCES outgoing_letter (id) ON DELETE SET NULL;
