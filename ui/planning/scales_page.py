"""Pengaturan > Skala kualitatif: ordered scales (opini BPK, predikat SAKIP…) for qualitative targets."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from sakip_desktop.ops.realisation.qualitative import (
    ScaleInput,
    ScaleView,
    add_scale,
    delete_scale,
    list_scales,
    update_scale,
)
from ui.context import AppContext
from ui.widgets.dialogs import FormDialog
from ui.widgets.forms import form_layout, hint, text_or_dash
from ui.widgets.pages import RecordPage
from ui.widgets.table import Column


class ScaleDialog(FormDialog):
    """Add or edit a scale: its name, a note, and its levels one per line from the lowest up."""

    def __init__(self, ctx: AppContext, scale: ScaleView | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Tambah skala kualitatif" if scale is None else "Ubah skala kualitatif", parent)
        self._scale = scale
        self.name_edit = QLineEdit(scale.name if scale else "")
        self.name_edit.setPlaceholderText("mis. Opini BPK")
        self.name_edit.setMinimumWidth(360)
        self.description_edit = QLineEdit(scale.description if scale else "")
        self.levels_edit = QPlainTextEdit()
        self.levels_edit.setTabChangesFocus(True)
        self.levels_edit.setPlaceholderText("TMP\nTW\nWDP\nWTP")
        self.levels_edit.setMinimumHeight(150)
        if scale:
            self.levels_edit.setPlainText("\n".join(level.label for level in scale.levels))
        form = form_layout()
        form.addRow("&Nama:", self.name_edit)
        form.addRow("&Keterangan:", self.description_edit)
        form.addRow("&Tingkat:", self.levels_edit)
        note = "Satu tingkat per baris, dari yang terendah ke yang tertinggi."
        if scale and scale.indicator_count:
            note += (
                f" Skala ini dipakai {scale.indicator_count} indikator: tingkat boleh diganti namanya atau "
                "ditambah di bawah, tetapi tidak dikurangi."
            )
        form.addRow("", hint(note))
        self.finish_layout(form)
        self.fields = {"name": self.name_edit, "labels": self.levels_edit}

    def save(self) -> int:
        data = ScaleInput(
            name=self.name_edit.text(),
            labels=tuple(self.levels_edit.toPlainText().splitlines()),
            description=self.description_edit.text(),
        )
        if self._scale is None:
            return add_scale(self.ctx.db, self.ctx.actor, data)
        update_scale(self.ctx.db, self.ctx.actor, self._scale.id, data)
        return self._scale.id


class ScalesPage(RecordPage):
    """The list of scales with Tambah skala / Ubah / Hapus."""

    topic = "scales"
    refresh_on = frozenset({"scales", "planning"})  # indicators change the use counts

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        columns = [
            Column[ScaleView]("Nama", lambda s: s.name),
            Column[ScaleView]("Tingkat (terendah → tertinggi)", lambda s: s.levels_text),
            Column[ScaleView]("Keterangan", lambda s: text_or_dash(s.description)),
            Column[ScaleView](
                "Dipakai indikator", lambda s: str(s.indicator_count), sort_key=lambda s: s.indicator_count,
                align_right=True,
            ),
        ]  # fmt: skip
        intro = (
            "Skala untuk target kualitatif, mis. opini BPK atau predikat SAKIP. Target dan realisasi indikator "
            "kualitatif dipilih dari tingkat skalanya; capaiannya = peringkat realisasi ÷ peringkat target × 100. "
            "Skala yang dipakai indikator tidak dapat dihapus."
        )
        super().__init__(ctx, columns, intro, "Tambah skala", parent, stretch_column=1)
        self.refresh()

    def load_rows(self) -> list[ScaleView]:
        return list_scales(self.ctx.db)

    def make_dialog(self, record: ScaleView | None) -> ScaleDialog:
        return ScaleDialog(self.ctx, record, self)

    def delete_question(self, record: ScaleView) -> str:
        return f"Hapus skala kualitatif '{record.name}'?"

    def delete_record(self, record: ScaleView) -> None:
        delete_scale(self.ctx.db, self.ctx.actor, record.id)
