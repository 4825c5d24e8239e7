"""Step actions: the program screen that does a step's work, kept in definitions, .xlsx files and the templates."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from test_sop_xlsx import column_of, refusal, tricky_definition

from sakip_desktop.errors import ValidationError
from sakip_desktop.exchange.sop.read import import_sop
from sakip_desktop.exchange.sop.write import export_sop
from sakip_desktop.sop.definition import ACTIONS, from_dict, load_templates, to_dict, validate


def with_actions(**actions: str):
    """The tricky test SOP with `actions` set by 1-based step position, e.g. with_actions(s2="VERIFY")."""
    definition = tricky_definition()
    steps = list(definition.steps)
    for key, action in actions.items():
        position = int(key[1:])
        steps[position - 1] = replace(steps[position - 1], action=action)
    return replace(definition, steps=tuple(steps))


def test_the_actions_and_their_buttons():
    assert ACTIONS == {
        "ENTRY": "Buka pengisian realisasi",
        "VERIFY": "Buka verifikasi realisasi",
        "APPROVE": "Buka persetujuan realisasi",
        "MEASURE": "Buka pengukuran kinerja",
    }


def test_an_action_round_trips_through_the_stored_shape():
    definition = with_actions(s1="ENTRY", s2="VERIFY")
    data = to_dict(definition)
    assert [s["action"] for s in data["steps"]] == ["ENTRY", "VERIFY", "", "", ""]
    assert from_dict(data) == definition
    # Definitions stored before actions existed have no such key: no action.
    for step in data["steps"]:
        del step["action"]
    assert all(s.action == "" for s in from_dict(data).steps)


def test_an_unknown_action_is_refused_naming_the_step():
    with pytest.raises(ValidationError) as info:
        validate(with_actions(s3="CETAK"))
    message = info.value.message
    assert message.startswith("Langkah ke-3 (nomor 3): aksi program 'CETAK' tidak dikenal")
    assert "ENTRY" in message and "MEASURE" in message


def test_an_action_round_trips_through_the_xlsx_file(tmp_path: Path):
    definition = with_actions(s1="ENTRY", s2="APPROVE", s5="MEASURE")
    path = tmp_path / "aksi.xlsx"
    export_sop(definition, path)
    ws = openpyxl.load_workbook(path)["Langkah"]
    column = column_of(ws, "Aksi program")
    assert [ws.cell(row=r, column=column).value for r in range(2, 7)] == ["ENTRY", "APPROVE", None, None, "MEASURE"]
    assert import_sop(path) == definition


def test_a_file_without_the_action_column_still_imports(tmp_path: Path):
    # GIVEN a file written before the column existed (the column deleted), and one with the column emptied
    path = tmp_path / "lama.xlsx"
    export_sop(with_actions(s1="ENTRY"), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Langkah"]
    ws.delete_cols(column_of(ws, "Aksi program"))
    wb.save(path)
    # THEN it imports, with no actions
    assert import_sop(path) == tricky_definition()


def test_a_lower_case_action_is_accepted_and_an_unknown_one_is_located(tmp_path: Path):
    path = tmp_path / "aksi-salah.xlsx"
    export_sop(tricky_definition(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Langkah"]
    ws.cell(row=2, column=column_of(ws, "Aksi program"), value="verify")
    ws.cell(row=4, column=column_of(ws, "Aksi program"), value="CETAK")
    wb.save(path)
    message = refusal(path)
    assert "1 kesalahan" in message
    assert "lembar 'Langkah', baris 4, kolom 'Aksi program': aksi program 'CETAK' tidak dikenal" in message
    ws.cell(row=4, column=column_of(ws, "Aksi program")).value = None
    wb.save(path)
    assert import_sop(path).steps[0].action == "VERIFY"


def test_the_templates_carry_known_actions_on_a_few_steps():
    templates = load_templates()
    acting = [(t.code, s.number, s.action) for t in templates for s in t.steps if s.action]
    assert len(acting) >= 5, acting
    assert all(action in ACTIONS for _code, _number, action in acting)
    assert {action for *_rest, action in acting} == set(ACTIONS)
    for template in templates:  # conservative: a few steps per SOP at most
        assert sum(1 for s in template.steps if s.action) <= 3, template.code
