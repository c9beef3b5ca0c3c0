"""The counter's desk: which citizen is being served and how one hands over to the next — call next (F3),
recall a ticket, resume a draft (from the queue or Rekaman), record again, and finishing with the receipt.
Leaving a citizen whose data is started asks first; nothing is ever dropped silently."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from station.domain.antrean import Ticket, TicketStatus
from station.domain.errors import StationError
from station.services.station import Station
from station.ui.banner import Banner
from station.ui.citizen import Citizen
from station.ui.papers import Papers
from station.ui.steps import CitizenFlow

log = logging.getLogger(__name__)


class Desk(QObject):
    serving = Signal(object)  # the Citizen now at the counter (a fresh, empty one when nobody is)
    show_queue = Signal()

    def __init__(self, station: Station, flow: CitizenFlow, papers: Papers, banner: Banner, window: QWidget):
        super().__init__(window)
        self.station, self.flow, self.papers, self.banner, self.window = station, flow, papers, banner, window
        flow.done.connect(self.finish)

    @property
    def citizen(self) -> Citizen:
        return self.flow.citizen

    # --- handing over -------------------------------------------------------------------------
    def may_leave(self) -> bool:
        """The current citizen may be set aside: asked when their data is started; their draft stays, their
        ticket is marked 'ditunda' (recalled later to resume), never left 'dipanggil'."""
        c = self.citizen
        if c.ticket is None and not c.started:
            return True
        self.flow.leave()  # the biodata step saves its draft as it goes
        if c.started:
            box = QMessageBox(self.window)
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.tr("Warga belum selesai"))
            box.setText(self.tr("Warga {0} belum selesai direkam. Datanya tersimpan sebagai draf.").format(c.label))
            box.setInformativeText(self.tr("Tunda warga ini dan lanjut? Nomornya bisa dipanggil ulang nanti."))
            set_aside = box.addButton(self.tr("Tunda dan lanjut"), QMessageBox.ButtonRole.AcceptRole)
            stay = box.addButton(self.tr("Lanjutkan warga ini"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(stay)
            box.exec()
            if box.clickedButton() is not set_aside:
                self.resume()
                return False
        if c.ticket is not None:
            self._set_aside(c.ticket)
        self.flow.reset()
        self.serving.emit(self.flow.citizen)
        return True

    def set_aside(self) -> None:
        """Tunda on the queue page for the citizen at the counter: the operator chose it, so nothing is asked; the
        draft is saved, the ticket 'ditunda' (recalled later to resume), and the counter is free."""
        c = self.citizen
        self.flow.leave()  # the biodata step saves its pending draft
        if c.ticket is not None:
            self._set_aside(c.ticket)
        self.flow.reset()
        self.serving.emit(self.flow.citizen)

    def _set_aside(self, ticket: Ticket) -> None:
        try:
            current = self.station.queue.get(ticket.id)
            if current.status is TicketStatus.CALLED:
                self.station.queue.skip(ticket.id)
                self.banner.say(self.tr("Nomor {0} ditunda.").format(ticket.label), "warning")
        except StationError as err:
            log.warning("set aside failed code=%s", err.code)

    def call_next(self) -> None:
        if not self.may_leave():
            return
        try:
            ticket = self.station.queue.call_next()
        except StationError as err:
            self.banner.say(str(err), "error")
            return
        if ticket is None:
            self.banner.say(self.tr("Tidak ada yang menunggu. Ambil nomor baru dengan F2."), "warning")
            self.show_queue.emit()
            return
        self.start(Citizen(ticket=ticket))

    def recall(self, ticket: Ticket) -> None:
        if self.citizen.ticket is not None and self.citizen.ticket.id == ticket.id:
            self.resume()
            return
        if not self.may_leave():
            return
        try:
            ticket = self.station.queue.recall(ticket.id)
        except StationError as err:
            self.banner.say(str(err), "error")
            return
        self.start(self._with_draft(Citizen(ticket=ticket), ticket.record_uuid))

    def resume_draft(self, uuid: str) -> None:
        """A draft opened from Rekaman (or offered for the same NIK): continue it, under its own ticket."""
        if self.citizen.record_uuid == uuid:
            self.resume()
            return
        if self.citizen.started and not self.may_leave():
            return
        current = self.citizen.ticket
        ticket = self.station.queue.for_record(uuid) or current
        if ticket is not None and ticket.status is TicketStatus.SKIPPED:
            ticket = self.station.queue.recall(ticket.id)
        self.start(self._with_draft(Citizen(ticket=ticket), uuid))

    def rerecord(self, uuid: str) -> None:
        """A held or refused record recorded again: a new record, its biodata copied."""
        if not self.may_leave():
            return
        try:
            rec = self.station.records.get(uuid, with_photos=False)
        except StationError as err:
            self.banner.say(str(err), "error")
            return
        self.start(Citizen(draft=rec.enrolment))

    def _with_draft(self, citizen: Citizen, uuid: str | None) -> Citizen:
        if uuid:
            try:
                rec = self.station.records.get(uuid, with_photos=False)
            except StationError as err:
                self.banner.say(str(err), "error")
                return citizen
            if rec.status == "draft":
                citizen.record_uuid, citizen.draft = uuid, rec.enrolment
        return citizen

    def start(self, citizen: Citizen) -> None:
        self.flow.start(citizen)
        self.serving.emit(citizen)

    def resume(self) -> None:
        """Back to the citizen at the counter, at the furthest step they reached."""
        for i in range(len(self.flow.steps) - 1, -1, -1):
            if self.flow.go(i):
                return
        self.show_queue.emit()

    def restore(self) -> None:
        """After a restart: a ticket still 'dipanggil' today is the citizen at the counter, with their draft."""
        try:
            called = [t for t in self.station.queue.tickets() if t.status is TicketStatus.CALLED]
        except StationError:
            return
        if called:
            t = called[-1]
            citizen = self._with_draft(Citizen(ticket=t), t.record_uuid)
            self.flow.citizen = citizen
            self.serving.emit(citizen)

    # --- finishing ----------------------------------------------------------------------------
    def finish(self, citizen: Citizen) -> None:
        """The record is stored (Tinjau accepted it): print the receipt, and the counter is free."""
        result = self.flow.steps[-1].accepted_result
        self.flow.reset()
        self.serving.emit(self.flow.citizen)
        self.show_queue.emit()
        if result is not None:
            self.papers.receipt(result.uuid, citizen.label)
