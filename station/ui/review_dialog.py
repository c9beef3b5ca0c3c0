"""Tinjauan supervisor: the day's records waiting for a decision, each with its photo and biodata to judge;
approve (into the outbox), hold or refuse with a reason the operator reads in Rekaman."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.i18n import date_time
from station.ui.summary import summary_html
from station.ui.words import check_names, record_status


class ReviewDialog(QDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.setWindowTitle(self.tr("Tinjauan supervisor"))
        self.setMinimumSize(1200, 620)  # list, photo and the whole biodata side by side; still inside 1366x768
        layout = QVBoxLayout(self)
        self.off = QLabel("")
        self.off.setWordWrap(True)
        self.off.setObjectName("warning")
        layout.addWidget(self.off)
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setMinimumWidth(300)  # the date, the name and the state on one line, not cut off
        self.list.setMaximumWidth(380)
        self.photo = QLabel()
        self.photo.setFixedSize(240, 320)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.list)
        body.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.details, 1)
        layout.addLayout(body, 1)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Alasan menahan/menolak (dibaca operator di Rekaman)"))
        self.error = QLabel("")
        self.error.setObjectName("error")
        row = QHBoxLayout()
        self.approve_btn = QPushButton(self.tr("Setujui"))
        self.approve_btn.setObjectName("primary")
        self.hold_btn = QPushButton(self.tr("Tahan"))
        self.reject_btn = QPushButton(self.tr("Tolak"))
        self.reject_btn.setObjectName("danger")
        close = QPushButton(self.tr("Tutup"))
        for b in (self.approve_btn, self.hold_btn, self.reject_btn):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.approve_btn.clicked.connect(lambda: self.decide("approve"))
        self.hold_btn.clicked.connect(lambda: self.decide("hold"))
        self.reject_btn.clicked.connect(lambda: self.decide("reject"))
        close.clicked.connect(self.accept)
        self.list.currentItemChanged.connect(self._show)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if not self.station.settings.current.review_required:
            self.off.setText(
                self.tr(
                    "Tinjauan akhir hari tidak aktif: rekaman langsung masuk antrean kirim. "
                    "Aktifkan di Stasiun > Pengaturan."
                )
            )
        try:
            waiting = self.station.review.waiting()
        except StationError as err:
            self.error.setText(str(err))
            self._enable(False)
            return
        for r in waiting:
            when = date_time(self.station.clock.local(r.created_at))
            item = QListWidgetItem(f"{when}  {r.nama}\n{record_status(r.status)}")
            item.setData(Qt.ItemDataRole.UserRole, r.uuid)
            self.list.addItem(item)
        if waiting:
            self.list.setCurrentRow(0)
        else:
            self.details.setText(self.tr("Tidak ada rekaman yang menunggu tinjauan."))
            self.photo.clear()
        self._enable(bool(waiting))

    def _enable(self, on: bool) -> None:
        for b in (self.approve_btn, self.hold_btn, self.reject_btn):
            b.setEnabled(on)

    def _show(self, item: QListWidgetItem | None, _old=None) -> None:
        if item is None:
            return
        rec = self.station.records.get(item.data(Qt.ItemDataRole.UserRole))
        pix = QPixmap()
        if "crop" in rec.photos and pix.loadFromData(rec.photos["crop"].data):
            self.photo.setPixmap(pix.scaled(240, 320, Qt.AspectRatioMode.KeepAspectRatio))
        else:
            self.photo.setText(self.tr("(tanpa foto)"))
        extra = [(self.tr("Operator"), rec.operator), (self.tr("Status"), record_status(rec.status))]
        if rec.server_reason:
            extra.append((self.tr("Alasan sebelumnya"), rec.server_reason))
        waiver = rec.quality.get("waiver")
        if waiver:
            extra.append((self.tr("Pengecualian"), check_names(waiver.get("checks", []))))
        self.details.setText(summary_html(rec.enrolment, self.station.regions, extra))

    def decide(self, decision: str) -> None:
        item = self.list.currentItem()
        if item is None:
            self.error.setText(self.tr("Pilih rekaman dulu."))
            return
        try:
            self.station.review.decide(item.data(Qt.ItemDataRole.UserRole), decision, self.reason.text())
        except StationError as err:
            self.error.setText(str(err))
            return
        self.error.setText("")
        self.reason.clear()
        self.refresh()
