"""One realisasi read-only, as the Sekretaris and the Camat read it before deciding: values, capaian, narrative,
history, and its bukti dukung to open."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QWidget

from sakip_desktop.domain import formats
from sakip_desktop.domain.periods import quarter_label
from sakip_desktop.ops.realisation.entry import EntryView
from ui.context import AppContext
from ui.cycle._common import capaian_text, entry_amount, target_of
from ui.widgets.files import EvidenceList
from ui.widgets.texts import local_when


def entry_html(entry: EntryView, offset: int) -> str:
    """What the Sekretaris and the Camat read about one realisasi before deciding."""

    def esc(text: str) -> str:
        return html.escape(text).replace("\n", "<br>")

    tw = quarter_label(entry.quarter)
    parts = [
        f"<p><b>{esc(entry.code)}</b> {esc(entry.name)}<br><span style='color:#5f6368'>"
        f"{esc(entry.responsible_unit)}</span></p>",
        f"<p>Target {tw}: <b>{esc(target_of(entry))}</b> &nbsp;·&nbsp; Realisasi: "
        f"<b>{esc(entry_amount(entry, entry.value))}</b> &nbsp;·&nbsp; Capaian: <b>{esc(capaian_text(entry))}</b>",
    ]
    if entry.previous_achievement is not None:
        parts.append(f"<br>Capaian triwulan sebelumnya: {formats.percent(entry.previous_achievement)}")
    parts.append("</p>")
    if entry.narrative_reason:
        parts.append(f"<p style='color:#8a4b00'>Narasi wajib: {esc(entry.narrative_reason)}.</p>")
    for label, text in (
        ("Faktor pendukung", entry.narrative.supporting),
        ("Faktor penghambat", entry.narrative.inhibiting),
        ("Upaya/tindak lanjut", entry.narrative.follow_up),
    ):
        body = esc(text) if text.strip() else "<i style='color:#5f6368'>(tidak diisi)</i>"
        parts.append(f"<p><b>{label}</b><br>{body}</p>")
    if entry.manual_achievement is not None:
        parts.append(
            f"<p><b>Capaian manual</b> {formats.percent(entry.manual_achievement)}<br>"
            f"Justifikasi: {esc(entry.manual_justification)}</p>"
        )
    history = []
    if entry.submitted_at:
        history.append(f"Diajukan oleh {esc(entry.submitted_by)}, {local_when(entry.submitted_at, offset)}")
    if entry.verified_at:
        history.append(f"Diverifikasi oleh {esc(entry.verified_by)}, {local_when(entry.verified_at, offset)}")
        if entry.check and entry.check.note:
            history.append(f"Catatan verifikasi: {esc(entry.check.note)}")
    if entry.approved_at:
        history.append(f"Disetujui oleh {esc(entry.approved_by)}, {local_when(entry.approved_at, offset)}")
    if history:
        parts.append("<p style='color:#5f6368'>" + "<br>".join(history) + "</p>")
    return "".join(parts)


class EntryDetail(QWidget):
    """One realisasi read-only: values, capaian, narrative, history, and its bukti dukung to open."""

    def __init__(self, ctx: AppContext, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.evidence = EvidenceList(ctx)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.evidence, 2)
        self.show_entry(None, 7)

    def show_entry(self, entry: EntryView | None, offset: int) -> None:
        """Show `entry`, or the hint what to select."""
        if entry is None:
            self.text.setHtml(f"<p style='color:#5f6368'>{html.escape(self.empty_text)}</p>")
            self.evidence.set_items((), offset)
            return
        self.text.setHtml(entry_html(entry, offset))
        self.evidence.set_items(entry.evidence, offset)
        if not entry.evidence:
            self.evidence.table.setToolTip("Belum ada bukti dukung")
