"""Bukti dukung files stored inside the database: the name kept, the size limit and the checksum.

Shared by the realisasi evidence (`ops.realisation`) and the tindak lanjut evidence (`ops.follow_ups`), so
both refuse the same files with the same words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PureWindowsPath

from sakip_desktop.domain.formats import number
from sakip_desktop.errors import DatabaseError, ValidationError

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """A file accepted as bukti dukung: its short name, size and SHA-256."""

    name: str
    size: int
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
