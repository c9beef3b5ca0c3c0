"""Akun pengguna (supervisor): everyone gets their own login, so a photo exception can be confirmed by someone
else, a lockout stops one person only, and the audit trail tells people apart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import FormDialog
from station.ui.widgets import NoWheelComboBox
from station.ui.words import role_name


class AddAccountDialog(FormDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Tambah akun"),
            self.tr("Setiap petugas memakai akunnya sendiri. Kata sandi paling sedikit 8 karakter."),
            parent,
        )
        self.station = station
        self.user = self.field(self.tr("Nama pengguna"))
        self.role = NoWheelComboBox()
        self.role.addItem(role_name("operator"), "operator")
        self.role.addItem(role_name("supervisor"), "supervisor")
        self.form.addRow(self.tr("Peran"), self.role)
        self.password = self.field(self.tr("Kata sandi"), secret=True)
        self.again = self.field(self.tr("Ulangi kata sandi"), secret=True)
        self.ok_button.setText(self.tr("Tambah"))

    def submit(self) -> None:
        if not self.passwords_match(self.password, self.again):
            return
        try:
            self.station.accounts.add(self.user.text(), self.password.text(), self.role.currentData())
        except StationError as err:
            self.error.setText(str(err))
            return
        self.accept()


class ResetPasswordDialog(FormDialog):
    def __init__(self, station: Station, user: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Atur ulang kata sandi {0}").format(user),
            self.tr("Kata sandi baru untuk {0}. Sampaikan langsung kepada orangnya; kunci akunnya ikut dibuka.").format(
                user
            ),
            parent,
        )
        self.station, self.user = station, user
        self.password = self.field(self.tr("Kata sandi baru"), secret=True)
        self.again = self.field(self.tr("Ulangi kata sandi baru"), secret=True)
        self.ok_button.setText(self.tr("Simpan kata sandi"))

    def submit(self) -> None:
        if not self.passwords_match(self.password, self.again):
            return
        try:
            self.station.accounts.reset_password(self.user, self.password.text())
        except StationError as err:
            self.error.setText(str(err))
            return
        self.accept()


class AccountsDialog(QDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.setWindowTitle(self.tr("Akun pengguna"))
        self.setMinimumSize(620, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Nama pengguna"), self.tr("Peran"), self.tr("Terkunci sampai")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        self.add_btn = QPushButton(self.tr("Tambah akun ..."))
        self.add_btn.setObjectName("primary")
        self.reset_btn = QPushButton(self.tr("Atur ulang kata sandi ..."))
        self.unlock_btn = QPushButton(self.tr("Buka kunci"))
        close = QPushButton(self.tr("Tutup"))
        for b in (self.add_btn, self.reset_btn, self.unlock_btn):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.add_btn.clicked.connect(self.add)
        self.reset_btn.clicked.connect(self.reset)
        self.unlock_btn.clicked.connect(self.unlock)
        close.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._selection)
        self.refresh()

    def refresh(self) -> None:
        try:
            accounts = self.station.accounts.list()
        except StationError as err:  # an operator opened it: the permission table says why not
            self.message.setText(str(err))
            for b in (self.add_btn, self.reset_btn, self.unlock_btn):
                b.setEnabled(False)
            return
        self.table.setRowCount(len(accounts))
        for i, a in enumerate(accounts):
            for j, text in enumerate((a.name, role_name(a.role), a.locked_until or "—")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.name)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self._selection()

    def _selected(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _selection(self) -> None:
        user = self._selected()
        self.reset_btn.setEnabled(user is not None)
        locked = bool(user) and self.table.item(self.table.currentRow(), 2).text() != "—"
        self.unlock_btn.setEnabled(locked)

    def add(self) -> None:
        dialog = AddAccountDialog(self.station, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.setText(self.tr("Akun {0} ditambahkan.").format(dialog.user.text().strip().lower()))
            self.refresh()

    def reset(self) -> None:
        user = self._selected()
        if user and ResetPasswordDialog(self.station, user, self).exec() == QDialog.DialogCode.Accepted:
            self.message.setText(self.tr("Kata sandi {0} sudah diganti.").format(user))
            self.refresh()

    def unlock(self) -> None:
        user = self._selected()
        if not user:
            return
        try:
            self.station.accounts.unlock(user)
        except StationError as err:
            self.message.setText(str(err))
            return
        self.message.setText(self.tr("Kunci akun {0} dibuka.").format(user))
        self.refresh()
