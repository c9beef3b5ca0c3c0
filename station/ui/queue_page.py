"""Antrean: issue tickets against the daily quota, call next, skip, recall; today's waiting list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from station.domain.antrean import WORDS as STATUS_WORDS
from station.domain.antrean import Ticket, TicketStatus
from station.services.station import Station
from station.ui.papers import open_paper, ticket_file


class QueuePage(QWidget):
    serve = Signal(object)  # Ticket

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        self.current = QLabel(self.tr("Belum ada yang dipanggil"))
        self.current.setObjectName("big")
        self.last_issued = QLabel("")
        self.last_issued.setWordWrap(True)
        row = QHBoxLayout()
        self.issue_btn = QPushButton(self.tr("Ambil nomor baru (F2)"))
        self.next_btn = QPushButton(self.tr("Panggil berikutnya (F3)"))
        self.skip_btn = QPushButton(self.tr("Lewati"))
        self.recall_btn = QPushButton(self.tr("Panggil ulang"))
        self.issue_btn.setShortcut("F2")
        self.next_btn.setShortcut("F3")
        for b in (self.issue_btn, self.next_btn, self.skip_btn, self.recall_btn):
            row.addWidget(b)
        self.list = QListWidget()
        layout.addWidget(self.current)
        layout.addLayout(row)
        layout.addWidget(self.last_issued)
        layout.addWidget(QLabel(self.tr("Antrean hari ini")))
        layout.addWidget(self.list)
        self.issue_btn.clicked.connect(self.issue)
        self.next_btn.clicked.connect(self.call_next)
        self.skip_btn.clicked.connect(self.skip)
        self.recall_btn.clicked.connect(self.recall)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        tickets = self.station.queue.tickets()
        for t in tickets:
            item = QListWidgetItem(f"{t.label}   {STATUS_WORDS[t.status]}")
            item.setData(Qt.ItemDataRole.UserRole, t)
            self.list.addItem(item)
        waiting = sum(1 for t in tickets if t.status is TicketStatus.WAITING)
        quota = self.station.settings.current.daily_quota
        self.list.setToolTip(self.tr("{0} menunggu, kuota {1} per hari").format(waiting, quota))

    def issue(self) -> Ticket:
        t = self.station.queue.issue()
        if t.service_date == self.station.clock.today():
            self.last_issued.setText(self.tr("Nomor {0} untuk hari ini.").format(t.label))
        else:
            self.last_issued.setText(
                self.tr("Kuota hari ini penuh: nomor {0} untuk {1:%A, %d-%m-%Y}.").format(t.label, t.service_date)
            )
        self.refresh()
        open_paper(ticket_file(self.station, t))
        return t

    def call_next(self) -> None:
        t = self.station.queue.call_next()
        if t is None:
            self.current.setText(self.tr("Tidak ada yang menunggu"))
            return
        self.current.setText(self.tr("Dipanggil: {0}").format(t.label))
        self.refresh()
        self.serve.emit(t)

    def _selected(self) -> Ticket | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def skip(self) -> None:
        t = self._selected()
        if t:
            self.station.queue.skip(t.id)
            self.refresh()

    def recall(self) -> None:
        t = self._selected()
        if t:
            t = self.station.queue.recall(t.id)
            self.current.setText(self.tr("Dipanggil ulang: {0}").format(t.label))
            self.refresh()
            self.serve.emit(t)
