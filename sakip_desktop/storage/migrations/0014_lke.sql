-- Schema version 14: the Lembar Kerja Evaluasi (LKE) of SAKIP (issue 16 §1-2). Templates as data (components and
-- sub-components with their weights, criteria with the evidence they ask for, the answer scale, the predikat bands),
-- and each year's self-assessment of the office: an answer per criterion (the program's proposal accepted, or
-- overridden with a reason), a justification and the evidence linked to it.
-- Released migrations are never edited; add a new numbered file instead.
CREATE TABLE lke_template (
	id INTEGER NOT NULL,
	code VARCHAR(40) NOT NULL,
	name VARCHAR(300) NOT NULL,
	basis TEXT NOT NULL,
	format_version INTEGER NOT NULL,
	lower_exclusive BOOLEAN NOT NULL,
	created_by VARCHAR(250) NOT NULL,
	created_at DATETIME NOT NULL,
	CONSTRAINT pk_lke_template PRIMARY KEY (id),
	CONSTRAINT uq_lke_template_code UNIQUE (code)
);
CREATE TABLE lke_component (
	id INTEGER NOT NULL,
	template_id INTEGER NOT NULL,
	parent_id INTEGER,
	code VARCHAR(20) NOT NULL,
	name VARCHAR(250) NOT NULL,
	weight VARCHAR(40) NOT NULL,
	sort_order INTEGER NOT NULL,
	CONSTRAINT pk_lke_component PRIMARY KEY (id),
	CONSTRAINT fk_lke_component_template_id_lke_template FOREIGN KEY(template_id) REFERENCES lke_template (id) ON DELETE CASCADE,
	CONSTRAINT fk_lke_component_parent_id_lke_component FOREIGN KEY(parent_id) REFERENCES lke_component (id) ON DELETE CASCADE
);
CREATE INDEX ix_lke_component_template_id ON lke_component (template_id);
CREATE TABLE lke_criterion (
	id INTEGER NOT NULL,
	component_id INTEGER NOT NULL,
	code VARCHAR(20) NOT NULL,
	text TEXT NOT NULL,
	evidence TEXT NOT NULL,
	answer_kind VARCHAR(10) NOT NULL,
	sort_order INTEGER NOT NULL,
	CONSTRAINT pk_lke_criterion PRIMARY KEY (id),
	CONSTRAINT fk_lke_criterion_component_id_lke_component FOREIGN KEY(component_id) REFERENCES lke_component (id) ON DELETE CASCADE
);
CREATE INDEX ix_lke_criterion_component_id ON lke_criterion (component_id);
CREATE TABLE lke_scale (
	id INTEGER NOT NULL,
	template_id INTEGER NOT NULL,
	answer_kind VARCHAR(10) NOT NULL,
	code VARCHAR(4) NOT NULL,
	value VARCHAR(40) NOT NULL,
	label VARCHAR(250) NOT NULL,
	sort_order INTEGER NOT NULL,
	CONSTRAINT pk_lke_scale PRIMARY KEY (id),
	CONSTRAINT fk_lke_scale_template_id_lke_template FOREIGN KEY(template_id) REFERENCES lke_template (id) ON DELETE CASCADE
);
CREATE INDEX ix_lke_scale_template_id ON lke_scale (template_id);
CREATE TABLE lke_predikat (
	id INTEGER NOT NULL,
	template_id INTEGER NOT NULL,
	code VARCHAR(4) NOT NULL,
	minimum VARCHAR(40) NOT NULL,
	label VARCHAR(120) NOT NULL,
	interpretation TEXT NOT NULL,
	sort_order INTEGER NOT NULL,
	CONSTRAINT pk_lke_predikat PRIMARY KEY (id),
	CONSTRAINT fk_lke_predikat_template_id_lke_template FOREIGN KEY(template_id) REFERENCES lke_template (id) ON DELETE CASCADE
);
CREATE INDEX ix_lke_predikat_template_id ON lke_predikat (template_id);
CREATE TABLE lke_assessment (
	id INTEGER NOT NULL,
	year INTEGER NOT NULL,
	template_id INTEGER NOT NULL,
	dpa_date DATE,
	status VARCHAR(12) NOT NULL,
	signed_by VARCHAR(250) NOT NULL,
	signed_at DATETIME,
	created_by VARCHAR(250) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_by VARCHAR(250) NOT NULL,
	updated_at DATETIME,
	CONSTRAINT pk_lke_assessment PRIMARY KEY (id),
	CONSTRAINT uq_lke_assessment_year UNIQUE (year),
	CONSTRAINT fk_lke_assessment_template_id_lke_template FOREIGN KEY(template_id) REFERENCES lke_template (id) ON DELETE RESTRICT
);
CREATE TABLE lke_answer (
	id INTEGER NOT NULL,
	assessment_id INTEGER NOT NULL,
	criterion_id INTEGER NOT NULL,
	answer VARCHAR(4) NOT NULL,
	proposed VARCHAR(4) NOT NULL,
	rule_code VARCHAR(60) NOT NULL,
	proposal_reason TEXT NOT NULL,
	decision VARCHAR(12) NOT NULL,
	override_reason TEXT NOT NULL,
	justification TEXT NOT NULL,
	updated_by VARCHAR(250) NOT NULL,
	updated_at DATETIME,
	CONSTRAINT pk_lke_answer PRIMARY KEY (id),
	CONSTRAINT uq_lke_answer_assessment_id_criterion_id UNIQUE (assessment_id, criterion_id),
	CONSTRAINT fk_lke_answer_assessment_id_lke_assessment FOREIGN KEY(assessment_id) REFERENCES lke_assessment (id) ON DELETE CASCADE,
	CONSTRAINT fk_lke_answer_criterion_id_lke_criterion FOREIGN KEY(criterion_id) REFERENCES lke_criterion (id) ON DELETE CASCADE
);
CREATE INDEX ix_lke_answer_assessment_id ON lke_answer (assessment_id);
CREATE TABLE lke_evidence (
	id INTEGER NOT NULL,
	answer_id INTEGER NOT NULL,
	source VARCHAR(20) NOT NULL,
	ref_id INTEGER,
	filename VARCHAR(250) NOT NULL,
	size INTEGER NOT NULL,
	sha256 VARCHAR(64) NOT NULL,
	data BLOB,
	added_by VARCHAR(250) NOT NULL,
	added_at DATETIME NOT NULL,
	CONSTRAINT pk_lke_evidence PRIMARY KEY (id),
	CONSTRAINT fk_lke_evidence_answer_id_lke_answer FOREIGN KEY(answer_id) REFERENCES lke_answer (id) ON DELETE CASCADE
);
CREATE INDEX ix_lke_evidence_answer_id ON lke_evidence (answer_id);
