"""Foto: live preview with the gate's verdict drawn over it, auto-capture, retake, supervised exceptions."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station.domain.errors import StationError
from station.domain.waivers import REASONS, Waiver, WaiverError
from station.quality.geometry import FACE_OVAL
from station.quality.imagestats import crop_corners_in_frame
from station.quality.live import LiveState
from station.quality.verdict import Verdict
from station.services.station import Station

CHECK_WORDS = {
    "yaw": "menoleh",
    "pitch": "menunduk/mendongak",
    "roll": "kepala miring",
    "head_centred": "posisi tengah",
    "crop_margin": "kepala terpotong",
    "eyes_open": "mata terbuka",
    "eyes_visible": "mata terlihat",
    "mouth_closed": "mulut tertutup",
    "background": "latar polos",
    "background_colour": "warna latar",
}


class Preview(QWidget):
    """Paints the frame and, on top, the face outline, the crop box, pose and a steady-progress ring."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumSize(480, 360)
        self.image: QImage | None = None
        self.verdict: Verdict | None = None
        self.state: LiveState | None = None
        self.message = ""

    def show_frame(self, image: QImage, verdict: Verdict, state: LiveState) -> None:
        self.image, self.verdict, self.state = image, verdict, state
        self.update()

    @staticmethod
    def _pose_arrows(p: QPainter, v: Verdict, centre: QPointF, ied: float) -> None:
        """Arrows from the face towards where the head should turn (the opposite of the measured angle)."""
        length = max(30.0, ied * 1.2)
        p.setPen(QPen(QColor("#e74c3c"), 4))
        arrows = []
        if "yaw" in v.reasons:
            arrows.append((-1.0 if v.geometry.yaw > 0 else 1.0, 0.0))
        if "pitch" in v.reasons:
            arrows.append((0.0, -1.0 if v.geometry.pitch > 0 else 1.0))
        for dx, dy in arrows:
            tip = QPointF(centre.x() + dx * length, centre.y() + dy * length)
            p.drawLine(centre, tip)
            back = QPointF(-dx * 12, -dy * 12)
            side = QPointF(-dy * 8, dx * 8)
            p.drawLine(tip, tip + back + side)
            p.drawLine(tip, tip + back - side)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#202020"))
        if self.image is None:
            p.setPen(QColor("white"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message or self.tr("Menyiapkan kamera ..."))
            return
        s = min(self.width() / self.image.width(), self.height() / self.image.height())
        ox, oy = (self.width() - self.image.width() * s) / 2, (self.height() - self.image.height() * s) / 2
        p.drawImage(QRectF(ox, oy, self.image.width() * s, self.image.height() * s), self.image)
        v, g = self.verdict, self.verdict.geometry if self.verdict else None
        ok = v is not None and v.accepted
        colour = QColor("#2ecc71") if ok else QColor("#f39c12")
        if g is not None:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(colour, 2))
            pts = g.landmarks[list(FACE_OVAL), :2]
            p.drawPolygon(QPolygonF([QPointF(ox + x * s, oy + y * s) for x, y in pts]))
            corners = crop_corners_in_frame(g)
            p.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
            p.drawPolygon(QPolygonF([QPointF(ox + x * s, oy + y * s) for x, y in corners]))
            p.setPen(QColor("white"))
            p.drawText(QPointF(ox + 8, oy + 20), f"yaw {g.yaw:+.0f}°  pitch {g.pitch:+.0f}°  roll {g.roll:+.0f}°")
            self._pose_arrows(p, v, QPointF(ox + g.eyes_centre[0] * s, oy + g.eyes_centre[1] * s), g.eye_distance * s)
        if self.state is not None:
            r = QRectF(self.width() - 70, 10, 56, 56)
            p.setPen(QPen(QColor("#555"), 6))
            p.drawEllipse(r)
            p.setPen(QPen(colour, 6))
            p.drawArc(r, 90 * 16, int(-360 * 16 * self.state.progress))
        if v is not None and v.messages:
            p.fillRect(
                QRectF(0, self.height() - 26 * min(3, len(v.messages)) - 10, self.width(), 200), QColor(0, 0, 0, 170)
            )
            p.setPen(QColor("white"))
            for i, m in enumerate(v.messages[:3]):
                p.drawText(QPointF(12, self.height() - 26 * (min(3, len(v.messages)) - i) + 8), m)


class WaiverDialog(QDialog):
    """Operator marks the exception; a supervisor confirms with their password."""

    def __init__(self, station: Station, failing: list[str]) -> None:
        super().__init__()
        self.station = station
        self.setWindowTitle(self.tr("Pengecualian foto"))
        form = QFormLayout(self)
        self.reason = QComboBox()
        for key, (label, _) in REASONS.items():
            self.reason.addItem(label, key)
        form.addRow(self.tr("Alasan"), self.reason)
        self.checks: dict[str, QCheckBox] = {}
        for name in failing:
            box = QCheckBox(CHECK_WORDS.get(name, name))
            box.setChecked(True)
            self.checks[name] = box
            form.addRow("", box)
        self.note = QLineEdit()
        form.addRow(self.tr("Keterangan"), self.note)
        self.spv = QLineEdit()
        self.spv_pw = QLineEdit()
        self.spv_pw.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Supervisor"), self.spv)
        form.addRow(self.tr("Kata sandi supervisor"), self.spv_pw)
        self.error = QLabel("")
        self.error.setObjectName("error")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.waiver: Waiver | None = None

    def submit(self) -> None:
        try:
            supervisor = self.station.accounts.confirm_supervisor(self.spv.text(), self.spv_pw.text())
        except StationError as err:
            self.error.setText(str(err))
            return
        waiver = Waiver(
            self.reason.currentData(),
            tuple(n for n, b in self.checks.items() if b.isChecked()),
            self.note.text(),
            self.station.operator.name if self.station.operator else "?",
            supervisor,
        )
        try:
            waiver.validate()
        except WaiverError as err:
            self.error.setText(str(err))
            return
        self.waiver = waiver
        self.accept()


class PhotoPage(QWidget):
    retake_requested = Signal(frozenset)  # waived check names
    exception_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.preview = Preview()
        layout.addWidget(self.preview, 1)
        row = QHBoxLayout()
        self.hint = QLabel(self.tr("Foto diambil otomatis saat semua syarat terpenuhi dan warga diam sejenak."))
        self.hint.setWordWrap(True)
        self.retake_btn = QPushButton(self.tr("Ulangi (F5)"))
        self.retake_btn.setShortcut("F5")
        self.exception_btn = QPushButton(self.tr("Pengecualian ..."))
        row.addWidget(self.hint, 1)
        row.addWidget(self.exception_btn)
        row.addWidget(self.retake_btn)
        layout.addLayout(row)
        self.retake_btn.clicked.connect(lambda: self.retake_requested.emit(frozenset()))
        self.exception_btn.clicked.connect(self.exception_requested.emit)
