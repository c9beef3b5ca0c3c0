"""Pengaturan: camera source (webcam, video or a folder of images), quota, idle lock, receipts on 80 mm or A4,
the end-of-day supervisor review, the office's details and its wajib-KTP figure. Only a supervisor saves."""

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

from station.camera import VIDEO_SUFFIXES
from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import fit_text


class SettingsDialog(QDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.setWindowTitle(self.tr("Pengaturan"))
        self.setMinimumWidth(620)
        form = QFormLayout(self)
        current = station.settings.current
        self.camera = QLineEdit(current.camera or "")
        self.camera.setPlaceholderText(self.tr("0 = webcam pertama"))  # short: the buttons beside it never cover it
        self.camera.setToolTip(self.tr("0 = webcam pertama; atau berkas video / folder gambar"))
        video = QPushButton(self.tr("Berkas video ..."))
        folder = QPushButton(self.tr("Folder gambar ..."))
        video.clicked.connect(self._pick_video)
        folder.clicked.connect(self._pick_folder)
        fit_text(self.camera, "0 = webcam pertama")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)  # in line with the other rows' fields and labels
        row.addWidget(self.camera, 1)
        row.addWidget(video)
        row.addWidget(folder)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow(self.tr("Kamera"), holder)
        self.quota = QSpinBox(minimum=1, maximum=1000, value=current.daily_quota)
        form.addRow(self.tr("Kuota antrean per hari"), self.quota)
        self.idle = QSpinBox(minimum=1, maximum=120, value=current.idle_lock_minutes)
        form.addRow(self.tr("Kunci setelah diam (menit)"), self.idle)
        self.thermal = QCheckBox(self.tr("Bukti perekaman di printer 80 mm (bukan A4)"))
        self.thermal.setChecked(current.thermal)
        form.addRow(self.tr("Bukti"), self.thermal)
        self.review = QCheckBox(self.tr("Supervisor meninjau rekaman sebelum dikirim (tinjauan akhir hari)"))
        self.review.setChecked(current.review_required)
        form.addRow(self.tr("Tinjauan"), self.review)
        self.office_name = QLineEdit(current.office.name)
        self.office_address = QLineEdit(current.office.address)
        self.head_name = QLineEdit(current.office.head_name)
        form.addRow(self.tr("Nama kantor"), self.office_name)
        form.addRow(self.tr("Alamat kantor"), self.office_address)
        form.addRow(self.tr("Nama camat / kepala kantor"), self.head_name)
        self.wajib = QSpinBox(minimum=0, maximum=10_000_000, value=current.progress.wajib_ktp)
        self.wajib.setSpecialValueText(self.tr("belum diatur"))
        form.addRow(self.tr("Jumlah wajib KTP kecamatan"), self.wajib)
        # Off only for an office that records the photo alone (no fingerprint or iris scanner yet).
        self.biometrics = QCheckBox(self.tr("Wajib: tanda tangan, sepuluh sidik jari, kedua iris, verifikasi"))
        self.biometrics.setChecked(current.biometrics.required)
        form.addRow(self.tr("Biometrik"), self.biometrics)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.buttons = buttons

    def _pick_video(self) -> None:
        patterns = " ".join(f"*{s}" for s in sorted(VIDEO_SUFFIXES))
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Video kamera pengganti"), "", self.tr("Video ({0})").format(patterns)
        )
        if path:
            self.camera.setText(path)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder gambar kamera pengganti"))
        if path:
            self.camera.setText(path)

    def save(self) -> None:
        current = self.station.settings.current
        office = replace(
            current.office,
            name=self.office_name.text().strip(),
            address=self.office_address.text().strip(),
            head_name=self.head_name.text().strip(),
        )
        try:
            self.station.settings.change(
                camera=self.camera.text().strip() or None,
                daily_quota=self.quota.value(),
                idle_lock_minutes=self.idle.value(),
                thermal=self.thermal.isChecked(),
                review_required=self.review.isChecked(),
                office=office,
                progress=replace(current.progress, wajib_ktp=self.wajib.value()),
                biometrics=replace(self.station.settings.current.biometrics, required=self.biometrics.isChecked()),
            )
        except StationError as err:  # the table of permissions decides; the reason is shown here
            self.error.setText(str(err))
            return
        self.accept()
