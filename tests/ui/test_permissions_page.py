"""Pengaturan > Hak akses: the core's permission table shown read-only, driven through the real widgets."""

# Fixtures are imported from _settings_fixtures, so test arguments "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _settings_fixtures import ctx  # noqa: F401  (fixture)
from PySide6.QtCore import QItemSelectionModel, Qt

from sakip_desktop.domain.permissions import COLUMNS, PERMISSIONS, Op
from sakip_desktop.domain.roles import ADMIN, Role
from ui.settings import SettingsTab
from ui.settings.permissions_page import FIRST_ROLE_COLUMN, NOTE_COLUMN, OPERATION_COLUMN, TICK, PermissionsPage


def texts(page: PermissionsPage, column: int) -> list[str]:
    proxy = page.view.model()
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def ticks_of(page: PermissionsPage, label: str) -> set[str]:
    """The role columns ticked on the row of operation `label`."""
    proxy = page.view.model()
    row = texts(page, OPERATION_COLUMN).index(label)
    return {
        COLUMNS[c - FIRST_ROLE_COLUMN]
        for c in range(FIRST_ROLE_COLUMN, NOTE_COLUMN)
        if proxy.index(row, c).data() == TICK
    }


def open_page(qtbot, ctx) -> tuple[SettingsTab, PermissionsPage]:
    """Pengaturan as the main window shows it, on the page "Hak akses"."""
    tab = SettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    titles = [tab.tabText(i) for i in range(tab.count())]
    tab.setCurrentIndex(titles.index("Hak akses"))
    page = tab.currentWidget()
    assert isinstance(page, PermissionsPage)
    return tab, page


def test_the_page_shows_every_operation_of_the_table_with_its_roles(qtbot, ctx, qtmodeltester, tmp_path):
    # GIVEN an administrator (Kasubag Perencanaan, Tim SAKIP) in Pengaturan
    # WHEN he opens "Hak akses"
    _tab, page = open_page(qtbot, ctx)
    # THEN every write operation of the core is listed once, by its Indonesian label, grouped
    assert sorted(texts(page, OPERATION_COLUMN)) == sorted(p.label for p in PERMISSIONS.values())
    assert texts(page, 0)[0] == "Realisasi"
    # and the marks are those of the core's table, role by role
    assert ticks_of(page, "Setujui realisasi") == {Role.CAMAT.value}
    assert ticks_of(page, "Isi realisasi") == {
        Role.KASUBAG_PERENCANAAN.value,
        Role.KASUBAG_UMUM.value,
        Role.KASI.value,
        Role.STAF.value,
        ADMIN,
    }
    assert ticks_of(page, "Tambah pegawai") == {ADMIN}
    assert ticks_of(page, "Ganti kata sandi") == set(COLUMNS)  # anyone logged in
    assert ticks_of(page, "Buat kantor baru") == set()  # the program itself
    # the extra rules on the record are spelled out beside the marks
    notes = dict(zip(texts(page, OPERATION_COLUMN), texts(page, NOTE_COLUMN), strict=True))
    assert "Kasi seksinya" in notes["Isi realisasi"]
    assert "Plh. Camat tidak dapat menetapkan" in notes["Tetapkan perjanjian kinerja"]
    assert notes["Ganti kata sandi"].startswith("Semua pengguna yang masuk.")
    # and the columns of his own roles have a bold heading
    model = page.model
    bold = {
        COLUMNS[c - FIRST_ROLE_COLUMN]
        for c in range(FIRST_ROLE_COLUMN, NOTE_COLUMN)
        if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole) is not None
    }
    assert bold == {Role.KASUBAG_PERENCANAAN.value, Role.TIM_SAKIP.value, ADMIN}
    qtmodeltester.check(model)
    qtbot.wait(20)  # the rows take the height of their wrapped notes once the widths have settled
    page.window().grab().save(str(tmp_path / "hak_akses.png"))


def test_the_page_is_read_only_filters_and_explains_the_selected_operation(qtbot, ctx):
    # GIVEN the "Hak akses" page
    _tab, page = open_page(qtbot, ctx)
    proxy = page.view.model()
    # THEN no cell can be edited
    assert not any(
        proxy.flags(proxy.index(r, c)) & Qt.ItemFlag.ItemIsEditable
        for r in range(proxy.rowCount())
        for c in range(proxy.columnCount())
    )
    # WHEN he types "LKj" in the filter
    qtbot.keyClicks(page.filter, "LKj")
    # THEN only the LKj operations remain
    assert set(texts(page, OPERATION_COLUMN)) == {p.label for p in PERMISSIONS.values() if p.group == "LKj"}
    # WHEN he selects "Buka kunci LKj"
    row = texts(page, OPERATION_COLUMN).index(PERMISSIONS[Op.LKJ_UNLOCK].label)
    page.view.selectionModel().select(
        proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    # THEN the line under the table says who may, and the rule
    assert page.detail.text().startswith("Buka kunci LKj: Camat.")
    assert "sudah ditandatangani" in page.detail.text()
