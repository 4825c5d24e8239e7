"""A shipped template made the office's own SOP: its code, its name, its identity, its lanes.

Used when an office adopts a template (`ops.sop.library.adopt_templates`) and when an older database is upgraded
(its adopted SOPs still carried the seed office's code, name and identity: `storage/migrations/sop_0010.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sakip_desktop.sop.approver import parse_approver
from sakip_desktop.sop.definition import BASED_ON, SopDefinition
from sakip_desktop.sop.lanes import UnitFact, resolve_lanes

# Words a name keeps as written when put in sentence case (names of things, abbreviations).
_KEEP = {w.lower(): w for w in ("LKj", "SAKIP", "PK", "SOP", "Musrenbangcam", "Renstra", "Renja", "IKU", "OPD")}
_SEED_TAIL = re.compile(r"\s+KECAMATAN\s+\S+(\s+KABUPATEN\s+\S+)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class OfficeFacts:
    """What of the adopting office goes into the SOP (`approver` as 'JABATAN; Nama; Pangkat; NIP. …', or '')."""

    name: str  # "Contoh"
    office_title: str  # "Kecamatan Contoh"
    regency_title: str  # "Kabupaten Contoh"
    approver: str
    created: str  # the adoption date as printed: "1 April 2025"


def seed_place(template: SopDefinition) -> str:
    """The seed office's place name: 'KARANGPLOSO' of 'KECAMATAN KARANGPLOSO'."""
    words = [w for w in template.identity.unit_name.upper().split() if w not in ("KANTOR", "KECAMATAN", "CAMAT")]
    return words[0] if words else ""


def office_code(template: SopDefinition, office_name: str) -> str:
    """'CONTOH-PENGUKURAN-KINERJA' for the template 'KARANGPLOSO-PENGUKURAN-KINERJA' adopted by Kecamatan Contoh."""
    rest = template.code
    place = seed_place(template)
    if place and rest.upper().startswith(place + "-"):
        rest = rest[len(place) + 1 :]
    own = re.sub(r"[^A-Z0-9]+", "-", office_name.upper()).strip("-")
    return f"{own}-{rest}" if own else rest


def sentence_case(text: str) -> str:
    """'SOP LAPORAN PENGUKURAN KINERJA' → 'Laporan pengukuran kinerja'; 'Penyusunan Laporan Kinerja (LKj)' →
    'Penyusunan laporan kinerja (LKj)'. Abbreviations and names in `_KEEP` stay as they are written."""
    words = text.split()
    if words and words[0].upper() == "SOP" and len(words) > 1:
        words = words[1:]
    out = []
    for word in words:
        bare = word.strip("()[],.;:")
        if bare.lower() in _KEEP:
            out.append(word.replace(bare, _KEEP[bare.lower()]))
        elif bare and bare[1:] != bare[1:].lower() and bare[1:] != bare[1:].upper():  # mixed case: 'LKj', 'e-Kinerja'
            out.append(word)
        else:
            out.append(word.lower())
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def office_name(template: SopDefinition) -> str:
    """The template's name for the office: without the seed office's 'KECAMATAN …', in sentence case."""
    return sentence_case(_SEED_TAIL.sub("", " ".join(template.identity.name.split())))


def based_on(template: SopDefinition) -> str:
    """'Disusun dari SOP … Nomor …, Kecamatan Karangploso (disahkan …, 2 Januari 2018)': the seed's own identity."""
    ident = template.identity
    name = " ".join(ident.name.split())
    title = name if name.upper().startswith("SOP ") else f"SOP {name}"
    number = f" Nomor {ident.number}" if ident.number.strip() else ""
    office = f", {ident.unit_name.title()}" if ident.unit_name.strip() else ""
    seed = parse_approver(ident.approved_by, ident.unit_name)  # its NIP is not repeated (it may be invalid)
    made = [" ".join(x.split()) for x in (f"{seed.position} {seed.name}", ident.created) if x.strip()]
    made_text = f" (disahkan {', '.join(made)})" if seed.position or seed.name else ""
    return f"{BASED_ON}{title}{number}{office}{made_text}."


def own_identity(definition: SopDefinition, template: SopDefinition, office: OfficeFacts) -> SopDefinition:
    """`definition` with the office's kop names, the adoption date, its Camat as approver, no seed number, and the
    seed's identity kept readable in `source`."""
    renamed = definition.identity.name != template.identity.name  # the office named it itself: kept
    identity = replace(
        definition.identity,
        name=definition.identity.name if renamed else office_name(template),
        number="",
        created=office.created,
        revised="-",
        effective=office.created,
        approved_by=office.approver,
        unit_name=f"KANTOR {office.office_title.upper()}",
        regency_name=f"PEMERINTAH {office.regency_title.upper()}",
    )
    return replace(definition, identity=identity, source=based_on(template))


def adopted(template: SopDefinition, office: OfficeFacts, units: list[UnitFact]) -> SopDefinition:
    """The template as this office's SOP: own code, name and identity, lanes bound to the office's units."""
    own = own_identity(template, template, office)
    return resolve_lanes(replace(own, code=office_code(template, office.name)), units)


def brought_up_to_date(
    stored: SopDefinition, template: SopDefinition, office: OfficeFacts, units: list[UnitFact]
) -> SopDefinition:
    """An SOP adopted by an older program, as it is adopted now, keeping what the office changed in it.

    The seed's identity becomes the office's (unless it is the office's already); lanes the office left as the
    template had them get the template's unit and are bound to the office's units; when the steps are still the
    template's (same numbers and texts), the template's parallel tracks come along, and so do corrections of a
    pelaksana the template had only inferred (e.g. the Camat, not the Sekretaris, approves and signs).
    """
    out = stored
    if not stored.source.startswith(BASED_ON):
        out = own_identity(stored, template, office)
    if out.code == template.code:
        out = replace(out, code=office_code(template, office.name))
    lanes = {a.key: a for a in template.actors}
    actors = tuple(
        replace(a, unit_kind=lanes[a.key].unit_kind, unit_hint=lanes[a.key].unit_hint)
        if a.key in lanes and a.role is lanes[a.key].role and not (a.unit or a.unit_kind or a.unit_hint)
        else a
        for a in out.actors
    )
    out = resolve_lanes(replace(out, actors=actors), units)
    same = len(out.steps) == len(template.steps) and all(
        (s.number, s.activity) == (t.number, t.activity) for s, t in zip(out.steps, template.steps, strict=True)
    )
    if same:
        keys = {a.key for a in out.actors}
        steps = tuple(
            replace(
                s,
                track=t.track,
                actor=t.actor if s.actor_inferred and t.actor_inferred and t.actor in keys else s.actor,
            )
            for s, t in zip(out.steps, template.steps, strict=True)
        )
        out = replace(out, steps=steps)
    return out


__all__ = [
    "OfficeFacts",
    "adopted",
    "based_on",
    "brought_up_to_date",
    "office_code",
    "office_name",
    "own_identity",
    "sentence_case",
]
