"""Typed errors raised by the core.

`UserError` and its subclasses carry a message in Bahasa Indonesia that can be shown to the
person as it is: the person can fix what it describes. Anything else escaping the core is a bug.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can understand and fix; `str()` is an Indonesian message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """Input that breaks a rule; `field` names the offending field (code name) when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(UserError):
    """The logged-in person lacks the role an operation requires."""


class AuthenticationFailed(UserError):
    """Wrong user name or password."""


class AccountLocked(UserError):
    """Too many wrong passwords; the account is locked until `until` (UTC)."""

    def __init__(self, message: str, until) -> None:  # until: datetime
        super().__init__(message)
        self.until = until


class DatabaseError(UserError):
    """The database file cannot be used (not a SAKIP file, damaged, unreadable)."""


class DatabaseTooNew(DatabaseError):
    """The file was written by a newer SAKIP Desktop; it is left untouched."""


class NotFound(UserError):
    """A record the caller named does not exist (any more)."""


class DatabaseDamaged(DatabaseError):
    """The file's contents are damaged (a failed integrity check, or SQLite found a corrupt page).

    The program stops writing to it; the way out is restoring the newest good backup.
    """


class DatabaseReadOnly(DatabaseError):
    """The file (or its folder) cannot be written: the program reads and prints, but changes nothing."""


class StorageFull(DatabaseError):
    """The disk holding the database (or a backup target) is full; nothing of the last change was written."""


class StorageFailure(DatabaseError):
    """Reading or writing the disk failed (a drive pulled out, a failing disk); nothing half-written is kept."""
