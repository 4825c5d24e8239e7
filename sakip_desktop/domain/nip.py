"""NIP (Nomor Induk Pegawai) validation and printing, per regulations.md §6.1.

A PNS NIP is 18 digits: birth date YYYYMMDD, CPNS appointment YYYYMM, sex (1/2), serial (3).
A PPPK number is also 18 digits: birth date YYYYMMDD, appointment year YYYY, a 2-digit code
(e.g. 21, 24: not a month), sex (1/2), serial (3). Both are accepted; only their structure differs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sakip_desktop.domain.roles import Employment
from sakip_desktop.errors import ValidationError

NIP_LENGTH = 18
DEFAULT_GROUPING = (8, 6, 1, 3)


@dataclass(frozen=True)
class NipParts:
    """What an 18-digit number says about its holder."""

    birth_date: dt.date
    appointed_year: int
    sex: int


def normalize_nip(text: str) -> str:
    """Strip the spaces and dots people type inside a NIP."""
    return "".join(ch for ch in text if ch not in " .-\t")


def _parse_date(digits: str) -> dt.date | None:
    try:
        return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def validate_nip(text: str, employment: Employment) -> str:
    """Return the normalised NIP or raise `ValidationError` saying what is wrong.

    An empty NIP is allowed only for non-ASN staff.
    """
    nip = normalize_nip(text)
    if not nip:
        if employment is Employment.NON_ASN:
            return ""
        raise ValidationError(f"NIP wajib diisi untuk pegawai {employment.label}.", field="nip")
    if not nip.isdigit():
        raise ValidationError("NIP hanya boleh berisi angka.", field="nip")
    if len(nip) != NIP_LENGTH:
        raise ValidationError(f"NIP harus 18 angka; yang diisi {len(nip)} angka.", field="nip")
    parts = nip_parts(nip, employment)
    if parts is None:
        what = "PNS" if employment is not Employment.PPPK else "PPPK"
        raise ValidationError(f"Susunan NIP {what} tidak sah: {explain_nip_problem(nip, employment)}", field="nip")
    return nip


def explain_nip_problem(nip: str, employment: Employment) -> str:
    """Say which part of a well-sized NIP is wrong (for error messages)."""
    if _parse_date(nip[0:8]) is None:
        return f"8 angka pertama ({nip[0:8]}) bukan tanggal lahir TTTTBBHH yang sah."
    if employment is Employment.PPPK:
        if not 1900 <= int(nip[8:12]) <= 2100:
            return f"angka ke-9 s.d. 12 ({nip[8:12]}) bukan tahun pengangkatan."
    else:
        year, month = int(nip[8:12]), int(nip[12:14])
        if not 1900 <= year <= 2100 or not 1 <= month <= 12:
            return f"angka ke-9 s.d. 14 ({nip[8:14]}) bukan tahun dan bulan pengangkatan TTTTBB."
    if nip[14] not in "12":
        return f"angka ke-15 ({nip[14]}) harus 1 (pria) atau 2 (wanita)."
    birth = _parse_date(nip[0:8])
    assert birth is not None
    if int(nip[8:12]) < birth.year + 15:
        return "tahun pengangkatan terlalu dekat dengan tahun lahir."
    return "susunan angka tidak dikenali."


def nip_parts(nip: str, employment: Employment) -> NipParts | None:
    """Decode an 18-digit number; None when its structure is not valid for the employment."""
    birth = _parse_date(nip[0:8])
    if birth is None:
        return None
    year = int(nip[8:12])
    if not 1900 <= year <= 2100 or year < birth.year + 15:
        return None
    if employment is not Employment.PPPK and not 1 <= int(nip[12:14]) <= 12:
        return None
    if nip[14] not in "12":
        return None
    return NipParts(birth_date=birth, appointed_year=year, sex=int(nip[14]))


def format_nip(nip: str, grouping: tuple[int, ...] | None = DEFAULT_GROUPING) -> str:
    """Print a NIP with spaces between groups (8-6-1-3 by default); None prints it unspaced."""
    if not grouping or len(nip) != sum(grouping):
        return nip
    out, pos = [], 0
    for size in grouping:
        out.append(nip[pos : pos + size])
        pos += size
    return " ".join(out)
