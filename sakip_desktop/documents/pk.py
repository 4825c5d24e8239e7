"""Perjanjian Kinerja (PK Murni / PK Perubahan): the statement page and the lampiran (regulations.md §2).

The statement page carries the kop, the title, the office's statement text with the two parties, and
the two-party signature (Pihak Kedua left, Pihak Pertama right). The lampiran repeats the title and
the scope, then table 1 (Sasaran | Indikator Kinerja | Target | Satuan) and table 2 (Program/Sub Kegiatan |
Anggaran (Rp) | Keterangan, with the Jumlah), and the signatures again. Table 2 starts right under table 1 (on the
next page only when less than 3 cm are left) and runs on over the page; its last line and the Jumlah go with the
signatures, so the signatures never stand alone and no page is left half empty before table 2.

A target prints as every other document prints a figure (`formats.amount_range`: '92,50', '70', '80–90'), its satuan
in its own column; a qualitative target by its level's label. `pk_story` is the whole PK as flowables: the PDF lays it
out, and the LKj prints it as its Lampiran 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from sakip_desktop.documents import kit
from sakip_desktop.documents.request import DocRequest, Prepared
from sakip_desktop.domain import formats
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.agreements.common import Party, Status
from sakip_desktop.ops.agreements.views import AgreementDetail, TargetLine, agreement_versions, get_agreement
from sakip_desktop.storage.database import Database

KIND = "pk"
_PREFIXES = ("Plt.", "Plh.", "Pj.")


def party_signer(party: Party) -> kit.Signer:
    """A PK party as a signer: the jabatan in capitals, an acting prefix kept as written."""
    title = " ".join(party.title.split())
    prefix = ""
    for candidate in _PREFIXES:
        if title.startswith(candidate + " "):
            prefix, title = candidate, title[len(candidate) + 1 :]
    name = party.name or "…………………………"
    return kit.Signer(position=title.upper(), name=name, rank=party.rank, nip=party.nip, prefix=prefix)


def find_agreement(db: Database, year: int, unit_id: int | None) -> int:
    """The PK to print for a year and scope: the newest version that is not superseded."""
    versions = [v for v in agreement_versions(db, year, unit_id) if v.agreement_id is not None]
    live = [v for v in versions if v.status is not Status.SUPERSEDED] or versions
    if not live:
        scope = "kantor" if unit_id is None else "unit ini"
        raise NotFound(f"Belum ada Perjanjian Kinerja {scope} untuk tahun {year}.")
    return live[0].agreement_id  # type: ignore[return-value]


def prepare_pk(db: Database, request: DocRequest) -> Prepared:
    """The PK chosen by id, or the live PK of the year for the office (unit None) or a unit."""
    agreement_id = request.agreement_id
    if agreement_id is None:
        if request.year is None:
            raise ValidationError("Sebutkan tahun PK atau nomor PK (--pk-id).", field="year")
        agreement_id = find_agreement(db, request.year, request.unit_id)
    detail = get_agreement(db, agreement_id)
    title = f"{detail.title.title().replace('Pk ', 'PK ')} – {detail.scope}"
    return Prepared(
        kind=KIND,
        title=title,
        subject_key=f"pk:{detail.year}:{detail.unit_id or 'kantor'}:v{detail.version}",
        year=detail.year,
        quarter=None,
        data=detail,
        build=build_pk,
    )


def _signatures(setup: kit.DocSetup, pk: AgreementDetail, width: float) -> kit.Flowable:
    day = pk.signed_on
    place = pk.place or setup.profile.signing_place or setup.profile.name
    place_date = formats.place_date(place, day) if day else f"{place}, ………………… {pk.year}"
    return kit.two_party_block(
        setup,
        left=party_signer(pk.second_party),
        right=party_signer(pk.first_party),
        place_date=place_date,
        width=width,
    )


def _title(pk: AgreementDetail, st: kit.Styles) -> list:
    lines = [pk.title]
    if pk.document_number:
        lines.append(f"Nomor: {pk.document_number}")
    return kit.title_block(lines, st, space_after=14)


def _statement(setup: kit.DocSetup, pk: AgreementDetail, st: kit.Styles, width: float) -> list:
    paragraphs = pk.paragraphs or [""]
    story: list = [kit.para(paragraphs[0], st.justify)]
    story += [
        kit.field_table([("Nama", pk.first_party.name), ("Jabatan", pk.first_party.title)], width, st),
        Spacer(1, 3),
        kit.para("selanjutnya disebut pihak pertama.", st.body),
        Spacer(1, 8),
        kit.field_table([("Nama", pk.second_party.name), ("Jabatan", pk.second_party.title)], width, st),
        Spacer(1, 3),
        kit.para("selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua.", st.body),
        Spacer(1, 10),
    ]
    story += [kit.para(text, st.justify) for text in paragraphs[1:]]
    return story


def _lampiran(setup: kit.DocSetup, pk: AgreementDetail, st: kit.Styles, width: float) -> list:
    story: list = kit.title_block([pk.title, pk.scope.upper()], st, space_after=10)
    story.append(kit.para("Tabel 1. Sasaran, Indikator Kinerja dan Target", st.heading))
    rows: list[list[str | None]] = []
    previous = None
    for line in pk.targets:
        objective = f"{line.objective_code} {line.objective}" if line.objective != previous else None
        previous = line.objective
        indicator = line.indicator + (" (IKU)" if line.is_key else "")
        rows.append([str(line.no), objective, indicator, target_figure(line), _satuan(line)])
    spans = kit.group_spans([r[1] for r in rows], column=1)
    if not rows:
        rows.append(["", "Belum ada indikator dalam PK ini.", "", "", ""])
    w_no, w_target, w_unit = 0.9 * cm, 1.6 * cm, 1.8 * cm
    rest = width - w_no - w_target - w_unit
    story.append(
        kit.data_table(
            [["No", "Sasaran", "Indikator Kinerja", "Target", "Satuan"]],
            rows,
            [w_no, rest * 0.45, rest * 0.55, w_target, w_unit],
            align="CLLCC",
            size=9.5,
            spans=spans,
        )
    )
    return story


def target_figure(line: TargetLine) -> str:
    """A target as the Target cell prints it, without its satuan: '92,50', '80–90' (the other documents' number form,
    `formats.amount_range`), or a qualitative level's label."""
    if line.qualitative:
        return line.figure or line.target
    return formats.amount_range(line.value, line.value_high)


def _satuan(line: TargetLine) -> str:
    return "-" if line.qualitative or not line.satuan.strip() else line.satuan.strip()


def _table2(pk: AgreementDetail, width: float, rows: slice, *, header: bool) -> kit.Flowable:
    """Rows `rows` of table 2 (the budget lines, then the Jumlah); `header` False continues a table above it."""
    label = "Program" if pk.unit_id is None else "Kegiatan / Sub Kegiatan"
    brows = [[str(b.no), f"{b.code} {b.name}".strip(), formats.rupiah_figure(b.amount), b.note] for b in pk.budget]
    brows.append(["Jumlah", "", formats.rupiah_figure(pk.budget_total), ""])
    total = len(brows)
    start = rows.indices(total)[0]
    part = brows[rows]
    has_total = start + len(part) == total
    nh = 1 if header else 0
    plain = [("BACKGROUND", (0, 0), (-1, -2 if has_total else -1), colors.white), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    w_no, w_amount, w_note = 0.9 * cm, 3.6 * cm, 2.6 * cm
    return kit.data_table(
        [["No", label, "Anggaran (Rp)", "Keterangan"]] if header else [],
        part,
        [w_no, width - w_no - w_amount - w_note, w_amount, w_note],
        align="CLRC",
        size=9.5,
        total_rows=1 if has_total else 0,
        spans=[((0, nh + len(part) - 1), (1, nh + len(part) - 1))] if has_total else [],
        extra_style=() if header else plain,
    )


def _table2_with_signatures(setup: kit.DocSetup, pk: AgreementDetail, st: kit.Styles, width: float) -> list:
    """Table 2 under table 1; its last budget line and the Jumlah travel with the signatures (a seamless second
    part of the same table), so a long table 2 runs on over the page instead of moving whole to the next one."""
    heading = [CondPageBreak(3 * cm), kit.para("Tabel 2. Program dan Anggaran", st.heading)]
    signatures = _signatures(setup, pk, width)
    if len(pk.budget) < 2:
        return [KeepTogether([*heading, _table2(pk, width, slice(None), header=True), signatures])]
    return [
        *heading,
        _table2(pk, width, slice(None, -2), header=True),
        KeepTogether([_table2(pk, width, slice(-2, None), header=False), signatures]),
    ]


def pk_story(setup: kit.DocSetup, pk: AgreementDetail, width: float, *, kop: bool = False) -> list:
    """The whole PK as flowables `width` points wide: title, statement and signatures, then on a new page the
    lampiran (tables 1 and 2 and the signatures again). `kop`: the kop surat first (the PDF draws it on its first
    page itself; the LKj's Lampiran 1 asks for it)."""
    st = kit.styles(11)
    story: list = [kit.kop(setup, width), Spacer(1, 6)] if kop else []
    story += _title(pk, st) + _statement(setup, pk, st, width)
    story.append(_signatures(setup, pk, width))
    story.append(PageBreak())
    return story + _lampiran(setup, pk, st, width) + _table2_with_signatures(setup, pk, st, width)


def build_pk(setup: kit.DocSetup, pk: AgreementDetail, out: Path | BinaryIO, footer_note: str = "") -> int:
    """Write the PK (statement page and lampiran) as a portrait PDF; return the page count."""
    story = pk_story(setup, pk, kit.frame_width(setup))
    if pk.status is Status.DRAFT:
        footer_note = f"DRAF · {footer_note}"
    return kit.build_pdf(setup, story, out, title=pk.title, kop="first", footer_note=footer_note)
