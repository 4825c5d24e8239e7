"""Bukti dukung files stored inside the database: the name kept, the size limit, the checksum, storing a file
and reading it back.

Shared by the realisasi evidence (`ops.realisation`, `ops.realisation_views`) and the tindak lanjut evidence
(`ops.follow_ups`, `ops.follow_up_views`), so both refuse the same files with the same words and read them the
same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PureWindowsPath
from typing import TypeAlias, cast

from sakip_desktop.domain.formats import number
from sakip_desktop.errors import DatabaseError, NotFound, ValidationError
from sakip_desktop.ops.base import Tx, snapshot
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Quoted: naming the mapped classes here would declare them on import (see storage.models).
EvidenceModel: TypeAlias = "type[m.RealisationEvidence] | type[m.FollowUpEvidence]"


@dataclass(frozen=True)
class CheckedFile:
    """A file accepted as bukti dukung: its short name, size and SHA-256."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class EvidenceView:
    """A bukti dukung file, without its bytes."""

    id: int
    filename: str
    size: int
    sha256: str
    added_by: str
    added_at: dt.datetime  # UTC
    about: str = ""  # whose bukti it is within its realisasi: "Desa Sukorejo" for a desa's file, else ""

    @property
    def shown_name(self) -> str:
        """The name listed: 'Desa Sukorejo — surat.pdf' for a desa's file, else the file's name."""
        return f"{self.about} — {self.filename}" if self.about else self.filename


@dataclass(frozen=True)
class EvidenceFile:
    """A bukti dukung file with its bytes (checked against its SHA-256)."""

    id: int
    filename: str
    data: bytes
    sha256: str


def evidence_name(filename: str) -> str:
    """The file's own name (a Windows path from a file dialog loses its folders), at most 250 characters."""
    name = PureWindowsPath(filename.replace("/", "\\")).name.strip()
    if not name:
        raise ValidationError("Nama berkas bukti dukung kosong.", field="filename")
    if len(name) > 250:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: 249 - len(suffix)] + dot + suffix) if dot and len(suffix) < 20 else name[:250]
    return name


def check_evidence(filename: str, data: bytes) -> CheckedFile:
    """Refuse an empty file or one over 10 MB (in Indonesian, naming it); otherwise its name, size and checksum."""
    name = evidence_name(filename)
    if not data:
        raise ValidationError(f"Berkas bukti dukung '{name}' kosong (0 bita).", field="data")
    if len(data) > MAX_EVIDENCE_BYTES:
        size = number(Decimal(len(data)) / (1024 * 1024), 1)
        raise ValidationError(
            f"Berkas bukti dukung '{name}' berukuran {size} MB; batasnya 10 MB. Perkecil berkasnya "
            "(mis. kompres PDF atau pindai ulang dengan resolusi lebih rendah) lalu coba lagi.",
            field="data",
        )
    return CheckedFile(name, len(data), hashlib.sha256(data).hexdigest())


def verified_bytes(filename: str, data: bytes, sha256: str) -> bytes:
    """The stored bytes when they still match their checksum; `DatabaseError` when the file is damaged."""
    if hashlib.sha256(data).hexdigest() != sha256:
        raise DatabaseError(
            f"Isi bukti dukung '{filename}' tidak cocok dengan checksum-nya (berkas rusak). "
            "Pulihkan dari cadangan atau unggah ulang berkasnya."
        )
    return bytes(data)


def store_evidence(
    tx: Tx, model: EvidenceModel, owner_field: str, owner_id: int, checked: CheckedFile, data: bytes
) -> int:
    """Add a file accepted by `check_evidence` as a `model` row of its owner (`owner_field` = `owner_id`), with the
    audit entry, inside the operation's `write` transaction; returns its id."""
    evidence = model(
        filename=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        data=data,
        added_by=tx.actor.name,
        added_at=tx.now,
        **{owner_field: owner_id},
    )
    tx.session.add(evidence)
    tx.session.flush()
    tx.audit(model.__tablename__, evidence.id, None, snapshot(evidence, (owner_field, "filename", "size")))
    return evidence.id


def evidence_view(row: m.RealisationEvidence | m.FollowUpEvidence) -> EvidenceView:
    """A stored bukti file as the screens list it (without its bytes)."""
    return EvidenceView(row.id, row.filename, row.size, row.sha256, row.added_by, row.added_at)


def read_evidence(db: Database, model: EvidenceModel, evidence_id: int, missing: str) -> EvidenceFile:
    """A stored bukti file with its bytes; `NotFound` (saying `missing`) when it is gone, `DatabaseError` when its
    bytes no longer match the stored checksum."""
    with db.reading() as s:
        e = cast("m.RealisationEvidence | m.FollowUpEvidence | None", s.get(model, evidence_id))
        if e is None:
            raise NotFound(missing)
        return EvidenceFile(e.id, e.filename, verified_bytes(e.filename, e.data, e.sha256), e.sha256)
