-- Schema version 11: the narrative rows of Formulir E.81 per quarter (faktor pendorong, faktor penghambat, tindak
-- lanjut for the next quarter and for the next Renja), as the office reviewed and saved them (regulations.md §3.3).
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE e81_note (
	id INTEGER NOT NULL,
	year INTEGER NOT NULL,
	quarter INTEGER NOT NULL,
	"key" VARCHAR(30) NOT NULL,
	text TEXT NOT NULL,
	updated_by VARCHAR(250) NOT NULL,
	updated_at DATETIME,
	PRIMARY KEY (id),
	UNIQUE (year, quarter, "key")
);
