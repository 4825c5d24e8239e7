"""An LKE template as plain data, the shipped PermenPAN-RB 88/2021 template, and the checks every template passes.

A template is data an office can import and edit, never code (kabupaten.md §3): components and their
sub-components with weights in points, criteria with their text, the evidence they ask for and their kind of answer
(SKALA: AA…E, YT: Y/T), the values of the answers and the predikat bands. `check_template` lists every problem
with the code of the line it is about, so an importer can point at the row; a template with any problem is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sakip_desktop.errors import ValidationError
from sakip_desktop.paths import resources_dir

FORMAT_NAME = "Templat LKE SAKIP Desktop"
FORMAT_VERSION = 1
SHIPPED_FILE = "permenpanrb-88-2021.json"
SKALA, YT = "SKALA", "YT"
KIND_LABELS = {SKALA: "AA-E", YT: "Y/T"}  # as the .xlsx writes the kind of answer
TOTAL = Decimal(100)
_MAX_WEIGHT_PLACES = 2


@dataclass(frozen=True)
class Criterion:
    """A criterion: code ('1.a.7'), text, evidence asked for, kind of answer (SKALA or YT)."""

    code: str
    text: str
    evidence: str
    kind: str


@dataclass(frozen=True)
class SubComponent:
    """A sub-component with its weight in points and its criteria (scored as their mean)."""

    code: str
    name: str
    weight: Decimal
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Component:
    """A component with its weight in points and its sub-components."""

    code: str
    name: str
    weight: Decimal
    subcomponents: tuple[SubComponent, ...]


@dataclass(frozen=True)
class Answer:
    """An answer of the scale and its value (0-100)."""

    kind: str
    code: str
    value: Decimal
    label: str


@dataclass(frozen=True)
class Band:
    """A predikat band: from `minimum` (exclusive when the template says so) up to the next band."""

    code: str
    minimum: Decimal
    label: str
    interpretation: str


@dataclass(frozen=True)
class Template:
    """A whole LKE template."""

    code: str
    name: str
    basis: str
    components: tuple[Component, ...]
    scale: tuple[Answer, ...]
    bands: tuple[Band, ...]
    lower_exclusive: bool = True
    format_version: int = FORMAT_VERSION

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, in order."""
        return tuple(c for comp in self.components for sub in comp.subcomponents for c in sub.criteria)

    def answers(self, kind: str) -> tuple[Answer, ...]:
        """The answers of one kind, best first."""
        return tuple(sorted((a for a in self.scale if a.kind == kind), key=lambda a: -a.value))

    def value(self, kind: str, code: str) -> Decimal | None:
        """The value of answer `code` of `kind`, None when the scale has no such answer."""
        return next((a.value for a in self.scale if a.kind == kind and a.code == code), None)


def weight(raw: Any) -> Decimal:
    """A weight from JSON or a cell: '7,5', '7.5', 7.5 -> Decimal('7.5'); ValueError when it is no number."""
    text = str(raw).strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def check_template(t: Template) -> list[tuple[str, str]]:
    """Every problem of a template as (code of the line or '', message in Indonesian); [] when it is sound."""
    out: list[tuple[str, str]] = []
    if not t.code.strip():
        out.append(("", "kode templat wajib diisi."))
    if not t.name.strip():
        out.append(("", "nama templat wajib diisi."))
    out += _check_weights(t)
    out += _check_codes(t)
    for kind in (SKALA, YT):
        if any(c.kind == kind for c in t.criteria) and not t.answers(kind):
            out.append(("", f"kriteria dengan jawaban {KIND_LABELS[kind]} ada, tetapi skala jawabannya kosong."))
    for a in t.scale:
        if not Decimal(0) <= a.value <= TOTAL:
            out.append((a.code, f"nilai jawaban {a.code} harus 0 sampai 100; tertulis {a.value}."))
    if not t.bands:
        out.append(("", "predikat belum diisi."))
    elif min(b.minimum for b in t.bands) != 0:
        out.append(("", "predikat terendah harus mulai dari nilai 0."))
    return out


def _check_weights(t: Template) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for comp in t.components:
        subs = sum((s.weight for s in comp.subcomponents), Decimal(0))
        if not comp.subcomponents:
            out.append((comp.code, f"komponen {comp.code} tidak memiliki sub komponen."))
        elif subs != comp.weight:
            parts = " + ".join(_num(s.weight) for s in comp.subcomponents)
            out.append(
                (
                    comp.code,
                    f"bobot sub komponen {comp.code} berjumlah {parts} = {_num(subs)}, "
                    f"tidak sama dengan bobot komponennya {_num(comp.weight)}.",
                )
            )
        for sub in comp.subcomponents:
            if sub.weight <= 0:
                out.append((sub.code, f"bobot sub komponen {sub.code} harus lebih dari 0."))
            if not sub.criteria:
                out.append((sub.code, f"sub komponen {sub.code} tidak memiliki kriteria."))
        if comp.weight <= 0:
            out.append((comp.code, f"bobot komponen {comp.code} harus lebih dari 0."))
    total = sum((c.weight for c in t.components), Decimal(0))
    if t.components and total != TOTAL:
        out.append(("", f"bobot seluruh komponen berjumlah {_num(total)}, seharusnya 100."))
    if not t.components:
        out.append(("", "templat tidak memiliki komponen."))
    for w in [c.weight for c in t.components] + [s.weight for c in t.components for s in c.subcomponents]:
        if -w.as_tuple().exponent > _MAX_WEIGHT_PLACES:  # type: ignore[operator]
            out.append(("", f"bobot {w} memakai lebih dari dua angka di belakang koma."))
    return out


def _check_codes(t: Template) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for comp in t.components:
        for code in (
            [comp.code]
            + [s.code for s in comp.subcomponents]
            + [c.code for s in comp.subcomponents for c in s.criteria]
        ):
            if code in seen:
                out.append((code, f"kode {code} dipakai lebih dari sekali."))
            seen.add(code)
        for sub in comp.subcomponents:
            if not sub.code.startswith(comp.code + "."):
                out.append((sub.code, f"kode sub komponen {sub.code} harus diawali kode komponennya {comp.code}."))
            for c in sub.criteria:
                if not c.code.startswith(sub.code + "."):
                    out.append((c.code, f"kode kriteria {c.code} harus diawali kode sub komponennya {sub.code}."))
                if not c.text.strip():
                    out.append((c.code, f"uraian kriteria {c.code} wajib diisi."))
                if c.kind not in (SKALA, YT):
                    out.append((c.code, f"jenis jawaban kriteria {c.code} harus AA-E atau Y/T."))
    return out


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def template_from_json(data: dict[str, Any]) -> Template:
    """A template from its JSON form (the shipped file); `ValidationError` when it is malformed or unsound."""
    try:
        t = Template(
            code=str(data["code"]),
            name=str(data["name"]),
            basis=str(data.get("basis", "")),
            lower_exclusive=bool(data.get("predikat_lower_exclusive", True)),
            format_version=int(data.get("format_version", FORMAT_VERSION)),
            scale=tuple(Answer(a["kind"], a["code"], weight(a["value"]), a.get("label", "")) for a in data["scale"]),
            bands=tuple(
                Band(b["code"], weight(b["minimum"]), b["label"], b.get("interpretation", "")) for b in data["predikat"]
            ),
            components=tuple(
                Component(
                    c["code"],
                    c["name"],
                    weight(c["weight"]),
                    tuple(
                        SubComponent(
                            s["code"],
                            s["name"],
                            weight(s["weight"]),
                            tuple(
                                Criterion(k["code"], k["text"], k.get("evidence", ""), k["kind"]) for k in s["criteria"]
                            ),
                        )
                        for s in c["subcomponents"]
                    ),
                )
                for c in data["components"]
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"Templat LKE tidak lengkap atau rusak ({exc}).", field="template") from exc
    problems = check_template(t)
    if problems:
        raise ValidationError("Templat LKE tidak sah: " + "; ".join(m for _, m in problems), field="template")
    return t


def shipped_template() -> Template:
    """The PermenPAN-RB 88/2021 template shipped in resources/lke/."""
    path = resources_dir() / "lke" / SHIPPED_FILE
    return template_from_json(json.loads(path.read_text(encoding="utf-8")))
