"""Stasiun > Daftarkan ke server pusat: the registration the CLI's `register` does (station.services.sync
SyncService.register, a supervisor's act), from the window: the centre's https:// address, the one-time
registration code the centre gave for this station, and the centre's CA file when it is not a public one. On its
own thread (the network may take seconds); a refusal is said in the dialog, in the words the service gives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import FormDialog, fit_text


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
        self.file_row(self.tr("Berkas CA (opsional)"), self.ca, self._pick)
        self.fields.append(self.ca)
        self.message_under_fields()
        self.ok_button.setText(self.tr("Daftarkan"))
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
            self.say(self.tr("Alamat server pusat harus lengkap dan diawali https://."))
            self.url.setFocus()
            return
        if ca and not Path(ca).is_file():
            self.say(self.tr("Berkas CA {0} tidak ada.").format(ca))
            self.ca.setFocus()
            return
        open_worker = self.station.worker

        def work() -> tuple[str, str]:  # ("ok", the station registered) or ("refused", why, in words)
            try:
                with open_worker() as station:
                    return "ok", station.sync.register(url, code, ca or None)
            except StationError as err:
                return "refused", str(err)
            except OSError as err:  # a CA file that is not a certificate, a socket error below requests
                return "refused", self.tr("Pendaftaran gagal: {0}").format(err.strerror or err)

        self.work_aside("register", work, self._done)

    def _done(self, result) -> None:
        kind, value = result
        if kind != "ok":
            self.say(value)
            return
        self.registered = value
        self.accept()
