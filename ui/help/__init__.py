"""Panduan: the help guide of the program, one page per role and per tool (resources/help/), in a printable viewer."""
