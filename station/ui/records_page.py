"""Rekaman: the station's records, searchable by NIK or name, with their state in words and why a supervisor or
the centre held or refused one. Opening a record shows everything and what can be done with it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.domain.errors import StationError
from station.domain.lifecycle import RecordStatus
from station.services.station import Station
from station.ui.i18n import date_time
from station.ui.widgets import NoWheelComboBox
from station.ui.words import record_status

FILTERS = [
    (QT_TRANSLATE_NOOP("RecordsPage", "Semua"), None),
    (QT_TRANSLATE_NOOP("RecordsPage", "Draf (belum selesai)"), RecordStatus.DRAFT),
    (QT_TRANSLATE_NOOP("RecordsPage", "Ditahan supervisor"), RecordStatus.HELD),
    (QT_TRANSLATE_NOOP("RecordsPage", "Ditolak"), RecordStatus.REJECTED),
    (QT_TRANSLATE_NOOP("RecordsPage", "Menunggu kirim"), RecordStatus.QUEUED),
]
NEEDS_REASON = (RecordStatus.HELD, RecordStatus.REJECTED)


class RecordsPage(QWidget):
    resume = Signal(str)  # a draft's uuid: continue it in the citizen flow
    rerecord = Signal(str)  # a held/rejected record: record again with its biodata
    reprint = Signal(str)  # print the receipt again

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Cari NIK atau nama ..."))
        self.search.setClearButtonEnabled(True)
        self.filter = NoWheelComboBox()
        for text, status in FILTERS:
            self.filter.addItem(QCoreApplication.translate("RecordsPage", text), status)
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Waktu"), self.tr("NIK"), self.tr("Nama"), self.tr("Status"), self.tr("Keterangan")]
        )
        # Keterangan takes the room left (resizeColumnsToContents undid a stretched last section)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.cellActivated.connect(self.open_row)
        self.table.cellDoubleClicked.connect(self.open_row)
        self.hint = QLabel(self.tr("Klik dua kali (atau Enter) untuk membuka: lanjutkan draf, cetak ulang bukti."))
        self.hint.setObjectName("muted")
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.open_current)  # Ctrl+F, a few letters, Enter: the record opens
        self.filter.currentIndexChanged.connect(self.refresh)

    def refresh(self) -> None:
        try:
            rows = self.station.records.find(self.search.text(), self.filter.currentData())
        except StationError as err:
            self.hint.setText(str(err))
            return
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            reason = ""
            if r.status in NEEDS_REASON:
                reason = self.station.records.get(r.uuid, with_photos=False).server_reason or ""
            elif r.exported_at:  # still waiting for the centre's word, but on its way (the operator carried it)
                when = date_time(self.station.clock.local(r.exported_at))
                reason = self.tr("diekspor ke USB {0}; menunggu tanda terima pusat").format(when)
            cells = [date_time(self.station.clock.local(r.created_at)), r.nik, r.nama, record_status(r.status), reason]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.uuid)
                self.table.setItem(i, j, item)
        for column in range(4):  # Keterangan stretches over the rest
            self.table.resizeColumnToContents(column)

    def open_current(self) -> None:
        """The selected row, or the only/first one found."""
        row = self.table.currentRow()
        if row < 0 and self.table.rowCount():
            row = 0
        if row >= 0:
            self.open_row(row)

    def open_row(self, row: int, _col: int = 0) -> None:
        from station.ui.record_dialog import RecordDialog

        uuid = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        dialog = RecordDialog(self.station, uuid, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted and dialog.choice:
            getattr(self, dialog.choice).emit(uuid)
        if self.isVisible():  # back in the list, ready for the next search (the focus is never left nowhere)
            self.window().activateWindow()
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
