-- Schema version 7: data safety. A person must change a password set by someone else at the next login.
-- Released migrations are never edited; add a new numbered file instead.
ALTER TABLE account ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT 0;
-- Role, admin-flag, acting (Plt./Plh.) and password-reset changes, kept until a Camat has acknowledged them
-- ("Menunggu Anda"), so no one can quietly give himself or another a role.
CREATE TABLE role_change (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	by_account_id INTEGER, 
	by_name VARCHAR(250) NOT NULL, 
	person_id INTEGER, 
	person_name VARCHAR(250) NOT NULL, 
	description TEXT NOT NULL, 
	acknowledged_at DATETIME, 
	acknowledged_by VARCHAR(250) DEFAULT '' NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(by_account_id) REFERENCES account (id) ON DELETE SET NULL, 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE SET NULL
);
CREATE INDEX ix_role_change_acknowledged_at ON role_change (acknowledged_at);
-- The audit trail as a hash chain (storage/audit_chain.py): each entry carries the chain hash of the entry before
-- it and its own, over its content; `record_hash` seals the content of an approved or signed record
-- (storage/record_seals.py). Entries written before this version are chained by the Python part of this step.
ALTER TABLE audit_entry ADD COLUMN record_hash VARCHAR(64);
ALTER TABLE audit_entry ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_entry ADD COLUMN chain_hash VARCHAR(64);
CREATE INDEX ix_audit_entry_sealed ON audit_entry (entity, entity_id) WHERE record_hash IS NOT NULL;
