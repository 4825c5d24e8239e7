-- Schema version 5: pemantauan (telaah, rekomendasi) and evaluasi (meetings, participants, discussion, tindak lanjut with bukti).
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE monitoring_review (
	id INTEGER NOT NULL, 
	indicator_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	quarter INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	reviewed_by VARCHAR(250) NOT NULL, 
	reviewed_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (indicator_id, year, quarter), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id) ON DELETE CASCADE
);
CREATE TABLE recommendation (
	id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	quarter INTEGER NOT NULL, 
	indicator_id INTEGER, 
	text TEXT NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	written_by VARCHAR(250) NOT NULL, 
	written_at DATETIME NOT NULL, 
	decided_by VARCHAR(250) NOT NULL, 
	decided_at DATETIME, 
	decision_note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id) ON DELETE SET NULL
);
CREATE TABLE evaluation_meeting (
	id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	period_kind VARCHAR(10) NOT NULL, 
	period_no INTEGER NOT NULL, 
	held_on DATE NOT NULL, 
	time_text VARCHAR(60) NOT NULL, 
	place VARCHAR(250) NOT NULL, 
	basis TEXT NOT NULL, 
	summary TEXT NOT NULL, 
	chair_person_id INTEGER, 
	note_taker_person_id INTEGER, 
	status VARCHAR(12) NOT NULL, 
	created_by VARCHAR(250) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(chair_person_id) REFERENCES person (id) ON DELETE SET NULL, 
	FOREIGN KEY(note_taker_person_id) REFERENCES person (id) ON DELETE SET NULL
);
CREATE TABLE meeting_participant (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	person_id INTEGER, 
	name VARCHAR(250) NOT NULL, 
	title VARCHAR(250) NOT NULL, 
	present BOOLEAN NOT NULL, 
	sort_order INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(meeting_id) REFERENCES evaluation_meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(person_id) REFERENCES person (id) ON DELETE SET NULL
);
CREATE INDEX ix_meeting_participant_meeting_id ON meeting_participant (meeting_id);
CREATE TABLE meeting_discussion (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	indicator_id INTEGER NOT NULL, 
	discussion TEXT NOT NULL, 
	problems TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (meeting_id, indicator_id), 
	FOREIGN KEY(meeting_id) REFERENCES evaluation_meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id) ON DELETE CASCADE
);
CREATE TABLE follow_up (
	id INTEGER NOT NULL, 
	meeting_id INTEGER, 
	recommendation_id INTEGER, 
	indicator_id INTEGER, 
	action TEXT NOT NULL, 
	responsible_person_id INTEGER NOT NULL, 
	due_on DATE NOT NULL, 
	status VARCHAR(12) NOT NULL, 
	progress INTEGER NOT NULL, 
	progress_note TEXT NOT NULL, 
	done_at DATETIME, 
	created_by VARCHAR(250) NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_by VARCHAR(250) NOT NULL, 
	updated_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(meeting_id) REFERENCES evaluation_meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(recommendation_id) REFERENCES recommendation (id) ON DELETE SET NULL, 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id) ON DELETE SET NULL, 
	FOREIGN KEY(responsible_person_id) REFERENCES person (id) ON DELETE RESTRICT
);
CREATE INDEX ix_follow_up_meeting_id ON follow_up (meeting_id);
CREATE INDEX ix_follow_up_responsible_person_id ON follow_up (responsible_person_id);
CREATE TABLE follow_up_evidence (
	id INTEGER NOT NULL, 
	follow_up_id INTEGER NOT NULL, 
	filename VARCHAR(250) NOT NULL, 
	size INTEGER NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	data BLOB NOT NULL, 
	added_by VARCHAR(250) NOT NULL, 
	added_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(follow_up_id) REFERENCES follow_up (id) ON DELETE CASCADE
);
CREATE INDEX ix_follow_up_evidence_follow_up_id ON follow_up_evidence (follow_up_id);
