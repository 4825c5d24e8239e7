"""A paragraph of plain text that is laid out as one line without reportlab's parser and line breaker when it fits.

Most of what the office's documents print is short plain text in table cells: a number, a percentage, a code, a
short label. A reportlab Paragraph parses every such cell as markup, breaks it into lines word by word and draws it
fragment by fragment; on a year's submission pack that was most of the time spent printing (some 50,000 cells). A
`PlainParagraph` measures its text once; when the text fits the width it is given it is drawn as the single line a
Paragraph would draw, at the same place (the first baseline `fontSize` below the top, rl_config's
paraFontSizeHeightOffset, and the height one `leading`). When it does not fit, or when anything asks for a
Paragraph's insides (its fragments, for the Word export), it becomes the full Paragraph of the same text and
behaves as one from then on. It is a Paragraph, so everything that handles paragraphs handles it.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, split

_FUZZ = 1e-6
_PARSED = ("frags", "text")  # set by Paragraph's parse; asking for them parses


def _plain_style(style: ParagraphStyle) -> bool:
    """A style whose one line is just the text in its font: no fill, border, bullet, case change, dots or other
    writing direction (those go the long way)."""
    drawn = ("backColor", "borderWidth", "bulletText", "textTransform", "endDots", "wordWrap")
    return not any(getattr(style, name, None) for name in drawn)


class PlainParagraph(Paragraph):
    """A paragraph of plain `text` (line breaks kept) in `style`; see the module."""

    def __init__(self, text: str | None, style: ParagraphStyle, **paragraph: Any) -> None:
        if paragraph:  # a part of a split paragraph (Paragraph.split makes its parts of this class): a Paragraph
            self.plain, self.one_line = None, False
            super().__init__(text, style, **paragraph)
            return
        assert text is not None
        self.caseSensitive, self.encoding = 1, "utf8"
        self.style, self.bulletText, self.debug = style, None, 0
        self.source = text
        plain = " ".join(word for word in split(text) if word)  # the words as a Paragraph splits them
        self.plain = plain if plain and "\n" not in text and _plain_style(style) else None
        self.plain_width = stringWidth(plain, style.fontName, style.fontSize) if self.plain is not None else 0.0
        self.one_line = False

    def __getattr__(self, name: str) -> Any:
        if name in _PARSED and "source" in self.__dict__:  # something needs a Paragraph's insides: parse now
            self._parse()
            return self.__dict__[name]
        raise AttributeError(name)

    def _parse(self) -> None:
        if "frags" not in self.__dict__:
            markup = escape(self.source).replace("\n", "<br/>")
            self._setup(markup, self.style, self.bulletText, None, cleanBlockQuotedText)

    def _fits(self, width: float) -> bool:
        """Whether the text is drawn as one line at `width` (a bullet set after it was made goes the long way)."""
        if self.plain is None or self.bulletText or width < _FUZZ:
            return False
        return self.plain_width <= self._room(width) + _FUZZ

    def _room(self, width: float) -> float:
        st = self.style
        return width - st.leftIndent - st.firstLineIndent - st.rightIndent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._fits(availWidth):
            self.one_line = True
            self.width, self.height = availWidth, self.style.leading
            return self.width, self.height
        self.one_line = False
        self._parse()
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if self._fits(availWidth):
            return []  # one line cannot be split
        self._parse()
        return super().split(availWidth, availHeight)

    def minWidth(self) -> float:
        self._parse()
        return super().minWidth()

    def draw(self) -> None:
        if not self.one_line:
            super().draw()
            return
        st, canvas = self.style, self.canv
        room = self._room(self.width)
        x = st.leftIndent + st.firstLineIndent
        if st.alignment == TA_CENTER:
            x += (room - self.plain_width) / 2
        elif st.alignment == TA_RIGHT:
            x += room - self.plain_width
        y = self.height - (
            st.fontSize if rl_config.paraFontSizeHeightOffset else getAscentDescent(st.fontName, st.fontSize)[0]
        )
        canvas.saveState()
        canvas.setFillColor(st.textColor)
        canvas.setFont(st.fontName, st.fontSize)
        canvas.drawString(x, y, self.plain)
        canvas.restoreState()

    def lines_at(self, width: float) -> list[str]:
        """The lines this paragraph prints at `width` points."""
        self.wrap(width, 1e9)
        if self.one_line:
            return [self.plain or ""]
        return [" ".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
                for line in self.blPara.lines]  # fmt: skip
