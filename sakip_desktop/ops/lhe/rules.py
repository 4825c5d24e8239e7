"""Who sends an LHE and how its score reads (regulations.md §4.2): pure rules, no database."""

from __future__ import annotations

from decimal import Decimal

from sakip_desktop.errors import ValidationError

INSPEKTORAT, KEMENPAN = "INSPEKTORAT", "KEMENPAN"
EVALUATORS = {INSPEKTORAT: "Inspektorat", KEMENPAN: "Kementerian PANRB"}

# Predikat by lower bound (exclusive, regulations.md §4.2: "> 90 – 100" is AA), highest first; D from 0.
PREDIKAT_BANDS: tuple[tuple[str, Decimal], ...] = (
    ("AA", Decimal(90)),
    ("A", Decimal(80)),
    ("BB", Decimal(70)),
    ("B", Decimal(60)),
    ("CC", Decimal(50)),
    ("C", Decimal(30)),
)
PREDIKAT_LABELS = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup (Memadai)",
    "C": "Kurang",
    "D": "Sangat Kurang",
}


def predikat_of(score: Decimal) -> str:
    """The predikat of a score 0–100 by the bands of PermenPAN-RB 88/2021 (lower bounds exclusive)."""
    for code, above in PREDIKAT_BANDS:
        if score > above:
            return code
    return "D"


def check_score(score: Decimal | None) -> Decimal:
    """A score of 0 to 100 with at most two decimals; otherwise `ValidationError`."""
    if score is None:
        raise ValidationError("Isi nilai LHE (0–100).", field="score")
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError(f"Nilai LHE {score} di luar 0–100.", field="score")
    if score != score.quantize(Decimal("0.01")):
        raise ValidationError(f"Nilai LHE {score} paling banyak dua angka di belakang koma.", field="score")
    return score.quantize(Decimal("0.01"))


def check_predikat(predikat: str, score: Decimal) -> str:
    """The predikat the letter gives (empty: the one of its score); one of AA, A, BB, B, CC, C, D."""
    code = (predikat or "").strip().upper()
    if not code:
        return predikat_of(score)
    if code not in PREDIKAT_LABELS:
        raise ValidationError(f"Predikat '{predikat}' tidak dikenal; pilih AA, A, BB, B, CC, C atau D.", "predikat")
    return code


def evaluator_title(evaluator: str, regency_title: str) -> str:
    """'Inspektorat Kabupaten Contoh' or 'Kementerian PANRB'."""
    if evaluator == INSPEKTORAT:
        return f"Inspektorat {regency_title}".strip()
    return EVALUATORS.get(evaluator, evaluator)
