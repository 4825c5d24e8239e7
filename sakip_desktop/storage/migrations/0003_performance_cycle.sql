-- Schema version 3: the realisasi narrative, manual capaian, the verification/approval trail,
-- bukti dukung files, revisions of approved values, and the Sekretaris's verification checklist.
-- Released migrations are never edited; add a new numbered file instead.
ALTER TABLE realisation ADD COLUMN supporting_factors TEXT DEFAULT '' NOT NULL;
ALTER TABLE realisation ADD COLUMN inhibiting_factors TEXT DEFAULT '' NOT NULL;
ALTER TABLE realisation ADD COLUMN follow_up TEXT DEFAULT '' NOT NULL;
ALTER TABLE realisation ADD COLUMN manual_achievement VARCHAR(40);
ALTER TABLE realisation ADD COLUMN manual_justification TEXT DEFAULT '' NOT NULL;
ALTER TABLE realisation ADD COLUMN return_reason TEXT DEFAULT '' NOT NULL;
ALTER TABLE realisation ADD COLUMN submitted_at DATETIME;
ALTER TABLE realisation ADD COLUMN submitted_by VARCHAR(250) DEFAULT '' NOT NULL;
ALTER TABLE realisation ADD COLUMN verified_at DATETIME;
ALTER TABLE realisation ADD COLUMN verified_by VARCHAR(250) DEFAULT '' NOT NULL;
ALTER TABLE realisation ADD COLUMN approved_at DATETIME;
ALTER TABLE realisation ADD COLUMN approved_by VARCHAR(250) DEFAULT '' NOT NULL;
CREATE TABLE realisation_evidence (
	id INTEGER NOT NULL, 
	realisation_id INTEGER NOT NULL, 
	filename VARCHAR(250) NOT NULL, 
	size INTEGER NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	data BLOB NOT NULL, 
	added_by VARCHAR(250) NOT NULL, 
	added_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(realisation_id) REFERENCES realisation (id) ON DELETE CASCADE
);
CREATE INDEX ix_realisation_evidence_realisation_id ON realisation_evidence (realisation_id);
CREATE TABLE realisation_revision (
	id INTEGER NOT NULL, 
	realisation_id INTEGER NOT NULL, 
	old_value VARCHAR(40), 
	new_value VARCHAR(40), 
	reason TEXT NOT NULL, 
	revised_by VARCHAR(250) NOT NULL, 
	revised_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(realisation_id) REFERENCES realisation (id) ON DELETE CASCADE
);
CREATE INDEX ix_realisation_revision_realisation_id ON realisation_revision (realisation_id);
CREATE TABLE verification_check (
	id INTEGER NOT NULL, 
	realisation_id INTEGER NOT NULL, 
	evidence_ok BOOLEAN NOT NULL, 
	plausible BOOLEAN NOT NULL, 
	narrative_ok BOOLEAN NOT NULL, 
	note TEXT NOT NULL, 
	checked_by VARCHAR(250) NOT NULL, 
	checked_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (realisation_id), 
	FOREIGN KEY(realisation_id) REFERENCES realisation (id) ON DELETE CASCADE
);
