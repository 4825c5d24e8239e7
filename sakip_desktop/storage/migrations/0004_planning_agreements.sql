-- Schema version 4: qualitative scales (and the indicator's scale), Perjanjian Kinerja versions with their targets and budget lines.
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE qualitative_scale (
	id INTEGER NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	description TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE qualitative_level (
	id INTEGER NOT NULL, 
	scale_id INTEGER NOT NULL, 
	rank INTEGER NOT NULL, 
	label VARCHAR(60) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (scale_id, rank), 
	UNIQUE (scale_id, label), 
	FOREIGN KEY(scale_id) REFERENCES qualitative_scale (id) ON DELETE CASCADE
);
CREATE TABLE performance_agreement (
	id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	unit_id INTEGER, 
	version INTEGER NOT NULL, 
	kind VARCHAR(12) NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	reason_code VARCHAR(20) NOT NULL, 
	reason TEXT NOT NULL, 
	document_number VARCHAR(120) NOT NULL, 
	first_party_person_id INTEGER, 
	first_party_name VARCHAR(250) NOT NULL, 
	first_party_title VARCHAR(250) NOT NULL, 
	first_party_rank VARCHAR(120) NOT NULL, 
	first_party_nip VARCHAR(30) NOT NULL, 
	second_party_person_id INTEGER, 
	second_party_name VARCHAR(250) NOT NULL, 
	second_party_title VARCHAR(250) NOT NULL, 
	second_party_rank VARCHAR(120) NOT NULL, 
	second_party_nip VARCHAR(30) NOT NULL, 
	statement_text TEXT NOT NULL, 
	place VARCHAR(120) NOT NULL, 
	signed_on DATE, 
	created_by VARCHAR(250) NOT NULL, 
	created_at DATETIME NOT NULL, 
	finalised_by VARCHAR(250) NOT NULL, 
	finalised_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(unit_id) REFERENCES unit (id) ON DELETE RESTRICT, 
	FOREIGN KEY(first_party_person_id) REFERENCES person (id) ON DELETE SET NULL, 
	FOREIGN KEY(second_party_person_id) REFERENCES person (id) ON DELETE SET NULL
);
CREATE TABLE agreement_target (
	id INTEGER NOT NULL, 
	agreement_id INTEGER NOT NULL, 
	indicator_id INTEGER NOT NULL, 
	value VARCHAR(40) NOT NULL, 
	value_high VARCHAR(40), 
	sort_order INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (agreement_id, indicator_id), 
	FOREIGN KEY(agreement_id) REFERENCES performance_agreement (id) ON DELETE CASCADE, 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id) ON DELETE RESTRICT
);
CREATE TABLE agreement_budget (
	id INTEGER NOT NULL, 
	agreement_id INTEGER NOT NULL, 
	code VARCHAR(40) NOT NULL, 
	name TEXT NOT NULL, 
	amount BIGINT NOT NULL, 
	note VARCHAR(250) NOT NULL, 
	sort_order INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agreement_id) REFERENCES performance_agreement (id) ON DELETE CASCADE
);
ALTER TABLE indicator ADD COLUMN scale_id INTEGER REFERENCES qualitative_scale (id) ON DELETE RESTRICT;
