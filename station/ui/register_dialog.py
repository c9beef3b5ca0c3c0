"""Stasiun > Daftarkan ke server pusat: the registration the CLI's `register` does (station.services.sync
SyncService.register, a supervisor's act), from the window: the centre's https:// address, the one-time
registration code the centre gave for this station, and the centre's CA file when it is not a public one. On its
own thread (the network may take seconds); a refusal is said in the dialog, in the words the service gives."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QWidget

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import FormDialog, fit_text


class _Bridge(QObject):
    done = Signal(object)  # the station id registered, or the refusal's words


class RegisterDialog(FormDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Daftarkan ke server pusat"),
            self.tr(
                "Sekali saja, oleh supervisor: stasiun ini didaftarkan ke server pusat kabupaten/kota. Setelah itu "
                "rekaman dikirim sendiri dan daftar stasiun terdaftar (untuk impor jemput bola) ditarik dari sana."
            ),
            parent,
        )
        self.station = station
        current = station.settings.current.sync.url or "https://"
        self.url = self.field(self.tr("Alamat server pusat"), text=current)
        fit_text(self.url, "https://pusat.disdukcapil.kendalkab.go.id:8443")
        self.code = self.field(self.tr("Kode pendaftaran"), secret=True)
        self.ca = QLineEdit(station.settings.current.sync.ca_bundle or "")
        self.ca.setPlaceholderText(self.tr("kosongkan bila sertifikat pusat dari CA umum"))
        self.ca.installEventFilter(self)
        pick = QPushButton(self.tr("Pilih ..."))
        pick.setAutoDefault(False)
        pick.clicked.connect(self._pick)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.ca, 1)
        row.addWidget(pick)
        holder = QWidget()
        holder.setLayout(row)
        self.form.addRow(self.tr("Berkas CA (opsional)"), holder)
        self.fields.append(self.ca)
        self.labels[self.ca] = self.tr("Berkas CA (opsional)")
        self.layout().removeWidget(self.error)
        self.form.addRow(self.error)  # wrapped, in its own row under the fields
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.extra.addWidget(self.busy)
        self.ok_button.setText(self.tr("Daftarkan"))
        self._bridge = _Bridge()
        self._bridge.done.connect(self._done)
        self.registered: str | None = None

    def optional(self) -> tuple[QLineEdit, ...]:
        return (self.ca,)

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Berkas CA server pusat"), self.ca.text(), "*.pem *.crt *.cer;;*"
        )
        if path:
            self.ca.setText(path)

    def submit(self) -> None:
        url, code, ca = self.url.text().strip(), self.code.text().strip(), self.ca.text().strip()
        if not url.startswith("https://") or len(url) <= len("https://"):
            self._say(self.tr("Alamat server pusat harus lengkap dan diawali https://."))
            self.url.setFocus()
            return
        if ca and not Path(ca).is_file():
            self._say(self.tr("Berkas CA {0} tidak ada.").format(ca))
            self.ca.setFocus()
            return
        self.ok_button.setEnabled(False)
        self.busy.setVisible(True)
        self.error.setText("")
        open_worker = self.station.worker

        def work() -> None:
            try:
                with open_worker() as station:
                    self._bridge.done.emit(("ok", station.sync.register(url, code, ca or None)))
            except StationError as err:
                self._bridge.done.emit(("refused", str(err)))
            except OSError as err:  # a CA file that is not a certificate, a socket error below requests
                self._bridge.done.emit(("refused", self.tr("Pendaftaran gagal: {0}").format(err.strerror or err)))

        threading.Thread(target=work, name="register", daemon=True).start()

    def _done(self, result) -> None:
        self.ok_button.setEnabled(True)
        self.busy.setVisible(False)
        kind, value = result
        if kind != "ok":
            self._say(value)
            return
        self.registered = value
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        if need > self.height():
            self.resize(self.width(), need)
