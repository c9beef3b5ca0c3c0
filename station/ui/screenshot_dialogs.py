"""The screenshot tool's dialogs (station.ui.screenshots): first start and the recovery code (its printed sheet
through pdftoppm), login, the lock screen, accounts, recovery with the code, Pengaturan, the photo and biometric
exceptions, a cancelled ticket, the close-while-a-citizen-is-open question, the print dialog of a receipt, the
supervisor review with a held record, the USB export, the waiting-room display (F7) and one English screen.
Each is opened as an operator opens it (a menu item, a key, a button), grabbed with its title bar, and closed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from station.services.station import Station
from station.ui.printing import render_pages
from station.ui.shots import OUT, button, click, grab, grab_widget, key, pump, tab, typed, wait_until, when_up

PASSWORD = "rahasia-spv-1"
TRANSFER = "kode-transfer-kantor-7"


def menu(window, text: str) -> None:
    """A menu item picked by its words (what the operator reads), e.g. 'Akun pengguna'."""
    for action in window.findChildren(QAction):
        if action.text().replace("&", "").startswith(text):
            action.trigger()
            return
    raise LookupError(f"no menu item {text!r}")


# --- before the window --------------------------------------------------------------------------
def first_start(station: Station, settings: QSettings, printers, tmp: Path) -> str:
    """Mulai pertama typed in, then the recovery code shown once, its A4 sheet printed; returns the code."""
    from station.ui.app import first_start as run_first_start
    from station.ui.login import FirstStartDialog
    from station.ui.recovery import RecoveryCodeDialog

    code: list[str] = []

    def fill(d: FirstStartDialog) -> None:
        click(d.kecamatan.lineEdit())
        typed("Plantungan")
        pump(0.3)
        popup = d.kecamatan.completer().popup()  # the one match, clicked as the operator clicks it
        wait_until(popup.isVisible, 5, "the kecamatan list")
        rect = popup.visualRect(popup.model().index(0, 0))
        QTest.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        pump(0.3)
        click(d.user)
        typed("spv")
        tab()
        typed(PASSWORD)
        tab()
        typed(PASSWORD)
        grab_widget("9-mulai-pertama", d)
        when_up(RecoveryCodeDialog, kept)
        click(d.ok_button)

    def kept(d: RecoveryCodeDialog) -> None:
        code.append(d.code.text())
        click(d.print_btn)
        pump(0.3)
        grab_widget("10-kode-pemulihan", d)
        click(d.kept)
        click(d.next_btn)

    when_up(FirstStartDialog, fill)
    run_first_start(station, settings, printers)
    sheets = sorted(tmp.glob("*-a4.pdf"))
    if sheets:  # the printed page as the printer gets it (pypdfium2, the window's own print path; 60 dpi)
        image, _size = render_pages(sheets[-1].read_bytes(), 60)[0]
        image.save(str(OUT / "11-lembar-kode.png"))
        print("saved", OUT / "11-lembar-kode.png", flush=True)
    else:
        print("WARNING: no recovery sheet printed; 11-lembar-kode not saved", flush=True)
    return code[0] if code else ""


def login(station: Station) -> None:
    from station.ui.login import LoginDialog

    station.accounts.lock()

    def act(d: LoginDialog) -> None:
        typed("spv")
        tab()
        typed(PASSWORD)
        grab_widget("12-masuk", d)
        key(Qt.Key.Key_Return)

    when_up(LoginDialog, act)
    if LoginDialog(station).exec() != QDialog.DialogCode.Accepted:
        raise SystemExit("login failed")


# --- during the flow ----------------------------------------------------------------------------
def photo_exception(window) -> None:
    """While the head is still turned: the operator asks for an exception, reads it, and cancels."""
    from station.ui.waiver_dialog import WaiverDialog

    page = window.photo_page
    wait_until(lambda: page.last_verdict is not None, 20, "a first verdict")

    def act(d) -> None:
        grab_widget("16-pengecualian-foto", d)
        d.reject()

    when_up(WaiverDialog, act)
    click(page.exception_btn)


def close_question(window) -> None:
    """Ctrl+Q with a citizen past the biodata: the window asks first; Kembali."""

    def act(box: QMessageBox) -> None:
        grab_widget("18-tutup-saat-warga", box)
        click(button(box, "Kembali"))

    when_up(QMessageBox, act)
    key(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    pump(0.3)


def biometric_exception(page) -> None:
    from station.ui.biometrics_page import BiometricExceptionDialog

    def act(d) -> None:
        grab_widget("17-pengecualian-biometrik", d)
        d.reject()

    when_up(BiometricExceptionDialog, act)
    click(page.exception_btn)


# --- after the flow -----------------------------------------------------------------------------
def after_flow(window, station: Station, recovery_code: str, printers, review_photo: Path, folder: Path) -> None:
    cancel_ticket(window)
    queue_display(window)
    accounts(window)
    recover(window, recovery_code)
    settings(window)
    register(window)
    print_dialog(window, printers)
    review(window, station, review_photo)
    export(window, folder)
    lock_screen(window)


def cancel_ticket(window) -> None:
    from station.ui.queue_page import CancelDialog

    window.show_page(0)
    page = window.queue_page
    rect = page.list.visualItemRect(page.list.item(2))
    QTest.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pump(0.2)

    def act(d) -> None:
        grab_widget("15-batalkan-nomor", d)
        d.reject()

    when_up(CancelDialog, act)
    click(page.cancel_btn)


def queue_display(window) -> None:
    """F3 calls the next citizen (the room sees the number), F7 opens the display: a window on one screen."""
    key(Qt.Key.Key_F3)
    pump(0.3)
    key(Qt.Key.Key_F7)
    wait_until(lambda: window.display is not None and window.display.isVisible(), 5, "the queue display")
    display = window.display
    display.activateWindow()
    grab_widget("20-layar-antrean", display)
    display.close()
    window.activateWindow()
    pump(0.3)


def accounts(window) -> None:
    from station.ui.accounts_dialog import AccountsDialog, AddAccountDialog, ResetPasswordDialog

    def add(d) -> None:
        typed("ani")
        tab()
        tab()
        typed("sandi-ani-2024")
        tab()
        typed("sandi-ani-2024")
        grab_widget("22-tambah-akun", d)
        click(d.ok_button)

    def reset(d) -> None:
        typed("sandi-baru-2025")
        tab()
        typed("sandi-baru-2025")
        grab_widget("23-atur-ulang-sandi", d)
        d.reject()

    def act(d: AccountsDialog) -> None:
        when_up(AddAccountDialog, add)
        click(d.add_btn)
        pump(0.3)
        d.table.selectRow(d.table.rowCount() - 1)
        pump(0.2)
        grab_widget("21-akun", d)
        when_up(ResetPasswordDialog, reset)
        click(d.reset_btn)
        d.accept()

    when_up(AccountsDialog, act)
    menu(window, "Akun pengguna")


def recover(window, code: str) -> None:
    from station.ui.recovery import RecoverDialog

    def act(d) -> None:
        typed(code)
        tab()
        typed("spv")
        tab()
        typed("sandi-baru-2025")
        tab()
        typed("sandi-baru-2025")
        grab_widget("24-pulihkan", d)
        d.reject()

    when_up(RecoverDialog, act)
    menu(window, "Pulihkan dengan kode")


def settings(window) -> None:
    from station.ui.settings_dialog import SettingsDialog

    def act(d) -> None:
        grab_widget("25-pengaturan", d)
        d.reject()

    when_up(SettingsDialog, act)
    menu(window, "Pengaturan")


def register(window) -> None:
    from station.ui.register_dialog import RegisterDialog

    def act(d) -> None:
        d.url.setText("https://pusat.disdukcapil.example.go.id")
        d.code.setFocus()
        typed("KODE-DAFTAR-123")
        grab_widget("32-daftar-pusat", d)
        d.reject()

    when_up(RegisterDialog, act)
    menu(window, "Daftarkan ke server pusat")


def print_dialog(window, printers) -> None:
    """Rekaman, the record opened, Cetak ulang bukti: with no printer remembered, Qt's print dialog."""
    from station.ui.record_dialog import RecordDialog

    window.find_records()
    pump(0.3)
    printers.real_dialog = True

    def in_print(d) -> None:
        grab_widget("27-dialog-cetak", d)
        d.reject()

    def act(d) -> None:
        grab_widget("26-rincian-rekaman", d)
        when_up(QPrintDialog, in_print)
        click(button(d, "Cetak ulang"))

    when_up(RecordDialog, act)
    window.records_page.open_current()
    printers.real_dialog = False
    pump(0.3)


def review(window, station: Station, photo: Path) -> None:
    """Supervisor review switched on, one more record stored, held with a reason."""
    from station.domain.enrolment import Enrolment
    from station.domain.payload import Photo
    from station.ui.review_dialog import ReviewDialog

    station.settings.change(review_required=True)
    enrolment = Enrolment(
        nik="3324010203850001",
        no_kk="3324010101150007",
        nama="Bambang Wijaya",
        tempat_lahir="Kendal",
        tanggal_lahir=dt.date(1985, 3, 2),
        jenis_kelamin="L",
        agama="Islam",
        status_perkawinan="Kawin",
        pekerjaan="Wiraswasta",
        pendidikan="SLTA/Sederajat",
        hubungan_keluarga="Kepala Keluarga",
        alamat="Jl. Raya Plantungan 12",
        rt="2",
        rw="1",
        desa_code="33.24.01.2001",
    )
    station.records.store_unchecked(enrolment, {"crop": Photo(photo.read_bytes())}, {}, None)

    def act(d) -> None:
        d.list.setCurrentRow(0)
        click(d.reason)
        typed("foto ulang, rambut menutup alis")
        click(d.hold_btn)
        pump(0.3)
        grab_widget("28-tinjauan-ditahan", d)
        d.accept()

    when_up(ReviewDialog, act)
    menu(window, "Tinjauan supervisor")


def export(window, folder: Path) -> None:
    from station.ui.export_dialog import ExportDialog
    from station.ui.import_dialog import ImportDialog

    def act(d) -> None:
        click(d.path)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        typed(str(folder / "jemput-ST-01.bundle"))  # the throw-away folder stands in for the USB stick
        click(d.code)
        typed(TRANSFER)
        click(d.again)
        typed(TRANSFER)
        grab_widget("29-ekspor", d)
        click(d.ok_button)

    when_up(ExportDialog, act)
    menu(window, "Ekspor jemput bola")
    pump(0.3)
    grab("30-ekspor-selesai")

    def take_in(d) -> None:
        click(d.path)
        typed(str(folder / "jemput-ST-01.bundle"))
        click(d.code)
        typed(TRANSFER)
        grab_widget("19-impor", d)
        d.reject()

    when_up(ImportDialog, take_in)
    menu(window, "Impor jemput bola")


def lock_screen(window) -> None:
    from station.ui.login import LoginDialog

    def act(d) -> None:
        pump(0.3)
        grab("13-kunci")
        typed("spv")
        tab()
        typed(PASSWORD)
        key(Qt.Key.Key_Return)

    when_up(LoginDialog, act)
    window.activateWindow()
    pump(0.3)
    key(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    pump(0.3)


def english(window, open_window) -> None:
    """Bahasa > English: the window closes and app.run rebuilds it in English; one screen of it, then back."""
    from station.ui.i18n import install_language

    menu(window, "English")
    wait_until(lambda: not window.isVisible(), 5, "the window to close for the language switch")
    app = QApplication.instance()
    install_language(app, window.restart_language or "en")
    try:
        english_window = open_window()
        english_window.activateWindow()
        pump(1.0)
        grab("31-english")
        english_window.close()
    finally:
        install_language(app, "id")
