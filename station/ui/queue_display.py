"""Layar antrean: what the waiting room sees on a second monitor or a TV — the number being called in large
figures, the counter, how many wait, the quota left, the next numbers. No names, no NIKs."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from station.domain.antrean import TicketStatus
from station.services.station import Station
from station.ui.i18n import long_date


class QueueDisplay(QWidget):
    def __init__(self, station: Station) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.station = station
        self.setObjectName("display")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("Layar antrean"))
        layout = QVBoxLayout(self)
        self.office = QLabel()
        self.office.setObjectName("displayCaption")
        self.office.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(self.tr("Nomor dipanggil"))
        self.caption.setObjectName("displayCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = QLabel("—")
        self.number.setObjectName("displayNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counter = QLabel()
        self.counter.setObjectName("displayCaption")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        figures = QHBoxLayout()
        self.figures: dict[str, QLabel] = {}
        for key, text in (
            ("waiting", self.tr("Menunggu")),
            ("served", self.tr("Sudah dilayani")),
            ("quota_left", self.tr("Sisa kuota hari ini")),
        ):
            box = QVBoxLayout()
            value = QLabel("0")
            value.setObjectName("displayCounter")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel(text)
            label.setObjectName("displaySmall")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(value)
            box.addWidget(label)
            figures.addLayout(box)
            self.figures[key] = value
        self.next_numbers = QLabel()
        self.next_numbers.setObjectName("displaySmall")
        self.next_numbers.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.full = QLabel()
        self.full.setObjectName("displaySmall")
        self.full.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.office)
        layout.addStretch(1)
        layout.addWidget(self.caption)
        layout.addWidget(self.number)
        layout.addWidget(self.counter)
        layout.addStretch(1)
        layout.addLayout(figures)
        layout.addWidget(self.next_numbers)
        layout.addWidget(self.full)
        QShortcut(QKeySequence("Escape"), self, self.close)
        self._timer = QTimer(self, interval=5000, timeout=self.refresh)

    def open(self, parent_window: QWidget) -> None:
        """Full screen on a second monitor or TV when there is one; a window the operator can move otherwise."""
        screens = QGuiApplication.screens()
        here = parent_window.screen()
        other = next((s for s in screens if s is not here), None)
        self.refresh()
        self._timer.start()
        if other is not None:
            self.setScreen(other)
            self.setGeometry(other.geometry())
            self.showFullScreen()
        else:
            self.resize(1024, 640)
            self.show()
        self.raise_()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._timer.stop()
        super().closeEvent(event)

    def refresh(self) -> None:
        settings = self.station.settings.current
        self.office.setText(f"{settings.office.name} — {long_date(self.station.clock.today())}")
        tickets = self.station.queue.tickets()
        called = [t for t in tickets if t.status is TicketStatus.CALLED]
        self.caption.setText(
            self.tr("Nomor dipanggil") if called else self.tr("Mohon menunggu: nomor Anda akan dipanggil")
        )
        self.number.setText(called[-1].label if called else "")  # a dash that size read as a white bar
        self.counter.setText(self.tr("Silakan ke loket {0}").format(settings.station_id) if called else "")
        c = self.station.queue.counts()
        for key, label in self.figures.items():
            label.setText(str(getattr(c, key)))
        waiting = [t.label for t in tickets if t.status is TicketStatus.WAITING][:5]
        self.next_numbers.setText(self.tr("Berikutnya: {0}").format(", ".join(waiting)) if waiting else "")
        self.full.setText(
            self.tr("Kuota hari ini sudah penuh: nomor baru untuk hari kerja berikutnya.") if c.quota_left == 0 else ""
        )
