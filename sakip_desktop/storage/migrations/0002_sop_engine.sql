-- Schema version 2: SOPs, their versions and runs (step visits, checklist ticks, pauses), office days off.
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE office_day_off (
	id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (day)
);
CREATE TABLE sop (
	id INTEGER NOT NULL, 
	code VARCHAR(80) NOT NULL, 
	name TEXT NOT NULL, 
	template_code VARCHAR(80) NOT NULL, 
	active BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (code)
);
CREATE TABLE sop_version (
	id INTEGER NOT NULL, 
	sop_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	definition TEXT NOT NULL, 
	note TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	created_by VARCHAR(250) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (sop_id, version), 
	FOREIGN KEY(sop_id) REFERENCES sop (id) ON DELETE CASCADE
);
CREATE TABLE sop_run (
	id INTEGER NOT NULL, 
	sop_version_id INTEGER NOT NULL, 
	title TEXT NOT NULL, 
	year INTEGER NOT NULL, 
	quarter INTEGER, 
	status VARCHAR(12) NOT NULL, 
	position INTEGER, 
	started_at DATETIME NOT NULL, 
	started_by_account_id INTEGER, 
	started_by VARCHAR(250) NOT NULL, 
	started_role VARCHAR(30) NOT NULL, 
	finished_at DATETIME, 
	cancel_reason TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(sop_version_id) REFERENCES sop_version (id) ON DELETE RESTRICT, 
	FOREIGN KEY(started_by_account_id) REFERENCES account (id) ON DELETE SET NULL
);
CREATE INDEX ix_sop_run_status ON sop_run (status);
CREATE TABLE sop_step_run (
	id INTEGER NOT NULL, 
	run_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	visit INTEGER NOT NULL, 
	role VARCHAR(30) NOT NULL, 
	started_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	finished_by VARCHAR(250) NOT NULL, 
	finished_by_account_id INTEGER, 
	outcome VARCHAR(12) NOT NULL, 
	reason TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(run_id) REFERENCES sop_run (id) ON DELETE CASCADE, 
	FOREIGN KEY(finished_by_account_id) REFERENCES account (id) ON DELETE SET NULL
);
CREATE INDEX ix_sop_step_run_role ON sop_step_run (role);
CREATE INDEX ix_sop_step_run_run_id ON sop_step_run (run_id);
CREATE TABLE sop_step_check (
	id INTEGER NOT NULL, 
	step_run_id INTEGER NOT NULL, 
	item INTEGER NOT NULL, 
	checked BOOLEAN NOT NULL, 
	checked_at DATETIME, 
	checked_by VARCHAR(250) NOT NULL, 
	link TEXT NOT NULL, 
	attachment_name VARCHAR(250) NOT NULL, 
	attachment BLOB, 
	attachment_sha256 VARCHAR(64) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (step_run_id, item), 
	FOREIGN KEY(step_run_id) REFERENCES sop_step_run (id) ON DELETE CASCADE
);
CREATE TABLE sop_pause (
	id INTEGER NOT NULL, 
	step_run_id INTEGER NOT NULL, 
	start DATETIME NOT NULL, 
	"end" DATETIME, 
	reason TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(step_run_id) REFERENCES sop_step_run (id) ON DELETE CASCADE
);
CREATE INDEX ix_sop_pause_step_run_id ON sop_pause (step_run_id);
