"""Who approves an SOP ("Disahkan oleh"): read from the identity's text, checked, and written back.

The identity keeps the approver as one line of text. The program writes it as
"JABATAN; Nama; Pangkat; NIP. 19650430 198502 2 003" (parts separated by ';'). The shipped seeds
wrote it as they were found: "CAMAT KARANGPLOSO DYAH EKAWATI NW, SH., M.Si. Pembina NIP. 1965…";
for those the jabatan is taken from the office name and a trailing pangkat word is split off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sakip_desktop.domain.nip import nip_parts, normalize_nip, validate_nip
from sakip_desktop.domain.roles import Employment
from sakip_desktop.errors import ValidationError

_NIP = re.compile(r"\bNIP\b\.?\s*:?\s*([0-9][0-9 .]*[0-9])?", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:(Plt|Plh|Pt)\.?\s+)?CAMAT\b", re.IGNORECASE)
_RANK = re.compile(r"[\s,]+((?:Pembina|Penata|Pengatur|Juru)\b[^,;]*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Approver:
    """The parts of a signature block. `nip` is digits only, as written (may be invalid: see `valid_nip`)."""

    position: str
    name: str
    rank: str = ""
    nip: str = ""

    @property
    def valid_nip(self) -> str:
        """The NIP when its structure is a real PNS or PPPK number, else ''. An invalid NIP is never printed."""
        digits = len(self.nip) == 18 and self.nip.isdigit()
        if digits and (nip_parts(self.nip, Employment.PNS) or nip_parts(self.nip, Employment.PPPK)):
            return self.nip
        return ""

    def as_text(self) -> str:
        """The identity's text for this approver: 'JABATAN; Nama; Pangkat; NIP. …'."""
        parts = [self.position, self.name, self.rank, f"NIP. {self.nip}" if self.nip else ""]
        return "; ".join(p for p in parts if p)


def _office_place(unit_name: str) -> str:
    words = [w for w in unit_name.upper().split() if w not in ("KANTOR", "KECAMATAN", "CAMAT")]
    return " ".join(words)


def _split_seed(text: str, unit_name: str) -> tuple[str, str]:
    """'CAMAT KARANGPLOSO DYAH …' → ('CAMAT KARANGPLOSO', 'DYAH …'), using the office name when it follows."""
    head = _PREFIX.match(text)
    if head is None:
        return "", text
    rest = text[head.end() :].strip()
    place = _office_place(unit_name)
    if place and rest.upper().startswith(place + " "):
        return f"{head.group(0)} {rest[: len(place)]}", rest[len(place) :].strip()
    first, _, name = rest.partition(" ")
    return f"{head.group(0)} {first}".strip(), name.strip()


def parse_approver(text: str, unit_name: str = "") -> Approver:
    """Read 'Disahkan oleh' into its parts; empty parts stay ''."""
    match = _NIP.search(text)
    nip = normalize_nip(match.group(1) or "") if match else ""
    head = (text[: match.start()] + " " + text[match.end() :]) if match else text
    if ";" in head or "\n" in head:
        parts = [" ".join(p.split()).strip(" ,") for p in re.split(r"[;\n]", head)]
        parts = [p for p in parts if p]
        parts += [""] * (3 - len(parts))
        return Approver(parts[0], parts[1], " ".join(parts[2:]).strip(), nip)
    line = " ".join(head.split()).strip(" ,")
    rank = ""
    found = _RANK.search(line)
    if found:
        rank, line = found.group(1).strip(), line[: found.start()].strip(" ,")
    position, name = _split_seed(line, unit_name)
    return Approver(position, name, rank, nip)


def check_approver(text: str) -> str:
    """Return `text`, or raise `ValidationError` when the NIP written in 'Disahkan oleh' is not a valid NIP."""
    match = _NIP.search(text)
    if match is None:
        return text
    written = (match.group(1) or "").strip()
    try:
        nip = validate_nip(written, Employment.PNS)
    except ValidationError as pns:
        try:
            nip = validate_nip(written, Employment.PPPK)
        except ValidationError:
            raise ValidationError(
                f"Disahkan oleh: NIP '{written or '(kosong)'}' tidak sah. {pns.message} "
                "Tulis NIP 18 angka yang benar, atau hapus NIP-nya.",
                field="approved_by",
            ) from pns
    del nip  # only its validity matters here
    return text


__all__ = ["Approver", "check_approver", "parse_approver"]
