"""Documents laid out on the PC's other cores (sakip_desktop/documents/layout_pool.py): real helper processes
(spawned interpreters) lay out real PDFs, and whatever goes wrong with a helper costs only time; the pack laid out
with helpers holds the same documents as one laid out alone."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import subprocess
from pathlib import Path

import pytest
from _layout_jobs import broken, text_pdf

from sakip_desktop.documents.layout_pool import WORKERS_VARIABLE, LayoutJob, helper_count, lay_out_all, usable_cores
from sakip_desktop.documents.pack import prepare_pack
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.sqlitefile import backup_file

DAY = dt.date(2025, 10, 15)


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _jobs(tmp_path: Path, n: int, **extra: object) -> list[LayoutJob]:
    begun = str(tmp_path / "dimulai")
    return [
        LayoutJob(text_pdf, None, {"text": f"dokumen {i}", "pages": 1 + i % 3, "begun": begun, **extra}, f"catatan {i}")
        for i in range(n)
    ]


def _pids(results: list[tuple[bytes, int]], tmp_path: Path) -> set[int]:
    return {int(_text(pdf, tmp_path).split("pid ")[1].split()[0]) for pdf, _pages in results}


def test_helpers_lay_out_documents_alongside_the_calling_process(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    jobs = _jobs(tmp_path, 8)
    # WHEN eight documents are laid out with two helpers allowed
    results = lay_out_all(jobs)
    # THEN each comes back in order, whole: its pages, its text and its footer note
    for i, (pdf, pages) in enumerate(results):
        assert pages == 1 + i % 3
        text = _text(pdf, tmp_path)
        assert f"dokumen {i} halaman {pages} catatan {i}" in text
    # AND other processes laid out some of them (the calling process waited for a helper to begin one)
    assert _pids(results, tmp_path) - {os.getpid()}
    # AND no helper is left running
    assert multiprocessing.active_children() == []


def test_a_document_that_cannot_be_sent_to_a_helper_is_laid_out_here(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "1")

    def local(setup: object, data: dict, out, note: str) -> int:  # a closure: it cannot go to another process
        return text_pdf(setup, data, out, note)

    jobs = _jobs(tmp_path, 4)
    jobs[2] = LayoutJob(local, None, jobs[2].data, "catatan lokal")
    results = lay_out_all(jobs)
    assert f"pid {os.getpid()}" in _text(results[2][0], tmp_path)
    assert "catatan lokal" in _text(results[2][0], tmp_path)
    assert all(pages >= 1 for _pdf, pages in results) and multiprocessing.active_children() == []


def test_a_helper_that_dies_costs_only_time(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(WORKERS_VARIABLE, "1")
    jobs = _jobs(tmp_path, 5, crash=True)
    # WHEN the helper dies on the first document it takes
    with caplog.at_level(logging.WARNING, logger="sakip_desktop.documents.layout_pool"):
        results = lay_out_all(jobs)
    # THEN every document is still laid out, by the calling process, and the death is in the log
    assert _pids(results, tmp_path) == {os.getpid()}
    assert [pages for _pdf, pages in results] == [1, 2, 3, 1, 2]
    assert "exit code 7" in caplog.text
    assert multiprocessing.active_children() == []


def test_a_document_a_helper_fails_on_is_laid_out_here(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(WORKERS_VARIABLE, "1")
    with caplog.at_level(logging.WARNING, logger="sakip_desktop.documents.layout_pool"):
        results = lay_out_all(_jobs(tmp_path, 4, fail=True))
    assert _pids(results, tmp_path) == {os.getpid()} and len(results) == 4
    assert "failed on document" in caplog.text


def test_a_layout_error_is_raised_here_as_without_helpers(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "1")
    jobs = _jobs(tmp_path, 4)
    jobs[1] = LayoutJob(broken, None, {"text": "LKj"}, "")
    with pytest.raises(ValueError, match="tata letak rusak: LKj"):
        lay_out_all(jobs)
    assert multiprocessing.active_children() == []


def test_how_many_helpers(monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "0")
    assert helper_count(16) == 0
    monkeypatch.setenv(WORKERS_VARIABLE, "8")
    assert helper_count(16) == 3 and helper_count(3) == 2 and helper_count(2) == 0
    monkeypatch.delenv(WORKERS_VARIABLE)
    assert helper_count(16) == min(3, usable_cores() - 1)


@pytest.mark.sqlite_only(reason="copies the office's SQLite file to prepare the same pack twice")
def test_the_pack_laid_out_with_helpers_holds_what_one_laid_out_alone_holds(demo_db, tmp_path, monkeypatch):
    twin_path = tmp_path / "kembar.db"
    backup_file(demo_db.path, twin_path)
    twin = Database.open(twin_path)
    packs = {}
    for workers, db in (("0", demo_db), ("1", twin)):
        monkeypatch.setenv(WORKERS_VARIABLE, workers)
        drive = tmp_path / f"flashdisk-{workers}"
        drive.mkdir()
        packs[workers] = prepare_pack(db, actor_for(db, "analis_kebijakan", DAY), 2025, drive, today=DAY)
    twin.close()
    alone, helped = packs["0"], packs["1"]
    assert alone.files == helped.files and len(alone.files) > 10
    assert [line.remark for line in alone.lines] == [line.remark for line in helped.lines]
    for name in alone.files:
        if name.endswith(".pdf"):
            assert _text((alone.path / name).read_bytes(), tmp_path) == _text(
                (helped.path / name).read_bytes(), tmp_path
            )
    assert multiprocessing.active_children() == []
