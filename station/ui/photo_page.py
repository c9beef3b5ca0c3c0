"""Foto: the live preview with the gate's verdict, auto-capture, retake (F5), supervised exceptions. The camera
runs only while this step is shown for a citizen whose biodata is complete."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from station.quality.live import Capture
from station.services.station import Station
from station.ui.camera_control import CameraControl
from station.ui.citizen import Citizen
from station.ui.preview import Preview
from station.ui.steps import StepPage
from station.ui.waiver_dialog import WaiverDialog
from station.ui.words import check_names


class PhotoPage(StepPage):
    key = "foto"

    def __init__(self, station: Station, camera: CameraControl) -> None:
        super().__init__()
        self.station, self.camera = station, camera
        self.citizen = Citizen()
        self.last_verdict = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("title")
        layout.addWidget(self.heading)
        self.preview = Preview()
        layout.addWidget(self.preview, 1)
        row = QHBoxLayout()
        self.hint = QLabel(self.tr("Foto diambil otomatis saat semua syarat terpenuhi dan warga diam sejenak."))
        self.hint.setWordWrap(True)
        self.waived = QLabel("")
        self.waived.setObjectName("warning")
        self.back_btn = QPushButton(self.tr("Kembali ke biodata"))
        self.retake_btn = QPushButton(self.tr("Ulangi (F5)"))
        self.exception_btn = QPushButton(self.tr("Pengecualian ..."))
        row.addWidget(self.hint, 1)
        row.addWidget(self.waived)
        row.addWidget(self.back_btn)
        row.addWidget(self.exception_btn)
        row.addWidget(self.retake_btn)
        layout.addLayout(row)
        QShortcut(QKeySequence("F5"), self, self.retake)
        self.retake_btn.clicked.connect(self.retake)
        self.back_btn.clicked.connect(self.back.emit)
        self.exception_btn.clicked.connect(self.ask_exception)
        camera.frame.connect(self._on_frame)
        camera.captured.connect(self._on_capture)
        camera.problem.connect(self._on_problem)
        self.preview.clear(self.tr("Belum ada warga. Panggil nomor antrean berikutnya (F3)."))

    def title(self) -> str:
        return self.tr("Foto")

    def ready(self, citizen: Citizen) -> bool:
        return citizen.enrolment is not None

    def enter(self, citizen: Citizen) -> None:
        self.citizen = citizen
        citizen.capture, citizen.approval = None, None
        self.heading.setText(self.tr("Foto — {0} ({1})").format(citizen.enrolment.nama, citizen.label))
        self._show_waiver()
        self.preview.clear(self.tr("Menyiapkan kamera ..."))
        born = citizen.enrolment.tanggal_lahir
        self.camera.start(citizen.waived, born.year if born else None)

    def leave(self) -> None:
        self.camera.stop()
        self.preview.clear(self.tr("Belum ada warga. Panggil nomor antrean berikutnya (F3)."))

    def _show_waiver(self) -> None:
        w = self.citizen.waiver
        self.waived.setText(self.tr("Dikecualikan: {0}").format(check_names(w.checks)) if w else "")

    def retake(self) -> None:
        if self.isVisible() and self.citizen.enrolment is not None:
            self.camera.retake(self.citizen.waived)

    def ask_exception(self) -> None:
        failing = self.last_verdict.reasons if self.last_verdict is not None else []
        dialog = WaiverDialog(self.station, [n for n in failing if n != "face_count"], self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.waiver is not None:
            self.citizen.waiver = dialog.waiver
            self._show_waiver()
            self.camera.retake(self.citizen.waived)

    def _on_frame(self, image, verdict, state) -> None:
        self.last_verdict = verdict
        if self.isVisible():
            self.preview.show_frame(image, verdict, state)

    def _on_problem(self, message: str) -> None:
        self.preview.message = message
        self.preview.update()

    def _on_capture(self, capture: Capture) -> None:
        if self.citizen.capture is not None or not self.isVisible():
            return
        self.citizen.capture = capture
        self.camera.stop()
        self.finished.emit()
