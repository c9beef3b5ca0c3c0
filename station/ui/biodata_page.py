"""Biodata: every domain rule checked as the operator types, errors beside the field, drafts saved."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from station.domain import values
from station.domain.enrolment import Enrolment, validate
from station.domain.errors import StationError
from station.domain.lifecycle import WORDS
from station.domain.problems import Problem
from station.services.station import Station

TEXT_FIELDS = [
    ("nik", "NIK"),
    ("no_kk", "No. KK"),
    ("nama", "Nama lengkap"),
    ("tempat_lahir", "Tempat lahir"),
    ("alamat", "Alamat"),
    ("rt", "RT"),
    ("rw", "RW"),
]
LIST_FIELDS = [
    ("jenis_kelamin", "Jenis kelamin"),
    ("golongan_darah", "Golongan darah"),
    ("agama", "Agama"),
    ("status_perkawinan", "Status perkawinan"),
    ("pekerjaan", "Pekerjaan"),
    ("pendidikan", "Pendidikan"),
    ("hubungan_keluarga", "Hubungan keluarga"),
    ("kewarganegaraan", "Kewarganegaraan"),
]
log = logging.getLogger(__name__)
LEVELS = ["Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan"]


class BiodataPage(QWidget):
    proceed = Signal(object)  # Enrolment, all rules met

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.record_uuid: str | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.form = QFormLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}
        for name, label in TEXT_FIELDS[:3]:
            self._add_text(name, label)
        self._add_text(*TEXT_FIELDS[3])
        self.birth = QDateEdit()
        self.birth.setDisplayFormat("dd-MM-yyyy")
        self.birth.setCalendarPopup(True)
        self.birth.setDate(QDate(1990, 1, 1))
        self._row("tanggal_lahir", self.tr("Tanggal lahir"), self.birth)
        self.birth.dateChanged.connect(self._changed)
        for name, label in LIST_FIELDS:
            combo = QComboBox()
            combo.addItem("", "")
            for v in values.VALUE_LISTS[name]:
                combo.addItem(values.JENIS_KELAMIN.get(v, v) if name == "jenis_kelamin" else v, v)
            combo.currentIndexChanged.connect(self._changed)
            self.combos[name] = combo
            self._row(name, self.tr(label), combo)
        for name, label in TEXT_FIELDS[4:]:
            self._add_text(name, label)
        self.region: list[QComboBox] = []
        for i, label in enumerate(LEVELS):
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _=0, level=i: self._region_changed(level))
            self.region.append(combo)
            self._row("desa_code" if i == 3 else f"region{i}", self.tr(label), combo)
        self.same_nik = QLabel("")
        self.same_nik.setObjectName("warning")
        self.same_nik.setWordWrap(True)
        self.confirm = QCheckBox(self.tr("Saya sudah memeriksa peringatan di atas dengan dokumen warga"))
        self.confirm.toggled.connect(self._changed)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.next_btn = QPushButton(self.tr("Lanjut ke foto (Ctrl+Enter)"))
        self.next_btn.setShortcut("Ctrl+Return")
        self.next_btn.clicked.connect(self.proceed_to_photo)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.next_btn)
        outer.addWidget(self.same_nik)
        outer.addWidget(self.confirm)
        outer.addLayout(bottom)
        self._draft_timer = QTimer(self, singleShot=True, interval=800, timeout=self.save_draft)
        self._fill_provinces()
        self.clear()

    # --- building -----------------------------------------------------------------------------
    def _row(self, name: str, label: str, widget: QWidget) -> None:
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(widget)
        err = QLabel("")
        err.setObjectName("error")
        err.setWordWrap(True)
        err.hide()
        box.addWidget(err)
        self.errors[name] = err
        holder = QWidget()
        holder.setLayout(box)
        self.form.addRow(label, holder)

    def _add_text(self, name: str, label: str) -> None:
        edit = QLineEdit()
        if name in ("nik", "no_kk"):
            edit.setMaxLength(19)
            edit.setPlaceholderText("16 digit")
        edit.textChanged.connect(self._changed)
        self.edits[name] = edit
        self._row(name, self.tr(label), edit)

    def _fill_provinces(self) -> None:
        combo = self.region[0]
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", "")
        for r in self.station.regions.children(None):
            combo.addItem(f"{r.code}  {r.name}", r.code)
        combo.blockSignals(False)

    def _region_changed(self, level: int) -> None:
        code = self.region[level].currentData()
        if level < 3:
            child = self.region[level + 1]
            child.blockSignals(True)
            child.clear()
            child.addItem("", "")
            if code:
                for r in self.station.regions.children(code):
                    child.addItem(f"{r.code}  {r.name}", r.code)
            child.blockSignals(False)
            self._region_changed(level + 1)
            return
        self._changed()

    def select_region(self, code: str) -> None:
        parts = code.split(".")
        for level in range(len(parts)):
            combo = self.region[level]
            i = combo.findData(".".join(parts[: level + 1]))
            if i >= 0:
                combo.setCurrentIndex(i)

    # --- state --------------------------------------------------------------------------------
    def clear(self, record_uuid: str | None = None) -> None:
        self._loading = True
        self.record_uuid = record_uuid
        for e in self.edits.values():
            e.clear()
        for c in self.combos.values():
            c.setCurrentIndex(0)
        self.combos["kewarganegaraan"].setCurrentIndex(self.combos["kewarganegaraan"].findData("WNI"))
        self.confirm.setChecked(False)
        kecamatan = self.station.settings.current.kecamatan
        if kecamatan:
            self.select_region(kecamatan)
        self._loading = False
        self._changed()

    def enrolment(self) -> Enrolment:
        e = Enrolment(**{n: w.text().strip() for n, w in self.edits.items()})
        for n, c in self.combos.items():
            setattr(e, n, c.currentData() or "")
        q = self.birth.date()
        e.tanggal_lahir = dt.date(q.year(), q.month(), q.day())
        e.desa_code = self.region[3].currentData() or ""
        return e

    def _validate(self, e: Enrolment) -> list[Problem]:
        return validate(e, self.station.regions, self.station.clock.today())

    def problems(self) -> list[Problem]:
        e = self.enrolment()
        found = self._validate(e)
        if self.confirm.isChecked():
            e.confirmed_warnings = [p.code for p in found if not p.blocking]
            found = self._validate(e)
        return found

    def _changed(self, *_) -> None:
        if self._loading:
            return
        found = self.problems()
        by_field: dict[str, list[Problem]] = {}
        for p in found:
            by_field.setdefault(p.field, []).append(p)
        for name, label in self.errors.items():
            msgs = by_field.get(name, [])
            label.setText("\n".join(("⚠ " if not p.blocking else "") + p.message for p in msgs))
            label.setProperty("warning", bool(msgs) and all(not p.blocking for p in msgs))
            label.setVisible(bool(msgs) and self._touched(name))
        warnings = [p for p in found if not p.blocking]
        self.confirm.setVisible(bool(warnings) or self.confirm.isChecked())
        blocking = [p for p in found if p.blocking]
        self.next_btn.setEnabled(not found)
        self.summary.setText(self.tr("{0} isian perlu diperbaiki").format(len(blocking)) if blocking else "")
        clock = self.station.clock
        others = self.station.records.same_nik(self.edits["nik"].text(), self.record_uuid)
        self.same_nik.setText(
            self.tr("NIK ini sudah ada di stasiun: {0}. Periksa di Rekaman sebelum merekam lagi.").format(
                ", ".join(f"{o.nama} ({WORDS[o.status]}, {clock.local(o.created_at):%d-%m-%Y})" for o in others)
            )
            if others
            else ""
        )
        self.same_nik.setVisible(bool(others))
        if any(e.text() for e in self.edits.values()):
            self._draft_timer.start()

    def _touched(self, name: str) -> bool:
        """Show a field's error once the operator has typed in it (or in any later field)."""
        if name in self.edits:
            return bool(self.edits[name].text())
        if name in self.combos:
            return self.combos[name].currentIndex() > 0 or bool(self.edits["nama"].text())
        return bool(self.edits["nama"].text())

    def save_draft(self) -> None:
        try:
            self.record_uuid = self.station.records.save_draft(self.enrolment(), self.record_uuid)
        except StationError as err:  # the form stays as typed; the operator sees why it was not kept
            log.warning("draft not saved code=%s", err.code)
            self.summary.setText(str(err))

    def proceed_to_photo(self) -> None:
        found = self.problems()
        for name, label in self.errors.items():
            label.setVisible(any(p.field == name for p in found))
        if found:
            return
        e = self.enrolment()
        e.confirmed_warnings = [p.code for p in self._validate(e) if not p.blocking]
        self._draft_timer.stop()
        self.save_draft()
        self.proceed.emit(e)

    def focus_first(self) -> None:
        self.edits["nik"].setFocus(Qt.FocusReason.OtherFocusReason)
