"""Impor jemput bola: a USB bundle from a mobile team taken in at an office station, every check first
(station.services.transfer), on its own thread so the window keeps painting; the outcome in words (new, already
here, conflicts, refused with the first rule each breaks)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from station.domain.errors import StationError
from station.files import removable_drives
from station.services.station import Station
from station.ui.forms import FormDialog, fit_text


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
        self.file_row(self.tr("Berkas"), self.path, self._pick)
        self.fields.append(self.path)
        self.code = self.field(self.tr("Kode transfer kantor"), secret=True)
        self.message_under_fields()
        self.ok_button.setText(self.tr("Impor"))
        self.report = None

    def _pick(self) -> None:
        start = self.path.text() or str((removable_drives() or [Path.home()])[0])  # the stick, not the program
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Buka bundel"), start, "*.bundle")
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        source, code = Path(self.path.text().strip()), self.code.text()
        open_worker = self.station.worker

        def work() -> object:  # the ImportReport, or what went wrong in words
            try:
                data = source.read_bytes()
                with open_worker() as station:
                    return station.transfer.import_bundle(data, code)
            except OSError:
                return self.tr("Berkas {0} tidak bisa dibaca.").format(source.name)
            except StationError as err:
                return str(err)

        self.work_aside("import", work, self._done)

    def _done(self, result) -> None:
        if isinstance(result, str):
            self.say(result)
            return
        self.report = result
        self.accept()

    def summary(self) -> str:
        r = self.report
        if r.repeats and not (r.imported or r.conflicts or r.refused):
            return self.tr("Impor dari {0}: {1} rekaman sudah ada di stasiun ini, tidak ada yang baru.").format(
                r.station_id, r.repeats
            )
        return self.tr("Impor dari {0}: {1} baru, {2} sudah ada, {3} konflik, {4} ditolak.").format(
            r.station_id, r.imported, r.repeats, len(r.conflicts), len(r.refused)
        )
