"""The live preview: the frame, and over it the face outline, the crop box, the pose in words, arrows to turn
the head, a ring that fills while the citizen holds still, and what to fix."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from station.quality.geometry import FACE_OVAL
from station.quality.imagestats import crop_corners_in_frame
from station.quality.live import LiveState
from station.quality.verdict import Verdict


class Preview(QWidget):
    """Paints the frame and, on top, the face outline, the crop box, pose and a steady-progress ring."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumSize(480, 360)
        self.image: QImage | None = None
        self.verdict: Verdict | None = None
        self.state: LiveState | None = None
        self.message = ""
        self.idle_text = ""  # what the empty preview says (no citizen yet, or the camera starting)

    def show_frame(self, image: QImage, verdict: Verdict, state: LiveState) -> None:
        self.image, self.verdict, self.state, self.message = image, verdict, state, ""
        self.update()

    def clear(self, idle_text: str = "") -> None:
        self.image, self.verdict, self.state, self.message, self.idle_text = None, None, None, "", idle_text
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
            p.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message or self.idle_text or self.tr("Menyiapkan kamera ..."),
            )
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
            pose = self.tr("menoleh {0:+.0f}°   menunduk {1:+.0f}°   miring {2:+.0f}°").format(g.yaw, g.pitch, g.roll)
            p.drawText(QPointF(ox + 8, oy + 20), pose)
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
