"""Qt's own words (file dialogs, standard buttons) in Indonesian.

Qt ships no Indonesian translation of its built-in dialogs, so a file dialog on Linux said "Look in", "Name",
"Date Modified" and "Cancel". This translator answers those few texts; anything else keeps Qt's English.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# (context, source text) -> Indonesian. The contexts are the Qt classes that ask.
WORDS: dict[tuple[str, str], str] = {
    ("QFileSystemModel", "Name"): "Nama",
    ("QFileSystemModel", "Size"): "Ukuran",
    ("QFileSystemModel", "Type"): "Jenis",
    ("QFileSystemModel", "Kind"): "Jenis",
    ("QFileSystemModel", "Date Modified"): "Tanggal diubah",
    ("QFileSystemModel", "Computer"): "Komputer",
    ("QFileSystemModel", "My Computer"): "Komputer",
    ("QFileSystemModel", "Folder"): "Folder",
    ("QFileSystemModel", "File Folder"): "Folder",
    ("QFileDialog", "Directories"): "Folder",
    ("QFileDialog", "Directory:"): "Folder:",
    ("QFileDialog", "File &name:"): "&Nama berkas:",
    ("QFileDialog", "Look in:"): "Cari di:",
    ("QFileDialog", "Files of type:"): "Jenis berkas:",
    ("QFileDialog", "&Open"): "&Buka",
    ("QFileDialog", "&Choose"): "&Pilih",
    ("QFileDialog", "&Save"): "&Simpan",
    ("QFileDialog", "Cancel"): "Batal",
    ("QFileDialog", "Back"): "Kembali",
    ("QFileDialog", "Forward"): "Maju",
    ("QFileDialog", "Parent Directory"): "Folder di atasnya",
    ("QFileDialog", "Create New Folder"): "Buat folder baru",
    ("QFileDialog", "New Folder"): "Folder baru",
    ("QFileDialog", "List View"): "Tampilan daftar",
    ("QFileDialog", "Detail View"): "Tampilan rinci",
    ("QFileDialog", "&Rename"): "&Ganti nama",
    ("QFileDialog", "&Delete"): "&Hapus",
    ("QFileDialog", "Show &hidden files"): "Tampilkan berkas &tersembunyi",
    ("QFileDialog", "&New Folder"): "Folder &baru",
    ("QFileDialog", "All Files (*)"): "Semua berkas (*)",
    ("QFileDialog", "Recent Places"): "Tempat terakhir",
    ("QFileDialog", "Open"): "Buka",
    ("QFileDialog", "Find Directory"): "Pilih folder",
    ("QPlatformTheme", "OK"): "OK",
    ("QPlatformTheme", "Cancel"): "Batal",
    ("QPlatformTheme", "Close"): "Tutup",
    ("QPlatformTheme", "&Yes"): "&Ya",
    ("QPlatformTheme", "&No"): "&Tidak",
    ("QPlatformTheme", "Save"): "Simpan",
    ("QPlatformTheme", "Open"): "Buka",
    ("QPlatformTheme", "Apply"): "Terapkan",
    ("QPlatformTheme", "Help"): "Bantuan",
    ("QMessageBox", "Show Details..."): "Tampilkan rincian…",
    ("QMessageBox", "Hide Details..."): "Sembunyikan rincian…",
    ("QLineEdit", "&Undo"): "&Urungkan",
    ("QLineEdit", "&Redo"): "Ula&ngi",
    ("QLineEdit", "Cu&t"): "Po&tong",
    ("QLineEdit", "&Copy"): "&Salin",
    ("QLineEdit", "&Paste"): "&Tempel",
    ("QLineEdit", "Delete"): "Hapus",
    ("QLineEdit", "Select All"): "Pilih semua",
}


class QtWords(QTranslator):
    """A translator that knows only `WORDS`."""

    def translate(  # None is Qt's "no translation here"
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": an empty text is taken as the translation, which left every button this table does not
        # know ("OK") blank; None lets Qt keep its own text.
        return WORDS.get((context, source))

    def isEmpty(self) -> bool:
        return False
