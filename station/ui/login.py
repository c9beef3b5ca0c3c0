"""First start (station identity + first supervisor) and operator login."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from station.domain.errors import StationError
from station.services.station import Station


class _Form(QDialog):
    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        info = QLabel(intro)
        info.setWordWrap(True)
        layout.addWidget(info)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))  # Qt has no Indonesian
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def field(self, label: str, secret: bool = False, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        return edit

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class FirstStartDialog(_Form):
    def __init__(self, station: Station) -> None:
        super().__init__(
            self.tr("Mulai pertama"),
            self.tr(
                "Atur identitas stasiun sekali saja, lalu buat akun supervisor pertama. Tidak ada kata sandi bawaan."
            ),
        )
        self.station = station
        self.recovery_code = ""
        self.station_id = self.field(self.tr("ID stasiun"), text="ST-01")
        self.kecamatan = self.field(self.tr("Kode kecamatan"), text="33.24.01")
        self.user = self.field(self.tr("Nama pengguna supervisor"))
        self.password = self.field(self.tr("Kata sandi (min. 8)"), secret=True)
        self.again = self.field(self.tr("Ulangi kata sandi"), secret=True)

    def submit(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText(self.tr("Kedua kata sandi tidak sama."))
            return
        try:
            self.recovery_code = self.station.accounts.first_start(
                self.station_id.text(), self.kecamatan.text().strip(), self.user.text(), self.password.text()
            )
        except StationError as err:
            self.error.setText(str(err))
            return
        self.accept()


class LoginDialog(_Form):
    def __init__(self, station: Station) -> None:
        super().__init__(
            self.tr("Masuk"),
            self.tr("Stasiun {0} — masuk sebagai operator.").format(station.settings.current.station_id),
        )
        self.station = station
        self.user = self.field(self.tr("Nama pengguna"))
        self.password = self.field(self.tr("Kata sandi"), secret=True)

    def submit(self) -> None:
        try:
            self.station.accounts.login(self.user.text(), self.password.text())
        except StationError as err:
            self.error.setText(str(err))
            self.password.clear()
            return
        self.accept()
