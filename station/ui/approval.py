"""Persetujuan foto: the citizen sees their photo and agrees, or asks for another (Dukcapil's letter
400.8.1.2/13999/Dukcapil, October 2024). On a second screen facing the citizen when one is connected; otherwise
the photo fills the whole screen so the operator can turn it towards them. The answer goes on the record."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station.services.acceptance import PhotoApproval
from station.services.station import Station
from station.ui.camera_worker import to_qimage
from station.ui.citizen import Citizen
from station.ui.steps import StepPage
from station.ui.widgets import Settle, shortcut

SECOND_SCREEN, FULL_WINDOW = "second_screen", "full_window"


def photo_pixmap(citizen: Citizen, height: int) -> QPixmap:
    pix = QPixmap.fromImage(to_qimage(citizen.capture.crop))
    return pix.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)


class CitizenView(QWidget):
    """What the citizen sees: their photo, one question, two big answers (a touch screen can use them)."""

    answered = Signal(bool)

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("display")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("Foto Anda"))
        layout = QVBoxLayout(self)
        self.question = QLabel(self.tr("Apakah Anda setuju dengan foto ini untuk KTP-el?"))
        self.question.setObjectName("displayCaption")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel(self.tr("Jika belum sesuai, Anda boleh meminta foto ulang."))
        self.note.setObjectName("displaySmall")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        self.yes = QPushButton(self.tr("Setuju (Enter)"))
        self.yes.setObjectName("bigok")
        self.no = QPushButton(self.tr("Foto ulang (F5)"))
        self.no.setObjectName("big")
        buttons.addStretch(1)
        buttons.addWidget(self.no)
        buttons.addSpacing(40)
        buttons.addWidget(self.yes)
        buttons.addStretch(1)
        layout.addWidget(self.question)
        layout.addWidget(self.photo, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self._settle = Settle()
        self.yes.clicked.connect(self._yes)
        self.no.clicked.connect(lambda: self.answered.emit(False))
        shortcut(self, self._yes, enter=Qt.KeyboardModifier.NoModifier)
        shortcut(self, lambda: self.answered.emit(False), "F5")

    def settled(self) -> bool:
        """Shown long enough for a yes to be the citizen's, not the operator's Enter from the step before."""
        return self._settle.settled()

    def _yes(self) -> None:
        if self.settled():
            self.answered.emit(True)

    def show_for(self, citizen: Citizen, on_second_screen: bool, anchor: QWidget) -> None:
        screens = QGuiApplication.screens()
        here = anchor.screen()
        target = next((s for s in screens if s is not here), here) if on_second_screen else here
        self.setScreen(target)
        self.setGeometry(target.geometry())
        self.photo.setPixmap(photo_pixmap(citizen, int(target.geometry().height() * 0.6)))
        self.showFullScreen()
        self.raise_()
        self._settle.start()
        if not on_second_screen:
            self.activateWindow()
            self.yes.setFocus()


class ApprovalPage(StepPage):
    key = "persetujuan"

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.citizen = Citizen()
        self.view = CitizenView()
        self.view.answered.connect(self.answer)
        self.shown_on = FULL_WINDOW
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Persetujuan foto — tunjukkan foto kepada warga"))
        heading.setObjectName("title")
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = QLabel("")
        self.where.setWordWrap(True)
        row = QHBoxLayout()
        self.show_btn = QPushButton(self.tr("Tampilkan lagi ke warga"))
        self.retake_btn = QPushButton(self.tr("Warga minta foto ulang (F5)"))
        self.yes_btn = QPushButton(self.tr("Warga setuju (Enter)"))
        self.yes_btn.setObjectName("primary")
        row.addWidget(self.where, 1)
        row.addWidget(self.show_btn)
        row.addWidget(self.retake_btn)
        row.addWidget(self.yes_btn)
        layout.addWidget(heading)
        layout.addWidget(self.photo, 1)
        layout.addLayout(row)
        self.show_btn.clicked.connect(self._show_to_citizen)
        self.retake_btn.clicked.connect(lambda: self.answer(False))
        self.yes_btn.clicked.connect(self._yes)
        shortcut(self, self._yes, enter=Qt.KeyboardModifier.NoModifier)
        shortcut(self, lambda: self.isVisible() and self.answer(False), "F5")

    def title(self) -> str:
        return self.tr("Persetujuan")

    def _yes(self) -> None:
        if self.isVisible() and self.view.settled():
            self.answer(True)

    def ready(self, citizen: Citizen) -> bool:
        return citizen.capture is not None

    def enter(self, citizen: Citizen) -> None:
        self.citizen = citizen
        self.photo.setPixmap(photo_pixmap(citizen, 420))
        self._show_to_citizen()

    def leave(self) -> None:
        self.view.hide()

    def _show_to_citizen(self) -> None:
        second = len(QGuiApplication.screens()) > 1
        self.shown_on = SECOND_SCREEN if second else FULL_WINDOW
        self.where.setText(
            self.tr("Foto tampil di layar kedua yang menghadap warga. Catat jawaban warga.")
            if second
            else self.tr("Foto tampil satu layar penuh: hadapkan layar ke warga, lalu catat jawabannya.")
        )
        self.view.show_for(self.citizen, second, self.window())

    def answer(self, approved: bool) -> None:
        if self.citizen.capture is None:
            return
        self.view.hide()
        if approved:
            self.citizen.approval = PhotoApproval(
                True, self.shown_on, self.citizen.refused_photos, self.station.clock.stamp()
            )
            self.finished.emit()
        else:
            self.citizen.photo_refused()
            self.back.emit()
        self.window().activateWindow()
