"""Pengaturan: camera source, daily quota, idle lock, office details. Only a supervisor changes them."""

from __future__ import annotations

from PySide6.QtWidgets import (
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

from station.services.station import Station


class SettingsDialog(QDialog):
    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.setWindowTitle(self.tr("Pengaturan"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.camera = QLineEdit(str(station.setting("camera", "") or ""))
        self.camera.setPlaceholderText(self.tr("0 = webcam pertama; atau berkas video / folder gambar"))
        pick = QPushButton(self.tr("Pilih ..."))
        pick.clicked.connect(self._pick)
        row = QHBoxLayout()
        row.addWidget(self.camera, 1)
        row.addWidget(pick)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow(self.tr("Kamera"), holder)
        self.quota = QSpinBox(minimum=1, maximum=1000, value=station.quota)
        form.addRow(self.tr("Kuota antrean per hari"), self.quota)
        self.idle = QSpinBox(minimum=1, maximum=120, value=station.idle_minutes)
        form.addRow(self.tr("Kunci setelah diam (menit)"), self.idle)
        office = station.setting("office", {})
        self.office_name = QLineEdit(office.get("name", ""))
        self.office_address = QLineEdit(office.get("address", ""))
        form.addRow(self.tr("Nama kantor"), self.office_name)
        form.addRow(self.tr("Alamat kantor"), self.office_address)
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
        if self.station.operator is None or self.station.operator.role != "supervisor":
            self.error.setText(self.tr("Hanya supervisor yang dapat mengubah pengaturan."))
            return
        office = self.station.setting("office", {}) | {
            "name": self.office_name.text().strip(),
            "address": self.office_address.text().strip(),
        }
        self.station.save_settings(
            {
                "camera": self.camera.text().strip() or None,
                "daily_quota": self.quota.value(),
                "idle_lock_minutes": self.idle.value(),
                "office": office,
            }
        )
        self.accept()
