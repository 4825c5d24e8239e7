"""The type of a plain-SQL connection (what `Database.plain_reading()` yields), kept free of imports.

On an office file it is sqlite3's own connection; on a server, `storage.engines.PlainConnection`, which answers
the same calls (`execute` with `?` or `:name` parameters, then `fetchone`, `fetchall`, `fetchmany`, iteration)
with the values SQLite would give. Code that reads or writes in plain SQL (`storage/sql.py`, the audit chain and
the record seals, the audit trail) is typed with `Plain`, so it runs on both.
"""

from __future__ import annotations

from typing import Any, Protocol


class Plain(Protocol):
    """sqlite3's connection, as far as the plain-SQL code uses it."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...
