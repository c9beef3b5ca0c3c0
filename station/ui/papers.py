"""Printing: the window hands each PDF to the system's viewer, whose print dialog picks the printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication


def open_paper(path: Path) -> None:
    """Not on a headless screen (tests, offscreen): there the PDF is only written to DATA_DIR/papers."""
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
