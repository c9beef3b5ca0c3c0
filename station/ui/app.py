"""Start the window: first start (with the recovery code) or login, then the operator's day; rebuilt in place
when the operator switches the language."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from station.camera import CameraError, FrameSource, ImageFolder, open_source
from station.domain.errors import StationError
from station.services.station import Station
from station.ui.i18n import LANGUAGES, install_language
from station.ui.style import STYLE

log = logging.getLogger(__name__)


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
                    "Pasang webcam atau pilih video/folder gambar di Stasiun > Pengaturan."
                ) from None
            return ImageFolder(folder, hold=1.5)

    return open_camera


def make_app(language: str | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("station")
    app.setOrganizationName("Disdukcapil")
    font = QFont(app.font())
    font.setPointSize(11)
    app.setFont(font)
    app.setStyleSheet(STYLE)
    install_language(app, language or os.environ.get("STATION_LANG", "id"))
    return app


def first_start(station: Station, settings: QSettings, printers=None) -> bool:
    """Station identity and the first supervisor, then the recovery code, shown once and kept."""
    from station.ui.banner import Banner
    from station.ui.login import FirstStartDialog
    from station.ui.papers import Papers
    from station.ui.printing import Printers
    from station.ui.recovery import RecoveryCodeDialog

    dialog = FirstStartDialog(station)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    code = dialog.recovery_code
    banner = Banner()  # its words go into the code dialog: never a window of its own
    banner.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)

    def print_sheet() -> str:
        title = QCoreApplication.translate("Papers", "Lembar kode pemulihan")
        papers.sheet(station.papers.recovery_sheet(code), title, "kode-pemulihan.pdf")
        return banner.text.text()

    shown = RecoveryCodeDialog(code, print_sheet)
    papers = Papers(station, printers or Printers(settings), banner, shown)  # print dialogs above the code
    shown.exec()
    return True


def run(data_dir: Path, camera: str | None = None) -> int:
    from station.ui.login import LoginDialog
    from station.ui.main_window import MainWindow

    settings = QSettings(str(Path(data_dir) / "window.ini"), QSettings.Format.IniFormat)
    language = os.environ.get("STATION_LANG") or str(settings.value("language", "id"))
    app = make_app(language if language in LANGUAGES else "id")
    try:
        station = Station(data_dir)
    except StationError as err:
        QMessageBox.critical(None, "station", str(err))
        return 3
    if not station.accounts.configured:
        if not first_start(station, settings):
            return 0  # the new supervisor is logged in: no second password prompt
    else:
        login = LoginDialog(station)
        if os.environ.get("STATION_EXIT_AT_LOGIN"):  # bench/startup.py: time to a usable login window
            login.show()
            QTimer.singleShot(0, lambda: QDialog.reject(login))
        if login.exec() != QDialog.DialogCode.Accepted:
            return 0
    # --camera wins; then the station's own setting (`camera`: an index, a video file or an image folder).
    opener = lambda: camera_opener(camera or station.settings.current.camera)()  # noqa: E731
    citizen, code = None, 0
    while True:
        window = MainWindow(station, opener, settings, citizen)
        if settings.value("window/geometry") is None:
            window.showMaximized()
        else:
            window.show()
        code = app.exec()
        if window.restart_language is None:
            break
        install_language(app, window.restart_language)
        citizen = window.flow.citizen if window.flow.citizen.ticket or window.flow.citizen.started else None
        window.deleteLater()
    station.close()
    return code
