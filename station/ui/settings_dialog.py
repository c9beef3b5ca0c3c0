"""Pengaturan: camera source, daily quota, idle lock, office details. Only a supervisor changes them."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from station.domain.errors import StationError
from station.services.station import Station


class SettingsDialog(QDialog):
    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.setWindowTitle(self.tr("Pengaturan"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        current = station.settings.current
        self.camera = QLineEdit(current.camera or "")
        self.camera.setPlaceholderText(self.tr("0 = webcam pertama; atau berkas video / folder gambar"))
        pick = QPushButton(self.tr("Pilih ..."))
        pick.clicked.connect(self._pick)
        row = QHBoxLayout()
        row.addWidget(self.camera, 1)
        row.addWidget(pick)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow(self.tr("Kamera"), holder)
        self.quota = QSpinBox(minimum=1, maximum=1000, value=current.daily_quota)
        form.addRow(self.tr("Kuota antrean per hari"), self.quota)
        self.idle = QSpinBox(minimum=1, maximum=120, value=current.idle_lock_minutes)
        form.addRow(self.tr("Kunci setelah diam (menit)"), self.idle)
        self.office_name = QLineEdit(current.office.name)
        self.office_address = QLineEdit(current.office.address)
        form.addRow(self.tr("Nama kantor"), self.office_name)
        form.addRow(self.tr("Alamat kantor"), self.office_address)
        # Off only for an office that records the photo alone (no fingerprint or iris scanner yet).
        self.biometrics = QCheckBox(self.tr("Wajib: tanda tangan, sepuluh sidik jari, kedua iris, verifikasi"))
        self.biometrics.setChecked(current.biometrics.required)
        form.addRow(self.tr("Biometrik"), self.biometrics)
        self.error = QLabel("")
        self.error.setObjectName("error")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Video kamera pengganti"), "", "Video (*.mp4 *.avi *.mkv *.mov *.webm)"
        )
        if path:
            self.camera.setText(path)

    def save(self) -> None:
        office = replace(
            self.station.settings.current.office,
            name=self.office_name.text().strip(),
            address=self.office_address.text().strip(),
        )
        try:
            self.station.settings.change(
                camera=self.camera.text().strip() or None,
                daily_quota=self.quota.value(),
                idle_lock_minutes=self.idle.value(),
                office=office,
                biometrics=replace(self.station.settings.current.biometrics, required=self.biometrics.isChecked()),
            )
        except StationError as err:  # the table of permissions decides; the reason is shown here
            self.error.setText(str(err))
            return
        self.accept()
