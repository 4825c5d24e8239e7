"""Printed documents: paper, fonts, page furniture and the documents built on them (PDF via reportlab).

Everything here is Qt-free. A document builder takes plain data and writes a PDF to a path or a
binary file; it returns what the caller needs to know (e.g. the page count).
"""
