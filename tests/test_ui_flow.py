"""The operator's whole flow, headless (pytest-qt, QT_QPA_PLATFORM=offscreen), on a real store and a stand-in
camera playing a real video built from real photos."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from station.camera import VideoFile  # noqa: E402
from station.domain.lifecycle import RecordStatus  # noqa: E402
from tests.standin_video import build  # noqa: E402
from tests.stations import as_user, new_station, store_record  # noqa: E402


@pytest.fixture()
def station(data_dir):
    st = new_station(data_dir)
    yield st
    st.close()


def type_into(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def select(combo, value: str) -> None:
    i = combo.findData(value)
    assert i >= 0, value
    combo.setCurrentIndex(i)


def test_login_ticket_form_capture_accept(qtbot, station, faces_dir, tmp_path, data_dir):
    from station.ui.app import make_app
    from station.ui.login import LoginDialog
    from station.ui.main_window import MainWindow

    make_app()
    station.accounts.lock()  # as the app starts: nobody logged in
    login = LoginDialog(station)
    qtbot.addWidget(login)
    type_into(qtbot, login.user, "spv")
    type_into(qtbot, login.password, "salah-sandi")
    login.submit()
    assert "salah" in login.error.text() and station.operator is None
    type_into(qtbot, login.password, "rahasia-spv-1")
    login.submit()
    assert station.operator is not None and station.operator.role == "supervisor"

    video = tmp_path / "standin.avi"
    build(faces_dir, video)
    settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(station, lambda: VideoFile(video, realtime=True, loop=True), settings)
    qtbot.addWidget(window)
    window.show()

    ticket = window.queue_page.issue()
    assert ticket.label == "A-001" and ticket.service_date >= station.clock.today()
    window.queue_page.call_next()
    assert window.stack.currentWidget() is window.biodata_page

    page = window.biodata_page
    type_into(qtbot, page.edits["nik"], "33240155089")  # too short
    assert "16 digit" in page.errors["nik"].text() and page.errors["nik"].isVisibleTo(page)
    assert not page.next_btn.isEnabled()
    type_into(qtbot, page.edits["nik"], "3324015508900003")
    type_into(qtbot, page.edits["no_kk"], "3324010101150002")
    type_into(qtbot, page.edits["nama"], "Siti Rahmawati")
    type_into(qtbot, page.edits["tempat_lahir"], "Kendal")
    page.birth.setDate(dt.date(1990, 8, 15))
    for name, value in [
        ("jenis_kelamin", "P"),
        ("agama", "Islam"),
        ("status_perkawinan", "Kawin"),
        ("pekerjaan", "Petani/Pekebun"),
        ("pendidikan", "SLTA/Sederajat"),
        ("hubungan_keluarga", "Istri"),
    ]:
        select(page.combos[name], value)
    type_into(qtbot, page.edits["alamat"], "Jl. Pemuda No. 3")
    type_into(qtbot, page.edits["rt"], "003")
    type_into(qtbot, page.edits["rw"], "001")
    select(page.region[3], "33.24.01.2001")
    assert page.problems() == [] and page.next_btn.isEnabled()
    qtbot.mouseClick(page.next_btn, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.photo_page

    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review_page, timeout=60_000)
    assert window.capture is not None and window.capture.verdict.accepted
    qtbot.mouseClick(window.review_page.accept_btn, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.queue_page

    [rec] = station.records.find("3324015508900003")
    stored = station.records.get(rec.uuid)
    assert stored.status is RecordStatus.QUEUED and stored.enrolment.nama == "Siti Rahmawati"
    assert stored.photos["crop"].data[:2] == b"\xff\xd8"  # a JPEG
    assert station.queue.tickets()[0].record_uuid == rec.uuid
    papers = sorted(p.name for p in (data_dir / "papers").glob("*.pdf"))
    assert papers == [f"antrean-{ticket.service_date:%Y%m%d}-A-001.pdf", f"bukti-{rec.uuid[:8]}-80mm.pdf"]
    window.close()


def test_status_bar_follows_sync_without_blocking(qtbot, station, data_dir, tmp_path):
    from station.domain.enrolment import Enrolment
    from station.ui.app import make_app
    from station.ui.main_window import MainWindow
    from tests.central import start_central
    from tests.tls import make_ca_and_server

    central = start_central(tmp_path, *make_ca_and_server(tmp_path / "tls"))
    try:
        for i in range(3):
            store_record(station, Enrolment(nik=f"332401550890000{i + 1}", nama=f"Warga {i}"), b"j" * 900)
        station.sync.register(central.url, central.code(station), central.ca)
        make_app()
        settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(station, lambda: None, settings)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: "daring" in window.sync_label.text(), timeout=30_000)
        qtbot.waitUntil(lambda: station.records.counts() == {"acknowledged": 3}, timeout=30_000)
        qtbot.waitUntil(lambda: window.waiting_label.text().endswith(": 0"), timeout=10_000)
        window.close()
    finally:
        central.stop()


def test_idle_window_locks_and_asks_for_the_password_again(qtbot, station, data_dir):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from station.domain.errors import NotAllowed
    from station.storage import Locked
    from station.ui.app import make_app
    from station.ui.main_window import MainWindow

    make_app()
    settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(station, lambda: None, settings)
    qtbot.addWidget(window)
    window.show()
    seen = []

    def answer_login():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.windowTitle())
        with pytest.raises((Locked, NotAllowed)):  # while the dialog is up, the data key is out of memory
            station.records.find("")
        dialog.user.setText("spv")
        dialog.password.setText("rahasia-spv-1")
        dialog.submit()

    QTimer.singleShot(300, answer_login)
    window._idle.setInterval(50)
    window._idle.start()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    qtbot.waitUntil(lambda: station.operator is not None, timeout=10_000)
    assert "Terkunci" in seen[0] and window.isVisible()
    assert station.records.find("") == []  # unlocked again
    window.close()


def test_english_is_the_second_language(qtbot, station, data_dir):
    from PySide6.QtWidgets import QApplication

    from station.ui.app import install_language, make_app
    from station.ui.login import LoginDialog
    from station.ui.main_window import MainWindow

    app = make_app()
    try:
        assert install_language(app, "en")
        login = LoginDialog(station)
        qtbot.addWidget(login)
        assert login.windowTitle() == "Log in"
        window = MainWindow(station, lambda: None, QSettings(str(data_dir / "w.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        assert [window.nav.item(i).text() for i in range(5)] == ["Queue", "Biodata", "Photo", "Review", "Records"]
        assert window.queue_page.next_btn.text() == "Call next (F3)"
        window.close()
    finally:
        install_language(QApplication.instance(), "id")


def test_settings_are_for_supervisors_and_take_effect(qtbot, station):
    from station.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(station)
    qtbot.addWidget(dialog)
    dialog.camera.setText("/data/standin.mp4")
    dialog.quota.setValue(120)
    dialog.save()
    current = station.settings.current
    assert current.camera == "/data/standin.mp4" and current.daily_quota == 120
    station.accounts.add("ani", "sandi-operator-1")
    as_user(station, "ani", "sandi-operator-1")
    dialog.quota.setValue(5)
    dialog.save()
    assert "supervisor" in dialog.error.text() and station.settings.current.daily_quota == 120


def test_sleep_and_session_lock_messages_lock_the_station():
    import ctypes

    from station.ui.power import _MSG, PBT_APMSUSPEND, WM_POWERBROADCAST, WindowsPowerFilter, is_sleep_or_lock

    assert is_sleep_or_lock(WM_POWERBROADCAST, PBT_APMSUSPEND) and not is_sleep_or_lock(WM_POWERBROADCAST, 0x12)
    locked = []
    f = WindowsPowerFilter(lambda: locked.append(True))
    msg = _MSG(None, WM_POWERBROADCAST, PBT_APMSUSPEND, 0, 0, 0, 0)  # what Windows sends as the lid closes
    f.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg))
    assert locked == [True]


def test_supervisor_reviews_the_day_in_the_window(qtbot, station):
    from station.domain.enrolment import Enrolment
    from station.ui.review_dialog import ReviewDialog

    station.review.enable()
    uuids = [
        store_record(station, Enrolment(nik=f"332401550890000{i + 1}", nama=f"Warga {i}"), b"j" * 50) for i in range(2)
    ]
    dialog = ReviewDialog(station)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2 and station.records.waiting_to_sync() == 0
    dialog.list.setCurrentRow(0)
    dialog.decide("hold")
    assert "alasan" in dialog.error.text().lower()  # a hold needs a reason
    dialog.reason.setText("foto ulang besok")
    dialog.decide("hold")
    dialog.list.setCurrentRow(0)
    dialog.decide("approve")
    statuses = sorted(station.records.get(u).status.value for u in uuids)
    assert statuses == [RecordStatus.HELD.value, RecordStatus.QUEUED.value] and station.records.waiting_to_sync() == 1
