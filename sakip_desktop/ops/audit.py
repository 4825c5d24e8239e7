"""Reading the audit trail: who changed what, when, from which value to which."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from sakip_desktop.storage.database import Database
from sakip_desktop.storage.models import AuditEntry

ENTITY_LABELS = {
    "office": "Profil kantor",
    "setting": "Pengaturan",
    "unit": "Unit kerja",
    "person": "Pegawai",
    "account": "Akun",
    "acting_assignment": "Plt./Plh.",
}


@dataclass(frozen=True)
class AuditView:
    """One audit entry, ready to list."""

    at: dt.datetime  # UTC
    actor_name: str
    operation: str
    entity: str
    entity_id: int | None
    old: dict | None
    new: dict | None

    @property
    def entity_label(self) -> str:
        """What kind of record, in Indonesian."""
        return ENTITY_LABELS.get(self.entity, self.entity)

    @property
    def summary(self) -> str:
        """'nama: Lama → Baru; jabatan: … ' (created/removed records list their values)."""
        if self.old is None and self.new is None:
            return ""
        keys = list((self.new or self.old or {}).keys())
        parts = []
        for key in keys:
            before = None if self.old is None else self.old.get(key)
            after = None if self.new is None else self.new.get(key)
            if self.old is None:
                parts.append(f"{key}: {after}")
            elif self.new is None:
                parts.append(f"{key}: {before} (dihapus)")
            else:
                parts.append(f"{key}: {before} → {after}")
        return "; ".join(parts)


def list_audit(db: Database, limit: int = 500) -> list[AuditView]:
    """The newest entries first."""
    with db.reading() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).all()
        return [
            AuditView(
                at=r.at,
                actor_name=r.actor_name,
                operation=r.operation,
                entity=r.entity,
                entity_id=r.entity_id,
                old=json.loads(r.old) if r.old else None,
                new=json.loads(r.new) if r.new else None,
            )
            for r in rows
        ]
