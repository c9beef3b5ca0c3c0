"""Antrean: the day's figures, the citizen being served, the tickets, and what may be done with the one selected
(a finished or cancelled ticket offers nothing; the buttons say so by being off)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station.domain.antrean import TICKET_MOVES, Ticket, TicketStatus
from station.domain.errors import StationError
from station.services.station import Station
from station.ui.citizen import Citizen
from station.ui.counters import CounterRow
from station.ui.i18n import long_date
from station.ui.style import set_state
from station.ui.widgets import NoWheelComboBox
from station.ui.words import CANCEL_REASONS, ticket_status


class CancelDialog(QDialog):
    def __init__(self, ticket: Ticket, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Batalkan nomor {0}").format(ticket.label))
        form = QFormLayout(self)
        self.reason = NoWheelComboBox()
        self.reason.setEditable(True)
        # Enter in the field is the button's press, never "add this text to the list" (an item without data)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for r in CANCEL_REASONS:
            self.reason.addItem(QCoreApplication.translate("Words", r), r)
        form.addRow(self.tr("Alasan"), self.reason)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        set_state(self.error, "error")
        form.addRow("", self.error)
        self.reason.lineEdit().textEdited.connect(lambda _t: self.error.setText(""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Batalkan nomor"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def reason_text(self) -> str:
        """The reason as kept: Indonesian when picked from the list, as typed otherwise."""
        text = self.reason.currentText()
        data = self.reason.itemData(self.reason.findText(text))
        return data if isinstance(data, str) else text

    def accept(self) -> None:
        """The button and Enter alike: an empty reason is said beside the field, and the dialog stays."""
        if len(" ".join(self.reason_text().split())) < 3:  # as the service counts it
            self.error.setText(self.tr("Tulis alasan pembatalan nomor antrean."))
            self.reason.setFocus()
            return
        super().accept()


class QueuePage(QWidget):
    call_requested = Signal()  # F3: the window asks first if a citizen is mid-way
    recall_requested = Signal(object)  # Ticket
    resume_requested = Signal()  # back to the citizen being served
    set_aside_requested = Signal()  # Tunda on the citizen being served: their draft kept, the counter free
    issued = Signal(object)  # Ticket: the window prints it
    display_requested = Signal()
    changed = Signal()

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        self.counters = CounterRow()
        layout.addWidget(self.counters)
        current = QHBoxLayout()
        self.current = QLabel()
        self.current.setObjectName("big")
        self.resume_btn = QPushButton(self.tr("Lanjutkan warga ini"))
        self.resume_btn.setObjectName("primary")
        current.addWidget(self.current, 1)
        current.addWidget(self.resume_btn)
        layout.addLayout(current)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.issue_btn = QPushButton(self.tr("Ambil nomor baru (F2)"))
        self.next_btn = QPushButton(self.tr("Panggil berikutnya (F3)"))
        self.next_btn.setObjectName("primary")
        self.recall_btn = QPushButton(self.tr("Panggil ulang"))
        self.skip_btn = QPushButton(self.tr("Tunda"))
        self.cancel_btn = QPushButton(self.tr("Batalkan ..."))
        self.cancel_btn.setObjectName("danger")
        self.display_btn = QPushButton(self.tr("Layar antrean (F7)"))
        for b in (self.issue_btn, self.next_btn, self.recall_btn, self.skip_btn, self.cancel_btn):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.display_btn)
        layout.addLayout(row)
        lists = QHBoxLayout()
        today, later = QVBoxLayout(), QVBoxLayout()
        self.today_label = QLabel()
        self.list = QListWidget()
        self.later_label = QLabel(self.tr("Nomor untuk hari berikutnya"))
        self.later_list = QListWidget()
        self.later_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        today.addWidget(self.today_label)
        today.addWidget(self.list)
        later.addWidget(self.later_label)
        later.addWidget(self.later_list)
        lists.addLayout(today, 3)
        lists.addLayout(later, 1)
        layout.addLayout(lists, 1)
        self.issue_btn.clicked.connect(self.issue)
        self.next_btn.clicked.connect(self.call_requested.emit)
        self.recall_btn.clicked.connect(lambda: self._selected() and self.recall_requested.emit(self._selected()))
        self.skip_btn.clicked.connect(self.skip)
        self.cancel_btn.clicked.connect(self.cancel)
        self.resume_btn.clicked.connect(self.resume_requested.emit)
        self.display_btn.clicked.connect(self.display_requested.emit)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _i: self.recall_btn.click())
        self.serving = Citizen()
        self.refresh()

    # --- showing ------------------------------------------------------------------------------
    def refresh(self, serving: Citizen | None = None) -> None:
        if serving is not None:
            if serving is not self.serving:
                self.message.setText("")  # "A-004 sedang dilayani ...", "Nomor A-003 ...": said of the one before
            self.serving = serving
        selected = self._selected()
        today = self.station.clock.today()
        self.counters.show_counts(self.station.queue.counts())
        self.today_label.setText(self.tr("Antrean {0}").format(long_date(today)))
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.station.queue.tickets():
            self.list.addItem(self._item(t))
            if selected and t.id == selected.id:
                self.list.setCurrentRow(self.list.count() - 1)
        self.list.blockSignals(False)
        self._show_later(today)
        t = self.serving.ticket
        if t is not None or self.serving.started:
            draft = self.tr(" — draf tersimpan") if self.serving.record_uuid else ""
            self.current.setText(self.tr("Sedang dilayani: {0}{1}").format(self.serving.label, draft))
        else:
            self.current.setText(self.tr("Belum ada yang dilayani. Tekan F3 untuk memanggil."))
        self.resume_btn.setVisible(t is not None or self.serving.started)
        self._selection_changed()

    def _item(self, t: Ticket) -> QListWidgetItem:
        text = f"{t.label}    {ticket_status(t.status)}"
        if t.record_uuid and t.status in (TicketStatus.CALLED, TicketStatus.SKIPPED):
            text += self.tr("  (ada draf)")
        if t.note:
            text += f"  — {t.note}"
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, t)
        if not t.open:
            item.setForeground(Qt.GlobalColor.gray)
        return item

    def _show_later(self, today) -> None:
        self.later_list.clear()
        day = today
        for _ in range(10):  # the next working days that already have tickets
            day = self._next_day(day)
            tickets = self.station.queue.tickets(day)
            if tickets:
                self.later_list.addItem(f"{long_date(day)}: {len(tickets)}")

    @staticmethod
    def _next_day(day: dt.date) -> dt.date:
        return day + dt.timedelta(days=1)

    def _selected(self) -> Ticket | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _selection_changed(self, *_) -> None:
        """Each button only when the selected ticket may take that move."""
        t = self._selected()
        moves = TICKET_MOVES[t.status] if t else frozenset()
        self.recall_btn.setEnabled(TicketStatus.CALLED in moves)
        self.skip_btn.setEnabled(TicketStatus.SKIPPED in moves)
        self.cancel_btn.setEnabled(TicketStatus.CANCELLED in moves)
        hint = "" if t else self.tr("Pilih nomor di daftar untuk memanggil ulang, menunda atau membatalkan.")
        for b in (self.recall_btn, self.skip_btn, self.cancel_btn):
            b.setToolTip(hint)

    # --- acting -------------------------------------------------------------------------------
    def issue(self) -> Ticket | None:
        try:
            t = self.station.queue.issue()
        except StationError as err:
            self.message.setText(str(err))
            return None
        if t.service_date == self.station.clock.today():
            self.message.setText(self.tr("Nomor {0} untuk hari ini.").format(t.label))
        else:
            self.message.setText(
                self.tr("Kuota hari ini penuh: nomor {0} untuk {1}.").format(t.label, long_date(t.service_date))
            )
        self.refresh()
        self.issued.emit(t)
        self.changed.emit()
        return t

    def skip(self) -> None:
        t = self._selected()
        if t is None or not self.skip_btn.isEnabled():
            return
        if self.serving.ticket is not None and self.serving.ticket.id == t.id:
            self.set_aside_requested.emit()  # the citizen at the counter: the window sets them aside, draft kept
            self._act(lambda: self.station.queue.get(t.id))
            return
        self._act(lambda: self.station.queue.skip(t.id))

    def cancel(self) -> None:
        t = self._selected()
        if t is None or not self.cancel_btn.isEnabled():
            return
        if self.serving.ticket is not None and self.serving.ticket.id == t.id:
            self.message.setText(self.tr("Nomor {0} sedang dilayani: selesaikan atau tunda dulu.").format(t.label))
            return
        dialog = CancelDialog(t, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._act(lambda: self.station.queue.cancel(t.id, dialog.reason_text()))

    def _act(self, action) -> None:
        try:
            t = action()
        except StationError as err:
            self.message.setText(str(err))
            return
        self.message.setText(self.tr("Nomor {0}: {1}.").format(t.label, ticket_status(t.status)))
        self.refresh()
        self.changed.emit()
