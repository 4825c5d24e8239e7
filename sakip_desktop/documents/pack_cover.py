"""The cover sheet of the submission pack: the office, the year, and one line per expected document (ESR type,
document, period, deadline, status, the file in the pack or why it is missing), signed by nobody: a list for the
person uploading and for the verifikator."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from sakip_desktop.documents import kit
from sakip_desktop.domain.formats import long_date
from sakip_desktop.domain.periods import ROMAN
from sakip_desktop.ops.pack.checklist import PackCount


@dataclass(frozen=True)
class CoverLine:
    """One expected document as the cover sheet lists it."""

    esr_type: str
    title: str
    period: str
    deadline: dt.date
    status: str
    file_name: str  # '' when the pack holds no PDF for it
    remark: str  # where the PDF comes from, or why it is missing
    draft: bool = False  # the PDF in the pack prints as DRAF (not final)


def cover_pdf(
    setup: kit.DocSetup,
    office: str,
    year: int,
    lines: Sequence[CoverLine],
    made_on: dt.date,
    *,
    quarter: int | None = None,
) -> bytes:
    """The cover sheet as PDF bytes (of the year's pack, or of TW `quarter`'s)."""
    st = kit.styles(size=11, cell_size=8)
    width = kit.frame_width(setup, "landscape")
    count = PackCount(len(lines), sum(1 for line in lines if line.file_name), 0)  # as the screen counts
    period = f"TRIWULAN {ROMAN[quarter - 1]} TAHUN {year}" if quarter else f"TAHUN {year}"
    period_words = f"Triwulan {ROMAN[quarter - 1]} Tahun {year}" if quarter else f"Tahun {year}"
    drafts = [line for line in lines if line.file_name and line.draft]
    story = [*kit.title_block(["DAFTAR DOKUMEN PAKET KIRIM KE KABUPATEN", period], st)]
    if drafts:
        names = "; ".join(f"{line.title} {line.period}" for line in drafts)
        story.append(kit.para(f"{len(drafts)} dokumen masih DRAF (belum final): {names}.", st.bold))
    story += [
        kit.para(
            f"{office}. Disiapkan {long_date(made_on)}: {count.text} ini, masing-masing satu berkas PDF bernama "
            "menurut jenis dokumen ESR.",
            st.body,
        ),
        kit.para(" ", st.small),
    ]
    header = ("No", "Jenis dokumen ESR", "Dokumen", "Periode", "Batas waktu", "Status", "Final / DRAF",
              "Berkas dalam paket")  # fmt: skip
    rows = [
        (
            str(n),
            line.esr_type,
            line.title,
            line.period,
            f"{line.deadline:%d-%m-%Y}",
            line.status,
            ("DRAF" if line.draft else "Final") if line.file_name else "-",
            f"{line.file_name}\n({line.remark})" if line.file_name else f"TIDAK ADA: {line.remark}",
        )
        for n, line in enumerate(lines, start=1)
    ]
    fractions = (0.04, 0.15, 0.18, 0.08, 0.09, 0.1, 0.07, 0.29)
    widths = [width * f for f in fractions]
    story.append(kit.data_table([header], rows, widths, align="CLLCCCCL", size=8))
    out = io.BytesIO()
    kit.build_pdf(
        setup,
        story,
        out,
        title=f"Daftar Dokumen Paket Kabupaten {period_words}",
        orientation="landscape",
        footer_note=f"Paket kirim ke Kabupaten {period_words}",
    )
    return out.getvalue()
