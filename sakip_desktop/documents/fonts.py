"""The fonts printed documents use: Liberation Sans (metric-compatible with Arial, SIL OFL 1.1).

Naskah dinas are set in Arial (regulations.md §6.5). Liberation Sans has Arial's metrics, so a
page laid out here breaks lines where an Arial page would. The TTF files ship in
`resources/fonts/` and are embedded (subset) in every PDF, so a printout looks the same on any PC.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sakip_desktop.paths import resources_dir

FAMILY = "LiberationSans"
REGULAR = "LiberationSans"
BOLD = "LiberationSans-Bold"
ITALIC = "LiberationSans-Italic"
BOLD_ITALIC = "LiberationSans-BoldItalic"

_FILES = {
    REGULAR: "LiberationSans-Regular.ttf",
    BOLD: "LiberationSans-Bold.ttf",
    ITALIC: "LiberationSans-Italic.ttf",
    BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register Liberation Sans with reportlab (once per process) and return the family name.

    After this, paragraph markup `<b>`/`<i>` picks the bold and italic faces.
    """
    global _registered
    with _lock:
        if not _registered:
            folder = resources_dir() / "fonts"
            for name, filename in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
            pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
            # registerFontFamily maps the family name; map the face names too, so `<b>` inside a
            # paragraph set in REGULAR finds BOLD whichever name the style uses.
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, ITALIC)
            addMapping(REGULAR, 1, 1, BOLD_ITALIC)
            _registered = True
    return FAMILY
