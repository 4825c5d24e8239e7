"""Declarative base and column types shared by the models."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String, TypeDecorator
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


class Base(DeclarativeBase):
    """Base of every model of the office database."""
