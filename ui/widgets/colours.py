"""The colours that mark table rows: one meaning, one colour, everywhere."""

LATE_COLOUR = "#fde0dc"  # someone must act: late, over its standard time, sent back to the Kasi, a broken chain
DONE_COLOUR = "#e4f1e4"  # finished: approved and locked, carried out, signed
OPEN_COLOUR = "#fff4d6"  # under way: a running step, a draft
QUIET_COLOUR = "#eeeeee"  # no longer in force: a superseded version
# Rows that head a group of rows (a program, then a kegiatan; a sasaran above its indicators), darkest first.
HEADING_COLOURS = ("#e4ebf5", "#f2f5fa")
