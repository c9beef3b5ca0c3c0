"""Rekaman: today's and all local records, search by NIK or name, status including sync state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.domain.lifecycle import WORDS as STATUS_WORDS
from station.services.station import Station
from station.ui.review_page import summary_text


class RecordsPage(QWidget):
    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Cari NIK atau nama ..."))
        self.search.textChanged.connect(self.refresh)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Waktu"), self.tr("NIK"), self.tr("Nama"), self.tr("Status")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(self.open_row)
        layout.addWidget(self.search)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        rows = self.station.records.find(self.search.text())
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            local = self.station.clock.local(r.created_at)
            cells = [f"{local:%d-%m-%Y %H:%M}", r.nik, r.nama, STATUS_WORDS[r.status]]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.uuid)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def open_row(self, row: int, _col: int) -> None:
        uuid = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        rec = self.station.records.get(uuid)
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Rekaman {0}").format(uuid[:8]))
        lay = QHBoxLayout(dlg)
        if "crop" in rec.photos:
            pic = QLabel()
            pix = QPixmap()
            pix.loadFromData(rec.photos["crop"].data)
            pic.setPixmap(pix.scaled(240, 320, Qt.AspectRatioMode.KeepAspectRatio))
            lay.addWidget(pic)
        text = QLabel(
            summary_text(rec.enrolment) + f"<br><b>Status</b>: {STATUS_WORDS[rec.status]}<br><b>UUID</b>: {rec.uuid}"
        )
        text.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(text)
        dlg.open()
