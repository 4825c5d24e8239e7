"""Builders for tests/core/test_layout_pool.py, importable by the helper processes (spawned interpreters find this
folder on the sys.path they are given). Each writes a small real PDF naming the process that laid it out.

`data` is a dict: "text" (printed), "pages", "begun" (a file a helper creates when it begins a document), and
"crash" / "fail" (what a helper does with it). In the calling process a document waits until some helper has begun
one (up to a minute), so a test knows a helper took part and which documents it could have held."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas


def _in_helper() -> bool:
    return multiprocessing.parent_process() is not None


def text_pdf(_setup: Any, data: dict[str, Any], out: BinaryIO, note: str) -> int:
    """Pages reading the text, the note and the pid of the process that laid them out."""
    begun = Path(data["begun"])
    if _in_helper():
        begun.touch()
        if data.get("crash"):
            os._exit(7)  # a helper that dies without a word, as a killed or crashed process does
        if data.get("fail"):
            raise RuntimeError("only in a helper")
    else:
        deadline = time.monotonic() + 60
        while not begun.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
    canvas = Canvas(out, pagesize=A4)
    for page in range(data["pages"]):
        canvas.drawString(72, 760, f"{data['text']} halaman {page + 1} {note} pid {os.getpid()}")
        canvas.showPage()
    canvas.save()
    return data["pages"]


def broken(_setup: Any, data: dict[str, Any], out: BinaryIO, note: str) -> int:
    """A builder that fails wherever it runs (a layout error)."""
    raise ValueError(f"tata letak rusak: {data['text']}")
