"""The outgoing register (agenda surat keluar): register a letter, mark it sent, attach the proof of delivery.

The agenda number comes from a per-office format with the placeholders {seq} (next number of the
year), {kode} (the office's classification/unit code), {tahun} and {bulan} (month in Roman numerals),
default "050/{seq}/{kode}/{tahun}".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import func, select

from sakip_desktop.domain.roles import ADMIN
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, snapshot, utcnow, write
from sakip_desktop.ops.document_register import DOCUMENT_ROLES
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import DocumentRecord, Office, OutgoingLetter, Setting

FORMAT_KEY = "letter_agenda_format"
CODE_KEY = "letter_office_code"
DEFAULT_FORMAT = "050/{seq}/{kode}/{tahun}"
MAX_PROOF_BYTES = 10 * 1024 * 1024
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
RECIPIENTS = (
    "Bupati",
    "Kepala Bappeda",
    "Inspektur",
)
_FIELDS = ("year", "seq", "agenda_number", "letter_date", "recipient", "subject", "attachment", "document_record_id")


@dataclass(frozen=True)
class LetterSettings:
    """How agenda numbers are written."""

    agenda_format: str = DEFAULT_FORMAT
    office_code: str = ""


@dataclass(frozen=True)
class LetterInput:
    """A letter to register: date, recipient ('Bupati Contoh'), hal (subject), lampiran, the document sent."""

    letter_date: dt.date
    recipient: str
    subject: str
    attachment: str = ""
    document_record_id: int | None = None


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
    document_record_id: int | None
    document_title: str
    created_by: str
    sent_on: dt.date | None
    proof_filename: str
    proof_added_by: str

    @property
    def status(self) -> str:
        """'Belum dikirim' / 'Terkirim' / 'Terkirim, ada bukti'."""
        if self.sent_on is None:
            return "Belum dikirim"
        return "Terkirim, ada bukti" if self.proof_filename else "Terkirim"


def agenda_number(fmt: str, *, seq: int, code: str, day: dt.date) -> str:
    """The agenda number from `fmt`; `ValidationError` for an unknown placeholder."""
    try:
        return fmt.format(seq=seq, kode=code, tahun=day.year, bulan=ROMAN_MONTHS[day.month - 1])
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            f"Format nomor agenda '{fmt}' tidak sah; pakai {{seq}}, {{kode}}, {{tahun}} dan {{bulan}}.",
            field="agenda_format",
        ) from exc


def _settings(session) -> LetterSettings:
    keys = [FORMAT_KEY, CODE_KEY]
    rows = {r.key: json.loads(r.value) for r in session.scalars(select(Setting).where(Setting.key.in_(keys)))}
    office = session.scalars(select(Office)).first()
    default_code = f"Kec.{office.name.replace(' ', '')}" if office else ""
    return LetterSettings(rows.get(FORMAT_KEY) or DEFAULT_FORMAT, rows.get(CODE_KEY) or default_code)


def letter_settings(db: Database) -> LetterSettings:
    """The agenda-number format and office code (defaults filled in)."""
    with db.reading() as s:
        return _settings(s)


def update_letter_settings(db: Database, actor: Actor, values: LetterSettings) -> LetterSettings:
    """Operation 'Ubah format nomor surat' (administrator)."""
    fmt, code = values.agenda_format.strip(), values.office_code.strip()
    if "{seq}" not in fmt:
        raise ValidationError("Format nomor agenda harus memuat {seq} (nomor urut).", field="agenda_format")
    agenda_number(fmt, seq=1, code=code, day=dt.date(2000, 1, 1))
    with write(db, actor, "Ubah format nomor surat", [ADMIN]) as tx:
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
    return LetterInput(data.letter_date, recipient, subject, data.attachment.strip(), data.document_record_id)


def register_letter(db: Database, actor: Actor, data: LetterInput, *, clock: Clock = utcnow) -> LetterView:
    """Operation 'Daftarkan surat keluar': the next number of the letter's year and its agenda number."""
    data = _check(data)
    with write(db, actor, "Daftarkan surat keluar", DOCUMENT_ROLES, clock=clock) as tx:
        s = tx.session
        if data.document_record_id is not None and s.get(DocumentRecord, data.document_record_id) is None:
            raise ValidationError("Dokumen yang dilampirkan tidak ada di register dokumen.", field="document_record_id")
        year = data.letter_date.year
        seq = (s.scalar(select(func.max(OutgoingLetter.seq)).where(OutgoingLetter.year == year)) or 0) + 1
        settings = _settings(s)
        row = OutgoingLetter(
            year=year,
            seq=seq,
            agenda_number=agenda_number(
                settings.agenda_format, seq=seq, code=settings.office_code, day=data.letter_date
            ),
            letter_date=data.letter_date,
            recipient=data.recipient,
            subject=data.subject,
            attachment=data.attachment,
            document_record_id=data.document_record_id,
            created_by=actor.name,
            created_at=tx.now,
        )
        s.add(row)
        s.flush()
        tx.audit("outgoing_letter", row.id, None, snapshot(row, _FIELDS))
        return _view(s, row)


def _letter(session, letter_id: int) -> OutgoingLetter:
    row = session.get(OutgoingLetter, letter_id)
    if row is None:
        raise NotFound(f"Surat keluar #{letter_id} tidak ditemukan di register.")
    return row


def mark_sent(db: Database, actor: Actor, letter_id: int, sent_on: dt.date, *, clock: Clock = utcnow) -> LetterView:
    """Operation 'Catat surat terkirim': the date the letter left the office."""
    with write(db, actor, "Catat surat terkirim", DOCUMENT_ROLES, clock=clock) as tx:
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
    with write(db, actor, "Lampirkan bukti pengiriman", DOCUMENT_ROLES, clock=clock) as tx:
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


def _view(session, r: OutgoingLetter) -> LetterView:
    doc = session.get(DocumentRecord, r.document_record_id) if r.document_record_id else None
    return LetterView(
        id=r.id,
        year=r.year,
        seq=r.seq,
        agenda_number=r.agenda_number,
        letter_date=r.letter_date,
        recipient=r.recipient,
        subject=r.subject,
        attachment=r.attachment,
        document_record_id=r.document_record_id,
        document_title=f"{doc.title} (versi {doc.version})" if doc else "",
        created_by=r.created_by,
        sent_on=r.sent_on,
        proof_filename=r.proof_filename,
        proof_added_by=r.proof_added_by,
    )


def get_letter(db: Database, letter_id: int) -> LetterView:
    """One letter of the register."""
    with db.reading() as s:
        return _view(s, _letter(s, letter_id))


def list_letters(db: Database, year: int | None = None) -> list[LetterView]:
    """The outgoing register, newest number first."""
    q = select(OutgoingLetter)
    if year is not None:
        q = q.where(OutgoingLetter.year == year)
    with db.reading() as s:
        return [_view(s, r) for r in s.scalars(q.order_by(OutgoingLetter.year.desc(), OutgoingLetter.seq.desc()))]
