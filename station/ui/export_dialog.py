"""Ekspor jemput bola: every record still waiting, into one encrypted, signed file on a USB stick, with a progress
bar while it is written (thousands of records take a while on a laptop)."""

from __future__ import annotations

import inspect
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QWidget

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import FormDialog


class _Bridge(QObject):
    progress = Signal(int, int)
    done = Signal(object)  # (count, path) or StationError


def takes_progress(export) -> bool:
    """Whether this station's export reports progress (done, total) to a callback."""
    try:
        return "progress" in inspect.signature(export).parameters
    except (TypeError, ValueError):
        return False


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
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(pick)
        holder = QWidget()
        holder.setLayout(row)
        self.form.addRow(self.tr("Berkas"), holder)
        self.code = self.field(self.tr("Kode transfer kantor"), secret=True)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.extra.addWidget(self.bar)
        self.ok_button.setText(self.tr("Ekspor"))
        self._bridge = _Bridge()
        self._bridge.progress.connect(self._progress)
        self._bridge.done.connect(self._done)
        self.count = 0

    def _pick(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan bundel"), self.path.text(), "*.bundle")
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        target, code = Path(self.path.text()), self.code.text()
        self.ok_button.setEnabled(False)
        self.bar.setVisible(True)
        self.bar.setRange(0, 0)  # busy until the first progress report
        kwargs = {"progress": self._bridge.progress.emit} if takes_progress(self.station.transfer.export) else {}
        open_worker = self.station.worker  # its own connections on the export thread

        def work() -> None:
            try:
                with open_worker() as station:
                    data, count = station.transfer.export(code, **kwargs)
                target.write_bytes(data)
                self._bridge.done.emit((count, target))
            except (StationError, OSError) as err:
                self._bridge.done.emit(err)

        threading.Thread(target=work, name="export", daemon=True).start()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.bar.setFormat(self.tr("{0} dari {1} rekaman").format(done, total))

    def _done(self, result) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(result, Exception):
            self.bar.setVisible(False)
            self.error.setText(str(result))
            return
        self.count, path = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.error.setText("")
        self.intro.setText(self.tr("{0} rekaman diekspor ke {1}.").format(self.count, path))
        self.accept()
