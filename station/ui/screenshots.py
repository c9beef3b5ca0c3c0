"""Screenshots of each main screen from the real app, for the README. Run under Xvfb:

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python -m station.ui.screenshots

Uses a throw-away data folder, demo records from ../shared/faces/photos, and a stand-in camera that
shows the same real photos (a turned head first, then good portraits).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from station.camera import ImageFolder
from station.services.station import Station
from station.ui.app import make_app
from station.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

OUT = ROOT / "docs" / "screenshots"
FACES = ROOT.parent / "shared" / "faces"


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def shot(window: MainWindow, name: str) -> None:
    pump(0.3)
    screen = QApplication.primaryScreen()
    screen.grabWindow(0).save(str(OUT / f"{name}.png"))
    print("saved", name)


def main() -> None:
    app = make_app()
    tmp = Path(tempfile.mkdtemp())
    station = Station(tmp)
    station.accounts.first_start("ST-01", "33.24.01", "spv", "rahasia-spv-1")
    photos = tmp / "photos"
    photos.mkdir()
    for n in ("img3.jpg", "img30.jpg", "img33.jpg", "img35.jpg"):
        (photos / n).write_bytes((FACES / "photos" / n).read_bytes())
    list(station.demo.fill(12, photos))
    for _ in range(5):
        station.queue.issue()
    camera = tmp / "camera"
    camera.mkdir()
    for i, n in enumerate(("img61.jpg", "img33.jpg", "img3.jpg")):
        (camera / f"{i}.jpg").write_bytes((FACES / "photos" / n).read_bytes())
    window = MainWindow(
        station,
        lambda: ImageFolder(camera, hold=1.5),
        QSettings(str(tmp / "w.ini"), QSettings.Format.IniFormat),
    )
    window.resize(1366, 740)
    window.move(0, 0)
    window.show()
    window.queue_page.call_next()
    window.show_page(0)
    shot(window, "1-antrean")
    window.queue_page.call_next()
    page = window.biodata_page
    page.edits["nik"].setText("3324015508900003")
    page.edits["no_kk"].setText("33240101011")
    page.edits["nama"].setText("Siti Rahmawati")
    page.edits["tempat_lahir"].setText("Kendal")
    page.birth.setDate(dt.date(1990, 8, 16))
    page.combos["jenis_kelamin"].setCurrentIndex(page.combos["jenis_kelamin"].findData("P"))
    shot(window, "2-biodata")
    page.edits["no_kk"].setText("3324010101150002")
    page.birth.setDate(dt.date(1990, 8, 15))
    for name, value in [
        ("agama", "Islam"),
        ("status_perkawinan", "Kawin"),
        ("pekerjaan", "Petani/Pekebun"),
        ("pendidikan", "SLTA/Sederajat"),
        ("hubungan_keluarga", "Istri"),
    ]:
        page.combos[name].setCurrentIndex(page.combos[name].findData(value))
    page.edits["alamat"].setText("Jl. Pemuda No. 3")
    page.edits["rt"].setText("003")
    page.edits["rw"].setText("001")
    page.region[3].setCurrentIndex(page.region[3].findData("33.24.01.2001"))
    page.proceed_to_photo()
    pump(1.2)  # the turned head at the start of the stand-in video
    shot(window, "3-foto")
    end = time.monotonic() + 30
    while window.stack.currentWidget() is not window.review_page and time.monotonic() < end:
        pump(0.1)
    shot(window, "4-tinjau")
    window.accept_record()
    window.show_page(4)
    shot(window, "5-rekaman")
    window.close()
    station.close()
    app.quit()


if __name__ == "__main__":
    main()
