"""Printers for tests: no printer hardware exists here, so each "printer" is Qt's own PDF print engine writing
to a file — the same QPrinter and QPainter path as a real printer, and the output can be read back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from station.ui.printing import Printers


class FilePrinters(Printers):
    def __init__(self, settings, folder: Path, names=("Kasir-80mm", "Kantor-A4")) -> None:
        super().__init__(settings)
        self.folder, self.names, self.jobs = Path(folder), list(names), []
        self.folder.mkdir(parents=True, exist_ok=True)
        self.asked = 0

    def available(self) -> list[str]:
        return self.names

    def printer_for(self, role, title, parent, ask=False):
        name = self.remembered(role)
        if not name or ask or name not in self.names:
            self.asked += 1  # where the real class shows QPrintDialog: the first printer is "chosen"
            name = self.names[0] if role == "80mm" else self.names[-1]
            self.remember(role, name)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        out = self.folder / f"{len(self.jobs) + 1:03d}-{name}.pdf"
        printer.setOutputFileName(str(out))
        printer.setDocName(title)
        self.jobs.append(out)
        return printer
