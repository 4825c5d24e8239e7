"""The structure of one SOP version: identity, pelaksana columns and steps.

A definition is plain data. It is read from a template file (`resources/sops/*.toml`), stored as
JSON in the office database (one per SOP version), exchanged as .xlsx and printed as the SOP sheet.
Texts are kept as written in the source; `StandardTime` is derived from the written time.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from sakip_desktop.domain.roles import Role, UnitKind
from sakip_desktop.errors import ValidationError
from sakip_desktop.sop.stdtime import StandardTime, parse_standard_time

FORMAT_VERSION = 1
BASED_ON = "Disusun dari "  # how `SopDefinition.source` begins when an office adopted a shipped template

# What the program can open for a step's work: action code → the button that opens it.
ACTIONS: dict[str, str] = {
    "ENTRY": "Buka pengisian realisasi",
    "VERIFY": "Buka verifikasi realisasi",
    "APPROVE": "Buka persetujuan realisasi",
    "MEASURE": "Buka pengukuran kinerja",
}


class StepKind(StrEnum):
    """What a step is in the flowchart."""

    PROCESS = "PROCESS"  # a box
    DECISION = "DECISION"  # a diamond: approve goes on, return goes back


@dataclass(frozen=True)
class Identity:
    """The identity page of an SOP (regulations.md §7)."""

    name: str
    number: str = ""
    created: str = ""
    revised: str = ""
    effective: str = ""
    approved_by: str = ""  # "JABATAN; Nama; Pangkat; NIP. …" (read and checked by sop/approver.py)
    legal_basis: tuple[str, ...] = ()
    qualifications: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    unit_name: str = ""  # the office as printed in the header, e.g. "KANTOR KECAMATAN KARANGPLOSO"
    regency_name: str = ""  # e.g. "PEMERINTAH KABUPATEN MALANG"


@dataclass(frozen=True)
class Actor:
    """A pelaksana column (a lane): its heading as written, the program role that acts in it and, when the lane
    belongs to one unit, which: `unit` (the office's unit code: only that unit's holder of the role, and his
    Plt./Plh.) or `unit_kind` (a UnitKind value: a holder in any unit of that kind, e.g. "Staf Pada Seksi").
    `unit_hint` is how a template names the unit ("ekonomi pembangunan"): adopting finds the office's unit by it."""

    key: str
    label: str
    role: Role
    unit: str = ""
    unit_kind: str = ""
    unit_hint: str = ""


@dataclass(frozen=True)
class Step:
    """One step. `on_approve`/`on_return` are 1-based positions in the step list (decisions only)."""

    number: str  # as written; the seeds restart numbering
    activity: str
    actor: str  # Actor.key
    inputs: tuple[str, ...] = ()  # kelengkapan, one checklist item each
    time: str = ""  # waktu as written
    output: str = ""
    note: str = ""  # keterangan
    kind: StepKind = StepKind.PROCESS
    on_approve: int | None = None
    on_return: int | None = None
    actor_inferred: bool = False  # the seed lost the mark; the role was read from the wording
    action: str = ""  # a key of ACTIONS: the program screen that does this step's work; "" for none
    track: str = ""  # the parallel track of the step: neighbouring steps with tracks run side by side (sop.flow)

    @property
    def standard_time(self) -> StandardTime | None:
        """The normalised standard time, or None when the SOP gives none."""
        return parse_standard_time(self.time)


@dataclass(frozen=True)
class SopDefinition:
    """One SOP version's content."""

    code: str
    identity: Identity
    actors: tuple[Actor, ...]
    steps: tuple[Step, ...]
    source: str = ""  # where it came from: a seed file name, "xlsx", "manual", or "Disusun dari SOP …" (adopted)
    start_roles: tuple[Role, ...] = (Role.CAMAT, Role.SEKRETARIS, Role.KASUBAG_PERENCANAAN)

    def actor(self, key: str) -> Actor:
        """The actor column with `key`."""
        for actor in self.actors:
            if actor.key == key:
                return actor
        raise KeyError(key)

    def role_of(self, position: int) -> Role:
        """The role acting in step `position` (1-based)."""
        return self.actor(self.steps[position - 1].actor).role

    def blocks(self) -> tuple[range, ...]:
        """The parallel blocks: runs of neighbouring steps that name a track (positions, 1-based)."""
        found: list[range] = []
        start: int | None = None
        for position, step in enumerate((*self.steps, None), start=1):
            if step is not None and step.track:
                start = position if start is None else start
            elif start is not None:
                found.append(range(start, position))
                start = None
        return tuple(found)

    def block_of(self, position: int) -> range | None:
        """The parallel block holding step `position`, or None."""
        return next((b for b in self.blocks() if position in b), None)

    def next_position(self, position: int, approved: bool = True) -> int | None:
        """Where the run goes after step `position`; None when the SOP ends."""
        step = self.steps[position - 1]
        if step.kind is StepKind.DECISION:
            target = step.on_approve if approved else step.on_return
            if target is not None:
                return target
            if not approved:
                raise ValueError("decision step without a return branch")
        return position + 1 if position < len(self.steps) else None


def validate(definition: SopDefinition) -> SopDefinition:
    """Check the structure; raise `ValidationError` saying which step is wrong."""
    if not definition.code.strip():
        raise ValidationError("Kode SOP wajib diisi.", field="code")
    if not definition.identity.name.strip():
        raise ValidationError("Nama SOP wajib diisi.", field="name")
    if not definition.actors:
        raise ValidationError("SOP harus punya sedikitnya satu pelaksana.", field="actors")
    keys = [a.key for a in definition.actors]
    if len(set(keys)) != len(keys):
        raise ValidationError("Kunci pelaksana ada yang kembar.", field="actors")
    if not definition.steps:
        raise ValidationError("SOP harus punya sedikitnya satu langkah.", field="steps")
    if not definition.start_roles:
        raise ValidationError("Tentukan sedikitnya satu peran yang boleh memulai SOP ini.", field="start_roles")
    count = len(definition.steps)
    for position, step in enumerate(definition.steps, start=1):
        where = f"Langkah ke-{position} (nomor {step.number or '-'})"
        if not step.activity.strip() and not step.output.strip():
            raise ValidationError(f"{where}: uraian kegiatan kosong.", field="steps")
        if step.actor not in keys:
            raise ValidationError(f"{where}: pelaksana '{step.actor}' tidak ada di kolom pelaksana.", field="steps")
        try:
            parse_standard_time(step.time)
        except ValidationError as exc:
            raise ValidationError(f"{where}: {exc.message}", field="steps") from exc
        if step.kind is StepKind.DECISION:
            if step.on_return is None:
                raise ValidationError(f"{where}: langkah keputusan harus punya tujuan 'Kembalikan'.", field="steps")
            for target in (step.on_approve, step.on_return):
                if target is not None and not 1 <= target <= count:
                    raise ValidationError(f"{where}: tujuan cabang {target} di luar 1–{count}.", field="steps")
        elif step.on_approve is not None or step.on_return is not None:
            raise ValidationError(f"{where}: hanya langkah keputusan yang punya cabang.", field="steps")
        if step.action and step.action not in ACTIONS:
            known = ", ".join(ACTIONS)
            raise ValidationError(f"{where}: aksi program '{step.action}' tidak dikenal; pakai {known}.", field="steps")
    _check_lanes(definition)
    _check_tracks(definition)
    return definition


_UNIT_KINDS = tuple(k.value for k in UnitKind)


def _check_lanes(definition: SopDefinition) -> None:
    for actor in definition.actors:
        if actor.unit_kind and actor.unit_kind not in _UNIT_KINDS:
            raise ValidationError(
                f"Pelaksana '{actor.label}': jenis unit '{actor.unit_kind}' tidak dikenal; "
                f"pakai {', '.join(_UNIT_KINDS)}.",
                field="actors",
            )


def _check_tracks(definition: SopDefinition) -> None:
    """Parallel tracks: a block has two tracks or more; inside it a decision goes back only within its own track."""
    for block in definition.blocks():
        tracks = {definition.steps[p - 1].track for p in block}
        first, last = definition.steps[block.start - 1].number, definition.steps[block.stop - 2].number
        if len(tracks) < 2:
            raise ValidationError(
                f"Langkah {first}–{last}: jalur paralel harus sedikitnya dua (kini hanya '{tracks.pop()}').",
                field="steps",
            )
        for position in block:
            step = definition.steps[position - 1]
            if step.kind is not StepKind.DECISION:
                continue
            where = f"Langkah ke-{position} (nomor {step.number or '-'})"
            target = step.on_return
            if step.on_approve is not None:
                raise ValidationError(f"{where}: langkah di jalur paralel tidak boleh melompat saat disetujui.")
            if target is None or target not in block or definition.steps[target - 1].track != step.track:
                raise ValidationError(f"{where}: di jalur paralel, 'Kembalikan' harus ke langkah jalur '{step.track}'.")


# --- (de)serialisation: TOML templates and JSON in the database share one dict shape -----------


def to_dict(definition: SopDefinition) -> dict[str, Any]:
    """A JSON/TOML-ready dict (roles and kinds as strings)."""
    data = asdict(definition)
    data["format_version"] = FORMAT_VERSION
    data["start_roles"] = [r.value for r in definition.start_roles]
    for actor in data["actors"]:
        actor["role"] = str(actor["role"])
    for step in data["steps"]:
        step["kind"] = str(step["kind"])
        step["inputs"] = list(step["inputs"])
    for name, value in list(data["identity"].items()):
        if isinstance(value, tuple):
            data["identity"][name] = list(value)
    return data


def from_dict(data: dict[str, Any]) -> SopDefinition:
    """Build and validate a definition from `to_dict`'s shape (also the template file's shape)."""
    version = data.get("format_version", FORMAT_VERSION)
    if version > FORMAT_VERSION:
        raise ValidationError(
            f"Format SOP versi {version} lebih baru daripada yang dikenal program ini ({FORMAT_VERSION})."
        )
    try:
        ident = data["identity"]
        fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in ident.items()}
        identity = Identity(**fields)
        actors = tuple(
            Actor(
                key=a["key"],
                label=a["label"],
                role=Role(a["role"]),
                unit=str(a.get("unit", "")),
                unit_kind=str(a.get("unit_kind", "")),
                unit_hint=str(a.get("unit_hint", "")),
            )
            for a in data["actors"]
        )
        steps = tuple(
            Step(
                number=str(s.get("number", "")),
                activity=s.get("activity", ""),
                actor=s["actor"],
                inputs=tuple(s.get("inputs", ())),
                time=str(s.get("time", "")),
                output=s.get("output", ""),
                note=s.get("note", ""),
                kind=StepKind(s.get("kind", "PROCESS")),
                on_approve=s.get("on_approve"),
                on_return=s.get("on_return"),
                actor_inferred=bool(s.get("actor_inferred", False)),
                action=str(s.get("action", "")),
                track=str(s.get("track", "")),
            )
            for s in data["steps"]
        )
        start_roles = tuple(Role(r) for r in data.get("start_roles", [r.value for r in SopDefinition.start_roles]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"Struktur SOP tidak lengkap atau salah: {exc}") from exc
    return validate(
        SopDefinition(
            code=data["code"],
            identity=identity,
            actors=actors,
            steps=steps,
            source=data.get("source", ""),
            start_roles=start_roles,
        )
    )


@lru_cache(maxsize=256)
def from_json(text: str) -> SopDefinition:
    """A stored version's definition. Versions never change, so parsed definitions are kept."""
    return from_dict(json.loads(text))


def load_template(path: Path) -> SopDefinition:
    """Read one template file."""
    import tomllib  # only adopting a template reads TOML; the first window does not

    with path.open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError(f"Templat SOP {path.name} tidak dapat dibaca: {exc}") from exc
    try:
        return from_dict(data)
    except ValidationError as exc:
        raise ValidationError(f"Templat SOP {path.name}: {exc.message}", field=exc.field) from exc


def template_dir() -> Path:
    """Where the shipped SOP templates are."""
    from sakip_desktop.paths import resources_dir

    return resources_dir() / "sops"


def load_templates() -> list[SopDefinition]:
    """Every shipped template, by file name."""
    return [load_template(p) for p in sorted(template_dir().glob("*.toml"))]


__all__ = [
    "ACTIONS",
    "BASED_ON",
    "FORMAT_VERSION",
    "Actor",
    "Identity",
    "SopDefinition",
    "Step",
    "StepKind",
    "from_dict",
    "load_template",
    "load_templates",
    "to_dict",
    "validate",
]
