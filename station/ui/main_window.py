"""The operator's day in one window: a header, the pages (Antrean, the citizen's steps, Rekaman), the menus.
The window assembles; the desk hands citizens over, the flow walks their steps, the pages do the work."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from station.camera import FrameSource
from station.domain.errors import NotAllowed, StationError
from station.domain.permissions import Action, require
from station.services.station import Station
from station.ui.approval import ApprovalPage
from station.ui.banner import Banner
from station.ui.biodata_page import BiodataPage
from station.ui.biometric_steps import BiometricsStep, SignatureStep
from station.ui.camera_control import CameraControl
from station.ui.citizen import Citizen
from station.ui.desk import Desk
from station.ui.header import Header
from station.ui.lock import LockCover, Locker
from station.ui.menus import build_menus
from station.ui.papers import Papers
from station.ui.photo_page import PhotoPage
from station.ui.power import watch_power
from station.ui.printing import ROLL, SHEET, Printers
from station.ui.queue_page import QueuePage
from station.ui.records_page import RecordsPage
from station.ui.review_page import ReviewPage
from station.ui.status import StatusBar
from station.ui.steps import CitizenFlow, StepPage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        station: Station,
        open_camera: Callable[[], FrameSource],
        settings: QSettings,
        citizen: Citizen | None = None,
        printers: Printers | None = None,
    ) -> None:
        super().__init__()
        self.station, self.settings = station, settings
        self.restart_language: str | None = None
        self._warned = ""  # the last "finish the step before" warning, cleared when the flow moves
        self.setWindowTitle(self.tr("Perekaman KTP-el — stasiun {0}").format(station.settings.current.station_id))
        self.camera = CameraControl(open_camera, station.gate_config, self)
        self.header, self.banner = Header(station), Banner()
        self.queue_page = QueuePage(station)
        self.biodata_page = BiodataPage(station)
        self.photo_page = PhotoPage(station, self.camera)
        self.approval_page = ApprovalPage(station)
        self.review_page = ReviewPage(station)
        self.records_page = RecordsPage(station)
        # SOP 7.2.1.1: after the approved photo, the signature, then ten fingers, both irises, verification
        self.signature_step, self.biometrics_step = SignatureStep(station), BiometricsStep(station)
        self.steps: list[StepPage] = [
            self.biodata_page,
            self.photo_page,
            self.approval_page,
            self.signature_step,
            self.biometrics_step,
            self.review_page,
        ]
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        for page, title in (
            [(self.queue_page, self.tr("Antrean"))]
            + [(s, s.title()) for s in self.steps]
            + [(self.records_page, self.tr("Rekaman"))]
        ):
            self.stack.addWidget(page)
            self.nav.addItem(title)
        self.flow = CitizenFlow(self.steps, self.stack)
        self.printers = printers or Printers(settings)
        self.papers = Papers(station, self.printers, self.banner, self)
        self.desk = Desk(station, self.flow, self.papers, self.banner, self)
        self._layout()
        self.status = StatusBar(self.statusBar(), station, self.camera)
        self.locker = Locker(self, station)
        self.actions_by_name = build_menus(self)
        self._connect()
        self._timer = QTimer(self, interval=5000, timeout=self.refresh)
        self._timer.start()
        self._power = watch_power(QApplication.instance(), lambda: QTimer.singleShot(0, self.locker.lock_if_open))
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 740)
        self.display = None
        self.desk.restore()
        if citizen is not None:
            self.desk.start(citizen)
        else:
            self.show_page(0)
        self.status.start_sync()

    def _layout(self) -> None:
        self.cover = LockCover()
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 8, 4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        column.addLayout(row, 1)
        self.banner.float_over(self.stack)
        self.stack.currentChanged.connect(self.banner.moved_on)
        self.outer = QStackedWidget()
        self.outer.addWidget(body)
        self.outer.addWidget(self.cover)
        self.setCentralWidget(self.outer)

    def _connect(self) -> None:
        self.nav.currentRowChanged.connect(self._nav_clicked)
        # a refused click: the mouse release selects the clicked row again, so the page shown is re-selected after it
        self.nav.clicked.connect(lambda _i: self._select_nav(self.stack.currentIndex()))
        self.flow.moved.connect(self._flow_moved)
        q = self.queue_page
        q.call_requested.connect(self.desk.call_next)
        q.recall_requested.connect(self.desk.recall)
        q.resume_requested.connect(self.desk.resume)
        q.set_aside_requested.connect(self.desk.set_aside)
        q.issued.connect(self.papers.ticket)
        q.display_requested.connect(self.open_display)
        q.changed.connect(self.refresh)
        self.biodata_page.resume_draft.connect(self.desk.resume_draft)
        self.records_page.resume.connect(self.desk.resume_draft)
        self.records_page.rerecord.connect(self.desk.rerecord)
        self.records_page.reprint.connect(lambda uuid: self.papers.receipt(uuid, uuid[:8].upper(), ask=False))
        self.desk.serving.connect(lambda c: self.queue_page.refresh(c))
        self.desk.serving.connect(lambda _c: self.refresh())
        self.desk.show_queue.connect(lambda: self.show_page(0))
        QApplication.instance().installEventFilter(self)

    # --- pages ----------------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        """0 Antrean, 1..n the citizen's steps, n+1 Rekaman."""
        if 1 <= index <= len(self.steps):
            if not self.flow.go(index - 1):
                self.banner.say(self._not_ready(index - 1), "warning")
                self._select_nav(self.stack.currentIndex())
            return
        self.flow.leave()
        self.stack.setCurrentIndex(index)
        self._select_nav(index)
        if index == 0:
            self.queue_page.refresh(self.flow.citizen)
        else:
            self.records_page.refresh()

    def _not_ready(self, step: int) -> str:
        if self.flow.citizen.ticket is None and not self.flow.citizen.started:
            return self.tr("Belum ada warga: panggil nomor berikutnya (F3) dulu.")
        # the step to finish is the last walked one before `step` that is ready (skipping steps this office omits)
        c = self.flow.citizen
        todo = [s for s in self.steps[:step] if s.needed(c) and s.ready(c)] or self.steps[:1]
        self._warned = self.tr("Selesaikan langkah sebelumnya dulu: {0}.").format(todo[-1].title())
        return self._warned

    def _nav_clicked(self, row: int) -> None:
        if row != self.stack.currentIndex():
            self.show_page(row)

    def _flow_moved(self, index: int) -> None:
        if self.banner.isVisible() and self.banner.text.text() == self._warned:
            self.banner.hide()  # the step it asked for is done: the warning must not follow the citizen on
        if index >= 0:
            self._select_nav(index + 1)
        self.refresh()

    def _select_nav(self, row: int) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

    def find_records(self) -> None:
        self.show_page(len(self.steps) + 1)
        self.records_page.search.setFocus()
        self.records_page.search.selectAll()

    def refresh(self) -> None:
        self.header.refresh()
        if self.display is not None and self.display.isVisible():
            self.display.refresh()
        if self.stack.currentWidget() is self.queue_page:
            self.queue_page.refresh()

    # --- dialogs ----------------------------------------------------------------------------
    def _may(self, action: Action) -> bool:
        """A supervisor's dialog is refused before anyone fills it in (a new operator filled in the whole export
        form and was told only then), in the words the service would use."""
        who = self.station.operator
        try:
            require(who.role if who else None, action)
        except NotAllowed as err:
            self.banner.say(self.tr("{0} Minta supervisor masuk (Ctrl+L).").format(err), "warning")
            return False
        return True

    def _modal(self, make) -> int:
        result = make().exec()
        self.refresh()
        return result

    def open_accounts(self) -> None:
        from station.ui.accounts_dialog import AccountsDialog

        if not self._may(Action.ACCOUNT_LIST):
            return
        self._modal(lambda: AccountsDialog(self.station, self))

    def open_recover(self) -> None:
        from station.ui.recovery import RecoverDialog

        self._modal(lambda: RecoverDialog(self.station, self))

    def open_review(self) -> None:
        from station.ui.review_dialog import ReviewDialog

        if not self._may(Action.REVIEW):
            return
        self._modal(lambda: ReviewDialog(self.station, self))

    def open_export(self) -> None:
        from station.ui.export_dialog import ExportDialog

        if not self._may(Action.EXPORT):
            return
        dialog = ExportDialog(self.station, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.banner.say(
                self.tr("Ekspor selesai: {0} rekaman ditulis ke {1}.").format(dialog.count, dialog.written), "ok"
            )

    def open_import(self) -> None:
        from station.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.station, self)
        if self._modal(lambda: dialog) == QDialog.DialogCode.Accepted:
            self.banner.say(dialog.summary(), "ok")

    def open_register(self) -> None:
        from station.ui.register_dialog import RegisterDialog

        if not self._may(Action.SYNC_REGISTER):
            return
        dialog = RegisterDialog(self.station, self)
        if self._modal(lambda: dialog) == QDialog.DialogCode.Accepted:
            self.status.registered()
            self.banner.say(
                self.tr("Stasiun {0} terdaftar di server pusat; sinkronisasi dimulai.").format(dialog.registered), "ok"
            )

    def open_settings(self) -> None:
        from station.ui.settings_dialog import SettingsDialog

        if not self._may(Action.SETTINGS_CHANGE):
            return
        if self._modal(lambda: SettingsDialog(self.station, self)) == QDialog.DialogCode.Accepted:
            self.locker.settings_changed()

    def open_display(self) -> None:
        from station.ui.queue_display import QueueDisplay

        if self.display is None:
            self.display = QueueDisplay(self.station)
        self.display.open(self)

    def issue_ticket(self) -> None:
        self.queue_page.issue()

    def call_next(self) -> None:
        self.desk.call_next()

    def show_keys(self) -> None:
        from station.ui.menus import show_keys

        show_keys(self)

    def print_recap(self) -> None:
        """Today's recap (records per operator) on the A4 printer: the paper the office keeps each day."""
        self._print_sheet(self.station.papers.recap, self.tr("Rekap harian"), "rekap")

    def print_prr(self) -> None:
        """The PRR list: records the centre acknowledged and the Dinas has not printed yet."""
        self._print_sheet(self.station.papers.prr, self.tr("Daftar PRR"), "prr")

    def _print_sheet(self, build, title: str, name: str) -> None:
        today = self.station.clock.today()
        try:
            pdf = build(today)
        except StationError as err:
            self.banner.say(str(err), "error")
            return
        self.papers.sheet(pdf, title, f"{name}-{today:%Y%m%d}.pdf")

    def choose_roll_printer(self) -> None:
        self.choose_printer(ROLL)

    def choose_sheet_printer(self) -> None:
        self.choose_printer(SHEET)

    def choose_printer(self, role: str) -> None:
        printer = self.printers.printer_for(role, self.tr("Pilih printer"), self, ask=True)
        if printer is not None:
            self.banner.say(self.tr("Printer dipakai: {0}").format(printer.printerName() or "-"), "ok")

    def switch_language(self, language: str) -> None:
        """Rebuilt in the other language (app.run does it); the citizen at the counter comes back with it."""
        self.settings.setValue("language", language)
        c = self.flow.citizen
        if c.enrolment is None and self.biodata_page.citizen is c and c.started:
            c.draft = self.biodata_page.enrolment()  # what was typed comes back in the other language
        self.restart_language = language
        if not self.close():  # the operator chose to stay with the citizen
            self.restart_language = None

    def lock(self) -> None:
        self.locker.lock()

    # --- the day ends ---------------------------------------------------------------------------
    def _may_close(self) -> bool:
        """Only the biodata draft is kept: the photo, approval, signature and biometrics are taken again."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Warga belum selesai"))
        box.setText(self.tr("Warga {0} belum selesai direkam.").format(self.flow.citizen.label))
        if self.restart_language is None:
            then = self.tr("Jika ditutup")
            close = box.addButton(self.tr("Tutup"), QMessageBox.ButtonRole.DestructiveRole)
        else:  # the window is rebuilt in the other language: the same loss, in its own words
            then = self.tr("Jika bahasa diganti sekarang")
            close = box.addButton(self.tr("Ganti bahasa"), QMessageBox.ButtonRole.DestructiveRole)
        box.setInformativeText(
            self.tr(
                "{0}, hanya biodata yang tersimpan sebagai draf; foto, persetujuan, tanda tangan dan "
                "biometrik harus diambil ulang."
            ).format(then)
        )
        back = box.addButton(self.tr("Kembali"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is close

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove):
            self.locker.touched()
        return False

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.flow.citizen.past_biodata and not self._may_close():
            event.ignore()
            return
        QApplication.instance().removeEventFilter(self)
        self._timer.stop()
        self.locker.stop()
        self.flow.leave()  # the biodata step saves its draft; the camera is asked to stop
        self.camera.shutdown()  # and waited for: no thread outlives the window
        self.biometrics_step.page.close_worker()
        self.approval_page.view.close()
        if self.display is not None:
            self.display.close()
        self.status.stop_sync()
        self.settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
