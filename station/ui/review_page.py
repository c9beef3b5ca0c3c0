"""Tinjau: the ID-photo crop and the biodata, side by side; accepting commits the record at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station.domain.enrolment import Enrolment
from station.domain.values import JENIS_KELAMIN
from station.quality.live import Capture
from station.ui.camera_worker import to_qimage

SUMMARY = [
    ("nik", "NIK"),
    ("no_kk", "No. KK"),
    ("nama", "Nama"),
    ("tempat_lahir", "Tempat lahir"),
    ("tanggal_lahir", "Tanggal lahir"),
    ("jenis_kelamin", "Jenis kelamin"),
    ("alamat", "Alamat"),
    ("desa_code", "Desa/Kel."),
    ("agama", "Agama"),
    ("status_perkawinan", "Status"),
    ("pekerjaan", "Pekerjaan"),
]


def summary_text(e: Enrolment) -> str:
    lines = []
    for name, label in SUMMARY:
        v = getattr(e, name)
        if name == "tanggal_lahir" and v:
            v = f"{v:%d-%m-%Y}"
        if name == "jenis_kelamin":
            v = JENIS_KELAMIN.get(v, v)
        lines.append(f"<b>{label}</b>: {v}")
    return "<br>".join(lines)


class ReviewPage(QWidget):
    accepted = Signal()
    retake = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        self.photo = QLabel()
        self.photo.setFixedSize(300, 400)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.photo)
        right = QVBoxLayout()
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.waived = QLabel("")
        self.waived.setObjectName("warning")
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.accept_btn = QPushButton(self.tr("Terima dan simpan (Ctrl+S)"))
        self.accept_btn.setShortcut("Ctrl+S")
        self.accept_btn.setObjectName("primary")
        self.back_btn = QPushButton(self.tr("Ambil ulang foto"))
        right.addWidget(self.details, 1)
        right.addWidget(self.waived)
        right.addWidget(self.error)
        right.addWidget(self.accept_btn)
        right.addWidget(self.back_btn)
        layout.addLayout(right, 1)
        self.accept_btn.clicked.connect(self.accepted.emit)
        self.back_btn.clicked.connect(self.retake.emit)

    def show_record(self, enrolment: Enrolment, capture: Capture, waived: tuple[str, ...]) -> None:
        self.photo.setPixmap(
            QPixmap.fromImage(to_qimage(capture.crop)).scaled(
                300, 400, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.details.setText(summary_text(enrolment))
        self.waived.setText(self.tr("Dikecualikan: {0}").format(", ".join(waived)) if waived else "")
        self.error.setText("")
