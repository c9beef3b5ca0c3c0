"""Ekspor jemput bola: every record still waiting, into one encrypted, signed file on a USB stick, with a progress
bar while it is written (thousands of records take a while on a laptop)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QProgressDialog, QPushButton, QWidget

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import FormDialog, fit_text


class _Bridge(QObject):
    progress = Signal(int, int)
    done = Signal(object)  # (count, path) or StationError


class ExportDialog(FormDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Ekspor jemput bola"),
            self.tr(
                "Semua rekaman yang belum diakui pusat masuk ke satu berkas terenkripsi untuk dibawa ke kantor "
                "yang daring. Kode transfer kantor dibutuhkan lagi saat impor."
            ),
            parent,
        )
        self.station = station
        self.path = QLineEdit(str(Path.home() / f"jemput-{station.settings.current.station_id}.bundle"))
        pick = QPushButton(self.tr("Pilih ..."))
        pick.clicked.connect(self._pick)
        usb = "/media/operator/FLASHDISK/jemput-ST-01.bundle"  # a stick's path as Linux mounts it; E:\ is shorter
        fit_text(self.path, max(self.path.text(), usb, key=len))  # the whole path, not its last half
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(pick)
        holder = QWidget()
        holder.setLayout(row)
        self.form.addRow(self.tr("Berkas"), holder)
        self.code = self.field(self.tr("Kode transfer kantor"), secret=True)
        self.ok_button.setText(self.tr("Ekspor"))
        self._bridge = _Bridge()
        self._bridge.progress.connect(self._progress)
        self._bridge.done.connect(self._done)
        self.progress: QProgressDialog | None = None
        self.count = 0
        self.written: Path | None = None

    def _pick(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan bundel"), self.path.text(), "*.bundle")
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        target, code = Path(self.path.text()), self.code.text()
        self.ok_button.setEnabled(False)
        self.progress = QProgressDialog(self.tr("Menyiapkan ekspor ..."), "", 0, 0, self)
        self.progress.setWindowTitle(self.tr("Ekspor jemput bola"))
        self.progress.setCancelButton(None)  # a half-written bundle is no use; it takes a minute for thousands
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)  # "N dari N" stays until the bundle is on the stick (then _done closes it)
        self.progress.setMinimumWidth(420)
        self.progress.show()
        open_worker = self.station.worker  # its own connections on the export thread
        report = self._bridge.progress.emit

        def work() -> None:
            try:
                with open_worker() as station:
                    data, count = station.transfer.export(code, progress=report)
                target.write_bytes(data)
                self._bridge.done.emit((count, target))
            except (StationError, OSError) as err:
                self._bridge.done.emit(err)

        threading.Thread(target=work, name="export", daemon=True).start()

    def _progress(self, done: int, total: int) -> None:
        if self.progress is None:
            return
        self.progress.setLabelText(self.tr("Menulis rekaman ke bundel: {0} dari {1}").format(done, total))
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)  # last: a modal progress dialog runs the event loop here

    def _done(self, result) -> None:
        self.ok_button.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if isinstance(result, Exception):
            self.error.setText(str(result))
            return
        self.count, self.written = result
        self.error.setText("")
        self.accept()
