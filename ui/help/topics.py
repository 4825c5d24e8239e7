"""The pages of the help guide (files in resources/help/), and which page belongs to what is on the screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sakip_desktop import paths
from sakip_desktop.domain.roles import Role

ROLES, TOOLS, GENERAL = "Peran", "Alat", "Umum"


@dataclass(frozen=True)
class Topic:
    """A page of the guide: its file's name (without .md), its title and its group in the list."""

    key: str
    title: str
    group: str


TOPICS: tuple[Topic, ...] = (
    Topic("index", "Daftar isi", GENERAL),
    Topic("langkah_awal", "Langkah awal kantor baru", GENERAL),
    Topic("masuk", "Masuk, kata sandi dan ganti pengguna", GENERAL),
    Topic("siklus", "Siklus SAKIP dalam program", GENERAL),
    Topic("papan_ketik", "Tombol papan ketik", GENERAL),
    Topic("cadangan", "Cadangan dan pemulihan", GENERAL),
    Topic("peran_camat", "Camat", ROLES),
    Topic("peran_sekretaris", "Sekretaris", ROLES),
    Topic("peran_tim_sakip", "Tim SAKIP", ROLES),
    Topic("peran_kasubag_perencanaan", "Kasubag Perencanaan", ROLES),
    Topic("peran_kasubag_umum", "Kasubag Umum", ROLES),
    Topic("peran_kasi", "Kasi", ROLES),
    Topic("peran_staf", "Staf", ROLES),
    Topic("peran_admin_data", "Admin Data", ROLES),
    Topic("peran_administrator", "Administrator", ROLES),
    Topic("alat_indikator_kinerja", "Indikator kinerja", TOOLS),
    Topic("alat_isi_realisasi", "Isi realisasi", TOOLS),
    Topic("alat_perencanaan", "Perencanaan", TOOLS),
    Topic("alat_anggaran_impor_rencana", "Anggaran dan impor rencana", TOOLS),
    Topic("alat_verifikasi_realisasi", "Verifikasi realisasi", TOOLS),
    Topic("alat_revisi_realisasi", "Revisi realisasi", TOOLS),
    Topic("alat_persetujuan_realisasi", "Persetujuan realisasi", TOOLS),
    Topic("alat_perjanjian_kinerja", "Perjanjian Kinerja", TOOLS),
    Topic("alat_lkj", "LKj", TOOLS),
    Topic("alat_formulir_e81", "Formulir E.81", TOOLS),
    Topic("alat_paket_kabupaten", "Paket Kabupaten", TOOLS),
    Topic("alat_pemantauan", "Pemantauan", TOOLS),
    Topic("alat_rekomendasi", "Rekomendasi", TOOLS),
    Topic("alat_evaluasi_kinerja", "Evaluasi kinerja", TOOLS),
    Topic("alat_lhe", "LHE dan TL LHE", TOOLS),  # issue 16 §3 (helper lhe)
    Topic("alat_evaluasi_sakip_lke", "Evaluasi SAKIP (LKE)", TOOLS),  # issue 16 §1-2 (helper lke)
    Topic("alat_dokumen", "Dokumen", TOOLS),
    Topic("alat_pengukuran_kinerja", "Pengukuran kinerja", TOOLS),
    Topic("alat_anggaran", "Anggaran", TOOLS),
    Topic("alat_dasbor", "Dasbor", TOOLS),
    Topic("alat_sop", "SOP: daftar dan pelaksanaan", TOOLS),
    Topic("alat_kepatuhan_sop", "Kepatuhan SOP", TOOLS),
    Topic("alat_pengaturan", "Pengaturan", TOOLS),
)
BY_KEY = {t.key: t for t in TOPICS}

ROLE_TOPICS: dict[Role, str] = {role: f"peran_{role.value.lower()}" for role in Role}
ADMIN_TOPIC = "peran_administrator"
# A tool page's title (ui/tools.py, the role tab's first page, the SOP tab's pages) -> its page of the guide.
TOOL_TOPICS: dict[str, str] = {t.title: t.key for t in TOPICS if t.group == TOOLS}
TOOL_TOPICS.update({"Daftar SOP dan pelaksanaan": "alat_sop", "SOP": "alat_sop", "Langkah awal": "langkah_awal"})


def help_dir() -> Path:
    """Where the pages are: resources/help/ (found as the fonts and templates are)."""
    return paths.resources_dir() / "help"


def page_path(key: str) -> Path:
    """The file of page `key`."""
    return help_dir() / f"{key}.md"


def page_text(key: str) -> str:
    """The page's text (Markdown)."""
    return page_path(key).read_text(encoding="utf-8")
