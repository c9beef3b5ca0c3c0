"""The new operator's walkthrough (operator-review.md), each item driven by keys and clicks as it was met.
Headless (QT_QPA_PLATFORM=offscreen), real store."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from station.services.acceptance import PhotoApproval  # noqa: E402
from station.ui.citizen import Citizen  # noqa: E402
from tests.test_enrolment import good  # noqa: E402
from tests.test_recording import capture_of  # noqa: E402
from tests.ui_driver import key, make_window, message_box_button, on_modal, read, type_text  # noqa: E402


@pytest.fixture()
def window(qtbot, station, data_dir):
    w = make_window(station, data_dir)
    yield w
    w.flow.reset()  # a failed test must not leave the close question blocking the teardown
    w.close()


def approved_citizen(faces_dir, still_gate) -> Citizen:
    approval = PhotoApproval(True, "full_window", 0, "2026-11-25T10:00:00Z")
    return Citizen(enrolment=good(), capture=capture_of(faces_dir, still_gate, "img62.jpg"), approval=approval)


# 1. Closing the window past the biodata asks first (the photo and approval are not kept) ---------------------
def test_1_closing_with_an_approved_photo_asks_tutup_or_kembali(qtbot, window, faces_dir, still_gate):
    window.flow.start(approved_citizen(faces_dir, still_gate))
    assert window.flow.go(window.flow.index_of("tinjau"))
    asked = on_modal(QMessageBox, message_box_button("Kembali"))
    key(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked and window.isVisible()  # Kembali: still with the citizen, photo and all
    assert window.flow.citizen.capture is not None
    window.activateWindow()  # what the window manager does when the question closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    asked = on_modal(QMessageBox, message_box_button("Tutup"))
    key(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert asked and not window.isVisible()


def test_1_switching_language_mid_citizen_asks_in_its_own_words(qtbot, window, faces_dir, still_gate):
    """The language is switched by rebuilding the window: the same loss as closing, but a new operator was asked
    about closing ("Jika ditutup ... Tutup") when they had asked for English."""
    window.flow.start(approved_citizen(faces_dir, still_gate))
    assert window.flow.go(window.flow.index_of("tinjau"))
    seen = {}

    def answer(box: QMessageBox) -> None:
        seen["text"] = box.informativeText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        message_box_button("Kembali")(box)

    asked = on_modal(QMessageBox, answer)
    window.switch_language("en")
    assert asked and window.isVisible() and window.restart_language is None  # Kembali: nothing switched
    assert seen["text"].startswith("Jika bahasa diganti sekarang") and "Ganti bahasa" in seen["buttons"]
    assert "Tutup" not in seen["buttons"]


def test_1_closing_with_only_the_biodata_does_not_ask(qtbot, window):
    key(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible() and QApplication.activeModalWidget() is None


def click_nav(window, title: str) -> None:
    nav = window.nav
    [item] = nav.findItems(title, Qt.MatchFlag.MatchExactly)
    QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center())


# 2. A refused step leaves the sidebar on the page shown, and its warning goes once the flow moves on -----------
def test_2_the_not_ready_warning_names_the_step_and_goes_when_done(qtbot, window, faces_dir, still_gate):
    citizen = approved_citizen(faces_dir, still_gate)
    citizen.approval = None  # the photo is taken, the citizen has not answered yet
    window.flow.start(citizen)
    assert window.flow.go(window.flow.index_of("persetujuan"))
    click_nav(window, "Tinjau")
    assert window.stack.currentWidget() is window.approval_page
    assert window.banner.isVisible() and "Persetujuan" in window.banner.text.text()
    assert [i.text() for i in window.nav.selectedItems()] == ["Persetujuan"]
    assert window.nav.currentItem().text() == "Persetujuan"
    read(qtbot)
    qtbot.mouseClick(window.approval_page.yes_btn, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.review_page
    assert not window.banner.isVisible()  # the warning is answered: it does not follow to the next steps
    assert [i.text() for i in window.nav.selectedItems()] == ["Tinjau"]


# 5. Recovery codes without O/0/I/1; an older code is still accepted when typed with 0 for O --------------------
def test_5_recovery_codes_avoid_look_alikes_and_an_old_code_typed_with_zero_recovers(qtbot, data_dir, monkeypatch):
    import station.services.accounts as accounts
    from station.services.station import Station
    from station.storage.crypto import recovery_code
    from station.ui.recovery import RecoverDialog
    from tests.ui_driver import show, type_text

    codes = "".join(recovery_code() for _ in range(200))
    assert not set(codes) & set("O0I1") and len(recovery_code()) == 29
    old = "UVQP-WVQU-JZ6T-3NFO-U5YV-EBPI"  # printed before: RFC 4648 base32, an O and an I in it
    monkeypatch.setattr(accounts, "recovery_code", lambda: old)
    station = Station(data_dir)
    assert station.accounts.first_start("ST-TEST", "33.24.01", "spv", "rahasia-spv-1") == old
    station.accounts.lock()
    dialog = RecoverDialog(station, user="spv")
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    dialog.code.setFocus()
    type_text("uvqp wvqu jz6t 3nf0 u5yv ebp1")  # read off the sheet: 0 for O, 1 for I, spaces for dashes
    dialog.password.setFocus()
    type_text("sandi-baru-123")
    dialog.again.setFocus()
    type_text("sandi-baru-123")
    on_modal(QMessageBox, message_box_button("OK"))
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert station.operator.name == "spv"
    station.close()


# 7. The office's kecamatan: its whole name at first start, its code there and in the header -------------------
def test_7_the_kecamatan_code_is_shown_at_first_start_and_in_the_header(qtbot, data_dir, window):
    from station.services.station import Station
    from station.ui.login import FirstStartDialog
    from tests.ui_driver import show, type_text

    assert "Plantungan (33.24.01)" in window.header.office.text()  # the station the window fixture set up
    fresh = Station(data_dir / "fresh")
    dialog = FirstStartDialog(fresh)
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    dialog.kecamatan.setFocus()
    type_text("plantung")
    key(Qt.Key.Key_Tab)
    assert dialog.kecamatan.value() == "33.24.01"
    assert dialog.kecamatan_code.text().startswith("33.24.01") and "332401" in dialog.kecamatan_code.text()
    edit = dialog.kecamatan.lineEdit()
    assert edit.fontMetrics().horizontalAdvance(edit.text()) < edit.width(), edit.text()  # not cut off
    fresh.close()


# 9. RT/RW as the KTP prints them -------------------------------------------------------------------------------
def test_9_rt_rw_are_shown_with_three_digits(qtbot, window, faces_dir, still_gate):
    from PySide6.QtWidgets import QLabel

    citizen = approved_citizen(faces_dir, still_gate)
    citizen.enrolment.rt, citizen.enrolment.rw = "3", "7"
    window.flow.start(citizen)
    click_nav(window, "Tinjau")
    assert window.stack.currentWidget() is window.review_page
    texts = " ".join(w.text() for w in window.review_page.findChildren(QLabel))
    assert "003/007" in texts and "3 / 7" not in texts


def call_citizen(qtbot, window) -> None:
    """F2, F3: a ticket, then its citizen on Biodata with the cursor in the NIK."""
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.biodata_page.inputs["nik"])


# 6. A word typed into a list that has no such item empties it and says so (not Buddha for Bandung) -----------
def test_6_typing_a_word_not_in_the_list_does_not_pick_another_item(qtbot, window):
    from PySide6.QtWidgets import QToolTip

    from tests.ui_driver import type_text

    call_citizen(qtbot, window)
    agama = window.biodata_page.inputs["agama"]
    agama.setFocus()
    type_text("Bandung")
    assert agama.currentText() == "", agama.currentText()
    assert "Bandung".lower() in QToolTip.text().lower()
    QTest.qWait(QApplication.keyboardInputInterval() + 50)
    type_text("kr")  # a real choice still takes its first letters
    assert agama.currentText().lower().startswith("kr")
    pekerjaan = window.biodata_page.inputs["pekerjaan"]
    pekerjaan.setFocus()
    type_text("Karyawan S")  # the space is part of the name: it neither opens the list nor starts again
    assert pekerjaan.currentText() == "Karyawan Swasta" and not pekerjaan.view().isVisible()


def test_6_the_open_list_shows_which_item_is_chosen(qtbot, window):
    """The chosen row of an open list was drawn as a blank white box: the operator could not see where the
    highlight was. Now it is the office's blue with the name in white (pixels of the list as drawn)."""
    from PySide6.QtGui import QColor

    from station.ui.style import INFO

    call_citizen(qtbot, window)
    pekerjaan = window.biodata_page.inputs["pekerjaan"]
    pekerjaan.setFocus()
    type_text("Karyawan Swasta")
    pekerjaan.showPopup()
    view = pekerjaan.view()
    qtbot.waitUntil(view.isVisible)
    row = view.visualRect(view.currentIndex())
    image = view.viewport().grab().toImage()
    inside = [image.pixelColor(x, row.center().y()) for x in range(row.left() + 2, row.right() - 2)]
    blue = QColor(INFO)
    near = [
        abs(c.red() - blue.red()) + abs(c.green() - blue.green()) + abs(c.blue() - blue.blue()) < 60 for c in inside
    ]
    assert sum(near) > len(inside) // 2, {c.name() for c in inside}  # the style draws it with a slight gradient
    assert any(c.lightness() > 200 for c in inside)  # the name, in white
    pekerjaan.hidePopup()


def test_2_an_old_message_goes_when_the_operator_moves_on(qtbot, window):
    """A cancelled ticket's warning stayed over the top of every step of the next citizen, hiding the ticket being
    served and the search box, and its "Simpan PDF" took the Space meant for Rekam. Now a message said before the
    page changes goes with it, and the banner's buttons never take the keyboard."""
    window.banner.say("Nomor antrean A-003: tidak dicetak (dibatalkan).", "warning", "Simpan PDF ...", lambda: None)
    assert window.banner.isVisible()
    assert window.banner.action.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.wait(1100)  # the operator reads it, then goes on
    key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Cari rekaman: the search box at the top
    assert window.stack.currentWidget() is window.records_page
    assert not window.banner.isVisible()


# 8. Printing the recovery sheet says so inside the code dialog, not in a stray top-level window ----------------
def test_8_the_recovery_sheet_notice_stays_in_the_code_dialog(qtbot, data_dir):
    from PySide6.QtCore import QSettings

    from station.services.station import Station
    from station.ui.app import first_start, make_app
    from station.ui.login import FirstStartDialog
    from station.ui.recovery import RecoveryCodeDialog
    from tests.printers import FilePrinters
    from tests.ui_driver import click, type_text

    make_app()
    station = Station(data_dir)
    settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    printers = FilePrinters(settings, data_dir / "printed")
    seen = {}

    def fill(dialog: FirstStartDialog) -> None:
        type_text("spv")
        key(Qt.Key.Key_Return)
        type_text("rahasia-spv-1")
        key(Qt.Key.Key_Return)
        type_text("rahasia-spv-1")
        dialog.kecamatan.setFocus()
        type_text("plantung")
        key(Qt.Key.Key_Tab)
        click(dialog.ok_button)
        on_modal(RecoveryCodeDialog, keep)

    def keep(dialog: RecoveryCodeDialog) -> None:
        click(dialog.print_btn)
        seen["printed"] = dialog.printed.text()
        offscreen = Qt.WidgetAttribute.WA_DontShowOnScreen
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen["windows"] = [w for w in shown if not w.testAttribute(offscreen)]
        click(dialog.kept)
        key(Qt.Key.Key_Return)  # Lanjut (the print button, pressed last, was the default: Enter printed again)

    on_modal(FirstStartDialog, fill)
    assert first_start(station, settings, printers)
    assert "dicetak" in seen["printed"] and len(printers.jobs) == 1, printers.jobs
    assert [type(w).__name__ for w in seen["windows"]] == ["RecoveryCodeDialog"]
    station.close()


def test_8_the_kecamatan_warning_goes_once_one_is_chosen(qtbot, data_dir):
    """First start: Mulai without a kecamatan says to pick one; once picked, the red line goes (it stayed)."""
    from station.services.station import Station
    from station.ui.app import make_app
    from station.ui.login import FirstStartDialog
    from tests.ui_driver import click, show, type_text

    make_app()
    station = Station(data_dir)
    dialog = FirstStartDialog(station)
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    for field in (dialog.user, dialog.password, dialog.again):
        field.setFocus()
        type_text("spv" if field is dialog.user else "rahasia-spv-1")
    click(dialog.ok_button)
    assert dialog.error.text() == "Pilih kecamatan kantor dari daftar."
    dialog.kecamatan.setFocus()
    type_text("plantung")
    key(Qt.Key.Key_Tab)
    assert dialog.kecamatan.value() == "33.24.01" and dialog.error.text() == ""
    dialog.reject()
    station.close()
