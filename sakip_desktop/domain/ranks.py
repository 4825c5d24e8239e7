"""Pangkat and golongan ruang of PNS (PP 3/1980, PP 99/2000; regulations.md §6.2)."""

from __future__ import annotations

from sakip_desktop.errors import ValidationError

# golongan -> pangkat, in ascending order.
RANKS: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

GRADES: tuple[str, ...] = tuple(RANKS)


def rank_of(grade: str) -> str:
    """The pangkat name of a golongan ('' for none)."""
    return RANKS.get(grade, "")


def validate_grade(grade: str) -> str:
    """Accept '' (PPPK/non-ASN) or a golongan from the official list."""
    grade = grade.strip()
    if grade and grade not in RANKS:
        raise ValidationError(f"Golongan '{grade}' tidak ada dalam daftar resmi (I/a s.d. IV/e).", field="grade")
    return grade


def rank_label(grade: str) -> str:
    """Print form 'Pembina Tk. I (IV/b)', or '' when there is no golongan."""
    if not grade:
        return ""
    return f"{rank_of(grade).replace('Tingkat I', 'Tk. I')} ({grade})"
