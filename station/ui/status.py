"""The status bar: the sync state (daring / luring / belum terdaftar) and the camera state, always visible."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from station.services.station import Station
from station.ui.camera_control import CameraControl
from station.ui.sync_worker import SyncWorker

CAMERA_WORDS = {"mati", "menyiapkan", "aktif", "masalah"}


class StatusBar(QObject):
    def __init__(self, bar: QStatusBar, station: Station, camera: CameraControl) -> None:
        super().__init__(bar)
        self.bar, self.station = bar, station
        self.sync_label, self.camera_label = QLabel(), QLabel()
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.camera_label)
        self.sync_label.setText(self.tr("Sinkronisasi: memulai"))
        self._camera("mati")
        camera.state.connect(self._camera)
        camera.problem.connect(lambda message: bar.showMessage(message, 8000))
        self.sync = SyncWorker(station.worker)
        self.sync.report.connect(self._on_sync)
        self.sync.unavailable.connect(self._sync_unavailable)

    def start_sync(self) -> None:
        self.sync.start()

    def stop_sync(self) -> None:
        self.sync.stop()

    def registered(self) -> None:
        """Just registered from the window: the loop (stopped at "belum terdaftar") starts again."""
        self.sync_label.setText(self.tr("Sinkronisasi: terdaftar, menghubungi ..."))
        self.sync_label.setToolTip("")
        self.sync.start()

    def _camera(self, state: str) -> None:
        words = {
            "mati": self.tr("Kamera: mati"),
            "menyiapkan": self.tr("Kamera: menyiapkan"),
            "aktif": self.tr("Kamera: aktif"),
            "masalah": self.tr("Kamera: masalah"),
        }
        self.camera_label.setText(words.get(state, state))

    def _sync_unavailable(self, message: str) -> None:
        self.sync_label.setText(self.tr("Sinkronisasi: belum terdaftar"))
        self.sync_label.setToolTip(message)

    def _on_sync(self, report) -> None:
        text = self.tr("Sinkronisasi: daring") if report.online else self.tr("Sinkronisasi: luring")
        if report.rejected:
            text += self.tr(", {0} ditolak pusat").format(report.rejected)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(report.error or "")
