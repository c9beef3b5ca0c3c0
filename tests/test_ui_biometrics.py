"""The signature and biometrics pages, driven by clicks (pytest-qt, offscreen) against the REAL SBI simulator on
127.0.0.1: strokes with time and pressure, clear and sign again; ten prints through 4-4-2 slaps, the same finger
twice refused in plain Indonesian, both irises, the index finger verified; the window keeps painting while a
capture is under way (the scanner is called on a worker thread)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QPointingDevice, QTabletEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402

from station.domain.biometrics import FingerPosition, Modality  # noqa: E402
from station.ui.biometrics_page import BiometricsPage  # noqa: E402
from station.ui.signature_page import SignaturePage  # noqa: E402
from tests import test_biometric_citizen as citizen  # noqa: E402
from tests.sbi import admin  # noqa: E402
from tests.test_biometric_session import signature  # noqa: E402
from tests.test_enrolment import good  # noqa: E402
from tests.test_recording import capture_of  # noqa: E402

keys_dir, sim, counter = citizen.keys_dir, citizen.sim, citizen.counter  # the same fixtures


def draw(qtbot, canvas, points) -> None:
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(canvas, QPoint(x, y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_signature_with_the_mouse_cleared_and_signed_again(qtbot):
    page = SignaturePage()
    qtbot.addWidget(page)
    page.show()
    assert not page.save_btn.isEnabled()
    draw(qtbot, page.canvas, [(40 + 6 * i, 120 + (i % 5) * 4) for i in range(8)])
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)  # 8 points: too short
    assert "terlalu pendek" in page.error.text()
    qtbot.mouseClick(page.clear_btn, Qt.MouseButton.LeftButton)
    assert page.canvas.strokes == [] and not page.save_btn.isEnabled()
    draw(qtbot, page.canvas, [(40 + 8 * i, 100 + (i % 7) * 6) for i in range(30)])
    draw(qtbot, page.canvas, [(300 + 5 * i, 90 + (i % 4) * 9) for i in range(20)])
    with qtbot.waitSignal(page.signed) as signed:
        qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    sig = signed.args[0]
    assert len(sig.strokes) == 2 and sig.points == 50 and sig.device == "mouse"
    assert all(p.pressure == 1.0 for s in sig.strokes for p in s)
    times = [p.t_ms for s in sig.strokes for p in s]
    assert times == sorted(times)


def test_a_pen_tablet_gives_pressure(qtbot):
    page = SignaturePage()
    qtbot.addWidget(page)
    page.show()
    canvas = page.canvas
    pen = QPointingDevice.primaryPointingDevice()
    kinds = [QTabletEvent.Type.TabletPress] + [QTabletEvent.Type.TabletMove] * 14 + [QTabletEvent.Type.TabletRelease]
    for i, kind in enumerate(kinds):
        pos = QPointF(50 + 10 * i, 120 + (i % 3) * 5)
        event = QTabletEvent(
            kind, pen, pos, canvas.mapToGlobal(pos), 0.2 + 0.05 * i, 0.0, 0.0, 0.0, 0.0, 0.0,
            Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
        )  # fmt: skip
        QApplication.sendEvent(canvas, event)
    sig = canvas.signature()
    assert sig.device == "pen" and sig.points == 15
    pressures = [p.pressure for p in sig.strokes[0]]
    assert pressures[0] == pytest.approx(0.2) and pressures[-1] == pytest.approx(0.9)


def press(qtbot, page) -> None:
    qtbot.mouseClick(page.capture_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)


def test_ten_prints_irises_verification_by_clicks_against_the_simulator(qtbot, counter, sim, faces_dir, still_gate):
    station = counter
    page = BiometricsPage(station, ports=[sim.port])
    qtbot.addWidget(page)
    page.show()
    page.start(signature())
    qtbot.waitUntil(lambda: page.session is not None, timeout=30_000)
    assert page.progress["signature"].text() == "terekam" and "kiri" in page.capture_btn.text()
    qtbot.waitUntil(lambda: page.frames_shown >= 2, timeout=15_000)  # the scanner's live view (SBI STREAM)

    # The window keeps painting while the scanner works: a timer ticks during a slow capture.
    admin(sim, "delay", type="Finger", delay=1500, method=["RCAPTURE"])
    ticks = []
    timer = QTimer(interval=50, timeout=lambda: ticks.append(1))
    timer.start()
    qtbot.mouseClick(page.capture_btn, Qt.MouseButton.LeftButton)
    assert page.busy and not page.capture_btn.isEnabled()
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
    timer.stop()
    assert len(ticks) >= 10, ticks  # >= 0.5 s of ticks while the capture ran
    admin(sim, "delay", type="Finger", delay=0)
    assert page.progress["fingers"].text().startswith("4/10")

    # The same finger twice: the operator puts the left index down again for the right index.
    admin(sim, "present", map={"Right IndexFinger": "Left IndexFinger"})
    press(qtbot, page)
    assert "jari yang sama ditempelkan dua kali" in page.message.text(), page.message.text()
    assert page.progress["fingers"].text().startswith("4/10")
    admin(sim, "present", map={})

    for _ in range(12):
        if page.session.next_step() is None:
            break
        press(qtbot, page)
    assert page.done_btn.isEnabled(), page.message.text()
    assert page.progress["fingers"].text().startswith("10/10")
    assert "Iris kanan" in page.progress["irises"].text() and "cocok" in page.progress["verify"].text()
    assert page.session.verification.position == FingerPosition.RIGHT_INDEX
    with qtbot.waitSignal(page.completed) as completed:
        qtbot.mouseClick(page.done_btn, Qt.MouseButton.LeftButton)
    record = completed.args[0]
    assert record.complete and not page.previewing  # nothing left to show: the live view stopped
    done = station.records.accept(good(), capture_of(faces_dir, still_gate, "img62.jpg"), biometrics=record)
    assert len(station.biometrics.stored(done.uuid)) == 16
    page.close_worker()


def test_every_capture_and_the_save_by_the_enter_key(qtbot, counter, sim):
    """A new operator could press Rekam neither with Enter nor with Space: the button lost the focus while it was
    disabled during each capture. Enter now takes the next capture, and then saves."""
    page = BiometricsPage(counter, ports=[sim.port])
    qtbot.addWidget(page)
    page.resize(1166, 700)  # the page beside the step list at 1366x768
    page.show()
    page.activateWindow()
    page.start(signature())
    qtbot.waitUntil(lambda: page.session is not None and page.capture_btn.isEnabled(), timeout=30_000)
    y = page.capture_btn.mapTo(page, QPoint(0, 0)).y()
    for _ in range(8):
        if page.session.next_step() is None:
            break
        qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
        assert QApplication.focusWidget() in (page.capture_btn, page.done_btn)
        QApplication.processEvents()
        assert page.capture_btn.mapTo(page, QPoint(0, 0)).y() == y, page.progress["fingers"].text()  # stays put
    assert page.session.next_step() is None and page.done_btn.isEnabled(), page.message.text()
    with qtbot.waitSignal(page.completed):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    page.close_worker()


def test_an_unplugged_scanner_is_said_on_the_page_and_found_again(qtbot, counter, sim):
    page = BiometricsPage(counter, ports=[sim.port])
    qtbot.addWidget(page)
    page.start(signature())
    qtbot.waitUntil(lambda: page.session is not None, timeout=30_000)
    admin(sim, "status", type="Finger", deviceStatus="Not Ready")
    press(qtbot, page)
    assert "kabel USB" in page.devices.text() + page.message.text()
    admin(sim, "status", type="Finger", deviceStatus="Ready")
    qtbot.mouseClick(page.find_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert "siap" in page.message.text()
    press(qtbot, page)
    assert page.progress["fingers"].text().startswith("4/10")
    page.close_worker()


def test_no_scanner_is_said_once_with_what_to_do_and_the_buttons_stay_put(qtbot, counter, sim):
    """Operator review 4: no scanner at all, Rekam then Cari perangkat twice: one line, no '.;', what to do."""
    page = BiometricsPage(counter, ports=[sim.port])
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    page.start(signature())
    qtbot.waitUntil(lambda: page.session is not None, timeout=30_000)
    y = page.capture_btn.mapTo(page, QPoint(0, 0)).y()
    for kind in ("Finger", "Iris"):
        admin(sim, "status", type=kind, deviceStatus="Not Ready")
    press(qtbot, page)
    for _ in range(2):
        qtbot.mouseClick(page.find_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    shown = page.devices.text() + "\n" + page.message.text()
    assert shown.count("kabel USB") == 1 and ".;" not in shown, shown
    assert "Cari perangkat" in shown and "pengecualian" in shown
    assert page.capture_btn.mapTo(page, QPoint(0, 0)).y() == y
    assert "NFIQ 2" in page.legend.text() and "1-10" in page.legend.text()
    for kind in ("Finger", "Iris"):
        admin(sim, "status", type=kind, deviceStatus="Ready")
    page.close_worker()


def test_the_window_goes_photo_approval_signature_biometrics_then_accepts(
    qtbot, counter, sim, faces_dir, still_gate, data_dir
):
    """SOP order in the window: the citizen approves the photo, signs, gives ten prints and two irises, is
    verified; only then does Tinjau accept the record (and the receipt is printed)."""
    from station.services.acceptance import PhotoApproval
    from station.ui.citizen import Citizen
    from tests.ui_driver import key, make_window, read

    station = counter
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    window.biometrics_step.page.ports = [sim.port]
    approval = PhotoApproval(True, "full_window", 0, "2026-11-25T10:00:00Z")
    citizen = Citizen(enrolment=good(), capture=capture_of(faces_dir, still_gate, "img62.jpg"), approval=approval)
    window.flow.start(citizen)
    assert window.flow.go(window.flow.index_of("tanda_tangan"))
    sign = window.signature_step.page
    assert window.stack.currentWidget() is window.signature_step

    draw(qtbot, sign.canvas, [(40 + 8 * i, 100 + (i % 7) * 6) for i in range(30)])
    qtbot.mouseClick(sign.save_btn, Qt.MouseButton.LeftButton)
    page = window.biometrics_step.page
    assert window.stack.currentWidget() is window.biometrics_step
    qtbot.waitUntil(lambda: page.session is not None, timeout=30_000)
    for _ in range(12):
        if page.session.next_step() is None:
            break
        press(qtbot, page)
    page.done_btn.setFocus()
    key(Qt.Key.Key_Return)  # Selesai, simpan rekaman ...
    key(Qt.Key.Key_Return)  # ... pressed twice: it used to accept the record before Tinjau could be read
    assert window.stack.currentWidget() is window.review_page, page.message.text()
    shown = window.review_page.biometrics.text()  # Tinjau shows what is being accepted beside the photo
    assert "Sidik jari terekam: 10 dari 10" in shown and "Verifikasi" in shown and "Iris" in shown
    assert station.records.counts().get("queued", 0) == 0  # not accepted until Tinjau says so
    read(qtbot)
    qtbot.mouseClick(window.review_page.accept_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(station.records.find(good().nik)), timeout=10_000)
    [rec] = station.records.find(good().nik)
    assert len(station.biometrics.stored(rec.uuid)) == 16
    assert station.records.get(rec.uuid).quality["biometrics"]["complete"]
    window.close()


def test_a_photo_only_office_switches_biometrics_off_in_settings(qtbot, data_dir):
    from station.ui.settings_dialog import SettingsDialog
    from tests.stations import new_station

    with new_station(data_dir) as station:
        assert station.settings.current.biometrics.required  # the default: a complete record
        dialog = SettingsDialog(station)
        qtbot.addWidget(dialog)
        assert dialog.biometrics.isChecked()
        dialog.biometrics.setChecked(False)
        dialog.save()
        assert not station.settings.current.biometrics.required
        assert station.settings.current.biometrics.finger_nfiq2_min == 40  # the thresholds stay


def test_an_exception_in_the_window_needs_the_supervisors_password(qtbot, counter, sim, tmp_path):
    from station.domain.biometrics import ExceptionReason, Modality
    from station.ui.biometrics_page import BiometricExceptionDialog
    from tests.keys import PASSWORD
    from tests.test_biometric_session import PHOTO

    page = BiometricsPage(counter, ports=[sim.port])
    qtbot.addWidget(page)
    page.start(signature())
    qtbot.waitUntil(lambda: page.session is not None, timeout=30_000)
    proof = tmp_path / "tangan.jpg"
    proof.write_bytes(PHOTO)
    dialog = BiometricExceptionDialog(counter, page.session)
    qtbot.addWidget(dialog)
    dialog.which.setCurrentIndex(dialog.which.findData("finger:6"))
    dialog.reason.setCurrentIndex(dialog.reason.findText(ExceptionReason.AMPUTATED.label))
    dialog.note.setText("jempol kiri diamputasi 2019")
    dialog.proof.setText(str(proof))
    dialog.spv.setText("spv")
    dialog.spv_pw.setText("bukan-sandinya")
    dialog.submit()
    assert "salah" in dialog.error.text().lower() and dialog.exception is None
    dialog.spv_pw.setText(PASSWORD)
    dialog.submit()
    assert dialog.exception is not None and dialog.exception.supervisor == "spv"
    assert (Modality.FINGER, int(FingerPosition.LEFT_THUMB)) in page.session.exceptions
    page._refresh()
    assert "Jempol kiri: dikecualikan" in page.progress["fingers"].text()
    page.close_worker()


def test_no_finger_and_no_reason_are_chosen_for_the_operator(qtbot, counter, sim):
    """The exception dialog opens with neither a finger nor a reason picked (it used to open on the right thumb
    and its first reason, one Konfirmasi from an exception nobody chose); the reasons follow the finger chosen."""
    from station.ui.biometrics_page import BiometricExceptionDialog
    from tests.ui_driver import click, focused, key, show, type_text

    page = BiometricsPage(counter, ports=[sim.port])
    qtbot.addWidget(page)
    page.start(signature())
    qtbot.waitUntil(lambda: page.session is not None, timeout=30_000)
    dialog = BiometricExceptionDialog(counter, page.session)
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    assert dialog.which.currentData() is None and dialog.reason.count() == 1  # only "— pilih alasan —"
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    click(ok)
    assert dialog.exception is None and dialog.error.text() == "Pilih jari atau mata dan alasannya dulu."
    assert focused() is dialog.which
    for _ in range(6):  # the right hand's five, then the left thumb
        key(Qt.Key.Key_Down)
    assert dialog.chosen() == (Modality.FINGER, int(FingerPosition.LEFT_THUMB))
    assert dialog.reason.currentData() is None and dialog.reason.count() > 1
    click(ok)
    assert dialog.exception is None and focused() is dialog.reason
    dialog.which.setFocus()
    type_text("Kelingking ki")  # the space is part of the name (it opened the list: Kelingking kanan)
    assert dialog.chosen() == (Modality.FINGER, int(FingerPosition.LEFT_LITTLE))
    page.close_worker()
