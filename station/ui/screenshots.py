"""Screenshots of the real window for the README, under Xvfb with a window manager (the title bar and the focus
are the ones an operator sees):

    xvfb-run -s "-screen 0 1366x768x24" sh -c 'openbox & sleep 1; .venv/bin/python -m station.ui.screenshots'

A throw-away data folder; tickets issued through the queue service; one citizen driven through the real flow as
at the counter: the biodata typed key by key (QTest), the photo taken by the live gate over the stand-in camera
(real photographs from ../shared/faces/photos: a turned head, then img62.jpg held still), the citizen's approval,
a signature drawn with mouse moves, ten prints and both irises from the SBI device simulator (started here as
`python -m devices.simulator --port 4501` and stopped at the end), Tinjau, accepted, Rekaman. Receipts go to a
PDF file in the data folder. Saves docs/screenshots/1-antrean.png ... 8-rekaman.png; then every dialog and the
waiting-room display, opened as an operator opens them (station.ui.screenshot_dialogs): 9-mulai-pertama.png ...
31-english.png. A tool, not a test.
"""

from __future__ import annotations

import math
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from station.camera import ImageFolder
from station.devices.trust import trusted_folder
from station.services.station import Station
from station.ui import screenshot_dialogs as dialogs
from station.ui.app import make_app, stand_in_folder
from station.ui.main_window import MainWindow
from station.ui.printing import Printers
from station.ui.shots import click, grab, key, pump, shot, tab, typed, wait_until
from station.ui.widgets import SETTLE_S

ROOT = Path(__file__).resolve().parents[2]
SIM_PORT = 4501
W, H = 640, 480  # the stand-in camera's frame


class PdfPrinters(Printers):
    """No print dialog in a screenshot run: every paper goes to a PDF in the throw-away folder (but for the one
    shot of Qt's print dialog: `real_dialog`)."""

    def __init__(self, settings: QSettings, folder: Path) -> None:
        super().__init__(settings)
        self.folder, self.jobs, self.real_dialog = folder, 0, False

    def printer_for(self, role, title, parent, ask=False):
        if self.real_dialog:
            return super().printer_for(role, title, parent, ask=True)
        self.jobs += 1
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.folder / f"{self.jobs:03d}-{role}.pdf"))
        printer.setDocName(title)
        return printer


def camera_folder(tmp: Path) -> Path:
    """A stand-in camera from two real photographs brought to a webcam's 640x480: a head turned away (the gate
    says what to fix), then img62.jpg held still (the gate passes and takes the photo)."""
    photos = stand_in_folder()
    if photos is None:
        raise SystemExit("../shared/faces/photos not found: the stand-in camera needs the research photos")
    folder = tmp / "camera"
    folder.mkdir()
    for n, name in enumerate(("img61.jpg", "img62.jpg")):
        img = cv2.imread(str(photos / name))
        s = H / img.shape[0]
        img = cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        if img.shape[1] >= W:
            x = (img.shape[1] - W) // 2
            img = img[:, x : x + W]
        else:
            pad = W - img.shape[1]
            img = cv2.copyMakeBorder(img, 0, 0, pad // 2, pad - pad // 2, cv2.BORDER_REPLICATE)
        cv2.imwrite(str(folder / f"{n}-{name}"), img)
    return folder


def start_simulator(tmp: Path) -> subprocess.Popen:
    """The SBI simulator as its own process; the station trusts its provider CA (copied into the data folder)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "devices.simulator", "--port", str(SIM_PORT), "--keys", str(tmp / "device-keys")]
        + ["--trust-into", str(trusted_folder(tmp))],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in proc.stdout:
        print("simulator:", line.rstrip(), flush=True)
        if "siap" in line:
            return proc
    raise SystemExit(f"the device simulator did not start (exit {proc.wait()})")


def signature_points() -> list[list[tuple[int, int]]]:
    """A hand-like signature: a looping cursive stroke, then an underline."""
    loops = [(40 + 4.2 * i, 130 - 45 * math.sin(i / 5.0) * (1 - i / 160) - 12 * math.sin(i / 1.7)) for i in range(110)]
    line = [(60 + 9 * i, 195 + (i % 3)) for i in range(55)]
    return [[(round(x), round(y)) for x, y in stroke] for stroke in (loops, line)]


def draw(canvas, strokes) -> None:
    for points in strokes:
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
        for x, y in points[1:]:
            QTest.mouseMove(canvas, QPoint(x, y))
            QApplication.processEvents()
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))
    pump(0.1)


def main() -> None:
    app = make_app()
    tmp = Path(tempfile.mkdtemp())
    sim = start_simulator(tmp)
    try:
        run(tmp)
    finally:
        sim.terminate()
        sim.wait(10)
    app.quit()


def run(tmp: Path) -> None:
    station = Station(tmp)
    settings = QSettings(str(tmp / "w.ini"), QSettings.Format.IniFormat)
    printers = PdfPrinters(settings, tmp)
    recovery_code = dialogs.first_start(station, settings, printers, tmp)
    dialogs.login(station)
    for _ in range(7):
        station.queue.issue()
    folder = camera_folder(tmp)

    def open_window() -> MainWindow:
        w = MainWindow(station, lambda: ImageFolder(folder, hold=2.0), settings, printers=printers)
        w.resize(1366, 740)
        w.move(0, 0)
        w.show()
        return w

    window = open_window()
    window.biometrics_step.page.ports = [SIM_PORT]
    window.activateWindow()
    pump(1.0)
    window.call_next()  # A-001 at the counter, then back to the queue to see the room's state
    pump(0.3)
    window.show_page(0)
    shot("1-antrean")
    window.desk.resume()
    pump(0.5)
    typed("3324011508900003")  # a man born 15-08-1990 in Plantungan (Kendal)
    typed("3324010101150002")
    typed("Budi Santoso")
    tab()
    typed("Kendal")
    tab()
    for letters in ("i", "k", "pet"):
        typed(letters)
        tab()
    shot("2-biodata")

    # the rest of the form, then to the photo
    for letters in ("slta", "kep"):  # pendidikan, hubungan keluarga
        typed(letters)
        tab()
    for text in ("Jl. Pemuda No. 3", "3", "1", "blum"):
        typed(text)
        tab()
    key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    photo = window.photo_page
    wait_until(lambda: window.stack.currentWidget() is photo, 5, "the photo step")
    dialogs.photo_exception(window)  # while the head is still turned

    # 3-foto: the live verdict once the held-still face is passing and the ring is filling
    taken: list[bool] = []

    def on_frame(_image, verdict, state) -> None:
        if not taken and verdict is not None and verdict.accepted and 0.3 <= state.progress <= 0.8:
            taken.append(True)
            window.repaint()  # painted now: the grab cannot wait for the event loop (the capture would win)
            grab("3-foto")

    window.camera.frame.connect(on_frame)
    approval = window.approval_page
    wait_until(lambda: window.stack.currentWidget() is approval, 120, "the gate to take the photo")
    window.camera.frame.disconnect(on_frame)
    if not taken:
        print("WARNING: no frame caught while the ring was filling; 3-foto not saved", flush=True)

    # 4-persetujuan: one screen, so the photo fills it, facing the citizen
    wait_until(lambda: approval.view.isVisible(), 5, "the citizen's view")
    shot("4-persetujuan")
    pump(SETTLE_S)  # the citizen looks at the photo before answering
    key(Qt.Key.Key_Return)  # the citizen agrees

    sign = window.signature_step
    wait_until(lambda: window.stack.currentWidget() is sign, 5, "the signature step")
    pump(0.3)
    dialogs.close_question(window)
    draw(sign.page.canvas, signature_points())
    shot("5-tanda-tangan")
    click(sign.page.save_btn)

    bio = window.biometrics_step
    page = bio.page
    wait_until(lambda: window.stack.currentWidget() is bio, 5, "the biometrics step")
    wait_until(lambda: page.session is not None, 60, "the devices to be found")
    wait_until(lambda: not page.busy, 60, "the devices to be ready")
    dialogs.biometric_exception(page)
    for _ in range(12):
        if page.session.next_step() is None:
            break
        click(page.capture_btn)
        wait_until(lambda: not page.busy, 120, "a capture")
    wait_until(lambda: page.done_btn.isEnabled(), 10, "all captures done")
    shot("6-biometrik")
    click(page.done_btn)

    review = window.review_page
    wait_until(lambda: window.stack.currentWidget() is review, 5, "Tinjau")
    shot("7-tinjau")
    pump(SETTLE_S)
    click(review.accept_btn)
    wait_until(lambda: window.stack.currentWidget() is window.queue_page, 20, "the record to be accepted")
    pump(0.5)
    window.find_records()
    shot("8-rekaman")
    dialogs.after_flow(window, station, recovery_code, printers, stand_in_folder() / "img33.jpg", tmp)
    dialogs.english(window, open_window)
    station.close()


if __name__ == "__main__":
    main()
