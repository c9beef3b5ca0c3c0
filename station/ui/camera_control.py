"""The camera's thread and worker, owned in one place for their whole life.

A worker is never let go while its thread runs: stopping asks the worker to stop and keeps both objects (and
the Python references to them) until the thread's `finished` signal arrives; closing the window waits for
every thread it started, however long the face models take to load. The window only sees the signals here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from station.camera import FrameSource
from station.quality import GateConfig
from station.ui.camera_worker import CameraWorker

log = logging.getLogger(__name__)


class CameraControl(QObject):
    frame = Signal(QImage, object, object)  # preview, Verdict, LiveState
    captured = Signal(object)  # quality.live.Capture
    problem = Signal(str)
    state = Signal(str)  # "mati", "menyiapkan", "aktif", "masalah"

    def __init__(self, open_source: Callable[[], FrameSource], config: GateConfig, parent: QObject) -> None:
        super().__init__(parent)
        self._open_source, self._config = open_source, config
        self._worker: CameraWorker | None = None
        self._thread: QThread | None = None
        self._retiring: dict[QThread, CameraWorker] = {}  # stopped, not finished yet: kept alive

    @property
    def running(self) -> bool:
        return self._worker is not None

    def start(self, waived: frozenset[str] = frozenset(), birth_year: int | None = None) -> None:
        """`birth_year`: the backdrop colour follows it where the office requires so."""
        self.stop()
        thread = QThread(self)
        worker = CameraWorker(self._open_source, self._config, birth_year)
        worker.retake(waived)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.frame_ready.connect(self._on_frame)
        worker.captured.connect(self._on_captured)
        worker.problem.connect(self._on_problem)
        worker.ready.connect(self._on_ready)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._worker, self._thread = worker, thread
        self.state.emit("menyiapkan")
        thread.start()

    def retake(self, waived: frozenset[str] = frozenset()) -> None:
        if self._worker is not None:
            self._worker.retake(waived)

    def stop(self) -> None:
        """Ask the running worker to stop; it and its thread stay referenced until the thread has finished."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        worker.stop()
        self._retiring[self._thread] = worker
        self._thread = None
        self.state.emit("mati")

    def shutdown(self) -> None:
        """Closing: stop, then wait for every thread this object started (no timeout: a thread destroyed while
        it runs takes the process with it)."""
        self.stop()
        for thread in list(self._retiring):
            thread.quit()
            thread.wait()
        self._retiring.clear()

    # --- from the worker's thread (queued into this one) -------------------------------------
    @Slot(QImage, object, object)
    def _on_frame(self, image, verdict, live_state) -> None:
        worker = self._worker
        if worker is None or self.sender() is not worker:
            return  # a frame from a worker already stopped
        self.frame.emit(image, verdict, live_state)
        worker.painted()

    @Slot(object)
    def _on_captured(self, capture) -> None:
        if self._worker is not None and self.sender() is self._worker:
            self.captured.emit(capture)

    @Slot(str)
    def _on_problem(self, message: str) -> None:
        if self.sender() is self._worker:
            self.state.emit("masalah")
            self.problem.emit(message)

    @Slot()
    def _on_ready(self) -> None:
        if self.sender() is self._worker:
            self.state.emit("aktif")

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        self._retiring.pop(thread, None)
        if thread is self._thread:  # the camera stopped by itself (unplugged, end of file)
            self._worker, self._thread = None, None
            self.state.emit("mati")
        if isinstance(thread, QThread):
            thread.deleteLater()
