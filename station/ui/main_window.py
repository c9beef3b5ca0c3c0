"""The operator's day in one window: Antrean -> Biodata -> Foto -> Tinjau, and Rekaman."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSettings, QThread, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from station.camera import FrameSource
from station.domain.antrean import Ticket
from station.domain.enrolment import Enrolment
from station.domain.errors import StationError
from station.domain.waivers import Waiver
from station.quality.live import Capture
from station.services.acceptance import NotAcceptable
from station.services.station import Station
from station.ui.biodata_page import BiodataPage
from station.ui.camera_worker import CameraWorker
from station.ui.papers import open_paper, receipt_file
from station.ui.photo_page import PhotoPage, WaiverDialog
from station.ui.power import watch_power
from station.ui.queue_page import QueuePage
from station.ui.records_page import RecordsPage
from station.ui.review_page import ReviewPage
from station.ui.sync_worker import SyncWorker

log = logging.getLogger(__name__)

PAGES = [
    QT_TRANSLATE_NOOP("MainWindow", "Antrean"),
    QT_TRANSLATE_NOOP("MainWindow", "Biodata"),
    QT_TRANSLATE_NOOP("MainWindow", "Foto"),
    QT_TRANSLATE_NOOP("MainWindow", "Tinjau"),
    QT_TRANSLATE_NOOP("MainWindow", "Rekaman"),
]


class MainWindow(QMainWindow):
    def __init__(self, station: Station, open_camera: Callable[[], FrameSource], settings: QSettings) -> None:
        super().__init__()
        self.station, self.open_camera, self.settings = station, open_camera, settings
        self.setWindowTitle(self.tr("Perekaman e-KTP — stasiun {0}").format(station.settings.current.station_id))
        self.ticket: Ticket | None = None
        self.enrolment: Enrolment | None = None
        self.capture: Capture | None = None
        self.waiver: Waiver | None = None
        self.last_verdict = None
        self._thread: QThread | None = None
        self._worker: CameraWorker | None = None

        self.nav = QListWidget()
        self.nav.addItems([self.tr(p) for p in PAGES])
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.queue_page = QueuePage(station)
        self.biodata_page = BiodataPage(station)
        self.photo_page = PhotoPage()
        self.review_page = ReviewPage()
        self.records_page = RecordsPage(station)
        for page in (self.queue_page, self.biodata_page, self.photo_page, self.review_page, self.records_page):
            self.stack.addWidget(page)
        body = QWidget()
        row = QHBoxLayout(body)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.operator_label, self.sync_label = QLabel(), QLabel()
        self.waiting_label, self.camera_label = QLabel(), QLabel(self.tr("Kamera: mati"))
        for w in (self.operator_label, self.sync_label, self.waiting_label, self.camera_label):
            self.statusBar().addPermanentWidget(w)
        self.operator_label.setText(self.tr("Operator: {0}").format(station.operator.name))
        self.sync_label.setText(self.tr("Sinkronisasi: memulai"))
        self._start_sync()

        self.nav.currentRowChanged.connect(self._nav_changed)
        self.queue_page.serve.connect(self.start_citizen)
        self.biodata_page.proceed.connect(self.to_photo)
        self.photo_page.retake_requested.connect(self.retake)
        self.photo_page.exception_requested.connect(self.ask_exception)
        self.review_page.accepted.connect(self.accept_record)
        self.review_page.retake.connect(lambda: self.retake(self._waived()))
        settings_action = QAction(self.tr("Pengaturan ..."), self)
        settings_action.setShortcut("Ctrl+,")
        settings_action.triggered.connect(self.open_settings)
        review_action = QAction(self.tr("Tinjauan supervisor ..."), self)
        review_action.triggered.connect(self.open_review)
        menu = self.menuBar().addMenu(self.tr("Stasiun"))
        menu.addAction(settings_action)
        menu.addAction(review_action)
        self._refresh_counts()
        self._timer = QTimer(self, interval=5000, timeout=self._refresh_counts)
        self._timer.start()
        # Idle lock: no key press or click for idle_minutes -> the data key leaves memory, login again.
        self._idle = QTimer(self, singleShot=True, interval=self._idle_ms(), timeout=self.lock)
        self._idle.start()
        QApplication.instance().installEventFilter(self)
        # Lid closed / session locked: lock at once (QTimer: never inside the OS's own callback).
        self._power = watch_power(QApplication.instance(), lambda: QTimer.singleShot(0, self.lock_if_open))
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        self.show_page(0)

    def open_review(self) -> None:
        from station.ui.review_dialog import ReviewDialog

        ReviewDialog(self.station).exec()
        self._refresh_counts()

    def open_settings(self) -> None:
        from station.ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.station).exec():
            self._idle.setInterval(self._idle_ms())
            self.queue_page.refresh()

    # --- idle lock ----------------------------------------------------------------------------
    def _idle_ms(self) -> int:
        return self.station.settings.current.idle_lock_minutes * 60_000

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove):
            self._idle.start()
        return False

    def lock_if_open(self) -> None:
        if self.station.operator is not None:
            self.lock()

    def lock(self) -> None:
        from station.ui.login import LoginDialog

        self.stop_camera()
        self._stop_sync()
        self.station.accounts.lock()
        self.operator_label.setText(self.tr("Operator: (terkunci)"))
        dialog = LoginDialog(self.station)
        dialog.setWindowTitle(self.tr("Terkunci — masuk lagi"))
        if dialog.exec():
            self.operator_label.setText(self.tr("Operator: {0}").format(self.station.operator.name))
            self._idle.start()
            self._start_sync()
        else:
            self.close()

    # --- sync ----------------------------------------------------------------------------------
    def _start_sync(self) -> None:
        self._sync_thread = QThread(self)
        self._sync = SyncWorker(self.station.worker)
        self._sync.moveToThread(self._sync_thread)
        self._sync_thread.started.connect(self._sync.run)
        self._sync.report.connect(self._on_sync)
        self._sync.unavailable.connect(self._sync_unavailable)
        self._sync.finished.connect(self._sync_thread.quit)
        self._sync_thread.start()

    def _stop_sync(self) -> None:
        self._sync.stop()
        self._sync_thread.quit()
        self._sync_thread.wait(3000)

    def _sync_unavailable(self, message: str) -> None:
        self.sync_label.setText(self.tr("Sinkronisasi: belum terdaftar"))
        self.sync_label.setToolTip(message)

    def _on_sync(self, report) -> None:
        text = self.tr("Sinkronisasi: daring") if report.online else self.tr("Sinkronisasi: luring")
        if report.rejected:
            text += self.tr(", {0} ditolak pusat").format(report.rejected)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(report.error or "")
        self._refresh_counts()

    # --- navigation ---------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)
        self._nav_changed(index)

    def _nav_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        if index == 2 and self.enrolment is not None:
            self.start_camera(self._waived())
        elif index != 2:
            self.stop_camera()
        if index == 4:
            self.records_page.refresh()

    def _waived(self) -> frozenset[str]:
        return frozenset(self.waiver.checks) if self.waiver else frozenset()

    def _refresh_counts(self) -> None:
        try:
            waiting = self.station.records.waiting_to_sync()
        except StationError as err:
            log.warning("count failed code=%s", err.code)
            return
        self.waiting_label.setText(self.tr("Menunggu kirim: {0}").format(waiting))

    # --- the citizen's journey ----------------------------------------------------------------
    def start_citizen(self, ticket: Ticket) -> None:
        self.ticket, self.enrolment, self.capture, self.waiver = ticket, None, None, None
        self.biodata_page.clear()
        self.show_page(1)
        self.biodata_page.focus_first()

    def to_photo(self, enrolment: Enrolment) -> None:
        self.enrolment = enrolment
        self.show_page(2)

    def start_camera(self, waived: frozenset[str]) -> None:
        self.stop_camera()
        self.camera_label.setText(self.tr("Kamera: menyiapkan"))
        self._thread = QThread(self)
        self._worker = CameraWorker(self.open_camera, self.station.gate_config)
        self._worker.retake(waived)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.frame_ready.connect(self._on_frame)
        self._worker.captured.connect(self._on_capture)
        self._worker.problem.connect(self._on_camera_problem)
        self._worker.ready.connect(lambda: self.camera_label.setText(self.tr("Kamera: aktif")))
        self._worker.finished.connect(self._thread.quit)
        self._thread.start()

    def stop_camera(self) -> None:
        if self._worker is not None:
            self._worker.stop()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
        self._worker, self._thread = None, None
        self.camera_label.setText(self.tr("Kamera: mati"))

    def _on_frame(self, image, verdict, state) -> None:
        self.last_verdict = verdict
        self.photo_page.preview.show_frame(image, verdict, state)
        if self._worker is not None:
            self._worker.painted()

    def _on_camera_problem(self, message: str) -> None:
        self.camera_label.setText(self.tr("Kamera: masalah"))
        self.photo_page.preview.message = message
        self.photo_page.preview.update()
        self.statusBar().showMessage(message, 8000)

    def _on_capture(self, capture: Capture) -> None:
        if self.capture is not None or self.stack.currentIndex() != 2:
            return
        self.capture = capture
        self.stop_camera()
        self.review_page.show_record(self.enrolment, capture, tuple(self.waiver.checks) if self.waiver else ())
        self.show_page(3)

    def retake(self, waived: frozenset[str] = frozenset()) -> None:
        self.capture = None
        self.show_page(2)
        if self._worker is not None:
            self._worker.retake(waived)

    def ask_exception(self) -> None:
        failing = self.last_verdict.reasons if self.last_verdict is not None else []
        dlg = WaiverDialog(self.station, [n for n in failing if n != "face_count"])
        if dlg.exec() and dlg.waiver is not None:
            self.waiver = dlg.waiver
            self.retake(frozenset(dlg.waiver.checks))

    def accept_record(self) -> None:
        if self.enrolment is None or self.capture is None:
            return
        try:
            done = self.station.records.accept(
                self.enrolment, self.capture, self.waiver, self.biodata_page.record_uuid, self.ticket
            )
        except NotAcceptable as err:
            self.review_page.error.setText("\n".join(p.message for p in err.problems))
            return
        except StationError as err:
            log.warning("accept failed code=%s", err.code)
            self.review_page.error.setText(str(err))
            return
        try:
            open_paper(receipt_file(self.station, done.uuid, self.station.settings.current.thermal))
        except (StationError, OSError) as err:  # the record is safe; only the paper failed
            self.statusBar().showMessage(self.tr("Bukti belum tercetak: {0}").format(err), 10000)
        label = self.ticket.label if self.ticket else ""
        self.statusBar().showMessage(self.tr("Tersimpan: {0} ({1})").format(label, done.uuid[:8]), 10000)
        self.ticket, self.enrolment, self.capture, self.waiver = None, None, None, None
        self.biodata_page.clear()
        self.queue_page.refresh()
        self._refresh_counts()
        self.show_page(0)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        QApplication.instance().removeEventFilter(self)
        self._idle.stop()
        self.stop_camera()
        self._stop_sync()
        if self.biodata_page.record_uuid or any(e.text() for e in self.biodata_page.edits.values()):
            with contextlib.suppress(StationError):  # the window closes; the message would not be seen
                self.biodata_page.save_draft()
        self.settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
