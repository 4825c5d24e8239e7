"""The fonts printed documents use: Liberation Sans (metric-compatible with Arial) by default, or Liberation
Serif (metric-compatible with Times New Roman) when the office chooses it; both SIL OFL 1.1.

Naskah dinas are set in Arial (regulations.md §6.5); some kabupaten set them in a serif face, so the face is an
office setting (`OfficeSettings.document_font`). Liberation has the metrics of those faces, so a page laid out
here breaks lines where an Arial or Times page would. The TTF files ship in `resources/fonts/` and are embedded
(subset) in every PDF, so a printout looks the same on any PC.

Documents read the face names `REGULAR`, `BOLD`, `ITALIC`, `BOLD_ITALIC` from this module when they build
(`fonts.REGULAR`, never a copy taken at import): `register_fonts(family)` points them at the chosen family.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.tables import CellStyle

from sakip_desktop.paths import resources_dir

SANS = "sans"
SERIF = "serif"
_STEMS = {SANS: "LiberationSans", SERIF: "LiberationSerif"}

FAMILY = "LiberationSans"
REGULAR = "LiberationSans"
BOLD = "LiberationSans-Bold"
ITALIC = "LiberationSans-Italic"
BOLD_ITALIC = "LiberationSans-BoldItalic"

_lock = threading.Lock()
_loaded: set[str] = set()
_current: str | None = None


def _load(family: str) -> None:
    stem = _STEMS[family]
    folder = resources_dir() / "fonts"
    faces = {stem: "Regular", f"{stem}-Bold": "Bold", f"{stem}-Italic": "Italic", f"{stem}-BoldItalic": "BoldItalic"}
    for name, face in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{stem}-{face}.ttf")))
    regular, bold, italic, bold_italic = faces
    pdfmetrics.registerFontFamily(stem, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic)
    # registerFontFamily maps the family name; map the regular face name too, so `<b>` inside a paragraph
    # set in REGULAR finds BOLD.
    addMapping(regular, 1, 0, bold)
    addMapping(regular, 0, 1, italic)
    addMapping(regular, 1, 1, bold_italic)
    _loaded.add(family)


def register_fonts(family: str | None = None) -> str:
    """Make `family` (SANS or SERIF; None keeps the current one, SANS at first use) the face of the documents
    built from now on, and return its family name for styles."""
    global _current, FAMILY, REGULAR, BOLD, ITALIC, BOLD_ITALIC
    with _lock:
        wanted = family or _current or SANS
        if wanted not in _STEMS:
            raise ValueError(f"unknown document font family {wanted!r}")
        if wanted not in _loaded:
            _load(wanted)
        if wanted != _current:
            stem = _STEMS[wanted]
            FAMILY, REGULAR, BOLD = stem, stem, f"{stem}-Bold"
            ITALIC, BOLD_ITALIC = f"{stem}-Italic", f"{stem}-BoldItalic"
            # A table cell whose style names no font would be set in Helvetica, which no PDF of ours embeds
            # (an empty cell still selects its font): the document face is the default of every cell.
            CellStyle.fontname = REGULAR
            _current = wanted
    return FAMILY
