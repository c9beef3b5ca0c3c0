"""The header: which office and station, today's date in the office's words, today's figures, who is working."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.counters import counts_line
from station.ui.i18n import long_date
from station.ui.places import kecamatan_name
from station.ui.words import role_name

log = logging.getLogger(__name__)


class Header(QWidget):
    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        left = QVBoxLayout()
        self.office = QLabel()
        self.office.setObjectName("office")
        self.date = QLabel()
        left.addWidget(self.office)
        left.addWidget(self.date)
        middle = QVBoxLayout()
        self.queue = QLabel()
        self.records = QLabel()
        middle.addWidget(self.queue)
        middle.addWidget(self.records)
        for label in (self.office, self.date, self.queue, self.records):
            # a long office name is cut rather than widen the window past the screen (1366 px)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.who = QLabel()
        self.who.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(left, 2)
        row.addLayout(middle, 3)
        row.addWidget(self.who, 1)
        self.refresh()

    def refresh(self) -> None:
        s = self.station.settings.current
        name, code = s.office.name, s.kecamatan
        regions = self.station.regions
        if code and regions.exists(code) and regions.get(code).name in name:
            self.office.setText(f"{name} ({code})")  # "Kantor Kecamatan Plantungan": said once, the code added
        else:
            where = kecamatan_name(regions, code) if code else ""  # Kec. Plantungan (33.24.01)
            self.office.setText(" · ".join(part for part in (name, where) if part))
        today = self.station.clock.today()
        self.date.setText(self.tr("{0} · stasiun {1}").format(long_date(today), s.station_id))
        try:
            self.queue.setText(counts_line(self.station.queue.counts(today)))
            self.records.setText(
                self.tr("Terekam hari ini: {0} · menunggu kirim: {1}").format(
                    self.station.records.accepted_on(today), self.station.records.waiting_to_sync()
                )
            )
        except StationError as err:  # the header never stops the window; the figures wait for the next tick
            log.warning("header counts failed code=%s", err.code)
        who = self.station.operator
        self.who.setText(self.tr("{0} ({1})").format(who.name, role_name(who.role)) if who else self.tr("(terkunci)"))
