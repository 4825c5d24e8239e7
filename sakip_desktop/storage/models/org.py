"""The office, its units, its people, their accounts and roles."""

from __future__ import annotations

import datetime as dt
from uuid import uuid4

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakip_desktop.storage.models.base import Base


class Office(Base):
    """The one kecamatan office this database belongs to: everything the kop surat needs."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    regency_kind: Mapped[str] = mapped_column(String(20), default="Kabupaten")
    regency_name: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    province: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    village: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    fax: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    signing_place: Mapped[str] = mapped_column(String(100), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_filename: Mapped[str] = mapped_column(String(200), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # The file's stable identity (issue 17): the kecamatan's kode wilayah (Kemendagri, "35.07.19"; empty until
    # the office enters it in an older file) and a random UUID made when the office is created.
    region_code: Mapped[str] = mapped_column(String(8), default="")
    uuid: Mapped[str] = mapped_column(String(36), default=lambda: str(uuid4()))


class Unit(Base):
    """A unit of the office: Pimpinan, Sekretariat, a Sub Bagian or a Seksi."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), nullable=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Person(Base):
    """A person of the office (with gelar, NIP, pangkat, jabatan) over a period of service."""

    __tablename__ = "person"
    # Unique among the people who have a NIP (many have none): a partial index on both engines.
    __table_args__ = (
        Index(
            "ix_person_nip_unique",
            "nip",
            unique=True,
            sqlite_where=text("nip <> ''"),
            postgresql_where=text("nip <> ''"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    front_title: Mapped[str] = mapped_column(String(50), default="")
    name: Mapped[str] = mapped_column(String(150))
    back_title: Mapped[str] = mapped_column(String(80), default="")
    employment: Mapped[str] = mapped_column(String(10), default="PNS")
    nip: Mapped[str] = mapped_column(String(18), default="")
    grade: Mapped[str] = mapped_column(String(8), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), nullable=True)
    active_from: Mapped[dt.date] = mapped_column(Date)
    active_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    roles: Mapped[list[RoleAssignment]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="RoleAssignment.id"
    )
    account: Mapped[Account | None] = relationship(back_populates="person", cascade="all, delete-orphan")


class Account(Base):
    """The login of a person: a scrypt password hash, lockout state, administrator flag."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # Set when an administrator (or the program) chose the password: the person replaces it at the next login.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    person: Mapped[Person] = relationship(back_populates="account")


class RoleAssignment(Base):
    """A role a person holds; a Kasi holds it for one unit."""

    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("person_id", "role", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(30))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), nullable=True)

    person: Mapped[Person] = relationship(back_populates="roles")


class ActingAssignment(Base):
    """A Plt./Plh. assignment: a person acts in another's role for a period, by a decree."""

    __tablename__ = "acting_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(5))
    role: Mapped[str] = mapped_column(String(30))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), nullable=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    decree: Mapped[str] = mapped_column(Text, default="")


class RoleChange(Base):
    """A change of someone's roles, administrator flag, Plt./Plh. or password, until a Camat acknowledges it."""

    __tablename__ = "role_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    by_name: Mapped[str] = mapped_column(String(250))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    person_name: Mapped[str] = mapped_column(String(250))
    description: Mapped[str] = mapped_column(Text)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    acknowledged_by: Mapped[str] = mapped_column(String(250), default="", server_default="")
