"""Qt's own words (file dialogs, the print dialog and its page setup, progress, standard buttons) in Indonesian.

Qt ships no Indonesian translation of its built-in dialogs, so a file dialog on Linux said "Look in", "Name",
"Date Modified" and "Cancel", and the print dialog "Print to File (PDF)", "Options", "Pages from". This translator
answers those texts (the ones Qt 6 asks for in these dialogs, by the class that asks); anything else keeps Qt's
English. Where the operating system draws the dialog (Windows), it speaks the system's language.
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
    ("QFileDialog", "&Look in:"): "&Cari di:",
    ("QFileDialog", "Files of &type:"): "&Jenis berkas:",
    ("QFileDialog", "Files"): "Berkas",
    ("QFileDialog", "Go back"): "Kembali",
    ("QFileDialog", "Go forward"): "Maju",
    ("QFileDialog", "Go to the parent directory"): "Ke folder di atasnya",
    ("QFileDialog", "Create a New Folder"): "Buat folder baru",
    ("QFileDialog", "Change to list view mode"): "Tampilkan sebagai daftar",
    ("QFileDialog", "Change to detail view mode"): "Tampilkan dengan rincian",
    ("QFileDialog", "List of places and bookmarks"): "Daftar tempat dan penanda",
    ("QFileDialog", "Sidebar"): "Panel samping",
    ("QTabBar", "Scroll Left"): "Geser ke kiri",
    ("QTabBar", "Scroll Right"): "Geser ke kanan",
    ("QProgressDialog", "Cancel"): "Batal",
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

# Qt's own print dialog (Linux), its "Pilihan" and page setup, and the printer properties (CUPS).
PRINT_WORDS: dict[tuple[str, str], str] = {
    ("QPrintDialog", "Print"): "Cetak",
    ("QPrintDialog", "&Print"): "&Cetak",
    ("QPrintDialog", "&Options >>"): "&Pilihan >>",
    ("QPrintDialog", "&Options <<"): "&Pilihan <<",
    ("QPrintDialog", "Print to File (PDF)"): "Cetak ke berkas (PDF)",
    ("QPrintDialog", "Local file"): "Berkas di komputer ini",
    ("QPrintDialog", "Write PDF file"): "Tulis berkas PDF",
    ("QPrintDialog", "Print To File ..."): "Cetak ke berkas…",
    ("QPrintDialog", "All Pages"): "Semua halaman",
    ("QPrintDialog", "Odd Pages"): "Halaman ganjil",
    ("QPrintDialog", "Even Pages"): "Halaman genap",
    ("QPrintDialog", "Left to Right, Top to Bottom"): "Kiri ke kanan, atas ke bawah",
    ("QPrintDialog", "Left to Right, Bottom to Top"): "Kiri ke kanan, bawah ke atas",
    ("QPrintDialog", "Right to Left, Top to Bottom"): "Kanan ke kiri, atas ke bawah",
    ("QPrintDialog", "Right to Left, Bottom to Top"): "Kanan ke kiri, bawah ke atas",
    ("QPrintDialog", "Top to Bottom, Left to Right"): "Atas ke bawah, kiri ke kanan",
    ("QPrintDialog", "Top to Bottom, Right to Left"): "Atas ke bawah, kanan ke kiri",
    ("QPrintDialog", "Bottom to Top, Left to Right"): "Bawah ke atas, kiri ke kanan",
    ("QPrintDialog", "Bottom to Top, Right to Left"): "Bawah ke atas, kanan ke kiri",
    ("QPrintDialog", "%1 is a directory.\nPlease choose a different file name."): (
        "%1 adalah folder.\nPilih nama berkas yang lain."
    ),
    ("QPrintDialog", "File %1 is not writable.\nPlease choose a different file name."): (
        "Berkas %1 tidak dapat ditulis.\nPilih nama berkas yang lain."
    ),
    ("QPrintDialog", "%1 already exists.\nDo you want to overwrite it?"): "%1 sudah ada.\nTimpa berkas itu?",
    (
        "QPrintDialog",
        "Options 'Pages Per Sheet' and 'Page Set' cannot be used together.\nPlease turn one of those options off.",
    ): "Pilihan 'Halaman per lembar' dan 'Rangkaian halaman' tidak dapat dipakai bersama.\nMatikan salah satunya.",
    ("QPrintSettingsOutput", "Print range"): "Halaman yang dicetak",
    ("QPrintSettingsOutput", "Print all"): "Semua",
    ("QPrintSettingsOutput", "Pages from"): "Halaman",
    ("QPrintSettingsOutput", "to"): "sampai",
    ("QPrintSettingsOutput", "Pages"): "Halaman",
    ("QPrintSettingsOutput", "Current Page"): "Halaman ini",
    ("QPrintSettingsOutput", "Selection"): "Bagian terpilih",
    ("QPrintSettingsOutput", "Page &Set:"): "&Rangkaian halaman:",
    ("QPrintSettingsOutput", "Output Settings"): "Pengaturan cetak",
    ("QPrintSettingsOutput", "Copies"): "Salinan",
    ("QPrintSettingsOutput", "Copies:"): "Jumlah salinan:",
    ("QPrintSettingsOutput", "Collate"): "Susun per salinan",
    ("QPrintSettingsOutput", "Reverse"): "Urutan terbalik",
    ("QPrintSettingsOutput", "Options"): "Pilihan",
    ("QPrintSettingsOutput", "Color Mode"): "Warna",
    ("QPrintSettingsOutput", "Color"): "Berwarna",
    ("QPrintSettingsOutput", "Grayscale"): "Hitam putih",
    ("QPrintSettingsOutput", "Double Sided Printing"): "Cetak bolak-balik",
    ("QPrintSettingsOutput", "Off"): "Tidak",
    ("QPrintSettingsOutput", "Long side binding"): "Dijilid di sisi panjang",
    ("QPrintSettingsOutput", "Short side binding"): "Dijilid di sisi pendek",
    (
        "QPrintSettingsOutput",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
        "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.",
    ): "Tulis halaman atau rentang halaman "
    "dipisah koma; rentang ditulis dua angka dengan tanda hubung. Mis. 3,5-7,9 mencetak halaman 3, 5, 6, 7 dan 9.",
    ("QPrintWidget", "Printer"): "Pencetak",
    ("QPrintWidget", "&Name:"): "&Nama:",
    ("QPrintWidget", "P&roperties"): "&Properti",
    ("QPrintWidget", "Location:"): "Lokasi:",
    ("QPrintWidget", "Preview"): "Pratinjau",
    ("QPrintWidget", "Type:"): "Jenis:",
    ("QPrintWidget", "Output &file:"): "&Berkas hasil:",
    ("QPageSetupWidget", "Paper"): "Kertas",
    ("QPageSetupWidget", "Page size:"): "Ukuran kertas:",
    ("QPageSetupWidget", "Width:"): "Lebar:",
    ("QPageSetupWidget", "Height:"): "Tinggi:",
    ("QPageSetupWidget", "Paper source:"): "Sumber kertas:",
    ("QPageSetupWidget", "Orientation"): "Arah kertas",
    ("QPageSetupWidget", "Portrait"): "Tegak",
    ("QPageSetupWidget", "Landscape"): "Mendatar",
    ("QPageSetupWidget", "Reverse portrait"): "Tegak terbalik",
    ("QPageSetupWidget", "Reverse landscape"): "Mendatar terbalik",
    ("QPageSetupWidget", "Margins"): "Margin",
    ("QPageSetupWidget", "top margin"): "margin atas",
    ("QPageSetupWidget", "bottom margin"): "margin bawah",
    ("QPageSetupWidget", "left margin"): "margin kiri",
    ("QPageSetupWidget", "right margin"): "margin kanan",
    ("QPageSetupWidget", "Page Layout"): "Tata letak halaman",
    ("QPageSetupWidget", "Page &order:"): "&Urutan halaman:",
    ("QPageSetupWidget", "Pages &per sheet:"): "Halaman &per lembar:",
    ("QPageSetupWidget", "Custom"): "Ukuran lain",
    ("QPageSetupWidget", "Millimeters (mm)"): "Milimeter (mm)",
    ("QPageSetupWidget", "Inches (in)"): "Inci (in)",
    ("QPageSetupWidget", "Points (pt)"): "Poin (pt)",
    ("QPrintPreviewDialog", "Page Setup"): "Pengaturan halaman",
    ("QPrintPropertiesDialog", "Printer Properties"): "Properti pencetak",
    ("QPrintPropertiesDialog", "Job Options"): "Pilihan pencetakan",
    ("QPrintPropertiesWidget", "Page"): "Halaman",
    ("QPrintPropertiesWidget", "Advanced"): "Lanjutan",
    ("QPrintPropertiesWidget", "There are conflicts in some options. Please fix them."): (
        "Ada pilihan yang bertentangan. Perbaiki dulu."
    ),
    ("QCupsJobWidget", "Job"): "Pencetakan",
    ("QCupsJobWidget", "Job Control"): "Pengaturan pencetakan",
    ("QCupsJobWidget", "Scheduled &printing:"): "&Jadwal cetak:",
    ("QCupsJobWidget", "Print Immediately"): "Cetak sekarang",
    ("QCupsJobWidget", "Hold Indefinitely"): "Tahan dulu",
    ("QCupsJobWidget", "Specific Time"): "Pada jam tertentu",
    ("QCupsJobWidget", "Job &priority:"): "&Prioritas:",
    ("QCupsJobWidget", "Banner Pages"): "Halaman pembatas",
    ("QCupsJobWidget", "&Start:"): "&Awal:",
    ("QCupsJobWidget", "&End:"): "A&khir:",
    ("QCupsJobWidget", "None"): "Tidak ada",
}
WORDS.update(PRINT_WORDS)


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
