"""Start the window: first start or login, then the operator's day."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from station.camera import CameraError, FrameSource, ImageFolder, open_source
from station.domain.errors import StationError
from station.resources import resource
from station.services.station import Station

STYLE = """
QLabel#error { color: #c0392b; }
QLabel#warning { color: #b9770e; }
QLabel#big { font-size: 20pt; font-weight: bold; }
QPushButton { padding: 6px 14px; }
QPushButton#primary { background: #1e8449; color: white; font-weight: bold; }
"""


def stand_in_folder() -> Path | None:
    """Real photos beside a development checkout (never shipped): ../shared/faces/photos."""
    here = Path(__file__).resolve().parents[3] / "shared" / "faces" / "photos"
    return here if here.is_dir() else None


def camera_opener(spec: str | None) -> Callable[[], FrameSource]:
    def open_camera() -> FrameSource:
        if spec is not None:
            return open_source(spec)
        try:
            return open_source(0)
        except CameraError:
            folder = stand_in_folder()
            if folder is None:
                raise CameraError(
                    "Webcam tidak ditemukan dan tidak ada kamera pengganti. "
                    "Pasang webcam atau jalankan dengan --camera VIDEO/FOLDER."
                ) from None
            return ImageFolder(folder, hold=1.5)

    return open_camera


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("station")
    app.setOrganizationName("Disdukcapil")
    font = QFont(app.font())
    font.setPointSize(11)
    app.setFont(font)
    app.setStyleSheet(STYLE)
    install_language(app, os.environ.get("STATION_LANG", "id"))
    return app


def install_language(app: QApplication, language: str) -> bool:
    """Indonesian is the interface's own language; English comes from resources/translations."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
    if language == "id":
        return True
    translator = QTranslator(app)
    if not translator.load(str(resource(f"translations/station_{language}.qm"))):
        return False
    return app.installTranslator(translator)


def run(data_dir: Path, camera: str | None = None) -> int:
    app = make_app()
    from station.ui.login import FirstStartDialog, LoginDialog
    from station.ui.main_window import MainWindow

    try:
        station = Station(data_dir)
    except StationError as err:
        QMessageBox.critical(None, "station", str(err))
        return 3
    if not station.accounts.configured:
        if FirstStartDialog(station).exec() != QDialog.DialogCode.Accepted:
            return 0  # the new supervisor is logged in: no second password prompt
    else:
        login = LoginDialog(station)
        if os.environ.get("STATION_EXIT_AT_LOGIN"):  # bench/startup.py: time to a usable login window
            login.show()
            QTimer.singleShot(0, login.reject)
        if login.exec() != QDialog.DialogCode.Accepted:
            return 0
    settings = QSettings(str(Path(data_dir) / "window.ini"), QSettings.Format.IniFormat)
    # --camera wins; then the station's own setting (`camera`: an index, a video file or an image folder).
    window = MainWindow(station, lambda: camera_opener(camera or station.settings.current.camera)(), settings)
    window.show()
    code = app.exec()
    station.close()
    return code
