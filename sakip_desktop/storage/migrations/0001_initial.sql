-- Schema version 1: the foundation (office, people, accounts, Renstra, targets, realisasi, budget, audit).
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE meta (
	"key" VARCHAR(80) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE office (
	id INTEGER NOT NULL, 
	regency_kind VARCHAR(20) NOT NULL, 
	regency_name VARCHAR(100) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	province VARCHAR(100) NOT NULL, 
	address VARCHAR(200) NOT NULL, 
	village VARCHAR(100) NOT NULL, 
	postal_code VARCHAR(10) NOT NULL, 
	phone VARCHAR(50) NOT NULL, 
	fax VARCHAR(50) NOT NULL, 
	email VARCHAR(100) NOT NULL, 
	website VARCHAR(200) NOT NULL, 
	signing_place VARCHAR(100) NOT NULL, 
	logo BLOB, 
	logo_filename VARCHAR(200) NOT NULL, 
	is_demo BOOLEAN NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE setting (
	"key" VARCHAR(80) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE strategic_plan (
	id INTEGER NOT NULL, 
	name VARCHAR(250) NOT NULL, 
	start_year INTEGER NOT NULL, 
	end_year INTEGER NOT NULL, 
	vision TEXT NOT NULL, 
	mission TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE unit (
	id INTEGER NOT NULL, 
	code VARCHAR(40) NOT NULL, 
	name VARCHAR(150) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	parent_id INTEGER, 
	sort_order INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (code), 
	FOREIGN KEY(parent_id) REFERENCES unit (id) ON DELETE RESTRICT
);
CREATE TABLE goal (
	id INTEGER NOT NULL, 
	plan_id INTEGER NOT NULL, 
	code VARCHAR(20) NOT NULL, 
	statement TEXT NOT NULL, 
	sort_order INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(plan_id) REFERENCES strategic_plan (id) ON DELETE CASCADE
);
CREATE TABLE person (
	id INTEGER NOT NULL, 
	front_title VARCHAR(50) NOT NULL, 
	name VARCHAR(150) NOT NULL, 
	back_title VARCHAR(80) NOT NULL, 
	employment VARCHAR(10) NOT NULL, 
	nip VARCHAR(18) NOT NULL, 
	grade VARCHAR(8) NOT NULL, 
	position VARCHAR(200) NOT NULL, 
	unit_id INTEGER, 
	active_from DATE NOT NULL, 
	active_to DATE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(unit_id) REFERENCES unit (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_person_nip_unique ON person (nip) WHERE nip <> '';
CREATE TABLE account (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	username VARCHAR(50) NOT NULL, 
	password_hash VARCHAR(300) NOT NULL, 
	is_admin BOOLEAN NOT NULL, 
	failed_attempts INTEGER NOT NULL, 
	locked_until DATETIME, 
	last_login_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (person_id), 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE, 
	UNIQUE (username)
);
CREATE TABLE acting_assignment (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	kind VARCHAR(5) NOT NULL, 
	role VARCHAR(30) NOT NULL, 
	unit_id INTEGER, 
	position VARCHAR(200) NOT NULL, 
	start DATE NOT NULL, 
	"end" DATE, 
	decree TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE, 
	FOREIGN KEY(unit_id) REFERENCES unit (id) ON DELETE RESTRICT
);
CREATE TABLE objective (
	id INTEGER NOT NULL, 
	goal_id INTEGER NOT NULL, 
	code VARCHAR(20) NOT NULL, 
	statement TEXT NOT NULL, 
	sort_order INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
);
CREATE TABLE role_assignment (
	id INTEGER NOT NULL, 
	person_id INTEGER NOT NULL, 
	role VARCHAR(30) NOT NULL, 
	unit_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (person_id, role, unit_id), 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE CASCADE, 
	FOREIGN KEY(unit_id) REFERENCES unit (id) ON DELETE RESTRICT
);
CREATE TABLE audit_entry (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	account_id INTEGER, 
	actor_name VARCHAR(250) NOT NULL, 
	operation VARCHAR(100) NOT NULL, 
	entity VARCHAR(50) NOT NULL, 
	entity_id INTEGER, 
	old TEXT, 
	new TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE SET NULL
);
CREATE INDEX ix_audit_entry_at ON audit_entry (at);
CREATE TABLE indicator (
	id INTEGER NOT NULL, 
	objective_id INTEGER NOT NULL, 
	code VARCHAR(20) NOT NULL, 
	name TEXT NOT NULL, 
	unit VARCHAR(40) NOT NULL, 
	polarity VARCHAR(10) NOT NULL, 
	aggregation VARCHAR(12) NOT NULL, 
	definition TEXT NOT NULL, 
	formula TEXT NOT NULL, 
	data_source TEXT NOT NULL, 
	responsible_unit_id INTEGER, 
	is_key BOOLEAN NOT NULL, 
	baseline VARCHAR(40), 
	sort_order INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(objective_id) REFERENCES objective (id) ON DELETE CASCADE, 
	UNIQUE (code), 
	FOREIGN KEY(responsible_unit_id) REFERENCES unit (id) ON DELETE RESTRICT
);
CREATE TABLE program (
	id INTEGER NOT NULL, 
	plan_id INTEGER NOT NULL, 
	code VARCHAR(40) NOT NULL, 
	name TEXT NOT NULL, 
	objective_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(plan_id) REFERENCES strategic_plan (id) ON DELETE CASCADE, 
	UNIQUE (code), 
	FOREIGN KEY(objective_id) REFERENCES objective (id) ON DELETE SET NULL
);
CREATE TABLE activity (
	id INTEGER NOT NULL, 
	program_id INTEGER NOT NULL, 
	code VARCHAR(40) NOT NULL, 
	name TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(program_id) REFERENCES program (id) ON DELETE CASCADE, 
	UNIQUE (code)
);
CREATE TABLE realisation (
	id INTEGER NOT NULL, 
	indicator_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	quarter INTEGER NOT NULL, 
	value VARCHAR(40), 
	status VARCHAR(12) NOT NULL, 
	entered_by_id INTEGER, 
	entered_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (indicator_id, year, quarter), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id) ON DELETE CASCADE, 
	FOREIGN KEY(entered_by_id) REFERENCES person (id) ON DELETE SET NULL
);
CREATE TABLE renstra_target (
	id INTEGER NOT NULL, 
	indicator_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	value VARCHAR(40) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (indicator_id, year), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id) ON DELETE CASCADE
);
CREATE TABLE yearly_target (
	id INTEGER NOT NULL, 
	indicator_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	value VARCHAR(40) NOT NULL, 
	value_high VARCHAR(40), 
	PRIMARY KEY (id), 
	UNIQUE (indicator_id, year), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id) ON DELETE CASCADE
);
CREATE TABLE quarterly_target (
	id INTEGER NOT NULL, 
	yearly_target_id INTEGER NOT NULL, 
	quarter INTEGER NOT NULL, 
	value VARCHAR(40) NOT NULL, 
	value_high VARCHAR(40), 
	PRIMARY KEY (id), 
	UNIQUE (yearly_target_id, quarter), 
	FOREIGN KEY(yearly_target_id) REFERENCES yearly_target (id) ON DELETE CASCADE
);
CREATE TABLE sub_activity (
	id INTEGER NOT NULL, 
	activity_id INTEGER NOT NULL, 
	code VARCHAR(40) NOT NULL, 
	name TEXT NOT NULL, 
	unit_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(activity_id) REFERENCES activity (id) ON DELETE CASCADE, 
	UNIQUE (code), 
	FOREIGN KEY(unit_id) REFERENCES unit (id) ON DELETE RESTRICT
);
CREATE TABLE budget (
	id INTEGER NOT NULL, 
	sub_activity_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	ceiling BIGINT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (sub_activity_id, year), 
	FOREIGN KEY(sub_activity_id) REFERENCES sub_activity (id) ON DELETE CASCADE
);
CREATE TABLE budget_spending (
	id INTEGER NOT NULL, 
	budget_id INTEGER NOT NULL, 
	quarter INTEGER NOT NULL, 
	amount BIGINT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (budget_id, quarter), 
	FOREIGN KEY(budget_id) REFERENCES budget (id) ON DELETE CASCADE
);
