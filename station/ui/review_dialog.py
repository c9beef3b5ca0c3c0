"""Tinjauan akhir hari: the supervisor approves (into the outbox), holds or rejects the day's records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from station.domain.errors import StationError
from station.domain.lifecycle import WORDS
from station.services.station import Station


class ReviewDialog(QDialog):
    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.setWindowTitle(self.tr("Tinjauan supervisor"))
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Alasan menahan/menolak (dilihat operator)"))
        self.error = QLabel("")
        self.error.setObjectName("error")
        row = QHBoxLayout()
        self.approve_btn = QPushButton(self.tr("Setujui"))
        self.hold_btn = QPushButton(self.tr("Tahan"))
        self.reject_btn = QPushButton(self.tr("Tolak"))
        for b in (self.approve_btn, self.hold_btn, self.reject_btn):
            row.addWidget(b)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.approve_btn.clicked.connect(lambda: self.decide("approve"))
        self.hold_btn.clicked.connect(lambda: self.decide("hold"))
        self.reject_btn.clicked.connect(lambda: self.decide("reject"))
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        try:
            waiting = self.station.review.waiting()
        except StationError as err:
            self.error.setText(str(err))
            return
        for r in waiting:
            when = self.station.clock.local(r.created_at)
            item = QListWidgetItem(f"{when:%d-%m-%Y %H:%M}   {r.nama}   ({WORDS[r.status]})")
            item.setData(Qt.ItemDataRole.UserRole, r.uuid)
            self.list.addItem(item)

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
