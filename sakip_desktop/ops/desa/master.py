"""The office's desa and kelurahan as master data: kode, nama, jenis, kepala desa; added, changed, deactivated.

A desa is never deleted: the per-desa realisasi entered over it refer to it. One that no longer counts (merged,
moved to another kecamatan) is deactivated: it leaves the per-desa entry of new quarters and stays in the old ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from sakip_desktop.domain.permissions import Op
from sakip_desktop.errors import NotFound, ValidationError
from sakip_desktop.ops.base import Actor, Clock, Tx, snapshot, utcnow, write
from sakip_desktop.storage import models as m
from sakip_desktop.storage.database import Database

FIELDS = ("code", "name", "kind", "head_name", "sort_order", "active")
KINDS = {"desa": "Desa", "kelurahan": "Kelurahan"}


@dataclass(frozen=True)
class DesaInput:
    """What a person types to add or change a desa."""

    name: str
    code: str
    kind: str = "desa"  # desa / kelurahan
    head_name: str = ""


@dataclass(frozen=True)
class DesaView:
    """A desa as the lists show it."""

    id: int
    code: str
    name: str
    kind: str
    head_name: str
    sort_order: int
    active: bool

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def title(self) -> str:
        """'Desa Sukamaju', 'Kelurahan Pasar'."""
        return f"{self.kind_label} {self.name}"


def _view(row: m.Desa) -> DesaView:
    return DesaView(row.id, row.code, row.name, row.kind, row.head_name, row.sort_order, bool(row.active))


def list_desa(db: Database, *, include_inactive: bool = True) -> list[DesaView]:
    """The office's desa in their order (by urutan, then name)."""
    with db.reading() as s:
        query = select(m.Desa).order_by(m.Desa.sort_order, m.Desa.name)
        if not include_inactive:
            query = query.where(m.Desa.active.is_(True))
        return [_view(row) for row in s.scalars(query)]


def _clean(tx: Tx, data: DesaInput, desa_id: int | None) -> DesaInput:
    name = " ".join(data.name.split())
    code = "".join(data.code.split())
    head = " ".join(data.head_name.split())
    if not name:
        raise ValidationError("Nama desa/kelurahan wajib diisi.", field="name")
    if len(name) > 100:
        raise ValidationError(f"Nama desa/kelurahan paling panjang 100 huruf; yang diisi {len(name)}.", field="name")
    if not code:
        raise ValidationError(f"Kode desa/kelurahan {name} wajib diisi (kode wilayah, mis. 35.07.21.2001).",
                              field="code")  # fmt: skip
    if len(code) > 20:
        raise ValidationError(f"Kode desa/kelurahan paling panjang 20 huruf; yang diisi {len(code)}.", field="code")
    if data.kind not in KINDS:
        raise ValidationError("Jenis harus Desa atau Kelurahan.", field="kind")
    if len(head) > 150:
        raise ValidationError("Nama kepala desa/lurah paling panjang 150 huruf.", field="head_name")
    _check_region(tx, code, name, desa_id)
    clash = tx.session.scalar(
        select(m.Desa.name).where(func.upper(m.Desa.code) == code.upper(), m.Desa.id != (desa_id or 0))
    )
    if clash:
        raise ValidationError(f"Kode {code} sudah dipakai oleh {clash}.", field="code")
    return DesaInput(name, code, data.kind, head)


def _check_region(tx: Tx, code: str, name: str, desa_id: int | None) -> None:
    """A desa's kode wilayah lies under the kecamatan's (35.07.19 -> 35.07.19.2001) once the office has one; a
    desa kept under an earlier kode (before the kecamatan's was set or changed) may stay while its kode is kept."""
    region = tx.session.scalar(select(m.Office.region_code)) or ""
    if not region or code.startswith(region + "."):
        return
    if desa_id is not None and tx.session.scalar(select(m.Desa.code).where(m.Desa.id == desa_id)) == code:
        return
    raise ValidationError(
        f"Kode desa/kelurahan {name} ({code}) tidak berada di wilayah kecamatan ini: kode wilayah kecamatan "
        f"{region}, jadi kode desa/kelurahan harus diawali {region}. (mis. {region}.2001). Periksa kodenya, atau "
        "kode wilayah kecamatan di Pengaturan › Profil kantor.",
        field="code",
    )


def _get(tx: Tx, desa_id: int) -> m.Desa:
    row = tx.session.get(m.Desa, desa_id)
    if row is None:
        raise NotFound("Desa/kelurahan tidak ditemukan (mungkin sudah dihapus).")
    return row


def add_desa(db: Database, actor: Actor, data: DesaInput, *, clock: Clock = utcnow) -> int:
    """Operation 'Tambah desa/kelurahan': added at the end of the list; returns its id."""
    with write(db, actor, Op.DESA_ADD, clock=clock) as tx:
        data = _clean(tx, data, None)
        last = tx.session.scalar(select(func.max(m.Desa.sort_order))) or 0
        row = m.Desa(code=data.code, name=data.name, kind=data.kind, head_name=data.head_name,
                     sort_order=last + 1, active=True)  # fmt: skip
        tx.session.add(row)
        tx.session.flush()
        tx.audit("desa", row.id, None, snapshot(row, FIELDS))
        return row.id


def update_desa(db: Database, actor: Actor, desa_id: int, data: DesaInput, *, clock: Clock = utcnow) -> None:
    """Operation 'Ubah desa/kelurahan': its kode, nama, jenis and kepala desa."""
    with write(db, actor, Op.DESA_UPDATE, clock=clock) as tx:
        row = _get(tx, desa_id)
        data = _clean(tx, data, desa_id)
        old = snapshot(row, FIELDS)
        row.code, row.name, row.kind, row.head_name = data.code, data.name, data.kind, data.head_name
        tx.audit("desa", row.id, old, snapshot(row, FIELDS))


def set_desa_active(db: Database, actor: Actor, desa_id: int, active: bool, *, clock: Clock = utcnow) -> None:
    """Operation 'Ubah status aktif desa/kelurahan': an inactive desa is left out of the quarters entered from now
    on; the per-desa realisasi already entered over it stay."""
    with write(db, actor, Op.DESA_SET_ACTIVE, clock=clock) as tx:
        row = _get(tx, desa_id)
        if bool(row.active) == active:
            return
        old = snapshot(row, FIELDS)
        row.active = active
        tx.audit("desa", row.id, old, snapshot(row, FIELDS))
