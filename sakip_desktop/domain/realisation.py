"""Rules for a quarter's realisasi: its statuses, when capaian needs a narrative, and what blocks submission.

Pure functions over `Decimal`; the operations in `sakip_desktop.ops.realisation.entry` apply them. The rules an
entry must pass (text length, editable status, manual capaian, justification, staleness) are one function each
here, called by the entry screen's operation and by the Format Isian import alike: each returns the problem in
the same Indonesian words (None when there is none) and the caller adds where it is (an indicator, or a file's
sheet, row and column).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sakip_desktop.domain.achievement import HUNDRED, Polarity, Target, achievement
from sakip_desktop.domain.formats import percent


class Status(StrEnum):
    """Where a realisasi is on its way from the Kasi to the Camat."""

    DRAFT = "DRAFT"
    RETURNED = "RETURNED"
    SUBMITTED = "SUBMITTED"
    VERIFIED = "VERIFIED"
    APPROVED = "APPROVED"

    @property
    def label(self) -> str:
        """Indonesian label."""
        return STATUS_LABELS[self]

    @property
    def editable(self) -> bool:
        """True while the Kasi may still change the value and narrative."""
        return self in (Status.DRAFT, Status.RETURNED)


STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "Draf",
    Status.RETURNED: "Dikembalikan",
    Status.SUBMITTED: "Diajukan",
    Status.VERIFIED: "Diverifikasi",
    Status.APPROVED: "Disetujui",
}

NARRATIVE_LABELS = ("faktor pendukung", "faktor penghambat", "upaya/tindak lanjut")

MAX_TEXT = 4000  # characters of one narrative field: about a page

LOCKED_MESSAGE = "Data triwulan ini sudah disetujui dan terkunci; ubah melalui revisi dengan alasan."

# The office setting "Bukti dukung wajib" (ops.org.office.OfficeSettings.evidence_required) as the rules name it.
EVIDENCE_SETTING = "Pengaturan › Umum › Bukti dukung wajib"


@dataclass(frozen=True)
class RealisationInput:
    """What a Kasi enters for one indicator and quarter (on the screen or in a Format Isian row)."""

    value: Decimal | None
    supporting: str = ""
    inhibiting: str = ""
    follow_up: str = ""
    manual_achievement: Decimal | None = None
    manual_justification: str = ""


def clean_text(text: str | None) -> str:
    """A narrative as stored: line breaks made plain, surrounding spaces removed."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def text_problem(text: str) -> str | None:
    """Rule: a narrative field holds at most `MAX_TEXT` characters (of the cleaned text)."""
    if len(text) > MAX_TEXT:
        return f"teks terlalu panjang ({len(text)} karakter; paling banyak {MAX_TEXT})."
    return None


def status_problem(status: Status | None) -> str | None:
    """Rule: only a draft or returned realisasi (or a new one, `status` None) may be changed by its unit."""
    if status is None or status.editable:
        return None
    if status is Status.APPROVED:
        return LOCKED_MESSAGE
    return (
        f"realisasi ini sudah {status.label.lower()} dan sedang diperiksa; hanya dapat diubah setelah "
        "dikembalikan oleh Sekretaris atau Camat."
    )


def manual_achievement_problem(
    target: Target | None, manual: Decimal | None, *, target_name: str, manual_name: str
) -> str | None:
    """Rule: a manual capaian only where capaian cannot be computed (a quarterly target of 0).

    `target_name` and `manual_name` are how the caller's place names the target and the manual capaian
    ('target TW IV' and 'capaian manual' on the screen; the column 'Target TW' and 'sel ini' in a file).
    """
    if manual is None or (target is not None and is_zero_target(target)):
        return None
    return f"capaian manual hanya diisi bila {target_name} bernilai 0; kosongkan {manual_name}."


def justification_problem(manual: Decimal | None, justification: str) -> str | None:
    """Rule: a manual capaian needs its justification."""
    if manual is not None and not justification.strip():
        return "tulis justifikasi untuk capaian manual."
    return None


@dataclass(frozen=True)
class Seen:
    """What a person changed a realisasi from; the change is refused when what is stored is no longer that.

    `when` and `again` name the moment and the remedy in the message ('berkas dibaca', 'baca ulang
    berkasnya'). A Format Isian records only which realisasi a row was made from (`by_id`); a preview or a
    form knows the contents (`data`, None when nothing was entered yet).
    """

    data: RealisationInput | None = None
    realisation_id: int | None = None
    by_id: bool = False
    when: str = "dibuka di layar"
    again: str = "muat ulang lalu ubah lagi"


def stale_problem(stored_id: int | None, stored: RealisationInput | None, seen: Seen) -> str | None:
    """Rule: a change applies only to the realisasi the person saw (`stored_id`/`stored`: what is stored now)."""
    if seen.by_id:
        if stored_id == seen.realisation_id:
            return None
        return f"data realisasi di basis data berbeda dengan saat {seen.when}; {seen.again}."
    if stored == seen.data:
        return None
    return f"data ini berubah sejak {seen.when}; {seen.again}."


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    """The quarter before (TW I follows TW IV of the year before)."""
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def is_zero_target(target: Target) -> bool:
    """True when capaian cannot be computed from the target (a target of 0, not a range)."""
    return not target.is_range and target.low == 0


def quarter_achievement(
    value: Decimal | None, target: Target | None, polarity: Polarity, manual: Decimal | None = None
) -> Decimal | None:
    """Capaian of one quarter against its quarterly target; the manual capaian where it cannot be computed."""
    if value is None or target is None:
        return None
    computed = achievement(value, target, polarity)
    return manual if computed is None else computed


@dataclass(frozen=True)
class Narrative:
    """Faktor pendukung, faktor penghambat and upaya/tindak lanjut of one realisasi."""

    supporting: str = ""
    inhibiting: str = ""
    follow_up: str = ""

    def missing(self) -> list[str]:
        """The labels of the parts left empty."""
        parts = (self.supporting, self.inhibiting, self.follow_up)
        return [label for label, text in zip(NARRATIVE_LABELS, parts, strict=True) if not text.strip()]


def narrative_reason(current: Decimal | None, previous: Decimal | None) -> str | None:
    """Why the narrative is required (capaian below target or below the previous quarter), or None."""
    if current is None:
        return None
    if current < HUNDRED:
        return f"capaian {percent(current)} di bawah target triwulan"
    if previous is not None and current < previous:
        return f"capaian {percent(current)} turun dari triwulan sebelumnya ({percent(previous)})"
    return None


@dataclass(frozen=True)
class QuarterFacts:
    """What the submission rules look at for one indicator's quarter."""

    value: Decimal | None
    target: Target | None
    polarity: Polarity
    manual: Decimal | None
    justification: str
    narrative: Narrative
    previous: Decimal | None  # capaian of the quarter before, when it has a value
    evidence_files: int = 0  # the bukti dukung files uploaded
    evidence_required: bool = False  # the office's setting "Bukti dukung wajib"


def evidence_problem(files: int, required: bool) -> str | None:
    """Rule: while the office requires it, a realisasi is submitted only with at least one bukti dukung file."""
    if required and files == 0:
        return f"bukti dukung belum diunggah; unggah sedikitnya satu berkas bukti dukung ({EVIDENCE_SETTING})"
    return None


def evidence_check_problem(files: int, ticked: bool, required: bool) -> str | None:
    """Rule of the Sekretaris's checklist on a realisasi without a bukti dukung file: 'bukti dukung ada' cannot be
    ticked, and while the office requires bukti the realisasi goes back to its unit instead of being verified.
    (With a file the item is ticked like the others.)"""
    if files:
        return None
    if ticked:
        return "tidak ada berkas bukti dukung, jadi 'bukti dukung ada' tidak dapat dicentang"
    if required:
        return f"bukti dukung wajib ({EVIDENCE_SETTING}) tetapi tidak ada berkasnya; kembalikan ke unitnya"
    return None


def submission_problems(facts: QuarterFacts) -> list[str]:
    """Everything that keeps this realisasi from being submitted (Indonesian, lower case first)."""
    if facts.value is None:
        return ["realisasi belum diisi"]
    if facts.target is None:
        return ["target triwulan belum ditetapkan; minta Kasubag Perencanaan menetapkannya"]
    problems = []
    evidence = evidence_problem(facts.evidence_files, facts.evidence_required)
    if evidence:
        problems.append(evidence)
    if is_zero_target(facts.target) and (facts.manual is None or not facts.justification.strip()):
        problems.append(
            "target triwulan 0 sehingga capaian tidak dapat dihitung; isi capaian manual beserta justifikasinya"
        )
    current = quarter_achievement(facts.value, facts.target, facts.polarity, facts.manual)
    reason = narrative_reason(current, facts.previous)
    missing = facts.narrative.missing()
    if reason and missing:
        problems.append(f"{reason}; isi {_join(missing)}")
    return problems


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " dan " + words[-1]


__all__ = [
    "EVIDENCE_SETTING",
    "LOCKED_MESSAGE",
    "MAX_TEXT",
    "NARRATIVE_LABELS",
    "STATUS_LABELS",
    "Narrative",
    "QuarterFacts",
    "RealisationInput",
    "Seen",
    "Status",
    "clean_text",
    "evidence_check_problem",
    "evidence_problem",
    "is_zero_target",
    "justification_problem",
    "manual_achievement_problem",
    "narrative_reason",
    "previous_quarter",
    "quarter_achievement",
    "stale_problem",
    "status_problem",
    "submission_problems",
    "text_problem",
]
