"""The office's Perjanjian Kinerja settings: the statement text new PKs start from and the Bupati (pihak kedua
of the office's PK), and the checks of a typed party."""

from __future__ import annotations

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import ValidationError
from sakip_desktop.ops.agreements.common import (
    DEFAULT_STATEMENT,
    STATEMENT_KEY,
    SUPERIOR_KEY,
    Party,
    PkSettings,
    clean_statement,
    read_pk_settings,
    write_setting,
)
from sakip_desktop.ops.base import Actor, write
from sakip_desktop.storage.database import Database


def clean_party(party: Party, label: str, field: str) -> Party:
    """The party trimmed; a NIP must be 18 digits; over-long texts are refused naming the party."""
    values = {k: getattr(party, k).strip() for k in ("name", "title", "rank", "nip")}
    if values["nip"] and not (values["nip"].isdigit() and len(values["nip"]) == 18):
        raise ValidationError(f"NIP pihak {label} harus 18 angka tanpa spasi (atau kosong).", field=field)
    for key, limit in (("name", 250), ("title", 250), ("rank", 120)):
        if len(values[key]) > limit:
            raise ValidationError(f"Isian pihak {label} terlalu panjang (paling banyak {limit} karakter).", field)
    return Party(**values, person_id=party.person_id)


def party_dict(party: Party) -> dict[str, str]:
    """A party as stored in the settings."""
    return {"name": party.name, "title": party.title, "rank": party.rank, "nip": party.nip}


def update_pk_settings(db: Database, actor: Actor, statement_text: str, superior: Party) -> PkSettings:
    """Operation 'Ubah pengaturan PK': the statement text for new PKs and the Bupati (pihak kedua of the office)."""
    text = clean_statement(statement_text)
    superior = clean_party(superior, "kedua", "superior")
    with write(db, actor, Op.PK_SETTINGS_UPDATE) as tx:
        stored = text if text != DEFAULT_STATEMENT else ""
        for key, value in ((STATEMENT_KEY, stored), (SUPERIOR_KEY, party_dict(superior))):
            before, after = write_setting(tx.session, key, value)
            if before != after:
                tx.audit("setting", None, {key: before}, {key: after})
        return read_pk_settings(tx.session)
