"""Screenshots of the real window for the README, under Xvfb with a window manager (the title bar and the focus
are the ones an operator sees):

    xvfb-run -s "-screen 0 1366x768x24" sh -c 'openbox & sleep 1; .venv/bin/python -m station.ui.screenshots'

A throw-away data folder; tickets issued through the queue service; the citizen's data typed key by key into
the form (QTest), as at the counter. Saves docs/screenshots/1-antrean.png and 2-biodata.png.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from station.services.station import Station
from station.ui.app import make_app
from station.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def shot(name: str) -> None:
    pump(0.5)
    OUT.mkdir(parents=True, exist_ok=True)
    QApplication.primaryScreen().grabWindow(0).save(str(OUT / f"{name}.png"))
    print("saved", OUT / f"{name}.png")


def typed(text: str) -> None:
    for ch in text:
        QTest.keyClick(QApplication.focusWidget(), ch)
    pump(0.05)


def tab() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def main() -> None:
    app = make_app()
    tmp = Path(tempfile.mkdtemp())
    station = Station(tmp)
    station.accounts.first_start("ST-01", "33.24.01", "spv", "rahasia-spv-1")
    for _ in range(7):
        station.queue.issue()
    window = MainWindow(station, lambda: None, QSettings(str(tmp / "w.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    window.activateWindow()
    pump(1.0)
    window.call_next()  # A-001 at the counter, then back to the queue to see the room's state
    pump(0.3)
    window.show_page(0)
    shot("1-antrean")
    window.desk.resume()
    pump(0.5)
    typed("3324015508900003")
    typed("3324010101150002")
    typed("Siti Rahmawati")
    tab()
    typed("Kendal")
    tab()
    for letters in ("i", "k", "pet"):
        typed(letters)
        tab()
    shot("2-biodata")
    window.close()
    station.close()
    app.quit()


if __name__ == "__main__":
    main()
