"""The window's papers: ticket, receipt (and reprints), the recovery-code sheet. Built as PDF bytes by the
services, printed through Printers, the result said in the banner; saving the PDF is offered, never required."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from station.domain.antrean import Ticket
from station.domain.errors import StationError
from station.services.station import Station
from station.ui.banner import Banner
from station.ui.printing import ROLL, SHEET, Printers, PrintResult


class Papers(QObject):
    def __init__(self, station: Station, printers: Printers, banner: Banner, parent: QWidget) -> None:
        super().__init__(parent)
        self.station, self.printers, self.banner, self.window = station, printers, banner, parent

    def ticket(self, ticket: Ticket) -> PrintResult | None:
        try:
            pdf = self.station.papers.ticket(ticket)
        except StationError as err:
            self.banner.say(str(err), "error")
            return None
        title = self.tr("Nomor antrean {0}").format(ticket.label)
        return self._print(pdf, ROLL, title, f"antrean-{ticket.service_date:%Y%m%d}-{ticket.label}.pdf")

    def receipt(self, uuid: str, label: str, ask: bool = False) -> PrintResult | None:
        thermal = self.station.settings.current.thermal
        try:
            pdf = self.station.papers.receipt(uuid, thermal)
        except StationError as err:
            self.banner.say(self.tr("Bukti belum tercetak: {0}").format(err), "error")
            return None
        title = self.tr("Bukti perekaman {0}").format(label)
        return self._print(pdf, ROLL if thermal else SHEET, title, f"bukti-{uuid[:8]}.pdf", ask)

    def sheet(self, pdf: bytes, title: str, filename: str) -> PrintResult | None:
        return self._print(pdf, SHEET, title, filename)

    def _print(self, pdf: bytes, role: str, title: str, filename: str, ask: bool = False) -> PrintResult:
        result = self.printers.print_pdf(pdf, role, title, self.window, ask)
        save = self.tr("Simpan PDF ...")
        if result.ok:
            self.banner.say(
                self.tr("{0}: dicetak ke {1} ({2} halaman).").format(title, result.printer, result.pages),
                "ok",
                self.tr("Cetak ulang"),
                lambda: self._print(pdf, role, title, filename, ask=True),
            )
        elif result.cancelled:
            self.banner.say(
                self.tr("{0}: tidak dicetak (dibatalkan).").format(title),
                "warning",
                save,
                lambda: self.save_pdf(pdf, filename),
            )
        else:
            self.banner.say(
                self.tr("{0}: gagal dicetak di {1}. Periksa printer, lalu cetak ulang.").format(title, result.printer),
                "error",
                save,
                lambda: self.save_pdf(pdf, filename),
            )
        return result

    def save_pdf(self, pdf: bytes, filename: str) -> Path | None:
        """The PDF where the operator chooses (a USB stick, to print elsewhere); never a copy left behind."""
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Simpan PDF"), str(Path.home() / filename), "PDF (*.pdf)"
        )
        if not path:
            return None
        try:
            Path(path).write_bytes(pdf)
        except OSError as err:
            self.banner.say(self.tr("PDF tidak tersimpan: {0}").format(err.strerror or err), "error")
            return None
        self.banner.say(self.tr("PDF tersimpan: {0}").format(path), "ok")
        return Path(path)
