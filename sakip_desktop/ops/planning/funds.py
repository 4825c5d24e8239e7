"""The pagu of a sub kegiatan per year and its realisasi anggaran per quarter: the one write road
(`put_budgets`) of the Anggaran screen's 'Simpan anggaran sub kegiatan' (`budget.save_budget`) and of the
planning workbook's import (`importing`). Spending is never above the pagu."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.domain import planning as rules
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Tx
from sakip_desktop.storage.models import Budget, BudgetSpending, SubActivity

QUARTER_NAMES = ("TW I", "TW II", "TW III", "TW IV")


def checked_amounts(
    year: int, ceiling: int | None, spent: Sequence[int | None]
) -> tuple[int | None, tuple[int | None, int | None, int | None, int | None]]:
    """The year, pagu and TW I–IV amounts by the rules (whole Rupiah within bounds; None stays None)."""
    rules.check_year(year)
    if len(spent) != 4:
        raise ValidationError("Realisasi anggaran diisi untuk TW I–IV.", field="spent")
    amounts = [
        None if amount is None else rules.rupiah(amount, f"Realisasi anggaran {QUARTER_NAMES[n]}", "spent")
        for n, amount in enumerate(spent)
    ]
    ceiling = None if ceiling is None else rules.rupiah(ceiling, "Pagu", "ceiling")
    return ceiling, (amounts[0], amounts[1], amounts[2], amounts[3])


@dataclass(frozen=True)
class BudgetInput:
    """The pagu of a sub kegiatan in one year (None: as stored) and realisasi TW I–IV (None: as stored)."""

    sub_activity_id: int
    year: int
    ceiling: int | None
    spent: Sequence[int | None]


def _put_ceilings(
    tx: Tx, items: list[tuple[SubActivity, int, int | None]], budgets: dict[tuple[int, int], Budget]
) -> None:
    """Each (sub kegiatan, year, pagu) written into `budgets` (new ones get their ids in one flush)."""
    added: list[tuple[SubActivity, Budget]] = []
    for sub, year, ceiling in items:
        budget = budgets.get((sub.id, year))
        if ceiling is None:
            if budget is None:
                raise ValidationError(f"Sub kegiatan {sub.code} belum punya pagu tahun {year}; isi pagunya dulu.")
        elif budget is None:
            budget = budgets[(sub.id, year)] = Budget(sub_activity_id=sub.id, year=year, ceiling=ceiling)
            tx.session.add(budget)
            added.append((sub, budget))
        elif budget.ceiling != ceiling:
            tx.audit("budget", budget.id, {"ceiling": budget.ceiling}, {"ceiling": ceiling})
            budget.ceiling = ceiling
    if added:
        tx.session.flush()
        for sub, budget in added:
            new = {"sub_activity": sub.code, "year": budget.year, "ceiling": budget.ceiling}
            tx.audit("budget", budget.id, None, new)


def _put_spending(
    tx: Tx, budget: Budget, amounts: Sequence[int | None], rows: Mapping[int, BudgetSpending]
) -> list[BudgetSpending]:
    """Realisasi anggaran of one budget, never above its pagu; returns the new rows (not flushed yet)."""
    kept = [rows[n].amount if n in rows else 0 for n in range(1, 5)]
    rules.spending_within_ceiling(budget.ceiling, [kept[n] if a is None else a for n, a in enumerate(amounts)])
    added: list[BudgetSpending] = []
    for quarter, amount in enumerate(amounts, start=1):
        row = rows.get(quarter)
        if amount is None:
            continue
        if row is None and amount:
            added.append(BudgetSpending(budget_id=budget.id, quarter=quarter, amount=amount))
        elif row is not None and row.amount != amount:
            tx.audit("budget_spending", row.id, {"amount": row.amount}, {"amount": amount})
            row.amount = amount
    return added


def put_budgets(tx: Tx, items: Sequence[BudgetInput]) -> None:
    """The pagu and realisasi anggaran of each item; the stored budgets are read once for all items."""
    s = tx.session
    checked = [(item, *checked_amounts(item.year, item.ceiling, item.spent)) for item in items]
    wanted = {item.sub_activity_id for item in items}
    subs = {x.id: x for x in s.scalars(select(SubActivity).where(SubActivity.id.in_(wanted)))}
    if len(subs) != len(wanted):
        raise NotFound("Sub kegiatan ini sudah dihapus.")
    budgets = {
        (b.sub_activity_id, b.year): b for b in s.scalars(select(Budget).where(Budget.sub_activity_id.in_(subs)))
    }
    _put_ceilings(tx, [(subs[item.sub_activity_id], item.year, ceiling) for item, ceiling, _ in checked], budgets)
    rows: dict[int, dict[int, BudgetSpending]] = {}
    ids = [b.id for b in budgets.values()]
    for row in s.scalars(select(BudgetSpending).where(BudgetSpending.budget_id.in_(ids))):
        rows.setdefault(row.budget_id, {})[row.quarter] = row
    added: list[BudgetSpending] = []
    for item, _ceiling, amounts in checked:
        budget = budgets[(item.sub_activity_id, item.year)]
        added += _put_spending(tx, budget, amounts, rows.get(budget.id, {}))
    if added:
        s.add_all(added)
        s.flush()
        for row in added:
            tx.audit("budget_spending", row.id, None, {"quarter": row.quarter, "amount": row.amount})


def put_budget(tx: Tx, sub_activity_id: int, year: int, ceiling: int | None, spent: Sequence[int | None]) -> None:
    """The pagu of `year` of a sub kegiatan (None: as stored) and realisasi anggaran TW I–IV (None: as stored),
    never above the pagu."""
    put_budgets(tx, [BudgetInput(sub_activity_id, year, ceiling, spent)])


__all__ = ["QUARTER_NAMES", "BudgetInput", "checked_amounts", "put_budget", "put_budgets"]
