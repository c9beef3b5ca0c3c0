"""The Qt bindings must not drain Python's singletons. PySide6 6.12.0 returns None from every void call and
True from every Signal.emit without taking a reference: the window's preview (hundreds of such calls a
second) drained None in minutes, and the next close ended in "Fatal Python error: none_dealloc" (issue 14,
defect 9). This fails on such a release before an operator meets it."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QPointF, Signal  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402


class Emitter(QObject):
    said = Signal(str)


def singletons() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def test_void_calls_and_emits_keep_the_singletons_alive():
    app = QApplication.instance() or QApplication([])
    label, image, emitter = QLabel(), QImage(64, 64, QImage.Format.Format_RGB888), Emitter()
    heard = []
    emitter.said.connect(heard.append)
    before = singletons()
    for i in range(2000):
        label.setText(str(i))  # void
        emitter.said.emit("x")  # returns a bool
        p = QPainter(image)
        p.setPen(QColor("red"))
        p.drawLine(QPointF(0, 0), QPointF(10, 10))
        p.end()
    app.processEvents()
    drained = [b - a for a, b in zip(singletons(), before, strict=True)]
    assert len(heard) == 2000
    assert max(drained) < 100, f"None/True/False lost {drained} references in 2000 calls (bindings refcount bug)"
