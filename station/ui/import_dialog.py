"""Impor jemput bola: a USB bundle from a mobile team taken in at an office station, every check first
(station.services.transfer), on its own thread so the window keeps painting; the outcome in words (new, already
here, conflicts, refused with the first rule each breaks)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QWidget

from station.domain.errors import StationError
from station.services.station import Station
from station.ui.forms import FormDialog, fit_text


class _Bridge(QObject):
    done = Signal(object)  # ImportReport or an error


class ImportDialog(FormDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Impor jemput bola"),
            self.tr(
                "Bundel dari tim jemput bola diperiksa seluruhnya dulu (penanda tangan terdaftar, setiap rekaman) "
                "lalu dimasukkan sekaligus. Rekaman yang sudah ada dilewati. Kode transfer kantor dibutuhkan."
            ),
            parent,
        )
        self.station = station
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("berkas .bundle di flashdisk"))
        fit_text(self.path, "/media/operator/FLASHDISK/jemput-ST-01.bundle")
        pick = QPushButton(self.tr("Pilih ..."))
        pick.setAutoDefault(False)
        pick.clicked.connect(self._pick)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(pick)
        holder = QWidget()
        holder.setLayout(row)
        self.form.addRow(self.tr("Berkas"), holder)
        self.fields.insert(0, self.path)
        self.labels[self.path] = self.tr("Berkas")
        self.path.installEventFilter(self)
        self.code = self.field(self.tr("Kode transfer kantor"), secret=True)
        self.layout().removeWidget(self.error)  # the message in its own row under the fields, wrapped, never
        self.form.addRow(self.error)  # drawn over them: the dialog grows to fit it (_say)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.extra.addWidget(self.busy)
        self.ok_button.setText(self.tr("Impor"))
        self._bridge = _Bridge()
        self._bridge.done.connect(self._done)
        self.report = None

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Buka bundel"), self.path.text(), "*.bundle")
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        source, code = Path(self.path.text().strip()), self.code.text()
        self.ok_button.setEnabled(False)
        self.busy.setVisible(True)
        self.error.setText("")
        open_worker = self.station.worker

        def work() -> None:
            try:
                data = source.read_bytes()
                with open_worker() as station:
                    self._bridge.done.emit(station.transfer.import_bundle(data, code))
            except OSError:
                self._bridge.done.emit(self.tr("Berkas {0} tidak bisa dibaca.").format(source.name))
            except StationError as err:
                self._bridge.done.emit(str(err))

        threading.Thread(target=work, name="import", daemon=True).start()

    def _done(self, result) -> None:
        self.ok_button.setEnabled(True)
        self.busy.setVisible(False)
        if isinstance(result, str):
            self._say(result)
            return
        self.report = result
        self.accept()

    def _say(self, text: str) -> None:
        """The message whole: the dialog made as tall as its wrapped lines need at the dialog's width."""
        self.error.setText(text)
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        if need > self.height():
            self.resize(self.width(), need)

    def summary(self) -> str:
        r = self.report
        if r.repeats and not (r.imported or r.conflicts or r.refused):
            return self.tr("Impor dari {0}: {1} rekaman sudah ada di stasiun ini, tidak ada yang baru.").format(
                r.station_id, r.repeats
            )
        return self.tr("Impor dari {0}: {1} baru, {2} sudah ada, {3} konflik, {4} ditolak.").format(
            r.station_id, r.imported, r.repeats, len(r.conflicts), len(r.refused)
        )
