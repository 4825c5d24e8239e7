"""Paper sizes and margins for printed documents (regulations.md §6.5).

Offices print on A4 (210 × 297 mm) or F4/Folio (215 × 330 mm); which one is a per-kabupaten
setting. All lengths here are PDF points (1/72 inch), as reportlab expects.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import cm, mm

from sakip_desktop.errors import ValidationError


@dataclass(frozen=True)
class PaperSize:
    """A sheet of paper, held in portrait orientation."""

    name: str
    width: float
    height: float

    @property
    def portrait(self) -> tuple[float, float]:
        """(width, height) with the short side across."""
        return portrait((self.width, self.height))

    @property
    def landscape(self) -> tuple[float, float]:
        """(width, height) with the long side across."""
        return landscape((self.width, self.height))


A4 = PaperSize("A4", 210 * mm, 297 * mm)
F4 = PaperSize("F4", 215 * mm, 330 * mm)
PAPERS: dict[str, PaperSize] = {p.name: p for p in (A4, F4)}


def paper_size(name: str) -> PaperSize:
    """The paper called `name` ("A4" or "F4", any case); `ValidationError` for anything else."""
    paper = PAPERS.get(name.strip().upper())
    if paper is None:
        known = ", ".join(PAPERS)
        raise ValidationError(f"Ukuran kertas '{name}' tidak dikenal; pilih salah satu: {known}.", field="paper")
    return paper


def landscape(size: tuple[float, float]) -> tuple[float, float]:
    """`size` turned so that the long side runs across."""
    return (max(size), min(size))


def portrait(size: tuple[float, float]) -> tuple[float, float]:
    """`size` turned so that the short side runs across."""
    return (min(size), max(size))


@dataclass(frozen=True)
class Margins:
    """Page margins in points. Local rules differ (§6.5), so callers pass their own when they have one."""

    top: float = 2 * cm
    bottom: float = 2 * cm
    left: float = 2.5 * cm
    right: float = 2 * cm

    @classmethod
    def from_cm(cls, top: float, bottom: float, left: float, right: float) -> Margins:
        """Margins given in centimetres, as a Perbup writes them."""
        return cls(top=top * cm, bottom=bottom * cm, left=left * cm, right=right * cm)

    def frame(self, pagesize: tuple[float, float]) -> tuple[float, float, float, float]:
        """The writable area of a page of `pagesize`: (x, y, width, height), y measured from the bottom."""
        width, height = pagesize
        return (self.left, self.bottom, width - self.left - self.right, height - self.top - self.bottom)
