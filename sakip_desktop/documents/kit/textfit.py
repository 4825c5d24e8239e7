"""Fitting short labels (column headings) into narrow cells: smaller type first, then hyphenation.

Pelaksana headings such as "Kasubbag Perencanaan dan Keuangan" must fit a column only as wide as
a flowchart symbol. Paragraphs would split an overlong word anywhere ("Perencan|aan"); here a word
is broken between Indonesian syllables with a hyphen ("Perenca-naan"), as a typist would.
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth

_VOWELS = set("aeiouAEIOU")
_DIGRAPHS = ("ng", "ny", "kh", "sy")
_DIPHTHONGS = ("ai", "au", "oi", "ei")


def syllables(word: str) -> list[str]:
    """Split an Indonesian word into syllables by the usual rules (ba-ca, ran-cang, na-an, pan-tai).

    Approximate, meant for hyphenating headings; anything that is not a plain word stays whole.
    """
    if not re.fullmatch(r"[A-Za-z]+", word):
        return [word]
    units: list[str] = []  # letters, with ng/ny/kh/sy kept together as one consonant
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair.lower() in _DIGRAPHS:
            units.append(pair)
            i += 2
        else:
            units.append(word[i])
            i += 1
    vowel = [u[0] in _VOWELS for u in units]
    breaks: list[int] = []
    i = 0
    while i < len(units):
        if not vowel[i]:
            i += 1
            continue
        j = i + 1
        while j < len(units) and not vowel[j]:
            j += 1
        if j >= len(units):  # no vowel follows: the rest belongs to this syllable
            break
        consonants = j - i - 1
        if consonants == 0:
            if (units[i] + units[j]).lower() not in _DIPHTHONGS:
                breaks.append(j)
        elif consonants == 1:
            breaks.append(i + 1)
        elif consonants == 2 and _cluster(units[i + 1], units[i + 2]):
            breaks.append(i + 1)  # se-kre-ta-ris, ad-mi-nis-tra-si: kr, tr, pl … open a syllable
        else:
            breaks.append(i + 2)
        i = j
    pieces, start = [], 0
    for cut in breaks:
        pieces.append("".join(units[start:cut]))
        start = cut
    pieces.append("".join(units[start:]))
    return [p for p in pieces if p]


def _cluster(first: str, second: str) -> bool:
    """Consonant pairs that begin a syllable together (kr, pr, tr, bl, pl …)."""
    return first.lower() in "bdfgkpt" and second.lower() in "rl"


def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def wrap_label(text: str, font: str, size: float, width: float, hyphenate: bool = False) -> list[str] | None:
    """Greedy line breaking of `text` into `width`; None when a word does not fit (and may not be split)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font, size) <= width:
            line = candidate
            continue
        if _width(word, font, size) <= width:
            if line:
                lines.append(line)
            line = word
            continue
        if not hyphenate:
            return None
        # Break the word between syllables, filling the current line first.
        pieces = syllables(word)
        if len(pieces) == 1:
            return None
        prefix = f"{line} " if line else ""
        chunk = ""
        for k, piece in enumerate(pieces):
            trial = chunk + piece
            last = k == len(pieces) - 1
            shown = prefix + trial + ("" if last else "-")
            if _width(shown, font, size) <= width:
                chunk = trial
                continue
            if not chunk:
                if prefix:  # nothing fits after the words already on the line: start a fresh line
                    lines.append(prefix.strip())
                    prefix = ""
                    if _width(piece + ("" if last else "-"), font, size) <= width:
                        chunk = piece
                        continue
                return None
            lines.append(prefix + chunk + "-")
            prefix, chunk = "", piece
            if _width(chunk + ("" if last else "-"), font, size) > width:
                return None
        line = prefix + chunk
    if line:
        lines.append(line)
    return lines


def fit_label(
    text: str, font: str, width: float, sizes: tuple[float, ...] = (9, 8.5, 8, 7.5, 7)
) -> tuple[float, list[str]]:
    """The largest size in `sizes` at which `text` fits `width`, and its lines.

    Whole words win at any size; otherwise the size needing the fewest hyphens (then the larger).
    As a last resort the smallest size, with overlong words left whole (never silently dropped).
    """
    for size in sizes:
        lines = wrap_label(text, font, size, width)
        if lines is not None:
            return size, lines
    best: tuple[int, float, list[str]] | None = None
    for size in sizes:
        lines = wrap_label(text, font, size, width, hyphenate=True)
        if lines is not None:
            hyphens = sum(line.endswith("-") for line in lines)
            if best is None or hyphens < best[0]:
                best = (hyphens, size, lines)
    if best is not None:
        return best[1], best[2]
    return sizes[-1], text.split()


def fit_labels(
    texts: list[str], font: str, widths: list[float], sizes: tuple[float, ...] = (9, 8.5, 8, 7.5, 7)
) -> tuple[float, list[list[str]]]:
    """One size for a row of headings (mixed sizes look careless) and each heading's lines.

    The size with the fewest hyphenated breaks over the whole row wins; ties go to the larger size.
    """
    best: tuple[int, float, list[list[str]]] | None = None
    for size in sizes:
        row: list[list[str]] = []
        hyphens = 0
        for text, width in zip(texts, widths, strict=True):
            lines = wrap_label(text, font, size, width) or wrap_label(text, font, size, width, hyphenate=True)
            if lines is None:
                break
            hyphens += sum(line.endswith("-") for line in lines)
            row.append(lines)
        else:
            if best is None or hyphens < best[0]:
                best = (hyphens, size, row)
    if best is None:
        size = sizes[-1]
        return size, [fit_label(t, font, w, (size,))[1] for t, w in zip(texts, widths, strict=True)]
    return best[1], best[2]
