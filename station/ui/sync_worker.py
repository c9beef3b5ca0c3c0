"""The sync loop on its own thread; the status bar hears about it through signals and never waits."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot


class SyncWorker(QObject):
    report = Signal(object)  # sync.runner.SyncReport
    unavailable = Signal(str)
    finished = Signal()

    def __init__(self, open_store: Callable) -> None:
        super().__init__()
        self.open_store = open_store
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        from sync.station_sync import NotConfigured, run_forever

        try:
            with self.open_store() as store:  # its own connection pool, its own thread
                run_forever(store, self._stop, self.report.emit)
        except NotConfigured as err:
            self.unavailable.emit(str(err))
        except Exception as err:  # the window must stay up; the reason is shown, not a traceback
            self.unavailable.emit(f"Sinkronisasi berhenti: {type(err).__name__}")
        finally:
            self.finished.emit()
