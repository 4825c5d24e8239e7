"""Names with gelar, the way they are printed."""

from __future__ import annotations


def full_name(front_title: str, name: str, back_title: str) -> str:
    """'Drs. Budi Santoso, M.Si.' from its parts."""
    text = f"{front_title.strip()} {name.strip()}".strip()
    if back_title.strip():
        text = f"{text}, {back_title.strip()}"
    return text
