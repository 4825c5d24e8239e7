"""Where a run goes after a step: the next step, a decision's branch, and parallel tracks.

Neighbouring steps that name a track (`Step.track`) form a parallel block. Entering the block at its first step
opens the first step of every track at once; inside the block each track goes on by itself (a return in one track
sends back only that track); the step after the block opens when every track has finished. Entering the block
later than its first step (a return from after the block) runs only that step's track again.
"""

from __future__ import annotations

from collections.abc import Collection

from sakip_desktop.sop.definition import SopDefinition, StepKind


def entry(definition: SopDefinition, target: int) -> tuple[int, ...]:
    """The steps opened when the run arrives at step `target` (1-based)."""
    block = definition.block_of(target)
    if block is None or target != block.start:
        return (target,)
    firsts: dict[str, int] = {}
    for position in block:
        firsts.setdefault(definition.steps[position - 1].track, position)
    return tuple(sorted(firsts.values()))


def following(
    definition: SopDefinition, position: int, approved: bool = True, still_open: Collection[int] = ()
) -> tuple[int, ...] | None:
    """The steps to open once step `position` is done (or approved / returned).

    `still_open`: the positions of the run's other open steps. Returns () when the step's track is done and the
    other tracks still work (nothing opens yet), None when the SOP ends here.
    """
    step = definition.steps[position - 1]
    if step.kind is StepKind.DECISION:
        target = step.on_approve if approved else step.on_return
        if target is not None:
            return entry(definition, target)
        if not approved:
            raise ValueError("decision step without a return branch")
    block = definition.block_of(position)
    if block is None:
        after = position + 1
    else:
        later = [p for p in block if p > position and definition.steps[p - 1].track == step.track]
        if later:
            return (later[0],)
        if any(p in block for p in still_open):
            return ()
        after = block.stop
    return entry(definition, after) if after <= len(definition.steps) else None


def next_number(definition: SopDefinition, position: int, approved: bool = True) -> str | None:
    """The SOP's own number of the step that comes after `position` when its track runs alone; None at the end."""
    targets = following(definition, position, approved)
    if not targets:
        return None
    return ", ".join(definition.steps[p - 1].number or str(p) for p in targets)


def waits_for_tracks(definition: SopDefinition, position: int) -> bool:
    """True when step `position` ends its track inside a parallel block (the block goes on when all tracks end)."""
    block = definition.block_of(position)
    if block is None:
        return False
    track = definition.steps[position - 1].track
    return not any(p > position and definition.steps[p - 1].track == track for p in block)


__all__ = ["entry", "following", "next_number", "waits_for_tracks"]
