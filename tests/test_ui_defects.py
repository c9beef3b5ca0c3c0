"""Issue 14's numbered defects, each driven as an operator meets it: keys to whatever has the focus, clicks on
what is on screen, the menus through their keys. Headless (QT_QPA_PLATFORM=offscreen), real store."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton  # noqa: E402

from station.domain.enrolment import Enrolment  # noqa: E402
from station.domain.lifecycle import RecordStatus  # noqa: E402
from tests.keys import PASSWORD  # noqa: E402
from tests.printers import FilePrinters  # noqa: E402
from tests.stations import as_user, store_record  # noqa: E402
from tests.ui_driver import (  # noqa: E402
    NIK,
    click,
    click_item,
    focused,
    key,
    make_window,
    message_box_button,
    on_modal,
    show,
    type_text,
    wait_focus,
)


def serve_first(qtbot, window) -> None:
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.biodata_page.inputs["nik"])


# 1. The recovery code is shown at first start, kept on paper, and usable ---------------------------------------
def test_1_first_start_shows_the_recovery_code_once_and_it_recovers_a_password(qtbot, data_dir):
    from station.services.station import Station
    from station.ui.app import first_start, make_app
    from station.ui.login import FirstStartDialog, LoginDialog
    from station.ui.recovery import RecoverDialog, RecoveryCodeDialog

    make_app()
    station = Station(data_dir)
    settings = QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)
    printers = FilePrinters(settings, data_dir / "printed")
    seen = {}

    def fill_first_start(dialog: FirstStartDialog) -> None:
        assert focused() is dialog.user  # ID stasiun is prefilled: the cursor waits at the first empty field
        right = dialog.kecamatan.mapTo(dialog, dialog.kecamatan.rect().topRight()).x()
        assert right < dialog.width()  # the kecamatan list ran past the dialog's edge
        type_text("spv")
        key(Qt.Key.Key_Return)  # to the password, not a submit
        type_text("rahasia-spv-1")
        key(Qt.Key.Key_Return)
        type_text("rahasia-spv-1")
        dialog.kecamatan.setFocus()
        type_text("plantung")
        key(Qt.Key.Key_Tab)
        click(dialog.ok_button)
        on_modal(RecoveryCodeDialog, keep_the_code)

    def keep_the_code(dialog: RecoveryCodeDialog) -> None:
        seen["code"] = dialog.code.text()
        assert not dialog.next_btn.isEnabled()
        key(Qt.Key.Key_Escape)  # cannot be closed before the code is kept
        assert dialog.isVisible() and "Catat" in dialog.error.text()
        click(dialog.print_btn)
        seen["printed"] = dialog.printed.text()
        click(dialog.kept)
        assert dialog.error.text() == ""  # answered: the warning does not stay (a new operator saw it stay)
        click(dialog.next_btn)

    on_modal(FirstStartDialog, fill_first_start)
    assert first_start(station, settings, printers)
    code = seen["code"]
    assert len(code) >= 12 and "dicetak" in seen["printed"] and len(printers.jobs) == 1
    assert station.settings.current.kecamatan == "33.24.01"
    sheet = printers.jobs[0].read_bytes()
    assert sheet.startswith(b"%PDF")

    station.accounts.lock()  # another day: the supervisor forgot the password
    login = LoginDialog(station)
    qtbot.addWidget(login, before_close_func=lambda w: w.done(0))

    def recover(dialog: RecoverDialog) -> None:
        type_text(code)
        key(Qt.Key.Key_Return)
        type_text("spv")
        key(Qt.Key.Key_Return)
        type_text("sandi-baru-123")
        key(Qt.Key.Key_Return)
        type_text("sandi-baru-123")
        on_modal(QMessageBox, message_box_button("OK"))
        key(Qt.Key.Key_Return)

    login.show()
    on_modal(RecoverDialog, recover)
    click(button(login, "kode pemulihan"))
    assert login.result() == login.DialogCode.Accepted and station.operator.name == "spv"
    as_user(station, "spv", "sandi-baru-123")  # the new password opens the data
    station.close()


# 2. Operator accounts from the window ------------------------------------------------------------------------------
def test_2_supervisor_adds_an_operator_and_unlocks_them(qtbot, station, data_dir):
    from station.ui.accounts_dialog import AccountsDialog, AddAccountDialog

    window = make_window(station, data_dir)
    qtbot.addWidget(window)

    def add_ani(dialog: AddAccountDialog) -> None:
        type_text("ani")
        key(Qt.Key.Key_Return)
        type_text("sandi-operator-1")
        key(Qt.Key.Key_Return)
        type_text("sandi-operator-1")
        key(Qt.Key.Key_Return)

    def accounts(dialog: AccountsDialog) -> None:
        on_modal(AddAccountDialog, add_ani)
        click(dialog.add_btn)
        assert "ani" in dialog.message.text()
        names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        assert names == ["ani", "spv"] or sorted(names) == ["ani", "spv"]
        dialog.accept()

    on_modal(AccountsDialog, accounts)
    key(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # the Stasiun menu ...
    menu = QApplication.activePopupWidget()
    assert menu is not None
    key(Qt.Key.Key_Return)  # ... its first item: Akun pengguna
    QTest.qWait(50)
    assert [a.name for a in station.accounts.list()] == ["ani", "spv"]

    station.accounts.lock()
    for _ in range(5):  # ani mistypes five times: locked, and only ani
        with pytest.raises(Exception):  # noqa: B017 - LoginFailed/LockedOut, both StationError
            station.accounts.login("ani", "salah-salah")
    station.accounts.login("spv", PASSWORD)
    dialog = AccountsDialog(station, window)
    qtbot.addWidget(dialog)
    dialog.show()
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "ani")
    assert dialog.table.item(row, 2).text() != "—"
    click_row(dialog.table, row)
    click(dialog.unlock_btn)
    as_user(station, "ani", "sandi-operator-1")  # unlocked
    window.close()


def click_row(table, row: int) -> None:
    rect = table.visualItemRect(table.item(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def waiver_dialog(qtbot, station, failing: list[str]):
    """The photo waiver dialog as operator ani opens it, with these checks failing on the last frame."""
    from station.ui.waiver_dialog import WaiverDialog

    station.accounts.add("ani", "sandi-operator-1")
    as_user(station, "ani", "sandi-operator-1")
    dialog = WaiverDialog(station, failing)
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    return dialog


def note_and_supervisor(dialog, note: str) -> None:
    """The operator types the note; the supervisor types their name and password."""
    for field, text in ((dialog.note, note), (dialog.spv, "spv"), (dialog.spv_pw, PASSWORD)):
        field.setFocus()
        type_text(text)


def test_2_an_exception_is_confirmed_by_another_account(qtbot, station):
    dialog = waiver_dialog(qtbot, station, ["mouth_closed"])
    dialog.reason.setFocus()
    type_text("d")  # Disabilitas
    note_and_supervisor(dialog, "tidak dapat menutup mulut")
    assert dialog.checks["mouth_closed"].text() == "mulut terbuka"  # words, not the code
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.waiver is not None, dialog.error.text()
    assert (dialog.waiver.operator, dialog.waiver.supervisor) == ("ani", "spv")


def test_2_no_waiver_reason_is_chosen_for_the_operator(qtbot, station):
    """The reason starts empty: a hurried Konfirmasi with the supervisor's password is refused in words, and the
    reason the operator types is the one kept (the first reason in the list used to be taken silently)."""
    dialog = waiver_dialog(qtbot, station, ["eyes_open"])  # the first reason in the list covers it
    note_and_supervisor(dialog, "mata kiri tidak dapat membuka")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    click(ok)
    assert dialog.waiver is None and dialog.error.text() == "Pilih alasan pengecualian."
    assert focused() is dialog.reason
    type_text("d")  # Disabilitas
    click(ok)
    assert dialog.waiver is not None and dialog.waiver.reason == "disabilitas", dialog.error.text()


def test_2_an_empty_waiver_asks_for_what_is_missing_not_for_a_password(qtbot, station):
    """Konfirmasi with the note and the supervisor's rows empty answered "Nama pengguna atau kata sandi salah.":
    now it asks for the note, then for the supervisor, the cursor where the typing goes."""
    dialog = waiver_dialog(qtbot, station, ["mouth_closed"])
    dialog.reason.setFocus()
    type_text("d")  # Disabilitas
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    click(ok)
    assert dialog.error.text() == "Tulis keterangan singkat pengecualian." and focused() is dialog.note
    type_text("tidak dapat menutup mulut")
    click(ok)
    assert dialog.error.text() == "Supervisor mengisi nama dan kata sandinya di sini untuk mengonfirmasi."
    assert focused() is dialog.spv and dialog.waiver is None


def test_2_a_waiver_reason_offers_every_check_it_covers(qtbot, station):
    """The list was only what failed on the last frame (a citizen who moved: the head checks, not the mouth the
    gate had been asking about) and Disabilitas never offered the mouth it names. Now a chosen reason shows every
    check it covers, those failing ticked; what it cannot cover is not shown and not waived."""
    dialog = waiver_dialog(qtbot, station, ["background"])
    shown = {n for n, b in dialog.checks.items() if b.isVisible()}
    assert shown == {"background"} and dialog.checks["background"].isChecked()
    dialog.reason.setFocus()
    type_text("d")  # Disabilitas: yaw, pitch, roll, eyes, mouth ... not the background
    shown = {n for n, b in dialog.checks.items() if b.isVisible()}
    assert "mouth_closed" in shown and "background" not in shown
    assert not any(dialog.checks[n].isChecked() for n in shown)
    dialog.checks["mouth_closed"].setFocus()
    key(Qt.Key.Key_Space)
    assert dialog.checks["mouth_closed"].isChecked()
    note_and_supervisor(dialog, "tidak dapat menutup mulut")
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.waiver is not None and dialog.waiver.checks == ("mouth_closed",), dialog.error.text()


# 3. Login and lock dialogs open with the focus in the first field ----------------------------------------------
def test_3_login_types_into_the_fields_and_enter_moves_on(qtbot, station):
    from station.ui.login import LoginDialog

    station.accounts.lock()
    login = LoginDialog(station)
    qtbot.addWidget(login, before_close_func=lambda w: w.done(0))
    show(qtbot, login)
    qtbot.waitUntil(lambda: focused() is login.user)
    type_text("spv")
    key(Qt.Key.Key_Return)
    assert focused() is login.password and login.isVisible()
    assert station.verify_audit().ok
    on_modal(QMessageBox, message_box_button("Tidak"))
    key(Qt.Key.Key_Escape)  # Esc asks before the app would close
    assert login.isVisible()
    wait_focus(qtbot, login)
    assert focused() is login.password
    type_text(PASSWORD)
    key(Qt.Key.Key_Return)
    assert login.result() == login.DialogCode.Accepted and station.operator.name == "spv"


# 4. Drafts resume: after a restart, from the queue, from Rekaman; F3 mid-way asks --------------------------------
def test_4_a_draft_comes_back_after_a_restart_and_f3_asks_first(qtbot, station, data_dir):
    window = make_window(station, data_dir)
    serve_first(qtbot, window)
    type_text(NIK)
    type_text("3324010101150002")
    type_text("Siti Rahmawati")
    window.close()  # closing saves the draft

    window = make_window(station, data_dir)  # the next morning
    qtbot.addWidget(window)
    page = window.queue_page
    assert "A-001" in page.current.text() and "draf" in page.current.text()
    click(page.resume_btn)
    assert window.stack.currentWidget() is window.biodata_page
    assert window.biodata_page.inputs["nama"].text() == "Siti Rahmawati"
    assert not window.biodata_page.same_nik.isVisible()  # its own draft is no duplicate

    key(Qt.Key.Key_F2)
    on_modal(QMessageBox, message_box_button("Tunda"))
    key(Qt.Key.Key_F3)  # mid-way: asked, then set aside
    assert window.biodata_page.citizen.label == "A-002"
    assert window.biodata_page.inputs["nama"].text() == ""  # the whole form reset
    assert window.biodata_page.inputs["tanggal_lahir"].date() is None
    first = station.queue.tickets()[0]
    assert first.status == "skipped" and first.record_uuid is not None  # not "dipanggil" for ever

    window.show_page(0)
    page.list.setCurrentRow(0)
    click(page.recall_btn)  # A-002 has nothing typed: set aside without a question
    assert window.biodata_page.citizen.label == "A-001"
    assert window.biodata_page.inputs["nama"].text() == "Siti Rahmawati"
    assert [t.status for t in station.queue.tickets()] == ["called", "skipped"]
    window.close()


def test_4_a_draft_resumes_from_rekaman(qtbot, station, data_dir):
    from station.ui.record_dialog import RecordDialog

    uuid = station.records.save_draft(Enrolment(nik=NIK, nama="Budi Santoso"))
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    window.find_records()
    table = window.records_page.table
    assert table.rowCount() == 1 and table.item(0, 3).text() == "draf"

    def resume(dialog: RecordDialog) -> None:
        click(button(dialog, "Lanjutkan draf"))

    on_modal(RecordDialog, resume)
    table.setCurrentCell(0, 0)
    key(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.biodata_page
    assert window.biodata_page.inputs["nama"].text() == "Budi Santoso"
    assert window.biodata_page.citizen.record_uuid == uuid
    window.close()


# 5. The mouse wheel never changes a drop-down's value ------------------------------------------------------------
def test_5_wheel_over_a_dropdown_leaves_its_value(qtbot, station, data_dir):
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    serve_first(qtbot, window)
    combo = window.biodata_page.inputs["pekerjaan"]
    combo.setFocus()
    type_text("pet")
    before = combo.currentText()
    for delta in (-120, -120, 120):
        event = QWheelEvent(
            QPointF(10, 10),
            QPointF(combo.mapToGlobal(QPoint(10, 10))),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(combo, event)
    assert combo.currentText() == before == "Petani/Pekebun"
    window.close()


# 6. An empty required field says so beside it; the problem count jumps to it ------------------------------------
def test_6_empty_field_says_wajib_diisi_and_the_count_jumps_there(qtbot, station, data_dir):
    window = serving(qtbot, station, data_dir)
    page = window.biodata_page
    type_text(NIK)
    type_text("3324010101150002")
    type_text("Siti")
    assert not page.messages["agama"].text()  # a name typed: the drop-downs say nothing yet
    key(Qt.Key.Key_Tab)  # tempat lahir
    key(Qt.Key.Key_Tab)  # left empty
    assert page.messages["tempat_lahir"].text() == "Wajib diisi"
    assert page.messages["tempat_lahir"].property("state") == "error"
    assert "perlu diperbaiki" in page.summary.text()
    click(page.summary)
    assert focused() is page.inputs["tempat_lahir"]  # the first field (in the form's order) that needs work
    assert page.messages["alamat"].text() == "Wajib diisi"  # every message now shown
    window.close()


# 7. Papers are printed (Qt's print dialog, a remembered printer), with a visible result ------------------------
def test_7_receipt_is_printed_through_the_print_dialog_and_then_the_remembered_printer(
    qtbot, station, data_dir, faces_dir
):
    import pypdfium2
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QLineEdit

    from station.ui.app import make_app
    from station.ui.printing import Printers

    make_app()  # Qt's own dialogs in Indonesian (qt_id), as in the app, whichever test ran before
    photo = (faces_dir / "photos" / "img33.jpg").read_bytes()  # the receipt carries the citizen's photo
    uuid = store_record(station, Enrolment(nik=NIK, nama="Siti Rahmawati"), photo)
    printers = Printers(QSettings(str(data_dir / "w.ini"), QSettings.Format.IniFormat))
    out = data_dir / "cetak.pdf"

    def choose_file(dialog: QPrintDialog) -> None:  # no printer is installed here: Qt offers "print to file"
        name = dialog.findChild(QLineEdit, "filename")
        name.setFocus()
        name.selectAll()
        type_text(str(out))
        click(button(dialog, "Cetak"))

    pdf = station.papers.receipt(uuid, thermal=True)
    on_modal(QPrintDialog, choose_file)
    result = printers.print_pdf(pdf, "80mm", "Bukti", None)
    assert result.ok and result.pages == 1 and out.exists()
    page = pypdfium2.PdfDocument(out.read_bytes())[0]
    assert round(page.get_size()[0] / 72 * 25.4) == 80  # the 80 mm paper, not A4
    assert printers.remembered("80mm") == ""  # a file is no printer to remember

    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    window.find_records()
    window.records_page.table.setCurrentCell(0, 0)
    from station.ui.record_dialog import RecordDialog

    on_modal(RecordDialog, lambda d: click(button(d, "Cetak ulang")))
    key(Qt.Key.Key_Return)
    assert len(window.printers.jobs) == 1 and window.printers.asked == 1
    assert "dicetak ke" in window.banner.text.text() and window.banner.isVisible()
    window.activateWindow()  # what the window manager does when the dialog closes
    wait_focus(qtbot, window)
    on_modal(RecordDialog, lambda d: click(button(d, "Cetak ulang")))
    key(Qt.Key.Key_Return)  # a second reprint: the remembered printer, no question
    assert len(window.printers.jobs) == 2 and window.printers.asked == 1
    window.close()


def button(parent, text_part: str) -> QPushButton:
    found = [b for b in parent.findChildren(QPushButton) if text_part in b.text().replace("&", "") and b.isVisible()]
    assert found, f"no visible button with {text_part!r}"
    return found[0]


# 8. Finished tickets cannot be skipped or recalled; the buttons say so by being off ------------------------------
def test_8_buttons_follow_the_selected_ticket(qtbot, station, data_dir):
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    page = window.queue_page
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F2)
    window.show_page(0)
    assert not any(b.isEnabled() for b in (page.recall_btn, page.skip_btn, page.cancel_btn))  # nothing selected
    first = station.queue.call_next()
    store_record(station, Enrolment(nik=NIK, nama="X"), b"j", ticket=first)
    page.refresh()
    click_item(page.list, 0)  # A-001, selesai
    assert not any(b.isEnabled() for b in (page.recall_btn, page.skip_btn, page.cancel_btn))
    click_item(page.list, 1)  # A-002, menunggu
    assert page.recall_btn.isEnabled() and page.cancel_btn.isEnabled() and not page.skip_btn.isEnabled()
    window.close()


# 10. The supervisor review: on from Pengaturan, office time, words, photo and biodata, the hold reason reaches ----
def test_10_review_shows_what_to_judge_and_the_reason_reaches_rekaman(qtbot, station, data_dir, faces_dir):
    from station.ui.app import make_app
    from station.ui.review_dialog import ReviewDialog
    from station.ui.settings_dialog import SettingsDialog

    make_app()  # Qt's own buttons in Indonesian (qt_id), as in the app, whichever test ran before
    settings_dialog = SettingsDialog(station)
    qtbot.addWidget(settings_dialog)
    settings_dialog.show()
    click(settings_dialog.review)
    assert settings_dialog.buttons.button(settings_dialog.buttons.StandardButton.Save).text() == "Simpan"
    click(settings_dialog.buttons.button(settings_dialog.buttons.StandardButton.Save))
    assert station.settings.current.review_required
    photo = (faces_dir / "photos" / "img33.jpg").read_bytes()
    uuid = store_record(station, Enrolment(nik=NIK, nama="Siti Rahmawati", desa_code="33.24.01.2001"), photo)
    dialog = ReviewDialog(station)
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    item = dialog.list.item(0).text()
    local = station.clock.local(station.records.get(uuid).created_at)
    assert f"{local:%d-%m-%Y %H:%M}" in item and "menunggu tinjauan" in item and "captured" not in item
    assert dialog.photo.pixmap() is not None and not dialog.photo.pixmap().isNull()
    assert "Blumah" in dialog.details.text() and NIK in dialog.details.text()
    click(dialog.reason)
    type_text("foto ulang, rambut menutup alis")
    click(dialog.hold_btn)
    assert station.records.get(uuid).status is RecordStatus.HELD

    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    window.find_records()
    table = window.records_page.table
    assert table.item(0, 3).text() == "ditahan supervisor" and "rambut menutup alis" in table.item(0, 4).text()
    window.close()


# 11. The lock screen hides the citizen ---------------------------------------------------------------------------
def test_11_lock_hides_the_citizen_before_asking_for_the_password(qtbot, station, data_dir):
    from station.ui.login import LoginDialog

    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    serve_first(qtbot, window)
    type_text(NIK)
    seen = {}

    def while_locked(dialog: LoginDialog) -> None:
        seen["cover"] = window.outer.currentWidget() is window.cover
        seen["form"] = window.biodata_page.isVisible()
        seen["nik on screen"] = any(
            NIK in (getattr(w, "text", lambda: "")() or "")
            for w in window.findChildren(type(window.biodata_page.inputs["nik"]))
            if w.isVisible()
        )
        type_text("spv")
        key(Qt.Key.Key_Return)
        type_text(PASSWORD)
        key(Qt.Key.Key_Return)

    on_modal(LoginDialog, while_locked)
    key(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"cover": True, "form": False, "nik on screen": False}
    assert window.outer.currentWidget() is not window.cover and window.biodata_page.isVisible()
    assert window.biodata_page.inputs["nik"].text() == NIK  # back where the operator was
    window.close()


def serving(qtbot, station, data_dir):
    """The window with the first citizen called, on Biodata."""
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    serve_first(qtbot, window)
    return window


# 12. Birth date: typed wherever the field was clicked, never carried over, filled from the NIK --------------------
def test_12_birth_date_typed_after_a_click_and_not_carried_over(qtbot, station, data_dir):
    window = serving(qtbot, station, data_dir)
    page = window.biodata_page
    date = page.inputs["tanggal_lahir"]
    QTest.mouseClick(date.edit, Qt.MouseButton.LeftButton, pos=QPoint(date.edit.width() - 8, 8))  # far right
    QTest.qWait(20)
    type_text("17081945")
    assert date.date() == dt.date(1945, 8, 17)

    on_modal(QMessageBox, message_box_button("Tunda"))
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F3)  # the next citizen
    assert date.date() is None and not date.typed()
    qtbot.waitUntil(lambda: focused() is page.inputs["nik"])  # the cursor is in the NIK: the operator types
    type_text("3324017101050001")  # a woman born 31-01-2005: the NIK says so
    assert date.date() == dt.date(2005, 1, 31) and page.inputs["jenis_kelamin"].value() == "P"
    window.close()


def test_12_a_date_from_the_nik_is_replaced_when_typed_over(qtbot, station, data_dir):
    """Tabbing (or clicking) into a birth date the NIK filled and typing did nothing at all: the mask swallowed the
    digits at its end. Now the typed date replaces it (and the form says if it disagrees with the NIK)."""
    window = serving(qtbot, station, data_dir)
    page = window.biodata_page
    qtbot.waitUntil(lambda: focused() is page.inputs["nik"])
    type_text("3324017101050001")  # born 31-01-2005
    date = page.inputs["tanggal_lahir"]
    assert date.date() == dt.date(2005, 1, 31)
    date.setFocus()
    QTest.qWait(20)
    type_text("30012005")
    assert date.date() == dt.date(2005, 1, 30)
    said = {p.message for p in page.problems() if p.field in ("tanggal_lahir", "nik")}
    assert said, "the NIK and the typed date disagree: the form must say so"
    window.close()


def test_12_a_complete_date_that_does_not_exist_is_not_called_incomplete(qtbot, station, data_dir):
    window = serving(qtbot, station, data_dir)
    page = window.biodata_page
    date = page.inputs["tanggal_lahir"]
    QTest.mouseClick(date.edit, Qt.MouseButton.LeftButton)
    QTest.qWait(20)
    type_text("31021995")
    said = {p.message for p in page.problems() if p.field == "tanggal_lahir"}
    assert said == {"Tanggal 31-02-1995 tidak ada."}, said
    key(Qt.Key.Key_Backspace)
    said = {p.message for p in page.problems() if p.field == "tanggal_lahir"}
    assert said == {"Tanggal belum lengkap (hh-bb-tttt)."}, said
    window.close()
