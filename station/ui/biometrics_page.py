"""Biometrik: after the citizen approved the photo and signed, the ten fingers (slaps 4-4-2, or one finger at a time
on a single-finger scanner), both irises and the verification of an index finger, through the SBI devices.

Every call to a device runs on a worker thread (Station.worker(): its own connections), so the window never waits
on a scanner; the answer comes back as a queued signal. The page shows progress per modality, the Indonesian
messages of each attempt (poor quality and retries left, the same finger twice, an unplugged scanner), and lets
the operator record a finger or eye as an exception confirmed by a supervisor."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station.domain.biometrics import (
    ALLOWED_REASONS,
    BiometricException,
    ExceptionReason,
    FingerPosition,
    Modality,
    Signature,
    quality_band,
)
from station.domain.errors import StationError
from station.services.biometrics import EYES, BiometricSession, StepResult, Verification
from station.services.station import Station
from station.ui.forms import supervisor_missing, supervisor_rows
from station.ui.widgets import NoWheelComboBox

log = logging.getLogger(__name__)

PREVIEW_W, PREVIEW_H = 360, 270

ROWS = (
    ("signature", "Tanda tangan"),
    ("fingers", "Sidik jari (10)"),
    ("irises", "Iris (2)"),
    ("verify", "Verifikasi"),
)


class _Answer(QObject):
    """Lives on the window's thread: a worker thread emits, Qt queues the call to the window."""

    done = Signal(object, object)  # the callback, the result
    failed = Signal(str)
    frame = Signal(object)  # JPEG bytes of the scanner's live view


class BiometricsPage(QWidget):
    completed = Signal(object)  # services.biometrics.BiometricRecord, complete

    def __init__(self, station: Station, ports: Iterable[int] | None = None) -> None:
        super().__init__()
        self.station, self.ports = station, ports
        self.session: BiometricSession | None = None
        self.busy = False
        self._bg: Station | None = None
        self._thread: threading.Thread | None = None
        self._answer = _Answer()
        self._answer.done.connect(self._finish)  # bound to this widget: queued to the window's thread
        self._answer.failed.connect(self._failed)
        self._answer.frame.connect(self._show_frame)
        self._preview_step: str | None = None
        self._preview_stop: threading.Event | None = None
        self._preview_thread: threading.Thread | None = None
        self.frames_shown = 0

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Sidik jari, iris dan verifikasi"))
        title.setObjectName("title")
        layout.addWidget(title)
        grid = QGridLayout()
        self.progress: dict[str, QLabel] = {}
        for i, (key, label) in enumerate(ROWS):
            grid.addWidget(QLabel(f"<b>{self.tr(label)}</b>"), i, 0)
            value = QLabel("-")
            value.setWordWrap(True)
            if key == "fingers":  # ten scores wrap onto a second and third line: room kept, the buttons stay put
                value.setMinimumHeight(3 * self.fontMetrics().lineSpacing())
                value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, i, 1)
            self.progress[key] = value
        grid.setColumnStretch(1, 1)  # the values take the width; the labels stay beside them
        layout.addLayout(grid)
        legend = QLabel(self.tr("Angka: skor mutu NFIQ 2 (0-100); dalam kurung: peringkat mutu 1-10 (10 terbaik)."))
        legend.setObjectName("legend")
        layout.addWidget(legend)
        self.legend = legend
        self.preview = QLabel(self.tr("Pratinjau pemindai"))
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #222; color: #ccc;")
        layout.addWidget(self.preview)
        self.devices = QLabel("")
        self.devices.setWordWrap(True)
        self.devices.setFixedHeight(3 * self.fontMetrics().lineSpacing())  # the buttons below never move
        layout.addWidget(self.devices)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setFixedHeight(4 * self.fontMetrics().lineSpacing())
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.capture_btn = QPushButton(self.tr("Rekam"))
        self.find_btn = QPushButton(self.tr("Cari perangkat"))
        self.exception_btn = QPushButton(self.tr("Pengecualian ..."))
        self.done_btn = QPushButton(self.tr("Selesai, simpan rekaman"))
        self.done_btn.setObjectName("primary")
        for b in (self.capture_btn, self.find_btn, self.exception_btn):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.done_btn)
        layout.addLayout(row)
        layout.addStretch(1)
        self.capture_btn.clicked.connect(self.capture_next)
        self.find_btn.clicked.connect(self.find_devices)
        self.exception_btn.clicked.connect(self.ask_exception)
        self.done_btn.clicked.connect(self.finish)
        for k in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the next capture from the keyboard, as at every step
            QShortcut(QKeySequence(k), self, self._enter, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._refresh()

    # --- the worker ---------------------------------------------------------------------------
    def _run(self, call: Callable[[Station], object], callback: Callable[[object], None]) -> None:
        """CALL(worker station) on a thread; CALLBACK(result) back on the window's thread."""
        if self.busy:
            return
        self.busy = True
        self._refresh()
        if self._bg is None:
            self._bg = self.station.worker()

        def work() -> None:
            try:
                result = call(self._bg)
            except StationError as err:  # DeviceError, UntrustedDevice, InvalidInput: the operator's words
                log.info("biometric step failed code=%s", err.code)
                self._answer.failed.emit(str(err))
            except Exception as err:  # a programming error: logged, and the page stays usable
                log.exception("biometric step crashed")
                self._answer.failed.emit(self.tr("Kesalahan tak terduga: {0}").format(type(err).__name__))
            else:
                self._answer.done.emit(callback, result)

        self._thread = threading.Thread(target=work, name="biometrics", daemon=True)
        self._thread.start()

    def _finish(self, callback, result) -> None:
        self.busy = False
        callback(result)
        self._refresh()

    def _failed(self, message: str) -> None:
        self.busy = False
        self.show_error(message)
        self._refresh()

    def wait(self, timeout: float = 60.0) -> None:
        """For tests and closing: the call under way has returned (its answer may still be queued)."""
        if self._thread is not None:
            self._thread.join(timeout)

    # --- the flow -----------------------------------------------------------------------------
    def start(self, signature: Signature) -> None:
        """A new citizen: find the devices and keep the signature (SOP: signature before the fingers)."""
        self.close_worker()
        self.session = None
        self.message.setText(self.tr("Mencari pemindai ..."))

        def begin(st: Station) -> BiometricSession:
            session = st.biometrics.begin(self.ports)
            st.biometrics.sign(session, signature)
            return session

        self._run(begin, self._ready)

    def _ready(self, session: BiometricSession) -> None:
        self.session = session
        self.show_info(self.tr("Tanda tangan tersimpan. Tempelkan empat jari tangan kiri lalu tekan Rekam."))

    def capture_next(self) -> None:
        if self.session is None:
            return
        step = self.session.next_step()
        session = self.session
        if step is None:
            return
        if step == "irises":
            self._run(lambda st: st.biometrics.capture_irises(session), self._result)
        elif step == "verify":
            self._run(lambda st: st.biometrics.verify(session), self._result)
        elif step != "signature":
            self._run(lambda st: st.biometrics.capture_fingers(session, step), self._result)

    def _result(self, result: StepResult | Verification) -> None:
        if isinstance(result, Verification):
            (self.show_info if result.matched else self.show_error)(result.message)
            return
        text = "\n".join(result.messages)
        if result.refused:
            self.show_error(text)
        elif result.done and not result.below and not result.missing:
            self.show_info(text)
        else:
            left = self.tr("Sisa ulangan: {0}.").format(result.retries_left)
            self.show_error(f"{text}\n{left}")

    def find_devices(self) -> None:
        if self.session is None:
            return
        session = self.session
        self._run(lambda st: st.biometrics.find_devices(session), self._found)

    def _found(self, problems: dict) -> None:
        if problems:
            self.show_error("\n".join(problems.values()))
        else:
            self.show_info(self.tr("Pemindai sidik jari dan iris siap."))

    def ask_exception(self) -> None:
        if self.session is None or self.busy:
            return
        dlg = BiometricExceptionDialog(self.station, self.session)
        if dlg.exec() and dlg.exception is not None:
            self.show_info(self.tr("Pengecualian {0} dicatat.").format(dlg.exception.label))
        self._refresh()

    def finish(self) -> None:
        if self.session is not None and self.session.next_step() is None and not self.busy:
            self.completed.emit(self.session.record())

    # --- the scanner's live view ---------------------------------------------------------------
    def _follow_preview(self) -> None:
        """Stream the live view of the step at hand (restarted when the step changes; stopped at the end)."""
        step = self.session.next_step() if self.session is not None else None
        if step == self._preview_step:
            return
        self.stop_preview()
        self.preview.clear()  # the last fingerprint must not stand for the irises
        self.preview.setText(self.tr("Pratinjau pemindai"))
        self._preview_step = step
        if step in (None, "signature"):
            return
        if self._bg is None:
            self._bg = self.station.worker()
        session, bg, stop = self.session, self._bg, threading.Event()
        self._preview_stop = stop

        def run() -> None:
            while not stop.is_set():
                try:
                    frames = bg.biometrics.preview(session, step)
                    try:
                        for jpeg in frames:
                            if stop.is_set():
                                break
                            self._answer.frame.emit(jpeg)
                    finally:
                        getattr(frames, "close", lambda: None)()  # ends the HTTP stream at once
                except StationError:  # no scanner, unplugged: the capture says so; try again shortly
                    stop.wait(1.0)

        self._preview_thread = threading.Thread(target=run, name="biometrics-preview", daemon=True)
        self._preview_thread.start()

    @property
    def previewing(self) -> bool:
        return self._preview_thread is not None

    def stop_preview(self) -> None:
        if self._preview_stop is not None:
            self._preview_stop.set()
        if self._preview_thread is not None:
            self._preview_thread.join(3.0)
        self._preview_stop, self._preview_thread, self._preview_step = None, None, None

    def _show_frame(self, jpeg: bytes) -> None:
        if self._preview_stop is None or self._preview_stop.is_set():
            return
        image = QImage.fromData(jpeg, "JPEG")
        if image.isNull():
            return
        self.frames_shown += 1
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                PREVIEW_W, PREVIEW_H, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        )

    def close_worker(self) -> None:
        self.stop_preview()
        self.wait(5.0)
        if self._bg is not None:
            self._bg.close()
            self._bg = None

    # --- what the operator sees ---------------------------------------------------------------
    def show_error(self, text: str) -> None:
        shown = self.session.device_problems.values() if self.session is not None else ()
        lines = [line for line in text.splitlines() if line not in shown]  # said once, in the devices line
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText("\n".join(lines))

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text)

    def _enter(self) -> None:
        """Enter: the next capture, or, when all are taken, save (a new operator found neither key worked)."""
        for button in (self.capture_btn, self.done_btn):
            if button.isEnabled():
                button.click()
                return

    def _refresh(self) -> None:
        s = self.session
        step = s.next_step() if s is not None else None
        self._follow_preview()
        self.capture_btn.setEnabled(s is not None and step is not None and not self.busy)
        self.find_btn.setEnabled(s is not None and not self.busy)
        self.exception_btn.setEnabled(s is not None and not self.busy)
        self.done_btn.setEnabled(s is not None and step is None and not self.busy)
        if self.isVisible() and not self.busy:  # a disabled button lost the focus while it worked: give it back
            ready = next((b for b in (self.capture_btn, self.done_btn) if b.isEnabled()), None)
            now = QApplication.focusWidget()
            if ready is not None and (now is None or not now.isEnabled() or now in (self.find_btn, self.exception_btn)):
                ready.setFocus()
        if s is None:
            for label in self.progress.values():
                label.setText("-")
            return
        if step in (None, "signature"):
            self.capture_btn.setText(self.tr("Rekam"))
        elif step == "irises":
            self.capture_btn.setText(self.tr("Rekam: kedua iris"))
        elif step == "verify":
            self.capture_btn.setText(self.tr("Rekam: verifikasi telunjuk"))
        else:
            self.capture_btn.setText(self.tr("Rekam: {0}").format(s.step(step).label.lower()))
        self.progress["signature"].setText(self.tr("terekam") if s.signature is not None else "-")
        excepted = {(e.modality, int(e.position)) for e in s.exceptions.values()}
        fingers = []
        for p in FingerPosition:
            if not p:
                continue
            if (Modality.FINGER, p) in excepted:
                fingers.append(f"{p.label}: {self.tr('dikecualikan')}")
            elif p in s.fingers:
                c = s.fingers[p]
                mark = "" if c.ok else " !"
                fingers.append(f"{p.label}: {c.score} ({quality_band(c.score)}){mark}")
        done = sum(1 for p in FingerPosition if p and (p in s.fingers or (Modality.FINGER, p) in excepted))
        self.progress["fingers"].setText(f"{done}/10 — " + "; ".join(fingers) if fingers else "0/10")
        eyes = []
        for e in EYES:
            if (Modality.IRIS, e) in excepted:
                eyes.append(f"{e.label}: {self.tr('dikecualikan')}")
            elif e in s.irises:
                eyes.append(f"{e.label}: {s.irises[e].score} ({quality_band(s.irises[e].score)})")
        self.progress["irises"].setText("; ".join(eyes) or "-")
        v = s.verification
        self.progress["verify"].setText(
            "-" if v is None else (self.tr("cocok") if v.matched else self.tr("belum cocok")) + f" ({v.position.label})"
        )
        missing = " ".join(dict.fromkeys(s.device_problems.values()))  # one scanner problem said once
        todo = self.tr("Lalu tekan Cari perangkat. Tanpa pemindai, minta supervisor mencatat pengecualian.")
        self.devices.setText(self.tr("Perangkat: {0} {1}").format(missing, todo) if missing else "")


class BiometricExceptionDialog(QDialog):
    """A finger or an eye that cannot be captured: reason, note, a proof photo, a supervisor's password."""

    def __init__(self, station: Station, session: BiometricSession) -> None:
        super().__init__()
        self.station, self.session = station, session
        self.setWindowTitle(self.tr("Pengecualian biometrik"))
        form = QFormLayout(self)
        self.which = NoWheelComboBox()  # data: "finger:6", "iris:2" (a tuple would not survive Qt's variants)
        self.which.addItem(self.tr("— pilih jari atau mata —"), None)  # never a finger the operator did not pick
        for p in FingerPosition:
            if p:
                self.which.addItem(p.label, f"{Modality.FINGER.value}:{int(p)}")
        for e in EYES:
            self.which.addItem(e.label, f"{Modality.IRIS.value}:{int(e)}")
        form.addRow(self.tr("Jari / mata"), self.which)
        self.reason = NoWheelComboBox()
        form.addRow(self.tr("Alasan"), self.reason)
        self.which.currentIndexChanged.connect(self._reasons)
        self._reasons()
        self.note = QLineEdit()
        form.addRow(self.tr("Keterangan"), self.note)
        self.proof = QLineEdit()
        pick = QPushButton(self.tr("Pilih foto bukti ..."))
        pick.clicked.connect(self._pick)
        proof_row = QHBoxLayout()
        proof_row.addWidget(self.proof, 1)
        proof_row.addWidget(pick)
        form.addRow(self.tr("Foto bukti (JPEG)"), proof_row)
        self.spv, self.spv_pw, self.error = supervisor_rows(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Konfirmasi"))  # as Pengecualian foto
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.exception: BiometricException | None = None

    def chosen(self) -> tuple[Modality, int] | None:
        if self.which.currentData() is None:
            return None
        modality, position = str(self.which.currentData()).split(":")
        return Modality(modality), int(position)

    def _reasons(self) -> None:
        """The reasons that fit the finger or eye chosen, none of them picked yet."""
        chosen = self.chosen()
        self.reason.clear()
        self.reason.addItem(self.tr("— pilih alasan —"), None)
        for r in sorted(ALLOWED_REASONS[chosen[0]], key=lambda r: r.value) if chosen else []:
            self.reason.addItem(r.label, r.value)

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Foto bukti"), str(Path.home()), "JPEG (*.jpg *.jpeg)")
        if path:
            self.proof.setText(path)

    def submit(self) -> None:
        chosen = self.chosen()
        if chosen is None or self.reason.currentData() is None:
            missing = self.which if chosen is None else self.reason
            self.error.setText(self.tr("Pilih jari atau mata dan alasannya dulu."))
            missing.setFocus()
            return
        if supervisor_missing(self.spv, self.spv_pw, self.error):
            return
        try:
            proof = Path(self.proof.text()).read_bytes() if self.proof.text() else b""
        except OSError:
            self.error.setText(self.tr("Foto bukti tidak bisa dibaca."))
            return
        try:
            supervisor = self.station.accounts.confirm_supervisor(self.spv.text(), self.spv_pw.text())
            modality, position = chosen
            exc = BiometricException(
                modality,
                position,
                ExceptionReason(self.reason.currentData()),
                self.note.text(),
                proof,
                self.station.operator.name if self.station.operator else "?",
                supervisor,
            )
            self.station.biometrics.add_exception(self.session, exc)
        except StationError as err:
            self.error.setText(str(err))
            return
        self.exception = exc
        self.accept()
