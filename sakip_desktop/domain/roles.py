"""The roles of a kecamatan SAKIP office and who may do what."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A role a person holds in the office (see GLOSSARY.md)."""

    CAMAT = "CAMAT"
    SEKRETARIS = "SEKRETARIS"
    TIM_SAKIP = "TIM_SAKIP"
    KASUBAG_PERENCANAAN = "KASUBAG_PERENCANAAN"
    KASUBAG_UMUM = "KASUBAG_UMUM"
    KASI = "KASI"
    STAF = "STAF"
    ADMIN_DATA = "ADMIN_DATA"

    @property
    def label(self) -> str:
        """The role's name as the office says it."""
        return ROLE_LABELS[self]

    @property
    def per_unit(self) -> bool:
        """True when the role is held for one unit (a Kasi heads one seksi)."""
        return self is Role.KASI


ROLE_LABELS: dict[Role, str] = {
    Role.CAMAT: "Camat",
    Role.SEKRETARIS: "Sekretaris",
    Role.TIM_SAKIP: "Tim SAKIP",
    Role.KASUBAG_PERENCANAAN: "Kasubag Perencanaan",
    Role.KASUBAG_UMUM: "Kasubag Umum",
    Role.KASI: "Kasi",
    Role.STAF: "Staf",
    Role.ADMIN_DATA: "Admin Data",
}

# Tab order in the main window: the head first, then down the hierarchy.
ROLE_ORDER: tuple[Role, ...] = tuple(Role)


class ActingKind(StrEnum):
    """Plt. (Pelaksana Tugas) or Plh. (Pelaksana Harian)."""

    PLT = "PLT"
    PLH = "PLH"

    @property
    def prefix(self) -> str:
        """The prefix printed before the jabatan of an acting signer."""
        return "Plt." if self is ActingKind.PLT else "Plh."


class Employment(StrEnum):
    """Employment status: PNS, PPPK or non-ASN staff."""

    PNS = "PNS"
    PPPK = "PPPK"
    NON_ASN = "NON_ASN"

    @property
    def label(self) -> str:
        """Indonesian label."""
        return {"PNS": "PNS", "PPPK": "PPPK", "NON_ASN": "Non-ASN"}[self.value]


class UnitKind(StrEnum):
    """Kinds of units inside a kecamatan office."""

    PIMPINAN = "PIMPINAN"
    SEKRETARIAT = "SEKRETARIAT"
    SUBBAGIAN = "SUBBAGIAN"
    SEKSI = "SEKSI"

    @property
    def label(self) -> str:
        """Indonesian label."""
        return {
            "PIMPINAN": "Pimpinan",
            "SEKRETARIAT": "Sekretariat",
            "SUBBAGIAN": "Sub Bagian",
            "SEKSI": "Seksi",
        }[self.value]


# What each master-data operation requires. The office administrator (an account flag, not a
# role of the organisation chart) maintains master data.
ADMIN = "ADMIN"
