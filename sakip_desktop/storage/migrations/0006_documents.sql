-- Schema version 6: LKj narrative sections, the register of printed documents, the outgoing letter register.
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE lkj_section (
	id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	"key" VARCHAR(60) NOT NULL, 
	text TEXT NOT NULL, 
	updated_by VARCHAR(250) NOT NULL, 
	updated_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (year, "key")
);
CREATE TABLE document_record (
	id INTEGER NOT NULL, 
	kind VARCHAR(30) NOT NULL, 
	subject_key VARCHAR(120) NOT NULL, 
	title VARCHAR(300) NOT NULL, 
	year INTEGER NOT NULL, 
	quarter INTEGER, 
	version INTEGER NOT NULL, 
	data_hash VARCHAR(64) NOT NULL, 
	file_sha256 VARCHAR(64) NOT NULL, 
	pages INTEGER NOT NULL, 
	paper VARCHAR(10) NOT NULL, 
	generated_by VARCHAR(250) NOT NULL, 
	generated_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE outgoing_letter (
	id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	seq INTEGER NOT NULL, 
	agenda_number VARCHAR(120) NOT NULL, 
	letter_date DATE NOT NULL, 
	recipient VARCHAR(250) NOT NULL, 
	subject TEXT NOT NULL, 
	attachment VARCHAR(250) NOT NULL, 
	nature VARCHAR(20) NOT NULL, 
	copies_to TEXT NOT NULL, 
	document_record_id INTEGER, 
	created_by VARCHAR(250) NOT NULL, 
	created_at DATETIME NOT NULL, 
	sent_on DATE, 
	proof_filename VARCHAR(250) NOT NULL, 
	proof_sha256 VARCHAR(64) NOT NULL, 
	proof_data BLOB, 
	proof_added_by VARCHAR(250) NOT NULL, 
	proof_added_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (year, seq), 
	FOREIGN KEY(document_record_id) REFERENCES document_record (id) ON DELETE SET NULL
);
