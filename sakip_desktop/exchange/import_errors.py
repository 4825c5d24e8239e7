"""Every problem found in one imported file, each with its file, sheet, row and column (`ImportErrors`).

Its own module so the hostile-file guards (`exchange.guard`) and the workbook kit (`exchange.xlsxkit`) both use
it without importing each other.
"""

from __future__ import annotations

from sakip_desktop.errors import ValidationError


class ImportErrors:
    """Every problem found in one file, each with where it is; `refuse()` makes the one error to raise.

    The first `MAX_LISTED` are kept word for word; a file wrong on every one of ten thousand rows is
    refused with those and a count of the rest, not with a message of a hundred thousand lines.
    """

    MAX_LISTED = 200

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.items: list[str] = []
        self.count = 0  # every problem noted, listed or not

    def add(self, message: str, sheet: str | None = None, row: int | None = None, column: str | None = None) -> None:
        """Note a problem: 'Berkas X, lembar 'S', baris 9, kolom 'K': message'."""
        self.count += 1
        if len(self.items) >= self.MAX_LISTED:
            return
        where = [f"Berkas {self.file_name}"]
        if sheet:
            where.append(f"lembar '{sheet}'")
        if row:
            where.append(f"baris {row}")
        if column:
            where.append(f"kolom '{column}'")
        self.items.append(f"{', '.join(where)}: {message}")

    def refuse(self) -> ValidationError:
        """The error listing every problem (raise it)."""
        lines = "\n".join(f"- {item}" for item in self.items)
        if self.count > len(self.items):
            lines += f"\n- … dan {self.count - len(self.items)} kesalahan lain; perbaiki yang di atas dulu."
        return ValidationError(f"Berkas {self.file_name} tidak diimpor karena ada {self.count} kesalahan:\n{lines}")
