"""Tanda tangan: the citizen signs on a signature pad or pen tablet that acts as a pointer (Qt tablet events
give the pressure), or with the mouse. Every point is kept with its time and pressure; "Ulangi" clears and the
citizen signs again; "Simpan" hands the strokes on (the service renders them at print size)."""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTabletEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from station.domain.biometrics import Signature, SignaturePoint

CANVAS_W, CANVAS_H = 640, 240  # 40 x 15 mm at print size, 16 px a mm on screen


class SignatureCanvas(QWidget):
    """Where the pen writes. Strokes are lists of SignaturePoint in canvas pixels, t_ms from the first point."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setFixedSize(CANVAS_W, CANVAS_H)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking, True)
        self.setMouseTracking(True)  # moves arrive while drawing whatever the platform says of the buttons
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[SignaturePoint]] = []
        self.device = "mouse"
        self._t0: float | None = None
        self._drawing = False

    def clear(self) -> None:
        self.strokes, self._t0, self._drawing, self.device = [], None, False, "mouse"
        self.update()
        self.changed.emit()

    def signature(self) -> Signature:
        return Signature(tuple(tuple(s) for s in self.strokes if s), CANVAS_W, CANVAS_H, self.device)

    @property
    def points(self) -> int:
        return sum(len(s) for s in self.strokes)

    # --- input ------------------------------------------------------------------------------
    def _ms(self) -> int:
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        return int((now - self._t0) * 1000)

    def _point(self, pos: QPointF, pressure: float) -> SignaturePoint:
        x = min(max(pos.x(), 0.0), CANVAS_W - 1.0)
        y = min(max(pos.y(), 0.0), CANVAS_H - 1.0)
        return SignaturePoint(x, y, self._ms(), min(max(pressure, 0.0), 1.0))

    def begin_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        self._drawing = True
        self.strokes.append([self._point(pos, pressure)])
        self.update()

    def extend_stroke(self, pos: QPointF, pressure: float = 1.0) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append(self._point(pos, pressure))
            self.update()

    def end_stroke(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt's name
        self.device = "pen"
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self.begin_stroke(event.position(), event.pressure())
        elif kind == QTabletEvent.Type.TabletMove:
            self.extend_stroke(event.position(), event.pressure())
        elif kind == QTabletEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()  # no synthesised mouse events after it

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.extend_stroke(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.end_stroke()

    # --- drawing ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QPen(QColor("#bbbbbb"), 1, Qt.PenStyle.DashLine))
        p.drawLine(20, CANVAS_H - 50, CANVAS_W - 20, CANVAS_H - 50)  # the line to sign on
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self.strokes:
            for a, b in zip(stroke, stroke[1:], strict=False):
                p.setPen(QPen(QColor("black"), 1.5 + 3.0 * b.pressure, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                p.drawLine(QPointF(a.x, a.y), QPointF(b.x, b.y))
        p.end()


class SignaturePage(QWidget):
    signed = Signal(object)  # domain.biometrics.Signature

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Tanda tangan warga"))
        title.setObjectName("title")
        layout.addWidget(title)
        layout.addWidget(
            QLabel(self.tr("Minta warga menandatangani di bantalan tanda tangan (atau dengan tetikus) di atas garis."))
        )
        self.canvas = SignatureCanvas()
        layout.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignHCenter)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.clear_btn = QPushButton(self.tr("Ulangi"))
        self.save_btn = QPushButton(self.tr("Simpan tanda tangan"))
        self.save_btn.setEnabled(False)
        row.addWidget(self.clear_btn)
        row.addStretch(1)
        row.addWidget(self.save_btn)
        layout.addLayout(row)
        layout.addStretch(1)
        self.clear_btn.clicked.connect(self.clear)
        self.save_btn.clicked.connect(self.save)
        self.canvas.changed.connect(lambda: self.save_btn.setEnabled(self.canvas.points > 0))

    def clear(self) -> None:
        self.error.setText("")
        self.canvas.clear()

    def save(self) -> None:
        signature = self.canvas.signature()
        try:
            signature.validate()
        except ValueError as err:
            self.error.setText(str(err))
            return
        self.error.setText("")
        self.signed.emit(signature)
