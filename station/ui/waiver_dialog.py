"""Pengecualian foto: the operator marks why a citizen cannot meet a check; a supervisor (another account)
confirms with their password. The checks are named in words, never as codes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from station.domain.errors import StationError
from station.domain.waivers import REASONS, Waiver, WaiverError
from station.services.station import Station
from station.ui.forms import supervisor_missing, supervisor_rows
from station.ui.widgets import NoWheelComboBox
from station.ui.words import check_name, waiver_reason


class WaiverDialog(QDialog):
    def __init__(self, station: Station, failing: list[str], parent=None) -> None:
        super().__init__(parent)
        self.station = station
        self.waiver: Waiver | None = None
        self.setWindowTitle(self.tr("Pengecualian foto"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.reason = NoWheelComboBox()
        self.reason.addItem(self.tr("— pilih alasan —"), None)  # nothing chosen for the operator
        for key in REASONS:
            self.reason.addItem(waiver_reason(key), key)
        form.addRow(self.tr("Alasan"), self.reason)
        # Every check a reason can cover, the failing ones ticked; a chosen reason shows the checks it covers (the
        # list used to be only what failed on the last frame: Disabilitas never offered the mouth it names).
        self._failing = set(failing)
        self.none_failing = QLabel(self.tr("Tidak ada pemeriksaan yang gagal saat ini."))
        form.addRow("", self.none_failing)
        self.checks: dict[str, QCheckBox] = {}
        coverable = {c for _, covers in REASONS.values() for c in covers}
        for name in [*failing, *sorted(coverable - self._failing, key=check_name)]:
            box = QCheckBox(check_name(name))
            box.setChecked(name in self._failing)
            self.checks[name] = box
            form.addRow("", box)
        self.form = form
        self.reason.currentIndexChanged.connect(self._follow_reason)
        self._follow_reason()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("mis. tidak dapat menutup mulut karena kondisi medis"))
        form.addRow(self.tr("Keterangan"), self.note)
        self.spv, self.spv_pw, self.error = supervisor_rows(form)
        self.reason.currentIndexChanged.connect(lambda _i: self.error.setText(""))  # "Pilih alasan" is answered
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Konfirmasi"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.note.setFocus()

    def _shown(self) -> set[str]:
        key = self.reason.currentData()
        return set(REASONS[key][1]) if key else self._failing

    def _follow_reason(self) -> None:
        shown = self._shown()
        for name, box in self.checks.items():
            self.form.setRowVisible(box, name in shown)
        self.form.setRowVisible(self.none_failing, not shown)

    def submit(self) -> None:
        """The request against the domain's rules first, then the supervisor: no password is asked for a waiver
        that would be refused anyway (an empty one answered "Nama pengguna atau kata sandi salah.")."""
        request = self._waiver("")
        try:
            request.validate_request()
        except WaiverError as err:
            self.error.setText(str(err))
            (self.reason if not request.reason else self.note).setFocus()
            return
        if supervisor_missing(self.spv, self.spv_pw, self.error):
            return
        try:
            supervisor = self.station.accounts.confirm_supervisor(self.spv.text(), self.spv_pw.text())
        except StationError as err:
            self.error.setText(str(err))
            self.spv_pw.clear()
            return
        waiver = self._waiver(supervisor)
        try:
            waiver.validate()
        except WaiverError as err:
            self.error.setText(str(err))
            return
        self.waiver = waiver
        self.accept()

    def _waiver(self, supervisor: str) -> Waiver:
        return Waiver(
            self.reason.currentData(),
            tuple(n for n, b in self.checks.items() if b.isChecked() and n in self._shown()),
            self.note.text(),
            self.station.operator.name if self.station.operator else "?",
            supervisor,
        )
