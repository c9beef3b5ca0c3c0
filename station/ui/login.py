"""First start (station identity + first supervisor), login, and the lock screen's login."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QWidget

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import FormDialog
from station.ui.places import kecamatan_items
from station.ui.widgets import SearchCombo


class FirstStartDialog(FormDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Mulai pertama"),
            self.tr(
                "Atur identitas stasiun sekali saja, lalu buat akun supervisor pertama. Tidak ada kata sandi "
                "bawaan. Setelah ini stasiun menampilkan kode pemulihan satu kali: siapkan kertas."
            ),
            parent,
        )
        self.station = station
        self.recovery_code = ""
        self.station_id = self.field(self.tr("ID stasiun"), text="ST-01")
        self.kecamatan = SearchCombo()
        self.kecamatan.set_items(list(kecamatan_items(station.regions)))
        self.kecamatan.lineEdit().setPlaceholderText(self.tr("ketik nama kecamatan ..."))
        longest = max((self.fontMetrics().horizontalAdvance(t) for t, _ in kecamatan_items(station.regions)), default=0)
        self.kecamatan.setMinimumWidth(min(longest + 60, 720))  # the whole name shows, not cut off
        self.form.addRow(self.tr("Kecamatan kantor"), self.kecamatan)
        self.kecamatan_code = QLabel("")  # the 6 digits every NIK recorded here starts with
        self.form.addRow(self.tr("Kode kecamatan"), self.kecamatan_code)
        self.kecamatan.currentIndexChanged.connect(self._show_code)
        self.user = self.field(self.tr("Nama pengguna supervisor"))
        self.password = self.field(self.tr("Kata sandi (min. 8)"), secret=True)
        self.again = self.field(self.tr("Ulangi kata sandi"), secret=True)
        self.ok_button.setText(self.tr("Mulai"))

    def _show_code(self) -> None:
        code = self.kecamatan.value()
        self.kecamatan_code.setText(
            self.tr("{0} (NIK diawali {1})").format(code, code.replace(".", "")) if code else ""
        )
        if code and self.error.text() == self._pick_kecamatan():
            self.error.setText("")  # answered: the red line must not stay under a chosen kecamatan

    def _pick_kecamatan(self) -> str:
        return self.tr("Pilih kecamatan kantor dari daftar.")

    def submit(self) -> None:
        if not self.passwords_match(self.password, self.again):
            return
        kecamatan = self.kecamatan.value()
        if not kecamatan:
            self.error.setText(self._pick_kecamatan())
            self.kecamatan.setFocus()
            return
        try:
            self.recovery_code = self.station.accounts.first_start(
                self.station_id.text(), kecamatan, self.user.text(), self.password.text()
            )
        except StationError as err:
            self.error.setText(str(err))
            return
        self.accept()


class LoginDialog(FormDialog):
    def __init__(self, station: Station, parent: QWidget | None = None, locked: bool = False) -> None:
        office = station.settings.current.office.name
        super().__init__(
            self.tr("Terkunci — masuk lagi") if locked else self.tr("Masuk"),
            (
                self.tr("Stasiun dikunci. Data warga disembunyikan sampai seseorang masuk lagi.")
                if locked
                else self.tr("{0} — stasiun {1}. Masuk dengan akun Anda sendiri.").format(
                    office, station.settings.current.station_id
                )
            ),
            parent,
        )
        self.station, self.locked = station, locked
        self.user = self.field(self.tr("Nama pengguna"))
        self.password = self.field(self.tr("Kata sandi"), secret=True)
        self.ok_button.setText(self.tr("Masuk"))
        forgot = QPushButton(self.tr("Lupa kata sandi? Pakai kode pemulihan ..."))
        forgot.setObjectName("link")
        forgot.setAutoDefault(False)
        forgot.clicked.connect(self.recover)
        self.extra.addWidget(forgot)

    def submit(self) -> None:
        try:
            self.station.accounts.login(self.user.text(), self.password.text())
        except StationError as err:
            self.error.setText(str(err))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def recover(self) -> None:
        from station.ui.recovery import RecoverDialog

        dialog = RecoverDialog(self.station, self, user=self.user.text())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.accept()  # the recovered account is logged in

    def reject(self) -> None:
        """Closing the login quits the app: say so first, so Esc or a stray click never surprises anyone."""
        answer = QMessageBox.question(
            self,
            self.tr("Tutup aplikasi?"),
            self.tr("Tanpa masuk, aplikasi ditutup. Semua rekaman dan draf tetap tersimpan. Tutup sekarang?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            super().reject()
        else:
            self.activateWindow()
            self.focus_first_empty()
