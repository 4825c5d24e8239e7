"""The per-desa breakdown of an indicator over desa as a document table (`TableSpec`), so the FPK and the LKj print
it and their .xlsx and .docx carry it: each desa, whether it met the criterion, the note and its bukti dukung, and
the fraction under it (12 dari 14 desa = 85,71%)."""

from __future__ import annotations

from collections.abc import Iterable

from sakip_desktop.documents.tablespec import TableSpec
from sakip_desktop.ops.desa.fraction import MET, MISSING, NOT_MET, Breakdown

STATE_TEXT = {MET: "Ya", NOT_MET: "Tidak", MISSING: "Belum diisi"}
FORMULA_NOTE = (
    "Realisasi = jumlah desa yang memenuhi kriteria ÷ jumlah desa yang dihitung × 100%; desa yang belum diisi "
    "tidak dihitung."
)


def desa_spec(b: Breakdown, period: str, key: str) -> TableSpec:
    """One indicator's breakdown for `period` ('Triwulan III Tahun 2025'); `key` names its spreadsheet sheet."""
    rows: list[tuple[str | None, ...]] = [
        (str(n), r.code, r.name, STATE_TEXT[r.state], r.note or None, ", ".join(r.evidence) or None)
        for n, r in enumerate(b.rows, start=1)
    ]
    counted = f"{b.desa_met} dari {b.desa_counted}" if b.desa_counted else "-"
    value = b.fraction.split("(", 1)[1].rstrip(")") if b.desa_counted else "-"
    rows.append((None, None, "Jumlah memenuhi kriteria", counted, f"Realisasi {value}", None))
    notes = (f"Kriteria: {b.criterion}", FORMULA_NOTE) if b.criterion else (FORMULA_NOTE,)
    return TableSpec(
        key=key[:31],
        caption=f"Capaian per Desa {b.code} {period}",
        header_rows=(("No", "Kode Desa", "Desa/Kelurahan", "Memenuhi Kriteria", "Keterangan", "Bukti Dukung"),),
        rows=tuple(rows),
        widths=(0.9, 2.8, 3.6, 2.4, None, 4.0),
        align="CLLCLL",
        numeric=frozenset({0}),
        total_rows=1,
        notes=notes,
        size=8.5,
        long=True,
    )


def desa_specs(breakdowns: Iterable[Breakdown], period: str, prefix: str) -> tuple[TableSpec, ...]:
    """The breakdown of each indicator over desa, its sheet named '`prefix` Desa <code>'."""
    return tuple(desa_spec(b, period, f"{prefix} Desa {b.code}") for b in breakdowns)


def _short_list(b: Breakdown, state: str, with_notes: bool) -> str:
    rows = [r for r in b.rows if r.state == state]
    if not rows:
        return "-"
    names = [f"{r.name} ({r.note.rstrip('.')})" if with_notes and r.note else r.name for r in rows]
    return f"{len(rows)} desa: " + ", ".join(names)


SUMMARY_HEAD = ("No", "Indikator Kinerja", "Memenuhi Kriteria", "Belum Memenuhi Kriteria (Keterangan)", "Realisasi")


def summary_spec(breakdowns: Iterable[Breakdown], period: str, key: str) -> TableSpec:
    """One line per indicator over desa: the desa that met its criterion, those that did not (with the note),
    those not entered, and the fraction (the FPK's section C)."""
    rows: list[tuple[str | None, ...]] = []
    notes: list[str] = []
    for n, b in enumerate(breakdowns, start=1):
        missing = _short_list(b, MISSING, False)
        not_met = _short_list(b, NOT_MET, True) + ("" if missing == "-" else f". Belum diisi {missing}")
        rows.append((str(n), f"{b.code} {b.name}", _short_list(b, MET, False), not_met, b.fraction or "-"))
        if b.criterion:
            notes.append(f"Kriteria {b.code}: {b.criterion}")
    return TableSpec(
        key=key[:31],
        caption=f"Desa yang Memenuhi dan Belum Memenuhi Kriteria {period}",
        header_rows=(SUMMARY_HEAD,),
        rows=tuple(rows),
        widths=(0.9, 5.5, None, None, 3.6),
        align="CLLLC",
        numeric=frozenset({0}),
        notes=(*notes, FORMULA_NOTE),
        size=8.5,
    )
