"""The desa and kelurahan of the kecamatan (master data) and the per-desa realisasi of an indicator over desa."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sakip_desktop.storage.models.base import Base


class Desa(Base):
    """A desa or kelurahan of the kecamatan; `active` False once it no longer counts (merged, became a kelurahan
    under another code), kept for the realisasi entered over it."""

    __tablename__ = "desa"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)  # kode wilayah, e.g. 35.07.21.2001
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10), default="desa")  # desa / kelurahan
    head_name: Mapped[str] = mapped_column(String(150), default="")  # kepala desa / lurah
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DesaRealisation(Base):
    """Whether one desa meets the criterion of an indicator over desa in one realisasi (quarter), with a note."""

    __tablename__ = "desa_realisation"
    __table_args__ = (UniqueConstraint("realisation_id", "desa_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    realisation_id: Mapped[int] = mapped_column(ForeignKey("realisation.id", ondelete="CASCADE"), index=True)
    desa_id: Mapped[int] = mapped_column(ForeignKey("desa.id", ondelete="RESTRICT"))
    meets: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")
