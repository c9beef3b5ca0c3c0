"""One record opened from Rekaman: the photo, every field, its state and why, and the actions it allows —
a draft is continued, an accepted record's receipt printed again, a held or refused one recorded again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station.domain.errors import StationError
from station.domain.lifecycle import RecordStatus
from station.services.station import Station
from station.ui.i18n import date_time
from station.ui.summary import summary_html
from station.ui.words import check_names, record_status


class RecordDialog(QDialog):
    def __init__(self, station: Station, uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None  # "resume", "reprint" or "rerecord" (a RecordsPage signal)
        self.setWindowTitle(self.tr("Rekaman {0}").format(uuid[:8].upper()))
        layout = QVBoxLayout(self)
        try:
            rec = station.records.get(uuid)
        except StationError as err:
            layout.addWidget(QLabel(str(err)))
            return
        body = QHBoxLayout()
        pic = QLabel(self.tr("(tanpa foto)"))
        if "crop" in rec.photos:
            pix = QPixmap()
            pix.loadFromData(rec.photos["crop"].data)
            pic.setPixmap(pix.scaled(240, 320, Qt.AspectRatioMode.KeepAspectRatio))
        body.addWidget(pic, 0, Qt.AlignmentFlag.AlignTop)
        extra = [
            (self.tr("Status"), record_status(rec.status)),
            (self.tr("Direkam"), date_time(station.clock.local(rec.created_at))),
            (self.tr("Operator"), rec.operator),
        ]
        if rec.server_reason:
            extra.append((self.tr("Alasan"), rec.server_reason))
        approval = rec.quality.get("approval")
        if approval:
            extra.append((self.tr("Foto disetujui warga"), self.tr("ya") if approval.get("approved") else "-"))
        waiver = rec.quality.get("waiver")
        if waiver:
            extra.append((self.tr("Pengecualian"), check_names(waiver.get("checks", []))))
        text = QLabel(summary_html(rec.enrolment, station.regions, extra))
        text.setTextFormat(Qt.TextFormat.RichText)
        body.addWidget(text, 1)
        layout.addLayout(body)
        row = QHBoxLayout()
        row.addStretch(1)
        if rec.status is RecordStatus.DRAFT:
            self._button(row, self.tr("Lanjutkan draf"), "resume", primary=True)
        else:
            self._button(row, self.tr("Cetak ulang bukti"), "reprint")
        if rec.status in (RecordStatus.HELD, RecordStatus.REJECTED):
            self._button(row, self.tr("Rekam ulang (biodata disalin)"), "rerecord", primary=True)
        close = QPushButton(self.tr("Tutup"))
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        if rec.status is not RecordStatus.DRAFT:
            note = QLabel(self.tr("Rekaman yang sudah diterima tidak diubah: perbaikan dibuat sebagai rekaman baru."))
            note.setObjectName("muted")
            layout.addWidget(note)

    def _button(self, row: QHBoxLayout, text: str, choice: str, primary: bool = False) -> None:
        b = QPushButton(text)
        if primary:
            b.setObjectName("primary")
            b.setDefault(True)
        b.clicked.connect(lambda: self._choose(choice))
        row.addWidget(b)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
