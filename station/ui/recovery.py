"""The recovery code: shown once at first start (it opens the data when every supervisor password is lost), with an
"I have written it down" step and a printed sheet; and using it later to set a new password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import FormDialog, fit_text


class RecoveryCodeDialog(QDialog):
    """Cannot be closed until the operator says the code is written down (or printed) and kept."""

    def __init__(self, code: str, print_sheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kode pemulihan — catat sekarang"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Kode ini membuka data stasiun bila semua kata sandi supervisor hilang. Tanpa kode ini, rekaman "
                "yang belum terkirim tidak bisa dibaca lagi. Kode hanya ditampilkan SEKALI INI: tulis di kertas "
                "atau cetak, simpan di brankas kantor, jangan disimpan di laptop ini."
            )
        )
        intro.setWordWrap(True)
        self.code = QLabel(code)
        self.code.setObjectName("code")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_btn = QPushButton(self.tr("Cetak lembar kode (A4)"))
        self._print_sheet = print_sheet  # () -> what happened, in words
        self.print_btn.clicked.connect(lambda: self.printed.setText(self._print_sheet()))
        self.printed = QLabel("")
        self.printed.setWordWrap(True)
        self.kept = QCheckBox(self.tr("Saya sudah menulis atau mencetak kode ini dan menyimpannya di tempat aman"))
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.next_btn = QPushButton(self.tr("Lanjut"))
        self.next_btn.setObjectName("primary")
        self.next_btn.setEnabled(False)
        # Enter goes on once the box is ticked; it never prints the sheet again (the button printed last was the
        # dialog's default: Enter reopened the print dialog)
        self.print_btn.setAutoDefault(False)
        self.next_btn.setDefault(True)
        self.kept.toggled.connect(self.next_btn.setEnabled)
        self.kept.toggled.connect(lambda on: on and self.error.clear())  # the warning is answered: it goes
        self.next_btn.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.print_btn)
        row.addStretch(1)
        row.addWidget(self.next_btn)
        for w in (intro, self.code, self.printed, self.kept, self.error):
            layout.addWidget(w)
        layout.addLayout(row)
        self.kept.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.activateWindow()
        self.kept.setFocus()

    def reject(self) -> None:
        """Esc or the close box: not before the code is kept."""
        if self.kept.isChecked():
            self.accept()
        else:
            self.error.setText(self.tr("Catat atau cetak kode dulu, lalu centang kotak di atas."))


class RecoverDialog(FormDialog):
    """A forgotten password: the office's recovery code sets a new one (and logs that account in)."""

    def __init__(self, station: Station, parent: QWidget | None = None, user: str = "") -> None:
        super().__init__(
            self.tr("Pulihkan dengan kode pemulihan"),
            self.tr(
                "Masukkan kode pemulihan dari lembar yang disimpan di kantor, nama pengguna yang lupa kata "
                "sandinya, dan kata sandi baru. Setelah itu Anda masuk sebagai pengguna tersebut."
            ),
            parent,
        )
        self.station = station
        self.code = self.field(self.tr("Kode pemulihan"))
        fit_text(self.code, "WWWW-WWWW-WWWW-WWWW-WWWW-WWWW")  # the code as printed, whole
        self.user = self.field(self.tr("Nama pengguna"), text=user)
        self.password = self.field(self.tr("Kata sandi baru (min. 8)"), secret=True)
        self.again = self.field(self.tr("Ulangi kata sandi baru"), secret=True)
        self.ok_button.setText(self.tr("Pulihkan"))

    def submit(self) -> None:
        if not self.passwords_match(self.password, self.again):
            return
        try:
            self.station.accounts.recover(self.code.text(), self.user.text(), self.password.text())
        except StationError as err:
            self.error.setText(str(err))
            return
        QMessageBox.information(
            self,
            self.tr("Kata sandi dipulihkan"),
            self.tr("Kata sandi {0} sudah diganti. Anda masuk sebagai {0}.").format(self.user.text().strip().lower()),
        )
        self.accept()
