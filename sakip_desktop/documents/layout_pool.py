"""Laying out several documents at once, on the PC's other processor cores.

Laying out a PDF is pure computation on data gathered beforehand (reportlab; no database, no Qt), and one Python
process uses one core. A year's submission pack lays out sixteen documents: one after the other they keep one core
busy and leave the others idle. `lay_out_all` starts helper processes (spawned: a fresh interpreter, as Windows
does anyway; the frozen program lets them through with `multiprocessing.freeze_support()` in its entry scripts),
and the calling process works too. The documents wait in one queue, largest first; each process takes the next one
when it is free, so a helper that is still starting takes nothing and the calling process never waits for it.
A document comes out the same whoever lays it out.

Nothing that goes wrong with a helper loses anything but time: a document that cannot be sent to a helper, a
helper that cannot start, dies or fails on a document: the calling process lays that document out itself (a
layout error is then raised there, as without helpers). Helpers are stopped before `lay_out_all` returns.
`SAKIP_LAYOUT_WORKERS` sets how many helpers may start (0: none).
"""

from __future__ import annotations

import importlib
import io
import logging
import multiprocessing
import os
import pickle
import queue
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from sakip_desktop.documents.kit import DocSetup

WORKERS_VARIABLE = "SAKIP_LAYOUT_WORKERS"
log = logging.getLogger(__name__)

MAX_HELPERS = 3  # beyond this a pack gains little and the office PC's memory pays (each helper ~100 MB)
MIN_JOBS = 3  # fewer documents than this are laid out alone: starting a helper costs about a second
PATIENCE = 60.0  # seconds a helper may hold a document past the calling process's own share, at least


@dataclass(frozen=True)
class LayoutJob:
    """One document to lay out: its builder (a module-level function, so a helper can import it), the office's
    print setup, the prepared data and the footer note."""

    build: Callable[[DocSetup, Any, BinaryIO, str], int]
    setup: DocSetup
    data: Any
    note: str


def run_job(job: LayoutJob) -> tuple[bytes, int]:
    """(the PDF, its page count) of `job`, laid out in this process."""
    buffer = io.BytesIO()
    pages = job.build(job.setup, job.data, buffer, job.note)
    return buffer.getvalue(), pages


def helper_count(jobs: int) -> int:
    """How many helpers to start for `jobs` documents: one fewer than the processor cores (this process is one), at
    most `MAX_HELPERS`, none for fewer than `MIN_JOBS` documents; `SAKIP_LAYOUT_WORKERS` overrides the cores."""
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    limit = int(wanted) if wanted.isdigit() else usable_cores() - 1
    if jobs < MIN_JOBS:
        return 0
    return max(0, min(limit, MAX_HELPERS, jobs - 1))


def usable_cores() -> int:
    """The processor cores this process may run on (fewer than the machine's when it is limited to some)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _helper(modules: Sequence[str], tasks: Any, results: Any) -> None:
    """A helper process: import the builders first (so a document is only taken once it can be started on), then
    lay out documents from `tasks` until the stop mark (None)."""
    for name in modules:
        importlib.import_module(name)
    while True:
        item = tasks.get()
        if item is None:
            return
        index, payload = item
        try:
            results.put((index, run_job(pickle.loads(payload))))
        except Exception:  # the calling process lays it out again, and raises the error there
            results.put((index, None))


def lay_out_all(jobs: Sequence[LayoutJob]) -> list[tuple[bytes, int]]:
    """(PDF, pages) of every job, in order; see the module."""
    count = helper_count(len(jobs))
    if count == 0:
        return [run_job(job) for job in jobs]
    return _Pool(jobs, count).run()


class _Pool:
    """One `lay_out_all` with helpers: the queue, the helpers, the results."""

    def __init__(self, jobs: Sequence[LayoutJob], count: int) -> None:
        self.jobs, self.count = jobs, count
        self.context = multiprocessing.get_context("spawn")
        self.out: dict[int, tuple[bytes, int]] = {}
        self.helpers: list[Any] = []

    def run(self) -> list[tuple[bytes, int]]:
        tasks, results = self.context.Queue(), self.context.Queue()
        try:
            mine = self._fill(tasks)
            self._start(tasks, results)
            began = time.monotonic()
            for index in mine:
                self.out[index] = run_job(self.jobs[index])
            while (item := tasks.get()) is not None:  # this process's share: whatever no helper took first
                self.out[item[0]] = run_job(self.jobs[item[0]])
            self._collect(results, PATIENCE + 5 * (time.monotonic() - began))
            for index in range(len(self.jobs)):  # what no helper gave back: laid out here
                if index not in self.out:
                    self.out[index] = run_job(self.jobs[index])
        finally:
            self._stop(tasks, results)
        return [self.out[index] for index in range(len(self.jobs))]

    def _fill(self, tasks: Any) -> list[int]:
        """Queue the jobs largest first (their pickled size stands for the work) and a stop mark for each process;
        return the jobs that cannot be pickled (this process lays them out)."""
        payloads, mine = [], []
        for index, job in enumerate(self.jobs):
            try:
                payloads.append((index, pickle.dumps(job, pickle.HIGHEST_PROTOCOL)))
            except Exception:
                mine.append(index)
        for item in sorted(payloads, key=lambda p: -len(p[1])):
            tasks.put(item)
        for _ in range(self.count + 1):
            tasks.put(None)
        return mine

    def _start(self, tasks: Any, results: Any) -> None:
        modules = sorted({job.build.__module__ for job in self.jobs})
        for n in range(self.count):
            helper = self.context.Process(
                target=_helper, args=(modules, tasks, results), name=f"sakip-tata-letak-{n + 1}", daemon=True
            )
            try:
                helper.start()
            except (OSError, RuntimeError) as exc:  # no process can be started here: this process does all
                log.warning("A layout helper could not start (%s); the documents are laid out here", exc)
                break
            self.helpers.append(helper)

    def _collect(self, results: Any, patience: float) -> None:
        """Take the helpers' results until every job is done here or there, every helper has ended, or the
        helpers held their documents for longer than `patience` seconds."""
        deadline = time.monotonic() + patience
        while len(self.out) < len(self.jobs) and time.monotonic() < deadline:
            try:
                index, result = results.get(timeout=0.1)
            except queue.Empty:
                if not any(helper.is_alive() for helper in self.helpers):
                    self._drain(results)
                    return
                continue
            self._take(index, result)

    def _take(self, index: int, result: tuple[bytes, int] | None) -> None:
        if result is None:
            log.warning("A layout helper failed on document %d; it is laid out here", index)
        else:
            self.out.setdefault(index, result)

    def _drain(self, results: Any) -> None:
        while True:
            try:
                index, result = results.get(timeout=0.05)
            except queue.Empty:
                return
            self._take(index, result)

    def _stop(self, tasks: Any, results: Any) -> None:
        """End the helpers (every result is in hand, or no longer waited for) and close the queues."""
        for helper in self.helpers:
            if helper.is_alive():
                helper.terminate()
            elif helper.exitcode:  # it ended by itself, and not as told: a crash, or a program that never became one
                log.warning("Layout helper %s ended with exit code %s", helper.name, helper.exitcode)
        for helper in self.helpers:
            helper.join(5)
        for channel in (tasks, results):
            channel.cancel_join_thread()  # nothing left in them is needed
            channel.close()
