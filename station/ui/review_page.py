"""Tinjau: the approved photo and every field of the biodata, side by side; accepting commits the record at once
(record, photos, outbox entry, ticket, the citizen's approval) and the window prints the receipt."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from station.domain.errors import StationError
from station.services.acceptance import NotAcceptable
from station.services.station import Station
from station.ui.approval import photo_pixmap
from station.ui.citizen import Citizen
from station.ui.steps import StepPage
from station.ui.summary import summary_html
from station.ui.widgets import Settle, shortcut
from station.ui.words import check_names

log = logging.getLogger(__name__)


class ReviewPage(StepPage):
    key = "tinjau"
    stored = Signal(object)  # services.acceptance.Accepted

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.citizen = Citizen()
        self.accepted_result = None
        outer = QVBoxLayout(self)
        self.heading = QLabel(self.tr("Tinjau"))
        self.heading.setObjectName("title")
        outer.addWidget(self.heading)
        layout = QHBoxLayout()
        outer.addLayout(layout, 1)
        self.photo = QLabel()
        self.photo.setFixedSize(330, 440)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.biometrics = QLabel("")  # what the operator accepts beside the photo: fingers, irises, verification
        self.biometrics.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.biometrics.setWordWrap(True)
        self.waived = QLabel("")
        self.waived.setObjectName("warning")
        self.waived.setWordWrap(True)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        self.back_btn = QPushButton(self.tr("Ambil ulang foto (F5)"))
        self._settle = Settle()
        self.accept_btn = QPushButton(self.tr("Terima dan simpan (Enter)"))
        self.accept_btn.setObjectName("primary")
        buttons.addStretch(1)
        buttons.addWidget(self.back_btn)
        buttons.addWidget(self.accept_btn)
        right.addWidget(self.details, 1)
        right.addWidget(self.biometrics)
        right.addWidget(self.waived)
        right.addWidget(self.error)
        right.addLayout(buttons)
        layout.addLayout(right, 1)
        self.accept_btn.clicked.connect(self.accept_record)
        self.back_btn.clicked.connect(self.retake)
        # the accept button has the focus: Enter is the natural key
        shortcut(self, self.accept_record, "Ctrl+S", enter=Qt.KeyboardModifier.NoModifier)
        shortcut(self, self.retake, "F5")
        self._clear()

    def title(self) -> str:
        return self.tr("Tinjau")

    def ready(self, citizen: Citizen) -> bool:
        return citizen.capture is not None and citizen.approval is not None

    def enter(self, citizen: Citizen) -> None:
        self.citizen = citizen
        self.photo.setPixmap(photo_pixmap(citizen, 440))
        self.heading.setText(self.tr("Tinjau — {0}").format(citizen.label))
        self.details.setText(summary_html(citizen.enrolment, self.station.regions))
        self.biometrics.setText(self._biometrics_text(citizen))
        w = citizen.waiver
        self.waived.setText(
            self.tr("Dikecualikan: {0} (dikonfirmasi {1})").format(check_names(w.checks), w.supervisor) if w else ""
        )
        self.error.setText("")
        self.accept_btn.setEnabled(True)
        self.back_btn.setEnabled(True)
        self.accept_btn.setFocus()
        self._settle.start()

    def leave(self) -> None:
        self._clear()

    def _biometrics_text(self, citizen: Citizen) -> str:
        """The receipt's own lines (the same words the citizen takes home), or why there are none."""
        if citizen.biometrics is None:
            if self.station.settings.current.biometrics.required:
                return self.tr("Biometrik belum direkam: selesaikan Tanda tangan dan Biometrik dulu.")
            return self.tr("Biometrik tidak direkam di kantor ini (hanya foto).")
        from station.reports.biometric_lines import receipt_lines
        from station.services.biometric_record import meta

        # the receipt's headings (per-finger quality is on the Biometrik page): the biodata above keeps its room
        lines = [line for line in receipt_lines(meta(citizen.biometrics)) if not line.startswith("  ")]
        return "\n".join([self.tr("Tanda tangan: terekam"), *lines])

    def _clear(self) -> None:
        """Nothing to accept: no photo, no stale details, buttons off."""
        self.photo.clear()
        self.photo.setText(self.tr("Belum ada foto yang disetujui."))
        self.details.setText("")
        self.biometrics.setText("")
        self.waived.setText("")
        self.accept_btn.setEnabled(False)
        self.back_btn.setEnabled(False)

    def retake(self) -> None:
        if self.isVisible() and self.back_btn.isEnabled():
            self.citizen.capture, self.citizen.approval = None, None
            self.back.emit()  # the approval needs a photo now: the flow goes back to Foto

    def accept_record(self) -> None:
        if not self.isVisible() or not self.accept_btn.isEnabled() or not self._settle.settled():
            return
        c = self.citizen
        self.accept_btn.setEnabled(False)
        try:
            self.accepted_result = self.station.records.accept(
                c.enrolment, c.capture, c.waiver, c.record_uuid, c.ticket, biometrics=c.biometrics, approval=c.approval
            )
        except NotAcceptable as err:
            self.error.setText("\n".join(p.message for p in err.problems))
            self.accept_btn.setEnabled(True)
            return
        except StationError as err:
            log.warning("accept failed code=%s", err.code)
            self.error.setText(str(err))
            self.accept_btn.setEnabled(True)
            return
        self.stored.emit(self.accepted_result)
        self.finished.emit()
