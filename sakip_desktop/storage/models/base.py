"""Declarative base and column types shared by the models."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase


class DecimalText(TypeDecorator[Decimal]):
    """An exact decimal stored as TEXT: SQLite has no decimal type and REAL would round."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> str | None:
        if value is None:
            return None
        return format(Decimal(value), "f")

    def process_result_value(self, value: str | None, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


# How constraints are named, so a later PostgreSQL migration can name the one it alters or drops. On SQLite it
# changes nothing that matters: an office file's schema is made by the migrations (storage/migrations/*.sql),
# never from the models, and SQLite alters a table by copying it, not by a constraint's name. Indexes keep
# SQLAlchemy's default name (`ix_<table>_<column>`), the name the migrations gave them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every model of the office database."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
