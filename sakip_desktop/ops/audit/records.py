"""Which record an audit entry is about, in words: 'IK01 TW II 2025', 'Andi Prasetyo, S.E., M.M.', 'SOP Pengukuran…'.

Looked up in plain SQL, in one query per kind of record for all the ids a listing needs. A record deleted since
is named from the values the entry kept (its name, code or title), or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sakip_desktop.storage.plain import Plain

_TW = "'TW ' || CASE {q} WHEN 1 THEN 'I' WHEN 2 THEN 'II' WHEN 3 THEN 'III' WHEN 4 THEN 'IV' ELSE '' END"
_PERSON = (
    "trim(trim({p}.front_title || ' ' || {p}.name) || "
    "CASE WHEN trim({p}.back_title) <> '' THEN ', ' || trim({p}.back_title) ELSE '' END)"
)
_PERIOD = (
    "CASE {m}.period_kind WHEN 'QUARTER' THEN 'Triwulan ' WHEN 'SEMESTER' THEN 'Semester ' ELSE 'Tahun ' END || "
    "CASE WHEN {m}.period_kind IN ('QUARTER', 'SEMESTER') THEN "
    "CASE {m}.period_no WHEN 1 THEN 'I ' WHEN 2 THEN 'II ' WHEN 3 THEN 'III ' WHEN 4 THEN 'IV ' ELSE '' END "
    "ELSE '' END || {m}.year"
)

# For each kind of record: SQL giving (id, words) for the ids in {ids}.
_SQL = {
    "indicator": "SELECT id, code || ' ' || name FROM indicator WHERE id IN ({ids})",
    "unit": "SELECT id, name FROM unit WHERE id IN ({ids})",
    "e81_note": f"SELECT id, 'E.81 ' || {_TW.format(q='quarter')} || ' ' || year FROM e81_note WHERE id IN ({{ids}})",
    "person": f"SELECT id, {_PERSON.format(p='person')} FROM person WHERE id IN ({{ids}})",
    "account": f"SELECT a.id, {_PERSON.format(p='p')} FROM account a JOIN person p ON p.id = a.person_id "
    "WHERE a.id IN ({ids})",
    "acting_assignment": f"SELECT a.id, CASE a.kind WHEN 'PLT' THEN 'Plt. ' ELSE 'Plh. ' END || "
    f"{_PERSON.format(p='p')} FROM acting_assignment a JOIN person p ON p.id = a.person_id WHERE a.id IN ({{ids}})",
    "realisation": f"SELECT r.id, i.code || ' ' || {_TW.format(q='r.quarter')} || ' ' || r.year FROM realisation r "
    "JOIN indicator i ON i.id = r.indicator_id WHERE r.id IN ({ids})",
    "realisation_evidence": "SELECT id, filename FROM realisation_evidence WHERE id IN ({ids})",
    "realisation_revision": f"SELECT v.id, i.code || ' ' || {_TW.format(q='r.quarter')} || ' ' || r.year "
    "FROM realisation_revision v JOIN realisation r ON r.id = v.realisation_id "
    "JOIN indicator i ON i.id = r.indicator_id WHERE v.id IN ({ids})",
    "verification_check": f"SELECT v.id, i.code || ' ' || {_TW.format(q='r.quarter')} || ' ' || r.year "
    "FROM verification_check v JOIN realisation r ON r.id = v.realisation_id "
    "JOIN indicator i ON i.id = r.indicator_id WHERE v.id IN ({ids})",
    "strategic_plan": "SELECT id, name || ' ' || start_year || '–' || end_year FROM strategic_plan WHERE id IN ({ids})",
    "goal": "SELECT id, code FROM goal WHERE id IN ({ids})",
    "objective": "SELECT id, code FROM objective WHERE id IN ({ids})",
    "yearly_target": "SELECT t.id, i.code || ' ' || t.year FROM yearly_target t "
    "JOIN indicator i ON i.id = t.indicator_id WHERE t.id IN ({ids})",
    "renstra_target": "SELECT t.id, i.code || ' ' || t.year FROM renstra_target t "
    "JOIN indicator i ON i.id = t.indicator_id WHERE t.id IN ({ids})",
    "qualitative_scale": "SELECT id, name FROM qualitative_scale WHERE id IN ({ids})",
    "program": "SELECT id, code || ' ' || name FROM program WHERE id IN ({ids})",
    "activity": "SELECT id, code || ' ' || name FROM activity WHERE id IN ({ids})",
    "sub_activity": "SELECT id, code || ' ' || name FROM sub_activity WHERE id IN ({ids})",
    "budget": "SELECT b.id, s.code || ' ' || b.year FROM budget b JOIN sub_activity s ON s.id = b.sub_activity_id "
    "WHERE b.id IN ({ids})",
    "performance_agreement": "SELECT p.id, 'PK ' || p.year || ' ' || coalesce(u.name, 'kantor') || ' versi ' || "
    "p.version FROM performance_agreement p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id IN ({ids})",
    "monitoring_review": f"SELECT m.id, i.code || ' ' || {_TW.format(q='m.quarter')} || ' ' || m.year "
    "FROM monitoring_review m JOIN indicator i ON i.id = m.indicator_id WHERE m.id IN ({ids})",
    "recommendation": f"SELECT r.id, coalesce(i.code || ' ', '') || {_TW.format(q='r.quarter')} || ' ' || r.year "
    "FROM recommendation r LEFT JOIN indicator i ON i.id = r.indicator_id WHERE r.id IN ({ids})",
    "evaluation_meeting": f"SELECT m.id, {_PERIOD.format(m='m')} FROM evaluation_meeting m WHERE m.id IN ({{ids}})",
    "meeting_participant": f"SELECT p.id, p.name || ' (' || {_PERIOD.format(m='m')} || ')' "
    "FROM meeting_participant p JOIN evaluation_meeting m ON m.id = p.meeting_id WHERE p.id IN ({ids})",
    "meeting_discussion": f"SELECT d.id, coalesce(i.code || ', ', '') || {_PERIOD.format(m='m')} "
    "FROM meeting_discussion d JOIN evaluation_meeting m ON m.id = d.meeting_id "
    "LEFT JOIN indicator i ON i.id = d.indicator_id WHERE d.id IN ({ids})",
    "follow_up": "SELECT id, substr(action, 1, 80) FROM follow_up WHERE id IN ({ids})",
    "follow_up_evidence": "SELECT id, filename FROM follow_up_evidence WHERE id IN ({ids})",
    # issue 16 §3 (helper lhe)
    "lhe": "SELECT id, 'LHE ' || CASE evaluator WHEN 'INSPEKTORAT' THEN 'Inspektorat' ELSE 'Kementerian PANRB' END "
    "|| ' ' || year FROM lhe WHERE id IN ({ids})",
    "lhe_recommendation": "SELECT r.id, 'LHE ' || l.year || ' rekomendasi ' || r.sort_order "
    "FROM lhe_recommendation r JOIN lhe l ON l.id = r.lhe_id WHERE r.id IN ({ids})",
    "lkj_section": "SELECT id, 'LKj ' || year FROM lkj_section WHERE id IN ({ids})",
    # LKE (issue 16 §1-2, helper lke)
    "lke_template": "SELECT id, name FROM lke_template WHERE id IN ({ids})",
    "lke_assessment": "SELECT id, 'LKE ' || year FROM lke_assessment WHERE id IN ({ids})",
    "lke_answer": "SELECT a.id, 'LKE ' || s.year || ' kriteria ' || c.code FROM lke_answer a "
    "JOIN lke_assessment s ON s.id = a.assessment_id JOIN lke_criterion c ON c.id = a.criterion_id "
    "WHERE a.id IN ({ids})",
    "lke_evidence": "SELECT id, filename FROM lke_evidence WHERE id IN ({ids})",
    "document_record": "SELECT id, title || ' versi ' || version FROM document_record WHERE id IN ({ids})",
    "outgoing_letter": "SELECT id, agenda_number FROM outgoing_letter WHERE id IN ({ids})",
    "office": "SELECT id, 'Kecamatan ' || name FROM office WHERE id IN ({ids})",
    "office_day_off": "SELECT id, name FROM office_day_off WHERE id IN ({ids})",
    "sop": "SELECT id, name FROM sop WHERE id IN ({ids})",
    "sop_run": "SELECT id, title FROM sop_run WHERE id IN ({ids})",
    "sop_step_run": "SELECT s.id, r.title || ', langkah ' || s.position FROM sop_step_run s "
    "JOIN sop_run r ON r.id = s.run_id WHERE s.id IN ({ids})",
    "sop_step_check": "SELECT c.id, r.title || ', langkah ' || s.position FROM sop_step_check c "
    "JOIN sop_step_run s ON s.id = c.step_run_id JOIN sop_run r ON r.id = s.run_id WHERE c.id IN ({ids})",
    "role_change": "SELECT id, person_name FROM role_change WHERE id IN ({ids})",
    # desa helper (issue 15 §3)
    "desa": "SELECT id, name FROM desa WHERE id IN ({ids})",
    "desa_realisation": f"SELECT x.id, d.name || ', ' || i.code || ' ' || {_TW.format(q='r.quarter')} || ' ' || "
    "r.year FROM desa_realisation x JOIN desa d ON d.id = x.desa_id JOIN realisation r ON r.id = x.realisation_id "
    "JOIN indicator i ON i.id = r.indicator_id WHERE x.id IN ({ids})",
}

# Keys of an entry's kept values that name a record deleted since, in order of preference.
_NAMING_KEYS = ("title", "name", "code", "filename", "agenda_number", "berkas")


class RecordNames:
    """Names of records by (kind, id), fetched for many ids at once."""

    def __init__(self, conn: Plain) -> None:
        self.conn = conn
        self._known: dict[tuple[str, int], str] = {}

    def fetch(self, wanted: Mapping[str, Iterable[int]]) -> None:
        """Look up the names of the records in `wanted` (kind -> ids) not looked up yet."""
        for entity, ids in wanted.items():
            sql = _SQL.get(entity)
            todo = sorted({i for i in ids if i is not None and (entity, i) not in self._known})
            if sql is None or not todo:
                continue
            for start in range(0, len(todo), 500):
                chunk = todo[start : start + 500]
                for record_id, text in self.conn.execute(sql.format(ids=", ".join("?" * len(chunk))), chunk):
                    self._known[(entity, record_id)] = str(text or "").strip()

    def get(self, entity: str, record_id: int | None) -> str | None:
        """The record's name, or None when it is unknown (not fetched, or deleted)."""
        if record_id is None:
            return None
        if (entity, record_id) not in self._known:
            self.fetch({entity: [record_id]})
        return self._known.get((entity, record_id)) or None


def name_from_values(values: Mapping[str, object] | None) -> str | None:
    """A name for a record from the values an entry kept (for a record deleted since)."""
    for key in _NAMING_KEYS:
        value = (values or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
