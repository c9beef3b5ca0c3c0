"""Camera + gate off the UI thread. The preview never freezes: a frame the window has not painted yet
is never queued behind another; the newer one replaces it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import cv2
import numpy as np
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from station.camera import CameraError, FrameSource
from station.quality import GateConfig, PhotoGate
from station.quality.gate import BadFrame
from station.quality.live import LiveCapture

log = logging.getLogger(__name__)


def to_qimage(bgr: np.ndarray) -> QImage:
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class CameraWorker(QObject):
    frame_ready = Signal(QImage, object, object)  # preview, Verdict, LiveState
    captured = Signal(object)  # quality.live.Capture
    problem = Signal(str)  # Indonesian, for the status bar
    ready = Signal()  # models loaded, first frame judged
    finished = Signal()

    def __init__(
        self, open_source: Callable[[], FrameSource], config: GateConfig, birth_year: int | None = None
    ) -> None:
        super().__init__()
        self._open_source, self._config = open_source, config
        self._birth_year = birth_year  # the backdrop colour follows it when the office requires so
        self._stop = threading.Event()
        self._reset = threading.Event()
        self._painting = threading.Event()  # set while the window has a frame it has not painted
        self._waived: frozenset[str] = frozenset()

    def stop(self) -> None:  # thread-safe: an Event, read between frames
        self._stop.set()

    def retake(self, waived: frozenset[str] = frozenset()) -> None:
        self._waived = waived
        self._reset.set()

    def painted(self) -> None:
        self._painting.clear()

    def _judge(self, gate: PhotoGate, frame: np.ndarray, complete: bool = False):
        return gate.judge(frame, self._birth_year, complete).with_waivers(self._waived)

    @Slot()
    def run(self) -> None:
        try:
            source = self._open_source()
        except CameraError as err:
            log.warning("camera did not open code=%s", err.code)
            self.problem.emit(str(err))
            self.finished.emit()
            return
        first = True
        try:
            with PhotoGate(self._config, live=True) as gate:
                live = LiveCapture(self._config, confirm=lambda f: self._judge(gate, f, complete=True))
                if self._stop.is_set():  # stopped while the face models loaded
                    return
                for t, frame in source.frames():
                    if self._stop.is_set():
                        break
                    if self._reset.is_set():
                        self._reset.clear()
                        live.reset()
                    try:
                        verdict = self._judge(gate, frame)
                    except BadFrame as err:
                        log.info("frame dropped code=%s", err.code)
                        self.problem.emit(str(err))  # a corrupt frame is dropped, the next one judged
                        continue
                    state = live.update(frame, verdict, t)
                    if first:
                        first = False
                        self.ready.emit()
                    if state.capture is not None:
                        self.captured.emit(state.capture)
                    if not self._painting.is_set():
                        self._painting.set()
                        self.frame_ready.emit(to_qimage(frame), verdict, state)
        except CameraError as err:
            log.warning("camera stopped code=%s", err.code)
            self.problem.emit(str(err))
        finally:
            source.close()
            self.finished.emit()
