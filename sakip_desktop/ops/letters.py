"""The outgoing register (agenda surat keluar): register a letter, mark it sent, attach the proof of delivery.

The agenda number comes from a per-office format with the placeholders {seq} (next number of the
year), {kode} (the office's classification/unit code), {tahun} and {bulan} (month in Roman numerals),
default "050/{seq}/{kode}/{tahun}". A letter carries its sifat (Biasa/Segera/Penting/Rahasia), lampiran
and tembusan (one addressee a line). A berita acara evaluasi kinerja takes the next number of the register when its
meeting is made final (`ops.monitoring.minutes`); the meeting keeps that entry (`minutes_letter_id`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import string
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import DocumentRecord, EvaluationMeeting, Office, OutgoingLetter, Setting

FORMAT_KEY = "letter_agenda_format"
CODE_KEY = "letter_office_code"
DEFAULT_FORMAT = "050/{seq}/{kode}/{tahun}"
MAX_PROOF_BYTES = 10 * 1024 * 1024
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
PLACEHOLDERS = ("seq", "kode", "tahun", "bulan")
NATURES = ("Biasa", "Segera", "Penting", "Rahasia")
MAX_COPIES = 12
_ONES = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")
RECIPIENTS = (
    "Bupati",
    "Kepala Bappeda",
    "Inspektur",
)
_FIELDS = (
    "year",
    "seq",
    "agenda_number",
    "letter_date",
    "recipient",
    "subject",
    "attachment",
    "nature",
    "copies_to",
    "document_record_id",
)


@dataclass(frozen=True)
class LetterSettings:
    """How agenda numbers are written."""

    agenda_format: str = DEFAULT_FORMAT
    office_code: str = ""


@dataclass(frozen=True)
class LetterInput:
    """A letter to register: date, recipient ('Bupati Contoh'), hal (subject), lampiran, the document sent,
    sifat and tembusan (addressees, one per item)."""

    letter_date: dt.date
    recipient: str
    subject: str
    attachment: str = ""
    document_record_id: int | None = None
    nature: str = "Biasa"
    copies_to: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class LetterView:
    """One line of the outgoing register."""

    id: int
    year: int
    seq: int
    agenda_number: str
    letter_date: dt.date
    recipient: str
    subject: str
    attachment: str
    nature: str
    copies_to: tuple[str, ...]
    document_record_id: int | None
    document_title: str
    created_by: str
    sent_on: dt.date | None
    proof_filename: str
    proof_added_by: str
    minutes_of: int | None = None  # the evaluation meeting whose berita acara this number is

    @property
    def status(self) -> str:
        """'Belum dikirim' / 'Terkirim' / 'Terkirim, ada bukti'."""
        if self.sent_on is None:
            return "Belum dikirim"
        return "Terkirim, ada bukti" if self.proof_filename else "Terkirim"


def _allowed() -> str:
    return ", ".join("{" + p + "}" for p in PLACEHOLDERS)


def check_format(fmt: str) -> str:
    """`fmt` stripped, or `ValidationError` naming what is wrong: empty, unpaired braces, an unknown placeholder
    (named), or no {seq}."""
    fmt = fmt.strip()
    if not fmt:
        raise ValidationError("Format nomor agenda wajib diisi, mis. 050/{seq}/{kode}/{tahun}.", field="agenda_format")
    try:
        parts = list(string.Formatter().parse(fmt))
    except ValueError as exc:
        raise ValidationError(
            f"Format nomor agenda '{fmt}' tidak sah: tanda {{ dan }} harus berpasangan mengapit nama isian "
            f"({_allowed()}).",
            field="agenda_format",
        ) from exc
    names = [name for _, name, _, _ in parts if name is not None]
    for name in names:
        if name not in PLACEHOLDERS:
            raise ValidationError(
                f"Isian {{{name}}} pada format nomor agenda tidak dikenal; yang boleh dipakai: {_allowed()}.",
                field="agenda_format",
            )
    if "seq" not in names:
        raise ValidationError("Format nomor agenda harus memuat {seq} (nomor urut).", field="agenda_format")
    return fmt


def agenda_number(fmt: str, *, seq: int, code: str, day: dt.date) -> str:
    """The agenda number from `fmt`; `ValidationError` for an unknown placeholder or a bad format spec."""
    check_format(fmt)
    try:
        return fmt.format(seq=seq, kode=code, tahun=day.year, bulan=ROMAN_MONTHS[day.month - 1])
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            f"Format nomor agenda '{fmt}' tidak sah; pakai {_allowed()} (boleh {{seq:03d}} untuk 001).",
            field="agenda_format",
        ) from exc


def lampiran_text(count: int, what: str = "berkas") -> str:
    """'1 (satu) berkas' for the Lampiran line; '-' when nothing is attached."""
    if count <= 0:
        return "-"
    words = _ONES[count] if count < len(_ONES) else ""
    what = " ".join(what.split()) or "berkas"
    return f"{count} ({words}) {what}" if words else f"{count} {what}"


def _next_seq(session: Session, year: int) -> int:
    return (session.scalar(select(func.max(OutgoingLetter.seq)).where(OutgoingLetter.year == year)) or 0) + 1


def next_number_example(db: Database, values: LetterSettings, day: dt.date) -> str:
    """The agenda number the next letter dated `day` would get under `values` (not yet saved);
    `ValidationError` when the format is not valid."""
    fmt = check_format(values.agenda_format)
    with db.reading() as s:
        seq = _next_seq(s, day.year)
    return agenda_number(fmt, seq=seq, code=values.office_code.strip(), day=day)


def _settings(session: Session) -> LetterSettings:
    keys = [FORMAT_KEY, CODE_KEY]
    rows = {r.key: json.loads(r.value) for r in session.scalars(select(Setting).where(Setting.key.in_(keys)))}
    office = session.scalars(select(Office)).first()
    default_code = f"Kec.{office.name.replace(' ', '')}" if office else ""
    return LetterSettings(rows.get(FORMAT_KEY) or DEFAULT_FORMAT, rows.get(CODE_KEY) or default_code)


def letter_settings(db: Database) -> LetterSettings:
    """The agenda-number format and office code (defaults filled in)."""
    with db.reading() as s:
        return _settings(s)


def update_letter_settings(
    db: Database, actor: Actor, values: LetterSettings, *, clock: Clock = utcnow
) -> LetterSettings:
    """Operation 'Ubah format nomor surat' (administrator)."""
    fmt, code = check_format(values.agenda_format), " ".join(values.office_code.split())
    if len(code) > 60:
        raise ValidationError("Kode kantor terlalu panjang (paling banyak 60 huruf).", field="office_code")
    if len(agenda_number(fmt, seq=9999, code=code, day=dt.date(2000, 12, 31))) > 120:
        raise ValidationError(
            "Nomor agenda hasil format ini terlalu panjang (paling banyak 120 huruf).", field="agenda_format"
        )
    with write(db, actor, Op.LETTER_FORMAT_UPDATE, clock=clock) as tx:
        keys = [FORMAT_KEY, CODE_KEY]
        current = {r.key: r for r in tx.session.scalars(select(Setting).where(Setting.key.in_(keys)))}
        for key, value in ((FORMAT_KEY, fmt), (CODE_KEY, code)):
            row = current.get(key)
            old = json.loads(row.value) if row else None
            if row is None:
                tx.session.add(Setting(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
            if old != value:
                tx.audit("setting", None, {key: old}, {key: value})
    return LetterSettings(fmt, code)


def _check(data: LetterInput) -> LetterInput:
    recipient, subject = " ".join(data.recipient.split()), data.subject.strip()
    if not recipient:
        raise ValidationError("Tujuan surat (Kepada) wajib diisi.", field="recipient")
    if not subject:
        raise ValidationError("Hal (perihal) surat wajib diisi.", field="subject")
    if len(subject) > 1000:
        raise ValidationError("Hal surat terlalu panjang (paling banyak 1.000 huruf).", field="subject")
    if data.nature not in NATURES:
        raise ValidationError(f"Sifat surat '{data.nature}' tidak dikenal; pilih {', '.join(NATURES)}.", field="nature")
    copies = tuple(c for c in (" ".join(x.split()) for x in data.copies_to) if c)
    if len(copies) > MAX_COPIES:
        raise ValidationError(f"Tembusan paling banyak {MAX_COPIES} alamat.", field="copies_to")
    for i, copy in enumerate(copies, start=1):
        if len(copy) > 250:
            raise ValidationError(f"Tembusan baris {i} terlalu panjang (paling banyak 250 huruf).", field="copies_to")
    attachment = " ".join(data.attachment.split())
    if len(attachment) > 250:
        raise ValidationError("Lampiran terlalu panjang (paling banyak 250 huruf).", field="attachment")
    return LetterInput(data.letter_date, recipient, subject, attachment, data.document_record_id, data.nature, copies)


def register_letter(db: Database, actor: Actor, data: LetterInput, *, clock: Clock = utcnow) -> LetterView:
    """Operation 'Daftarkan surat keluar': the next number of the letter's year and its agenda number."""
    data = _check(data)
    with write(db, actor, Op.LETTER_REGISTER, clock=clock) as tx:
        if data.document_record_id is not None and tx.session.get(DocumentRecord, data.document_record_id) is None:
            raise ValidationError("Dokumen yang dilampirkan tidak ada di register dokumen.", field="document_record_id")
        return _view(tx.session, add_to_register(tx, data))


def add_to_register(tx: Tx, data: LetterInput) -> OutgoingLetter:
    """The next number of the letter's year in the office's format, written and audited inside `tx`."""
    s = tx.session
    year = data.letter_date.year
    seq = _next_seq(s, year)
    settings = _settings(s)
    row = OutgoingLetter(
        year=year,
        seq=seq,
        agenda_number=agenda_number(settings.agenda_format, seq=seq, code=settings.office_code, day=data.letter_date),
        letter_date=data.letter_date,
        recipient=data.recipient,
        subject=data.subject,
        attachment=data.attachment,
        nature=data.nature,
        copies_to="\n".join(data.copies_to),
        document_record_id=data.document_record_id,
        created_by=tx.actor.name,
        created_at=tx.now,
    )
    s.add(row)
    s.flush()
    tx.audit("outgoing_letter", row.id, None, snapshot(row, _FIELDS))
    return row


def _letter(session: Session, letter_id: int) -> OutgoingLetter:
    row = session.get(OutgoingLetter, letter_id)
    if row is None:
        raise NotFound(f"Surat keluar #{letter_id} tidak ditemukan di register.")
    return row


def mark_sent(db: Database, actor: Actor, letter_id: int, sent_on: dt.date, *, clock: Clock = utcnow) -> LetterView:
    """Operation 'Catat surat terkirim': the date the letter left the office."""
    with write(db, actor, Op.LETTER_MARK_SENT, clock=clock) as tx:
        row = _letter(tx.session, letter_id)
        if sent_on < row.letter_date:
            raise ValidationError("Tanggal kirim tidak boleh sebelum tanggal surat.", field="sent_on")
        old = snapshot(row, ("sent_on",))
        row.sent_on = sent_on
        tx.audit("outgoing_letter", row.id, old, snapshot(row, ("sent_on",)))
        return _view(tx.session, row)


def attach_proof(
    db: Database, actor: Actor, letter_id: int, filename: str, data: bytes, *, clock: Clock = utcnow
) -> LetterView:
    """Operation 'Lampirkan bukti pengiriman' (a scan or photo of the receipt); the letter must be sent."""
    if not data:
        raise ValidationError(f"Berkas bukti {filename} kosong.", field="proof")
    if len(data) > MAX_PROOF_BYTES:
        raise ValidationError(f"Berkas bukti {filename} lebih dari 10 MB.", field="proof")
    with write(db, actor, Op.LETTER_ATTACH_PROOF, clock=clock) as tx:
        row = _letter(tx.session, letter_id)
        if row.sent_on is None:
            raise ValidationError("Catat dulu tanggal kirim surat sebelum melampirkan buktinya.", field="sent_on")
        old = snapshot(row, ("proof_filename", "proof_sha256"))
        row.proof_filename = filename
        row.proof_data = data
        row.proof_sha256 = hashlib.sha256(data).hexdigest()
        row.proof_added_by = actor.name
        row.proof_added_at = tx.now
        tx.audit("outgoing_letter", row.id, old, snapshot(row, ("proof_filename", "proof_sha256")))
        return _view(tx.session, row)


def get_proof(db: Database, letter_id: int) -> tuple[str, bytes] | None:
    """(filename, bytes) of a letter's proof of delivery, or None."""
    with db.reading() as s:
        row = _letter(s, letter_id)
        return (row.proof_filename, row.proof_data) if row.proof_data else None


def _minutes(session: Session) -> dict[int, int]:
    """Letter id -> meeting id of the register entries that number a berita acara."""
    numbered = select(EvaluationMeeting.minutes_letter_id, EvaluationMeeting.id).where(
        EvaluationMeeting.minutes_letter_id.is_not(None)
    )
    return {letter_id: meeting_id for letter_id, meeting_id in session.execute(numbered) if letter_id is not None}


def _view(session: Session, r: OutgoingLetter, minutes: dict[int, int] | None = None) -> LetterView:
    doc = session.get(DocumentRecord, r.document_record_id) if r.document_record_id else None
    minutes = _minutes(session) if minutes is None else minutes
    return LetterView(
        id=r.id,
        year=r.year,
        seq=r.seq,
        agenda_number=r.agenda_number,
        letter_date=r.letter_date,
        recipient=r.recipient,
        subject=r.subject,
        attachment=r.attachment,
        nature=r.nature,
        copies_to=tuple(x for x in r.copies_to.split("\n") if x),
        document_record_id=r.document_record_id,
        document_title=f"{doc.title} (versi {doc.version})" if doc else "",
        created_by=r.created_by,
        sent_on=r.sent_on,
        proof_filename=r.proof_filename,
        proof_added_by=r.proof_added_by,
        minutes_of=minutes.get(r.id),
    )


def get_letter(db: Database, letter_id: int) -> LetterView:
    """One letter of the register."""
    with db.reading() as s:
        return _view(s, _letter(s, letter_id))


def list_letters(db: Database, year: int | None = None, *, cover_letters_only: bool = False) -> list[LetterView]:
    """The outgoing register, newest number first; `cover_letters_only` leaves out the numbers of berita acara (what
    a surat pengantar can be printed for)."""
    q = select(OutgoingLetter)
    if year is not None:
        q = q.where(OutgoingLetter.year == year)
    with db.reading() as s:
        minutes = _minutes(s)
        rows = s.scalars(q.order_by(OutgoingLetter.year.desc(), OutgoingLetter.seq.desc()))
        return [_view(s, r, minutes) for r in rows if not (cover_letters_only and r.id in minutes)]
