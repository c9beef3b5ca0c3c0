"""The sync loop on its own thread; the status bar hears about it through signals and never waits.

The loop runs on a daemon Python thread, not a QThread: a pass can sit in an HTTP call for as long as the read
timeout, and a QThread still running when its QObject is destroyed aborts the process. Stopping sets the loop's
flag and waits briefly; a pass still in the network finishes on its own, and nothing of it outlives the process.
The signals are emitted from that thread and arrive queued on the window's thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from station.domain.errors import StationError

log = logging.getLogger(__name__)


class SyncWorker(QObject):
    report = Signal(object)  # sync.runner.SyncReport
    unavailable = Signal(str)
    finished = Signal()

    def __init__(self, open_station: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.open_station = open_station  # Station.worker: its own connections, its own thread
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive() and not self._stop.is_set():
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, args=(self._stop,), name="sync", daemon=True)
        self._thread.start()

    def stop(self, wait_s: float = 3.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait_s)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run(self, stop: threading.Event) -> None:
        try:
            with self.open_station() as station:
                station.sync.run_forever(stop, self.report.emit)
        except StationError as err:
            log.warning("sync worker stopped code=%s", err.code)
            self.unavailable.emit(str(err))
        except Exception as err:  # the window must stay up; the reason is shown, not a traceback
            log.exception("sync worker failed")
            self.unavailable.emit(f"Sinkronisasi berhenti: {type(err).__name__}")
        finally:
            self.finished.emit()
