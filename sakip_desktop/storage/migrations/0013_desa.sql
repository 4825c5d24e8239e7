-- Schema version 13: indicators over desa (issue 15 §3). The office keeps its desa and kelurahan (kode, nama,
-- jenis, kepala desa); an indicator may be counted over them (its criterion); its realisasi per quarter is entered
-- per desa (meets or not, a note, bukti dukung tagged with the desa) and kept as the exact fraction pembilang /
-- penyebut beside the percentage.
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE desa (
	id INTEGER NOT NULL,
	code VARCHAR(20) NOT NULL,
	name VARCHAR(100) NOT NULL,
	kind VARCHAR(10) NOT NULL,
	head_name VARCHAR(150) NOT NULL,
	sort_order INTEGER NOT NULL,
	active BOOLEAN NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (code)
);
CREATE TABLE desa_realisation (
	id INTEGER NOT NULL,
	realisation_id INTEGER NOT NULL,
	desa_id INTEGER NOT NULL,
	meets BOOLEAN NOT NULL,
	note TEXT NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (realisation_id, desa_id),
	FOREIGN KEY(realisation_id) REFERENCES realisation (id) ON DELETE CASCADE,
	FOREIGN KEY(desa_id) REFERENCES desa (id) ON DELETE RESTRICT
);
CREATE INDEX ix_desa_realisation_realisation_id ON desa_realisation (realisation_id);
ALTER TABLE indicator ADD COLUMN over_desa BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE indicator ADD COLUMN desa_criterion TEXT NOT NULL DEFAULT '';
ALTER TABLE realisation ADD COLUMN desa_met INTEGER;
ALTER TABLE realisation ADD COLUMN desa_counted INTEGER;
ALTER TABLE realisation_evidence ADD COLUMN desa_id INTEGER REFERENCES desa (id) ON DELETE SET NULL;
