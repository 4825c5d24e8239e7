"""The kabupaten's window on a real PostgreSQL server (issue 17): import kecamatan backups, compare, rank, open one
kecamatan read-only, export."""

from __future__ import annotations

import os
import re
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from _settings_fixtures import click_box_button
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from sakip_desktop.ops.kabupaten.sources import READ_ONLY_MESSAGE
from tests._kabupaten_files import backup_of, office_file, scale_figures, with_checksum
from tests.conftest import DEMO_ANCHOR
from ui.kabupaten.import_dialog import ImportDialog
from ui.kabupaten.window import KabupatenWindow
from ui.waiting_work import WaitingWorkPanel
from ui.widgets.table import current_record


def chosen_title(window: KabupatenWindow) -> str:
    chosen = current_record(window.comparison_table)
    assert chosen is not None
    return chosen.kecamatan.title


@pytest.fixture
def kab_url(pg_server):
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


def test_the_kabupaten_imports_compares_ranks_opens_and_exports(
    qtbot, modals, kab_url, demo_template, tmp_path, monkeypatch
):
    import ui.background

    monkeypatch.setattr(ui.background, "BUSY_AFTER_SECONDS", 60)  # no 'Mohon tunggu' box among the expected ones
    # GIVEN two kecamatan backups made from the demo (the second with lower figures), and the kabupaten's window
    first = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    second = office_file(demo_template, tmp_path / "b", name="Sukaraja", region_code="35.07.22")
    scale_figures(second, "0.8")
    files = [backup_of(second, tmp_path / "fb"), backup_of(first, tmp_path / "fa")]
    window = KabupatenWindow(kab_url, DEMO_ANCHOR)
    qtbot.addWidget(window)
    window.show()
    assert window.refresh()
    assert window.summary.text().startswith("Belum ada data kecamatan")
    assert not window.pdf_button.isEnabled()
    # WHEN the operator imports them through 'Impor data kecamatan…'
    dialog = ImportDialog(window.url, window)
    qtbot.addWidget(dialog)
    dialog.set_files(files)
    dialog.by.setText("Rina")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [dialog.model.index(r, 1).data() for r in range(2)] == ["Dimuat", "Dimuat"]
    assert dialog.chosen.text() == "2 dari 2 berkas diterima, 0 ditolak."
    assert dialog.changed
    # AND the same files again change nothing
    dialog.set_files(files[:1])
    assert dialog.run() and dialog.model.index(0, 1).data() == "Tidak berubah"
    # AND a file of an older program (no kode wilayah) is loaded once the operator names its kode wilayah
    old = tmp_path / "sakip-lama.db"
    old.write_bytes((Path(__file__).resolve().parents[1] / "fixtures" / "schema_v8.db").read_bytes())
    dialog.set_files([with_checksum(old)])
    assert dialog.run() and "dibuat SAKIP Desktop versi lama" in dialog.model.index(0, 2).data()
    dialog.set_files([old])
    dialog.region_code.setText("35.07.30")
    assert dialog.run() and dialog.model.index(0, 1).data() == "Dimuat"
    assert "ditingkatkan dari skema 8" in dialog.model.index(0, 2).data()
    # THEN the comparison shows all three, ranked with the measure said in words
    assert window.refresh()
    assert window.comparison_model.rowCount() == 3
    ranked = [window.ranking_model.index(r, 1).data() for r in range(3)]
    assert ranked[-1] == "Kecamatan Sukaraja (35.07.22)"  # its figures are the lowest
    assert set(ranked[:2]) == {"Kecamatan Sukamaju (35.07.21)", "Kecamatan Contoh (35.07.30)"}
    assert window.measure.text().startswith("Peringkat menurut rata-rata capaian kinerja s.d. TW III 2025")
    assert window.objectives_model.rowCount() >= 10  # 5 sasaran each of the two from the demo
    assert window.log_model.rowCount() == 3 and window.log_model.index(1, 1).data() == "Rina"
    window.tabs.setCurrentIndex(1)
    window.grab().save(str(tmp_path / "kabupaten.png"))
    # WHEN one kecamatan is opened: its own screens, read-only, saying so
    window.comparison_table.selectRow(0)
    opened = window.open_selected()
    assert opened is not None
    qtbot.addWidget(opened)
    assert opened.health_banner.text() == READ_ONLY_MESSAGE and opened.health_banner.isVisible()
    assert "hanya baca" in opened.windowTitle()
    # (on the compared quarter, its status bar naming it without the server's address, no backup offered: F9/F10)
    assert (opened.ctx.year, opened.ctx.quarter) == (window.comparison.year, window.comparison.quarter)
    assert opened.db_label.text() == f"Data kabupaten · {chosen_title(window)} (hanya baca)"
    assert "postgresql" not in opened.db_label.text()
    assert not [t for t in opened.findChildren(WaitingWorkPanel) for b in t.buttons if "Cadangkan" in b.text()]
    opened.close()
    # AND the comparison is exported (.xlsx) and printed (PDF)
    modals.answer(lambda box: click_box_button(box, "Tutup"))
    assert window.export_xlsx(tmp_path / "perbandingan.xlsx")
    assert load_workbook(tmp_path / "perbandingan.xlsx").sheetnames[:2] == ["Peringkat", "Perbandingan"]
    modals.answer(lambda box: click_box_button(box, "Tutup"))
    assert window.export_pdf(tmp_path / "ringkasan.pdf")
    assert (tmp_path / "ringkasan.pdf").read_bytes().startswith(b"%PDF")


def test_a_wrong_address_is_said_in_indonesian(qtbot):
    from sakip_desktop.errors import UserError

    with pytest.raises(UserError, match=re.escape("Alamat basis data kabupaten 'sqlite:///x.db' tidak dikenal")):
        KabupatenWindow("sqlite:///x.db", DEMO_ANCHOR)


def test_the_first_screen_offers_the_kabupaten_data(qtbot, tmp_path):
    from ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(tmp_path / "sakip.db")
    qtbot.addWidget(dialog)
    assert dialog.kabupaten_button.text() == "Buka data kabupaten…"
    qtbot.mouseClick(dialog.kabupaten_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "kabupaten" and dialog.result() == FirstRunDialog.DialogCode.Accepted


def test_sakip_desktop_url_opens_the_kabupaten_window(kab_url, demo_template, tmp_path):
    import subprocess
    import sys

    from sakip_desktop.ops.kabupaten.importing import import_files

    office = office_file(demo_template, tmp_path / "a", name="Sukamaju", region_code="35.07.21")
    assert import_files(kab_url, [backup_of(office, tmp_path / "fa")])[0].ok
    picture = tmp_path / "kabupaten.png"
    url = kab_url.replace("postgresql+psycopg://", "postgresql://")
    done = subprocess.run(
        [sys.executable, "-m", "ui", "--url", url, "--screenshot", str(picture)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert picture.stat().st_size > 10_000
    # a server that is not there: said on stderr, exit 1
    done = subprocess.run(
        [sys.executable, "-m", "ui", "--url", "postgresql://postgres@127.0.0.1:1/x", "--screenshot", str(picture)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 1 and "tidak dapat dibuka" in done.stderr


def test_the_address_box_is_in_indonesian_and_masks_the_password(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from ui.kabupaten.address_dialog import AddressDialog

    # GIVEN 'Buka data kabupaten…' asking the server's address (tester finding F10)
    dialog = AddressDialog()
    qtbot.addWidget(dialog)
    # THEN its buttons are "Buka" / "Batal" and the password is typed in a masked field
    assert [b.text() for b in dialog.buttons.buttons()] == ["Buka", "Batal"]
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    # AND the address opened carries the password typed apart
    qtbot.keyClicks(dialog.address, "postgresql://bagor@192.168.1.10:5432/sakip_kabupaten")
    qtbot.keyClicks(dialog.password, "r4h@sia")
    assert dialog.url() == "postgresql://bagor:r4h%40sia@192.168.1.10:5432/sakip_kabupaten"
    dialog.password.clear()
    assert dialog.url() == "postgresql://bagor@192.168.1.10:5432/sakip_kabupaten"
