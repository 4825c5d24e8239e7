"""What the step screen says about a step: its timer, its state, where the run went next."""

from __future__ import annotations

from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.sop.views import OUTCOME_LABELS, STATUS_LABELS, RunView, StepDetail, step_detail
from sakip_desktop.sop.timer import Elapsed
from sakip_desktop.storage.database import Database
from ui.widgets.texts import when

BANNER_STYLES = {
    "paused": "background:#fff4d6; border:1px solid #e0b000; padding:6px;",
    "closed": "background:#e8f0fe; border:1px solid #8ab4f8; padding:6px;",
    "other": "background:#f1f3f4; border:1px solid #bdc1c6; padding:6px;",
    "returned": "background:#fde7e9; border:1px solid #d93025; padding:6px; color:#5f0f14;",
}
OVER_STYLE = "color:#b00020; font-weight:bold;"


def standard_text(label: str, took: Elapsed) -> str:
    """The standard as the office says it: day standards count working days."""
    if took.standard is not None and took.standard.is_working_days:
        return f"{label} kerja"
    return label


def timer_text(detail: StepDetail) -> str:
    """'Berjalan: 12 menit (standar 15 menit)', with the pause or the overrun said."""
    took = detail.elapsed
    if detail.finished_at is not None:
        prefix = "Waktu nyata"
    elif detail.paused_reason is not None:
        prefix = "Dijeda pada"
    else:
        prefix = "Berjalan"
    text = f"{prefix}: {took.label()}"
    if took.standard is not None:
        text += f" (standar {standard_text(detail.standard_label, took)})"
    if took.over:
        text += " — melebihi standar"
    return text


def closed_text(detail: StepDetail, run: RunView | None) -> str:
    """'Dikembalikan oleh … pada …. Alasan: …' for a visit that has ended."""
    if detail.finished_at is None:
        return f"Pelaksanaan ini {STATUS_LABELS[detail.run_status].lower()}."
    entry = next((e for e in run.entries if e.step_run_id == detail.step_run_id), None) if run else None
    if entry is None:
        return f"Langkah ini sudah selesai pada {when(detail.finished_at)}."
    outcome = OUTCOME_LABELS.get(entry.outcome, entry.outcome)
    text = f"{outcome} oleh {entry.finished_by} pada {when(entry.finished_at)}."
    return text + (f" Alasan: {entry.reason}" if entry.reason else "")


def banner(detail: StepDetail, actor: Actor, run: RunView | None) -> tuple[str, str] | None:
    """The line above the step (text, style key), or None while the person is simply working on it."""
    if detail.finished_at is not None or detail.run_status != "RUNNING":
        return closed_text(detail, run), "closed"
    if detail.paused_reason is not None:
        return f"Dijeda: {detail.paused_reason}", "paused"
    if not detail.yours:
        return (
            f"Langkah ini dikerjakan oleh {' '.join(x for x in (detail.role.label, detail.lane_unit) if x)}; "
            "Anda hanya dapat melihatnya. "
            f"Dimulai {when(detail.started_at)}.",
            "other",
        )
    return None


def returned_text(detail: StepDetail) -> str | None:
    """'Dikembalikan oleh … pada … dari langkah 5. Alasan: …' on a step the run was sent back to, or None."""
    if detail.returned is None:
        return None
    return "↩ " + detail.returned.text


def position_text(detail: StepDetail) -> str:
    """'Langkah 13 · langkah ke-11 dari 19 · jalur Seksi · kunjungan ke-2': the SOP's number, then the position."""
    parts = [f"Langkah {detail.number}", detail.position_text]
    if detail.track:
        parts.append(f"jalur {detail.track}")
    if detail.visit > 1:
        parts.append(f"kunjungan ke-{detail.visit}")
    return " · ".join(parts)


def approve_text(detail: StepDetail) -> str:
    """The approve button: where the run goes, by the SOP's numbers."""
    if detail.approve_number is None:
        return "Setujui → selesai"
    wait = " (setelah jalur lain selesai)" if detail.joins_tracks else ""
    return f"Setujui → langkah {detail.approve_number}{wait}"


def next_text(run: RunView, mine: set[int]) -> tuple[str, int | None]:
    """Where the run went after a step, and the next visit when it is the same person's turn (`mine`: the waiting
    visits the person may work on)."""
    waiting = [e for e in run.entries if e.finished_at is None]
    if not waiting:
        return f"Pelaksanaan SOP {run.status_label.lower()}.", None
    listed = " dan ".join(f"langkah {e.number} ({e.role.label})" for e in waiting)
    text = f"Diteruskan ke {listed}."
    yours = next((e for e in waiting if e.step_run_id in mine), None)
    if yours is None:
        return text, None
    which = "Langkah itu" if len(waiting) == 1 else f"Langkah {yours.number}"
    return text + f" {which} juga giliran Anda.", yours.step_run_id


def yours_waiting(db: Database, run: RunView, actor: Actor) -> set[int]:
    """The run's waiting step visits `actor` may work on (his role, in the unit of the step's lane)."""
    waiting = [e.step_run_id for e in run.entries if e.finished_at is None]
    return {i for i in waiting if step_detail(db, i, actor=actor).yours}
