"""Printing: the window keeps each PDF in DATA_DIR/papers and hands it to the system's viewer, whose
print dialog picks the printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from station.domain.antrean import Ticket
from station.services.station import Station


def open_paper(path: Path) -> None:
    """Not on a headless screen (tests, offscreen): there the PDF is only written to DATA_DIR/papers."""
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def receipt_file(station: Station, uuid: str, thermal: bool) -> Path:
    pdf = station.papers.receipt(uuid, thermal)
    return station.papers.save(pdf, f"bukti-{uuid[:8]}{'-80mm' if thermal else ''}.pdf")


def ticket_file(station: Station, ticket: Ticket) -> Path:
    pdf = station.papers.ticket(ticket)
    return station.papers.save(pdf, f"antrean-{ticket.service_date:%Y%m%d}-{ticket.label}.pdf")
