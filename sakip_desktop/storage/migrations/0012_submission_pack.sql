-- Schema version 12: the submission pack to the kabupaten (issue 15 §2). The office's list of what the kabupaten
-- expects (ESR type, period, deadline), each item's status per year or quarter with the verifikator's note, and
-- the files attached to an item (a scanned signed page, a DPA from the kabupaten).
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE pack_item_type (
	id INTEGER NOT NULL,
	code VARCHAR(40) NOT NULL,
	title VARCHAR(200) NOT NULL,
	esr_type VARCHAR(80) NOT NULL,
	source_kind VARCHAR(30) NOT NULL,
	per_quarter BOOLEAN NOT NULL,
	due_months INTEGER NOT NULL,
	due_day INTEGER NOT NULL,
	required BOOLEAN NOT NULL,
	sort_order INTEGER NOT NULL,
	active BOOLEAN NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (code)
);
CREATE TABLE pack_item (
	id INTEGER NOT NULL,
	type_id INTEGER NOT NULL,
	year INTEGER NOT NULL,
	quarter INTEGER NOT NULL,
	status VARCHAR(12) NOT NULL,
	uploaded_on DATE,
	note TEXT NOT NULL,
	updated_by VARCHAR(250) NOT NULL,
	updated_at DATETIME,
	PRIMARY KEY (id),
	UNIQUE (type_id, year, quarter),
	FOREIGN KEY(type_id) REFERENCES pack_item_type (id) ON DELETE CASCADE
);
CREATE TABLE pack_file (
	id INTEGER NOT NULL,
	item_id INTEGER NOT NULL,
	filename VARCHAR(250) NOT NULL,
	size INTEGER NOT NULL,
	sha256 VARCHAR(64) NOT NULL,
	data BLOB NOT NULL,
	added_by VARCHAR(250) NOT NULL,
	added_at DATETIME NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(item_id) REFERENCES pack_item (id) ON DELETE CASCADE
);
