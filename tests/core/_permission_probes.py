"""The walk of the permission table (test_permissions.py): a demo person per column of the table, and one call of
each real write operation whose arguments reach the permission gate (real ids where the operation reads before
its gate; otherwise ids no record has, so an allowed call stops with "not found" after the gate and changes
nothing)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from sakip_desktop.domain.permissions import PERMISSIONS, Op, allowed_label, grants
from sakip_desktop.domain.roles import ADMIN, ActingKind, Employment, Role, UnitKind
from sakip_desktop.exchange.isian.preview import IsianChange, IsianPreview, apply_isian
from sakip_desktop.exchange.rencana.apply import apply_rencana
from sakip_desktop.exchange.rencana.read import read_rencana
from sakip_desktop.exchange.rencana.write import export_rencana
from sakip_desktop.ops import backups, letters
from sakip_desktop.ops import register as document_register
from sakip_desktop.ops.agreements import pk as agreements
from sakip_desktop.ops.agreements import revision as agreement_revision
from sakip_desktop.ops.agreements.common import Party, read_pk_settings
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.desa import entry as desa_entry  # desa helper (issue 15 §3)
from sakip_desktop.ops.desa import master as desa_master
from sakip_desktop.ops.desa import revision as desa_revision  # fixups: revising an approved realisasi over desa
from sakip_desktop.ops.e81 import notes as e81_notes
from sakip_desktop.ops.lhe import edit as lhe  # issue 16 §3 (helper lhe)
from sakip_desktop.ops.lke import assessment as lke  # issue 16 §1-2 (helper lke)
from sakip_desktop.ops.lke import store as lke_store
from sakip_desktop.ops.lke.template import shipped_template
from sakip_desktop.ops.lkj import sections as lkj
from sakip_desktop.ops.measurement import bands
from sakip_desktop.ops.monitoring import evaluation, follow_ups, minutes
from sakip_desktop.ops.monitoring import telaah as monitoring
from sakip_desktop.ops.org import acting, auth, office, people, role_changes, units
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.pack import edit as pack
from sakip_desktop.ops.pack.due import DIUNGGAH, ItemType
from sakip_desktop.ops.planning import budget as budget_plan
from sakip_desktop.ops.planning import renstra as planning
from sakip_desktop.ops.planning import targets as planning_targets
from sakip_desktop.ops.realisation import entry as realisation
from sakip_desktop.ops.realisation import qualitative
from sakip_desktop.ops.realisation import review as realisation_review
from sakip_desktop.ops.sop import library as sops
from sakip_desktop.ops.sop import runs as sop_runs
from sakip_desktop.storage import models as m
from sakip_desktop.storage.backup import BackupResult
from sakip_desktop.storage.database import Database

DAY = dt.date(2025, 8, 13)  # tests/conftest.py DEMO_DAY
NOWHERE = 987_654  # an id no record has
PDF = b"%PDF-1.4 bukti"
# A demo person for each role (resources/demo/kecamatan_contoh.toml); the walk keeps only that role.
HOLDERS = {
    Role.CAMAT: "camat",
    Role.SEKRETARIS: "sekcam",
    Role.TIM_SAKIP: "analis_kebijakan",
    Role.KASUBAG_PERENCANAAN: "kasubag_renkeu",
    Role.KASUBAG_UMUM: "kasubag_umum",
    Role.KASI: "kasi_ekbang",
    Role.STAF: "staf_umum",
    Role.ADMIN_DATA: "admin_data",
}
ADMIN_HOLDER = "staf_renkeu"  # an administrator; the walk takes his roles away and keeps the flag
VISITOR = Actor(account_id=None, person_id=None, name="Tamu tanpa akun")


def walkers(db: Database) -> dict[str, Actor]:
    """One actor per column of the table, plus a visitor without an account."""
    found: dict[str, Actor] = {}
    for role, username in HOLDERS.items():
        person = actor_for(db, username, DAY)
        grant = next(g for g in person.grants if g.role is role)
        found[role.value] = dataclasses.replace(person, grants=(grant,), is_admin=False)
    found[ADMIN] = dataclasses.replace(actor_for(db, ADMIN_HOLDER, DAY), grants=())
    found["VISITOR"] = VISITOR
    return found


def table_allows(op: Op, who: str) -> bool:
    """What the table says for a walker (the visitor has no account, so not even ANY_ACCOUNT lets him)."""
    if who == "VISITOR":
        return False
    return grants(op, who)


def gate_message(op: Op) -> str:
    row = PERMISSIONS[op]
    return f"Anda tidak berwenang: {row.label}. Hanya untuk {allowed_label(row.allowed)}."


# ---- probes: one call of each real operation ------------------------------------------------------------


def _scalar(db: Database, query):
    with db.reading() as s:
        return s.scalar(query)


def _running_run(db: Database) -> int:
    return _scalar(db, select(m.SopRun.id).where(m.SopRun.status == "RUNNING").limit(1))


def _first_sop(db: Database) -> int:
    return _scalar(db, select(m.Sop.id).order_by(m.Sop.id).limit(1))


def _pk_settings(db: Database):
    with db.reading() as s:
        return read_pk_settings(s)


def _rencana(db: Database, tmp: Path):
    path = tmp / "rencana.xlsx"
    if not path.exists():
        export_rencana(db, path)
    return read_rencana(db, path)


PARTY = Party(name="Drs. Contoh", title="Camat Contoh", rank="Pembina (IV/a)", nip="")
EDIT = agreements.AgreementEdit("", "Contoh", None, PARTY, PARTY, "Pernyataan.")
MEETING = evaluation.MeetingInput(2025, "QUARTER", 3, dt.date(2025, 10, 10), place="Aula")
FOLLOW_UP = follow_ups.FollowUpInput("Perbaiki data", None, None)
LHE = lhe.LheInput("INSPEKTORAT", "700/01/2024", dt.date(2024, 5, 2), 2023, Decimal("70.5"))  # helper lhe
LETTER = letters.LetterInput(dt.date(2025, 10, 1), "Bupati Contoh", "Laporan")
UNIT = units.UnitInput("", UnitKind.SEKSI)  # an empty name: refused after the gate
DESA = desa_master.DesaInput("", "")  # desa helper: an empty name, refused after the gate
PERSON = people.PersonInput("", Employment.PNS, dt.date(2025, 1, 1))
ACTING = acting.ActingInput(None, ActingKind.PLH, Role.CAMAT, dt.date(2025, 9, 1), dt.date(2025, 9, 2))
INDICATOR = planning.IndicatorInput("IKX", "Indikator uji", "%")
ISIAN = IsianPreview(
    "isian.xlsx", "Kecamatan Contoh", 2025, 3, (), (
        IsianChange("TW III", 5, NOWHERE, "IKX", "Indikator uji", "", None, None,
                    realisation.RealisationInput(Decimal(1), "", "", "", None, "")),
    ), 0,
)  # fmt: skip

Probe = Callable[[Database, Actor, Path], object]
PROBES: dict[Op, dict[str, Probe]] = {
    Op.REALISATION_SAVE: {"ops.realisation.entry.save_realisation": lambda db, a, t: realisation.save_realisation(
        db, a, NOWHERE, 2025, 3, Decimal(1), supporting="", inhibiting="", follow_up="")},
    Op.REALISATION_EVIDENCE_ADD: {"ops.realisation.entry.add_evidence": lambda db, a, t: realisation.add_evidence(
        db, a, NOWHERE, "bukti.pdf", PDF)},
    Op.REALISATION_EVIDENCE_REMOVE: {"ops.realisation.entry.remove_evidence": lambda db, a, t: realisation.remove_evidence(
        db, a, NOWHERE)},
    Op.REALISATION_SUBMIT: {"ops.realisation.entry.submit_quarter": lambda db, a, t: realisation.submit_quarter(
        db, a, NOWHERE, 2025, 3)},
    Op.ISIAN_IMPORT: {"exchange.isian.preview.apply_isian": lambda db, a, t: apply_isian(db, a, ISIAN)},
    Op.REALISATION_VERIFY: {"ops.realisation.review.verify": lambda db, a, t: realisation_review.verify(
        db, a, [NOWHERE], {})},
    Op.REALISATION_RETURN: {"ops.realisation.review.return_to_kasi": lambda db, a, t: realisation_review.return_to_kasi(
        db, a, [NOWHERE], "Bukti kurang")},
    Op.REALISATION_APPROVE: {"ops.realisation.review.approve": lambda db, a, t: realisation_review.approve(
        db, a, [NOWHERE])},
    Op.REALISATION_REVISE: {"ops.realisation.review.revise": lambda db, a, t: realisation_review.revise(
        db, a, NOWHERE, Decimal(2), "Salah ketik"),
        # fixups: the revision of an indicator over desa goes through its per-desa marks
        "ops.desa.revision.revise_desa_marks": lambda db, a, t: desa_revision.revise_desa_marks(
        db, a, NOWHERE, [], "Salah tanda")},
    Op.PLAN_ADD: {"ops.planning.renstra.add_plan": lambda db, a, t: planning.add_plan(db, a, planning.PlanInput("", 2025, 2029))},
    Op.PLAN_UPDATE: {"ops.planning.renstra.update_plan": lambda db, a, t: planning.update_plan(
        db, a, NOWHERE, planning.PlanInput("Renstra", 2025, 2029))},
    Op.PLAN_DELETE: {"ops.planning.renstra.delete_plan": lambda db, a, t: planning.delete_plan(db, a, NOWHERE)},
    Op.GOAL_ADD: {"ops.planning.renstra.add_goal": lambda db, a, t: planning.add_goal(
        db, a, NOWHERE, planning.NodeInput("T9", "Tujuan"))},
    Op.GOAL_UPDATE: {"ops.planning.renstra.update_goal": lambda db, a, t: planning.update_goal(
        db, a, NOWHERE, planning.NodeInput("T9", "Tujuan"))},
    Op.GOAL_DELETE: {"ops.planning.renstra.delete_goal": lambda db, a, t: planning.delete_goal(db, a, NOWHERE)},
    Op.OBJECTIVE_ADD: {"ops.planning.renstra.add_objective": lambda db, a, t: planning.add_objective(
        db, a, NOWHERE, planning.NodeInput("S9", "Sasaran"))},
    Op.OBJECTIVE_UPDATE: {"ops.planning.renstra.update_objective": lambda db, a, t: planning.update_objective(
        db, a, NOWHERE, planning.NodeInput("S9", "Sasaran"))},
    Op.OBJECTIVE_DELETE: {"ops.planning.renstra.delete_objective": lambda db, a, t: planning.delete_objective(db, a, NOWHERE)},
    Op.INDICATOR_ADD: {"ops.planning.renstra.add_indicator": lambda db, a, t: planning.add_indicator(
        db, a, NOWHERE, INDICATOR)},
    Op.INDICATOR_UPDATE: {"ops.planning.renstra.update_indicator": lambda db, a, t: planning.update_indicator(
        db, a, NOWHERE, INDICATOR)},
    Op.INDICATOR_DELETE: {"ops.planning.renstra.delete_indicator": lambda db, a, t: planning.delete_indicator(db, a, NOWHERE)},
    Op.RENSTRA_TARGETS_SAVE: {"ops.planning.targets.set_renstra_targets": lambda db, a, t:
        planning_targets.set_renstra_targets(db, a, NOWHERE, {})},
    Op.YEAR_TARGETS_SAVE: {"ops.planning.targets.set_year_targets": lambda db, a, t: planning_targets.set_year_targets(
        db, a, NOWHERE, 2025, None, [])},
    Op.SCALE_ADD: {"ops.realisation.qualitative.add_scale": lambda db, a, t: qualitative.add_scale(
        db, a, qualitative.ScaleInput("", ()))},
    Op.SCALE_UPDATE: {"ops.realisation.qualitative.update_scale": lambda db, a, t: qualitative.update_scale(
        db, a, NOWHERE, qualitative.ScaleInput("Skala", ("Kurang", "Baik")))},
    Op.SCALE_DELETE: {"ops.realisation.qualitative.delete_scale": lambda db, a, t: qualitative.delete_scale(db, a, NOWHERE)},
    Op.RENCANA_IMPORT: {"ops.planning.importing.import_rencana": lambda db, a, t: apply_rencana(db, a, _rencana(db, t))},
    **{
        op: {f"ops.planning.budget.save_node[{level}]": lambda db, a, t, level=level: budget_plan.save_node(
            db, a, level, budget_plan.NodeInput("9.99", "Uji"), node_id=NOWHERE)}
        for level, op in enumerate((Op.PROGRAM_SAVE, Op.ACTIVITY_SAVE, Op.SUB_ACTIVITY_SAVE))
    },
    **{
        op: {f"ops.planning.budget.delete_node[{level}]": lambda db, a, t, level=level: budget_plan.delete_node(
            db, a, level, NOWHERE)}
        for level, op in enumerate((Op.PROGRAM_DELETE, Op.ACTIVITY_DELETE, Op.SUB_ACTIVITY_DELETE))
    },
    Op.BUDGET_SAVE: {"ops.planning.budget.save_budget": lambda db, a, t: budget_plan.save_budget(
        db, a, NOWHERE, 2025, 100, (0, 0, 0, 0))},
    Op.PK_CREATE: {"ops.agreements.pk.create_agreement": lambda db, a, t: agreements.create_agreement(
        db, a, 2025, NOWHERE)},
    Op.PK_REFRESH: {"ops.agreements.pk.refresh_agreement": lambda db, a, t: agreements.refresh_agreement(db, a, NOWHERE)},
    Op.PK_UPDATE: {"ops.agreements.pk.update_agreement": lambda db, a, t: agreements.update_agreement(
        db, a, NOWHERE, EDIT)},
    Op.PK_DELETE_DRAFT: {"ops.agreements.pk.delete_draft": lambda db, a, t: agreements.delete_draft(db, a, NOWHERE)},
    Op.PK_FINALISE: {"ops.agreements.pk.finalise_agreement": lambda db, a, t: agreements.finalise_agreement(
        db, a, NOWHERE)},
    Op.PK_REVISION_START: {"ops.agreements.revision.start_revision": lambda db, a, t: agreement_revision.start_revision(
        db, a, NOWHERE, "MUTASI", "Camat baru", "")},
    Op.PK_SETTINGS_UPDATE: {"ops.agreements.settings.update_pk_settings": lambda db, a, t: agreements.update_pk_settings(
        db, a, _pk_settings(db).statement_text, _pk_settings(db).superior)},
    Op.REVIEW_SAVE: {"ops.monitoring.telaah.save_review": lambda db, a, t: monitoring.save_review(
        db, a, NOWHERE, 2025, 3, "Telaah")},
    Op.RECOMMENDATION_ADD: {"ops.monitoring.telaah.add_recommendation": lambda db, a, t: monitoring.add_recommendation(
        db, a, 2025, 3, "Rekomendasi", NOWHERE)},
    Op.RECOMMENDATION_UPDATE: {"ops.monitoring.telaah.update_recommendation": lambda db, a, t: monitoring.update_recommendation(
        db, a, NOWHERE, "Rekomendasi")},
    Op.RECOMMENDATION_DELETE: {"ops.monitoring.telaah.delete_recommendation": lambda db, a, t: monitoring.delete_recommendation(
        db, a, NOWHERE)},
    Op.RECOMMENDATION_ACCEPT: {"ops.monitoring.telaah.decide_recommendation[terima]": lambda db, a, t:
        monitoring.decide_recommendation(db, a, NOWHERE, True)},
    Op.RECOMMENDATION_REJECT: {"ops.monitoring.telaah.decide_recommendation[tolak]": lambda db, a, t:
        monitoring.decide_recommendation(db, a, NOWHERE, False, "Belum perlu")},
    Op.MEETING_CREATE: {"ops.monitoring.evaluation.create_meeting": lambda db, a, t: evaluation.create_meeting(db, a, MEETING)},
    Op.MEETING_UPDATE: {"ops.monitoring.evaluation.update_meeting": lambda db, a, t: evaluation.update_meeting(
        db, a, NOWHERE, MEETING)},
    Op.MEETING_DELETE: {"ops.monitoring.evaluation.delete_meeting": lambda db, a, t: evaluation.delete_meeting(db, a, NOWHERE)},
    Op.MEETING_FINALISE: {"ops.monitoring.evaluation.finalise_meeting": lambda db, a, t: evaluation.finalise_meeting(
        db, a, NOWHERE)},
    Op.PARTICIPANT_ADD: {
        "ops.monitoring.evaluation.add_participants": lambda db, a, t: evaluation.add_participants(db, a, NOWHERE, [1]),
        "ops.monitoring.evaluation.add_guest": lambda db, a, t: evaluation.add_guest(db, a, NOWHERE, "Tamu", "Kepala Desa"),
    },
    Op.ATTENDANCE_SET: {"ops.monitoring.evaluation.set_attendance": lambda db, a, t: evaluation.set_attendance(
        db, a, NOWHERE, True)},
    Op.PARTICIPANT_REMOVE: {"ops.monitoring.evaluation.remove_participant": lambda db, a, t: evaluation.remove_participant(
        db, a, NOWHERE)},
    Op.DISCUSSION_SAVE: {"ops.monitoring.evaluation.save_discussion": lambda db, a, t: evaluation.save_discussion(
        db, a, NOWHERE, 1, "Bahas", "")},
    Op.FOLLOW_UP_ADD: {"ops.monitoring.follow_ups.add_follow_up": lambda db, a, t: follow_ups.add_follow_up(
        db, a, FOLLOW_UP, meeting_id=NOWHERE)},
    Op.FOLLOW_UP_UPDATE: {"ops.monitoring.follow_ups.update_follow_up": lambda db, a, t: follow_ups.update_follow_up(
        db, a, NOWHERE, FOLLOW_UP)},
    Op.FOLLOW_UP_DELETE: {"ops.monitoring.follow_ups.delete_follow_up": lambda db, a, t: follow_ups.delete_follow_up(
        db, a, NOWHERE)},
    Op.FOLLOW_UP_REPORT: {"ops.monitoring.follow_ups.report_progress": lambda db, a, t: follow_ups.report_progress(
        db, a, NOWHERE, follow_ups.IN_PROGRESS, 50, "Separuh")},
    Op.FOLLOW_UP_EVIDENCE_ADD: {"ops.monitoring.follow_ups.add_follow_up_evidence": lambda db, a, t:
        follow_ups.add_follow_up_evidence(db, a, NOWHERE, "bukti.pdf", PDF)},
    Op.FOLLOW_UP_EVIDENCE_REMOVE: {"ops.monitoring.follow_ups.remove_follow_up_evidence": lambda db, a, t:
        follow_ups.remove_follow_up_evidence(db, a, NOWHERE)},
    # LKE (issue 16 §1-2, helper lke): unknown criteria and ids, a template whose weights do not add up
    Op.LKE_TEMPLATE_IMPORT: {"ops.lke.store.import_template": lambda db, a, t: lke_store.import_template(
        db, a, dataclasses.replace(shipped_template(), components=()))},
    Op.LKE_ASSESSMENT_SAVE: {"ops.lke.assessment.save_assessment": lambda db, a, t: lke.save_assessment(
        db, a, 2025, template_id=NOWHERE)},
    Op.LKE_ANSWER_SAVE: {"ops.lke.assessment.save_answer": lambda db, a, t: lke.save_answer(
        db, a, 2025, lke.AnswerInput("9.z.9", "Y"))},
    Op.LKE_EVIDENCE_ADD: {
        "ops.lke.assessment.link_evidence": lambda db, a, t: lke.link_evidence(db, a, 2025, "1.a.1", "DOKUMEN", NOWHERE),
        "ops.lke.assessment.attach_evidence": lambda db, a, t: lke.attach_evidence(db, a, 2025, "9.z.9", "a.pdf", b"%PDF"),
    },
    Op.LKE_EVIDENCE_REMOVE: {"ops.lke.assessment.remove_evidence": lambda db, a, t: lke.remove_evidence(db, a, NOWHERE)},
    Op.LKE_SIGN: {"ops.lke.assessment.sign": lambda db, a, t: lke.sign(db, a, 2025)},
    Op.LKE_UNLOCK: {"ops.lke.assessment.unlock": lambda db, a, t: lke.unlock(db, a, 2025, "Perbaikan")},
    # LHE and its TL LHE matrix (issue 16 §3, helper lhe)
    Op.LHE_SAVE: {"ops.lhe.edit.save_lhe": lambda db, a, t: lhe.save_lhe(db, a, LHE, lhe_id=NOWHERE)},
    Op.LHE_DELETE: {"ops.lhe.edit.delete_lhe": lambda db, a, t: lhe.delete_lhe(db, a, NOWHERE)},
    Op.LHE_RECOMMENDATION_SAVE: {"ops.lhe.edit.save_recommendation": lambda db, a, t: lhe.save_recommendation(
        db, a, NOWHERE, "Perbaiki IKU")},
    Op.LHE_RECOMMENDATION_DELETE: {"ops.lhe.edit.delete_recommendation": lambda db, a, t:
        lhe.delete_recommendation(db, a, NOWHERE)},
    Op.LHE_MATRIX_REVIEW: {"ops.lhe.edit.review_matrix": lambda db, a, t: lhe.review_matrix(db, a, NOWHERE)},
    Op.LKJ_SECTION_SAVE: {"ops.lkj.sections.save_section": lambda db, a, t: lkj.save_section(
        db, a, 2025, "bab4.simpulan", "Kinerja baik.")},
    Op.LKJ_SIGN: {"ops.lkj.sections.mark_signed": lambda db, a, t: lkj.mark_signed(db, a, 2025, dt.date(2026, 2, 2))},
    Op.LKJ_UNLOCK: {"ops.lkj.sections.unlock": lambda db, a, t: lkj.unlock(db, a, 2025, "Salah angka")},
    Op.E81_NOTE_SAVE: {"ops.e81.notes.save_notes": lambda db, a, t: e81_notes.save_notes(
        db, a, 2025, 3, {"pendorong": "Koordinasi baik."})},
    Op.DOCUMENT_RECORD: {"ops.register.record_document": lambda db, a, t: document_register.record_document(
        db, a, kind="PK", subject_key="uji", title="Uji", year=2025, quarter=None, digest="0" * 64, pages=1,
        paper="A4")},
    Op.LETTER_REGISTER: {"ops.letters.register_letter": lambda db, a, t: letters.register_letter(db, a, LETTER)},
    Op.LETTER_MARK_SENT: {"ops.letters.mark_sent": lambda db, a, t: letters.mark_sent(
        db, a, NOWHERE, dt.date(2025, 10, 2))},
    Op.LETTER_ATTACH_PROOF: {"ops.letters.attach_proof": lambda db, a, t: letters.attach_proof(
        db, a, NOWHERE, "tanda-terima.pdf", PDF)},
    Op.PACK_LIST_SAVE: {"ops.pack.edit.save_item_type": lambda db, a, t: pack.save_item_type(
        db, a, ItemType("", "", "Lainnya"))},  # an empty title: refused after the gate
    Op.PACK_LIST_REMOVE: {"ops.pack.edit.remove_item_type": lambda db, a, t: pack.remove_item_type(db, a, "tidak-ada")},
    Op.PACK_STATUS_SET: {"ops.pack.edit.set_status": lambda db, a, t: pack.set_status(
        db, a, "tidak-ada", 2025, 0, DIUNGGAH)},
    Op.PACK_FILE_ATTACH: {"ops.pack.edit.attach_file": lambda db, a, t: pack.attach_file(
        db, a, "tidak-ada", 2025, 0, "dpa.pdf", PDF)},
    Op.SOP_ADOPT: {"ops.sop.library.adopt_templates": lambda db, a, t: sops.adopt_templates(
        db, a, [sops.template_choices()[0].code])},
    Op.SOP_CREATE: {"ops.sop.library.create_sop": lambda db, a, t: sops.create_sop(
        db, a, sops.get_definition(db, _first_sop(db)))},
    Op.SOP_SAVE_VERSION: {"ops.sop.library.save_version": lambda db, a, t: sops.save_version(
        db, a, NOWHERE, sops.get_definition(db, _first_sop(db)), "Uji")},
    Op.SOP_SET_ACTIVE: {"ops.sop.library.set_active": lambda db, a, t: sops.set_active(db, a, NOWHERE, False)},
    Op.SOP_RUN_START: {"ops.sop.runs.start_run": lambda db, a, t: sop_runs.start_run(
        db, a, _first_sop(db), "Uji", 2025, 3)},
    Op.SOP_STEP_TICK: {"ops.sop.runs.tick_item": lambda db, a, t: sop_runs.tick_item(db, a, NOWHERE, 0, True)},
    Op.SOP_STEP_PAUSE: {"ops.sop.runs.pause_step": lambda db, a, t: sop_runs.pause_step(db, a, NOWHERE, "Rapat")},
    Op.SOP_STEP_RESUME: {"ops.sop.runs.resume_step": lambda db, a, t: sop_runs.resume_step(db, a, NOWHERE)},
    Op.SOP_STEP_FINISH: {"ops.sop.runs.finish_step": lambda db, a, t: sop_runs.finish_step(db, a, NOWHERE)},
    Op.SOP_STEP_APPROVE: {"ops.sop.runs.decide_step[setujui]": lambda db, a, t: sop_runs.decide_step(
        db, a, NOWHERE, True)},
    Op.SOP_STEP_RETURN: {"ops.sop.runs.decide_step[kembalikan]": lambda db, a, t: sop_runs.decide_step(
        db, a, NOWHERE, False, "Kurang lengkap")},
    Op.SOP_RUN_CANCEL: {"ops.sop.runs.cancel_run": lambda db, a, t: sop_runs.cancel_run(
        db, a, _running_run(db), "Salah periode")},
    Op.OFFICE_PROFILE_UPDATE: {"ops.org.office.update_profile": lambda db, a, t: office.update_profile(
        db, a, office.get_profile(db))},
    Op.OFFICE_LOGO_SET: {"ops.org.office.set_logo": lambda db, a, t: office.set_logo(db, a, None)},
    Op.SETTINGS_UPDATE: {"ops.org.office.update_settings": lambda db, a, t: office.update_settings(
        db, a, office.get_settings(db))},
    Op.BANDS_UPDATE: {"ops.measurement.bands.update_bands": lambda db, a, t: bands.update_bands(
        db, a, bands.get_scale(db).bands, bands.get_scale(db).cap)},
    Op.LETTER_FORMAT_UPDATE: {"ops.letters.update_letter_settings": lambda db, a, t: letters.update_letter_settings(
        db, a, letters.letter_settings(db))},
    Op.TEAM_DECREE_UPDATE: {"ops.monitoring.minutes.update_team_decree": lambda db, a, t: minutes.update_team_decree(
        db, a, "188.4/09/35.99.01/2025")},
    Op.DAY_OFF_ADD: {"ops.sop.library.add_day_off": lambda db, a, t: sops.add_day_off(
        db, a, dt.date(2025, 12, 24), "Cuti bersama")},
    Op.DAY_OFF_DELETE: {"ops.sop.library.delete_day_off": lambda db, a, t: sops.delete_day_off(db, a, NOWHERE)},
    Op.UNIT_ADD: {"ops.org.units.add_unit": lambda db, a, t: units.add_unit(db, a, UNIT)},
    Op.UNIT_UPDATE: {"ops.org.units.update_unit": lambda db, a, t: units.update_unit(db, a, NOWHERE, UNIT)},
    Op.UNIT_DELETE: {"ops.org.units.delete_unit": lambda db, a, t: units.delete_unit(db, a, NOWHERE)},
    # desa helper (issue 15 §3): an empty name, an indicator or desa no record has: refused after the gate
    Op.DESA_ADD: {"ops.desa.master.add_desa": lambda db, a, t: desa_master.add_desa(db, a, DESA)},
    Op.DESA_UPDATE: {"ops.desa.master.update_desa": lambda db, a, t: desa_master.update_desa(db, a, NOWHERE, DESA)},
    Op.DESA_SET_ACTIVE: {"ops.desa.master.set_desa_active": lambda db, a, t: desa_master.set_desa_active(
        db, a, NOWHERE, False)},
    Op.INDICATOR_DESA_SET: {"ops.desa.entry.set_indicator_over_desa": lambda db, a, t:
        desa_entry.set_indicator_over_desa(db, a, NOWHERE, False, "")},
    Op.DESA_REALISATION_SAVE: {"ops.desa.entry.save_desa_marks": lambda db, a, t: desa_entry.save_desa_marks(
        db, a, NOWHERE, 2025, 3, [])},
    Op.PERSON_ADD: {"ops.org.people.add_person": lambda db, a, t: people.add_person(db, a, PERSON)},
    Op.PERSON_UPDATE: {"ops.org.people.update_person": lambda db, a, t: people.update_person(db, a, NOWHERE, PERSON)},
    Op.ACTING_ADD: {"ops.org.acting.add_acting": lambda db, a, t: acting.add_acting(db, a, ACTING)},
    Op.ACTING_UPDATE: {"ops.org.acting.update_acting": lambda db, a, t: acting.update_acting(db, a, NOWHERE, ACTING)},
    Op.ACTING_DELETE: {"ops.org.acting.delete_acting": lambda db, a, t: acting.delete_acting(db, a, NOWHERE)},
    Op.ROLE_CHANGE_ACKNOWLEDGE: {"ops.org.role_changes.acknowledge_role_changes": lambda db, a, t:
        role_changes.acknowledge_role_changes(db, a, NOWHERE)},
    Op.BACKUP_RECORD: {"ops.backups._store": lambda db, a, t: backups.remember_backup(
        db, a, BackupResult(t / "sakip.db", "0" * 64, 1, {}, dt.datetime(2025, 8, 13, 9)), external=True)},
    Op.RESTORE_RECORD: {"ops.backups.record_restore": lambda db, a, t: backups.record_restore(
        db, a, t / "cadangan.db", None)},
    Op.PASSWORD_CHANGE_OWN: {"ops.org.auth.change_own_password": lambda db, a, t: auth.change_own_password(
        db, a, "bukan-sandinya-1", "Sandi-Baru-2025!")},
}  # fmt: skip
# Done by the program itself, never on behalf of a person: checked at the gate only.
PROGRAM_ONLY = {
    Op.OFFICE_CREATE: "ops.org.setup.create_office",
    Op.LOGIN: "ops.org.auth._login_session",
}
