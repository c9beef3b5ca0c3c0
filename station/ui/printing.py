"""Printing papers from their PDF bytes: each page rendered by pdfium at the printer's resolution and painted onto
a QPrinter, at the page's own size (80 mm tickets and receipts, A4 sheets).

Two printers are remembered (in the station's window.ini): the 80 mm ticket printer and the A4 printer. The first
print of each kind opens Qt's print dialog; the printer chosen there is used from then on without asking, until
the operator picks another (Stasiun > Pilih printer). Nothing is written to disk: the bytes go to the printer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pypdfium2
from PySide6.QtCore import QMarginsF, QRectF, QSettings, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

log = logging.getLogger(__name__)
ROLL, SHEET = "80mm", "a4"  # the two printers an office has
MAX_DPI = 300  # enough for a QR code and a photo; a 1200-dpi A4 page would be 140 MB of pixels


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    printer: str  # the printer's name, or the file a "print to file" went to
    pages: int
    cancelled: bool = False
    error: str = ""


def render_pages(pdf: bytes, dpi: float) -> list[tuple[QImage, QSizeF]]:
    """Each page as an image at `dpi` (capped) with its size in points."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            w, h = page.get_size()
            bitmap = page.render(scale=min(dpi, MAX_DPI) / 72.0, rev_byteorder=True)
            image = QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
            ).copy()
            out.append((image, QSizeF(w, h)))
            bitmap.close()
            page.close()
        return out
    finally:
        doc.close()


def paint(printer: QPrinter, pdf: bytes) -> int:
    """Print every page at its own size with no margins; the number of pages printed."""
    pages = render_pages(pdf, printer.resolution())
    if not pages:
        return 0
    painter: QPainter | None = None
    try:
        for image, size in pages:
            layout = QPageLayout(
                QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
            printer.setPageLayout(layout)
            if painter is None:
                printer.setFullPage(True)
                painter = QPainter()
                if not painter.begin(printer):
                    raise OSError("printer did not start")
            elif not printer.newPage():
                raise OSError("printer refused a new page")
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            painter.drawImage(target, image)
    finally:
        if painter is not None:
            painter.end()
    return len(pages)


class Printers:
    """The station's printers: which one each paper goes to, asking once, and the printing itself."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def available(self) -> list[str]:
        return QPrinterInfo.availablePrinterNames()

    def remembered(self, role: str) -> str:
        return str(self.settings.value(f"printing/{role}", "") or "")

    def remember(self, role: str, name: str) -> None:
        self.settings.setValue(f"printing/{role}", name)
        self.settings.sync()

    def forget(self, role: str) -> None:
        self.settings.remove(f"printing/{role}")

    def printer_for(self, role: str, title: str, parent: QWidget | None, ask: bool = False) -> QPrinter | None:
        """The remembered printer, or the print dialog's choice (remembered when it is a real printer)."""
        name = self.remembered(role)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        if name and not ask and name in self.available():
            printer.setPrinterName(name)
            return printer
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
            self.remember(role, printer.printerName())
        return printer

    def print_pdf(self, pdf: bytes, role: str, title: str, parent: QWidget | None, ask: bool = False) -> PrintResult:
        printer = self.printer_for(role, title, parent, ask)
        if printer is None:
            return PrintResult(False, "", 0, cancelled=True)
        where = printer.printerName() or printer.outputFileName()
        try:
            pages = paint(printer, pdf)
        except (OSError, pypdfium2.PdfiumError) as err:
            log.warning("printing failed: %s", type(err).__name__)
            return PrintResult(False, where, 0, error=str(err))
        return PrintResult(True, where, pages)
