"""The sync loop on its own thread; the status bar hears about it through signals and never waits."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from station.domain.errors import StationError

log = logging.getLogger(__name__)


class SyncWorker(QObject):
    report = Signal(object)  # sync.runner.SyncReport
    unavailable = Signal(str)
    finished = Signal()

    def __init__(self, open_station: Callable) -> None:
        super().__init__()
        self.open_station = open_station  # Station.worker: its own connections, its own thread
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            with self.open_station() as station:
                station.sync.run_forever(self._stop, self.report.emit)
        except StationError as err:
            log.warning("sync worker stopped code=%s", err.code)
            self.unavailable.emit(str(err))
        except Exception as err:  # the window must stay up; the reason is shown, not a traceback
            log.exception("sync worker failed")
            self.unavailable.emit(f"Sinkronisasi berhenti: {type(err).__name__}")
        finally:
            self.finished.emit()
