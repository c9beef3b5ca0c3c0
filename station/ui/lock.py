"""The lock: after the idle minutes, on Ctrl+L, when the lid closes or the session locks. The citizen's data
leaves the screen first (a plain cover replaces the pages, the citizen's photo display closes, open dialogs
close), then the data key leaves memory, then the login asks for a password."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget

from station.services.station import Station


class LockCover(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lockcover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("Stasiun terkunci"))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)


class Locker(QObject):
    def __init__(self, window, station: Station) -> None:
        super().__init__(window)
        self.window, self.station = window, station
        self.locked = False
        self._idle = QTimer(self, singleShot=True, interval=self._idle_ms(), timeout=self.lock)
        self._idle.start()

    def _idle_ms(self) -> int:
        return self.station.settings.current.idle_lock_minutes * 60_000

    def settings_changed(self) -> None:
        self._idle.setInterval(self._idle_ms())
        self._idle.start()

    def touched(self) -> None:
        if not self.locked:
            self._idle.start()

    def stop(self) -> None:
        self._idle.stop()

    def lock_if_open(self) -> None:
        if self.station.operator is not None and not self.locked:
            self.lock()

    def lock(self) -> None:
        from station.ui.login import LoginDialog

        if self.locked:
            return
        self.locked = True
        w = self.window
        step = w.flow.current
        self._hide_everything()
        w.status.stop_sync()
        self.station.accounts.lock()
        w.header.refresh()
        dialog = LoginDialog(self.station, w, locked=True)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.locked = False
        if not accepted:
            w.close()
            return
        w.outer.setCurrentIndex(0)
        w.menuBar().setEnabled(True)
        w.header.refresh()
        w.status.start_sync()
        if step >= 0:
            w.flow.go(step)
        self._idle.start()

    def _hide_everything(self) -> None:
        w = self.window
        for dialog in QApplication.topLevelWidgets():  # Pengaturan, Rekaman detail ... left open
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
        w.flow.leave()  # saves the draft, stops the camera, closes the citizen's photo display
        w.outer.setCurrentIndex(1)
        w.menuBar().setEnabled(False)
        w.banner.hide()
