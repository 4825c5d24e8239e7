-- Schema version 15: the LHE (Laporan Hasil Evaluasi AKIP of the Inspektorat or KemenPAN-RB) with its rekomendasi
-- (issue 16 §3); a tindak lanjut can now belong to an LHE rekomendasi (its rencana aksi tindak lanjut), followed up
-- by the same engine as those of the evaluation meetings.
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE lhe (
	id INTEGER NOT NULL,
	evaluator VARCHAR(12) NOT NULL,
	number VARCHAR(120) NOT NULL,
	letter_date DATE NOT NULL,
	year INTEGER NOT NULL,
	score VARCHAR(40) NOT NULL,
	predikat VARCHAR(2) NOT NULL,
	note TEXT NOT NULL,
	reviewed_by VARCHAR(250) NOT NULL,
	reviewed_at DATETIME,
	created_by VARCHAR(250) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_by VARCHAR(250) NOT NULL,
	updated_at DATETIME,
	PRIMARY KEY (id),
	UNIQUE (evaluator, year)
);
CREATE TABLE lhe_recommendation (
	id INTEGER NOT NULL,
	lhe_id INTEGER NOT NULL,
	sort_order INTEGER NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(lhe_id) REFERENCES lhe (id) ON DELETE CASCADE
);
CREATE INDEX ix_lhe_recommendation_lhe_id ON lhe_recommendation (lhe_id);
ALTER TABLE follow_up ADD COLUMN lhe_recommendation_id INTEGER REFERENCES lhe_recommendation (id) ON DELETE RESTRICT;
CREATE INDEX ix_follow_up_lhe_recommendation_id ON follow_up (lhe_recommendation_id);
