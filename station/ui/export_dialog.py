"""Ekspor jemput bola: every record still waiting, into one encrypted, signed file on a USB stick, with a progress
bar while it is written (thousands of records take a while on a laptop)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QProgressDialog, QPushButton, QWidget

from station.domain.errors import StationError
from station.domain.passwords import new_transfer_code
from station.files import removable_drives
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
        sticks = removable_drives()  # a stick plugged in: the bundle goes there unless the operator says otherwise
        folder = sticks[0] if sticks else Path.home()
        self.path = QLineEdit(str(folder / f"jemput-{station.settings.current.station_id}.bundle"))
        usb = "/media/operator/FLASHDISK/jemput-ST-01.bundle"  # a stick's path as Linux mounts it; E:\ is shorter
        fit_text(self.path, max(self.path.text(), usb, key=len))  # the whole path, not its last half
        self.file_row(self.tr("Berkas"), self.path, self._pick)
        self.code = self._code_row(self.tr("Kode transfer kantor"))
        make = QPushButton(self.tr("Buat kode"))
        make.setAutoDefault(False)
        make.setToolTip(self.tr("Kode acak 24 huruf yang tidak bisa ditebak, untuk ditulis dan dibawa ke kantor"))
        make.clicked.connect(self.make_code)
        self.code.parentWidget().layout().addWidget(make)
        self.make_button = make
        self.again = self._code_row(self.tr("Ulangi kode"))
        self.mismatch = QLabel("")
        self.mismatch.setObjectName("error")
        self.again.parentWidget().layout().addWidget(self.mismatch)
        self.again.textEdited.connect(lambda _text: self.mismatch.setText(""))
        self.code.textEdited.connect(lambda _text: self.mismatch.setText(""))
        self.made = QLabel("")  # the code made here, in letters big enough to copy onto paper
        self.made.setWordWrap(True)
        self.made.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.made.setVisible(False)
        self.form.addRow(self.made)
        self.ok_button.setText(self.tr("Ekspor"))
        self._bridge = _Bridge()
        self._bridge.progress.connect(self._progress)
        self._bridge.done.connect(self._done)
        self.progress: QProgressDialog | None = None
        self.count = 0
        self.written: Path | None = None

    def _code_row(self, label: str) -> QLineEdit:
        """A hidden-text field with room beside it (a button, a message), Enter moving on as in every form."""
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.installEventFilter(self)
        edit.textEdited.connect(lambda _text: self.error.setText(""))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        holder = QWidget()
        holder.setLayout(row)
        self.form.addRow(label, holder)
        self.fields.append(edit)
        self.labels[edit] = label
        return edit

    def make_code(self) -> None:
        """A new random code (the one `station transfer-code` prints), shown in the open to be written down; both
        fields filled with it (nothing was typed, so nothing to mistype)."""
        code = new_transfer_code()
        for edit in (self.code, self.again):
            edit.setText(code)
            edit.setEchoMode(QLineEdit.EchoMode.Normal)
        self.mismatch.setText("")
        self.error.setText("")
        self.made.setText(
            self.tr(
                "Tulis kode ini di kertas dan bawa terpisah dari flashdisk; kantor mengetiknya saat impor:<br>"
                "<span style='font-size:16pt; font-family:monospace'><b>{0}</b></span>"
            ).format(code)
        )
        self.made.setVisible(True)
        fit_text(self.code, code)
        # room for the wrapped hint and the code under it (the dialog kept its height and cut them off)
        self.made.setMinimumHeight(self.made.heightForWidth(max(self.made.width(), self.form.geometry().width())))
        self.adjustSize()

    def _pick(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan bundel"), self.path.text(), "*.bundle")
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        target, code = Path(self.path.text()), self.code.text()
        if self.again.text() != code:  # one typo and the office cannot open the bundle
            self.mismatch.setText(self.tr("Tidak sama dengan kode di atas."))
            self.again.clear()
            self.again.setFocus()
            return
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
                    _, count = station.transfer.export(code, progress=report, to=target)
                self._bridge.done.emit((count, target))
            except StationError as err:
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
