"""Fixtures for the SOP screens: one person per role on the demo office, an SOP with a decision, modal helpers."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from sakip_desktop.demo.office import create_demo
from sakip_desktop.domain.roles import Role
from sakip_desktop.ops.base import Actor
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.sop.library import create_sop
from sakip_desktop.ops.sop.simulate import SteppingClock
from sakip_desktop.sop.definition import SopDefinition, StepKind, load_template, template_dir
from sakip_desktop.storage.database import Database
from sakip_desktop.storage.sqlitefile import backup_file
from ui.context import AppContext

PEOPLE = {
    Role.CAMAT: "camat",
    Role.SEKRETARIS: "sekcam",
    Role.TIM_SAKIP: "analis_kebijakan",
    Role.KASUBAG_PERENCANAAN: "kasubag_renkeu",
    Role.KASUBAG_UMUM: "kasubag_umum",
    Role.KASI: "kasi_pem",
    Role.STAF: "staf_umum",
    Role.ADMIN_DATA: "admin_data",
}
DAY = dt.date(2025, 9, 1)
MONDAY_9_WIB = dt.datetime(2025, 9, 1, 2, 0)  # stored and injected times are UTC
PEMANTAUAN = "KARANGPLOSO-PEMANTAUAN-KINERJA"
PEMANTAUAN_OWN = "CONTOH-PEMANTAUAN-KINERJA"  # its code once adopted by the demo office (Kecamatan Contoh)
DECISION_CODE = "UJI-PEMANTAUAN-KEPUTUSAN"


def people_of(db: Database) -> dict[Role, Actor]:
    """One logged-in person per role on 1 September 2025."""
    return {role: actor_for(db, username, DAY) for role, username in PEOPLE.items()}


def context_for(db: Database, username: str) -> AppContext:
    """`username` logged in on 1 September 2025, working on TW III 2025."""
    return AppContext(db=db, actor=actor_for(db, username, DAY), year=2025, quarter=3, today=lambda: DAY)


def decision_definition() -> SopDefinition:
    """The Pemantauan Kinerja template where the Camat checks the Sekretaris' recommendation (step 4):
    approving goes on to step 5, returning sends it back to step 3."""
    template = load_template(template_dir() / "karangploso-pemantauan-kinerja.toml")
    steps = list(template.steps)
    steps[3] = replace(steps[3], kind=StepKind.DECISION, on_return=3)
    identity = replace(template.identity, name="Pemantauan Kinerja (uji keputusan)")
    return replace(template, code=DECISION_CODE, identity=identity, steps=tuple(steps))


def add_decision_sop(db: Database) -> int:
    """Create the SOP with a decision (the Kasubag Perencanaan maintains the library)."""
    return create_sop(db, people_of(db)[Role.KASUBAG_PERENCANAAN], decision_definition(), "Untuk pengujian")


@pytest.fixture
def clock() -> SteppingClock:
    """Monday 1 September 2025, 09.00 WIB."""
    return SteppingClock(MONDAY_9_WIB)


@pytest.fixture(scope="session")
def bare_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office as a new office starts: people and plans, no SOP adopted yet."""
    path = tmp_path_factory.mktemp("bare") / "kantor_tanpa_sop.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sakip_desktop.demo.sops.add_sop_history", lambda db, now=None: None)
        patch.setattr("sakip_desktop.demo.sops.add_returned_run", lambda db, now=None: None, raising=False)
        create_demo(path).close()
    return path


@pytest.fixture
def bare_db(bare_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the office without SOPs."""
    copy = tmp_path / "kantor_tanpa_sop.db"
    backup_file(bare_template, copy)
    db = Database.open(copy)
    yield db
    db.close()


def choose_file(path: Path) -> Callable[[QWidget], None]:
    """A modal handler that picks `path` in a file dialog."""

    def handle(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog)
        # Typed as a person would: selectFile() fills the selection only after the folder has been read.
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        dialog.accept()

    return handle


def press(text: str) -> Callable[[QWidget], None]:
    """A modal handler that presses the button labelled `text` (message boxes and dialog button boxes)."""

    def handle(window: QWidget) -> None:
        from PySide6.QtWidgets import QAbstractButton

        for button in window.findChildren(QAbstractButton):
            if button.text().replace("&", "") == text and button.isVisible():
                button.click()
                return
        names = [b.text() for b in window.findChildren(QAbstractButton)]
        raise AssertionError(f"no button {text!r} in {names}")

    return handle
