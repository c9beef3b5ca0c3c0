"""What a new operator found in Stasiun > Impor / Ekspor jemput bola and fixed: a bundle the station wrote itself
could not be imported without a list from the centre; the window had no way to register; the transfer code had
to come from a command-line tool; the import dialog cut off its own error and said the same for every refusal.
Headless (QT_QPA_PLATFORM=offscreen), real store, driven by keys and clicks."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from tests.forge import TRANSFER, citizen, record, records_bundle  # noqa: E402
from tests.stations import store_record  # noqa: E402
from tests.ui_driver import click, key, make_window, on_modal, show, type_text  # noqa: E402


def _import(qtbot, window, path, code, messages: list[str], close: bool = True):
    """Stasiun > Impor jemput bola: the file and the code typed, Impor clicked; the dialog's message kept."""
    from station.ui.import_dialog import ImportDialog

    def operator(dialog: ImportDialog) -> None:
        click(dialog.path)
        type_text(str(path))
        click(dialog.code)
        type_text(code)
        click(dialog.ok_button)
        qtbot.waitUntil(
            lambda: not dialog.isVisible() or bool(dialog.error.text() and dialog.ok_button.isEnabled()), timeout=30_000
        )
        if dialog.isVisible():
            messages.append(dialog.error.text())
            if close:
                dialog.reject()

    ran = on_modal(ImportDialog, operator)
    window.open_import()
    assert ran


def test_a_bundle_this_station_wrote_imports_without_a_station_list(qtbot, station, data_dir, tmp_path):
    for i in range(2):
        store_record(station, citizen(i), os.urandom(3000), os.urandom(1500))
    data, _n = station.transfer.export(TRANSFER)
    stick = tmp_path / "jemput.bundle"
    stick.write_bytes(data)  # never synced: no list of registered stations here
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    messages: list[str] = []
    _import(qtbot, window, stick, TRANSFER, messages)
    assert messages == [], messages
    assert window.banner.text.text() == ("Impor dari ST-TEST: 2 rekaman sudah ada di stasiun ini, tidak ada yang baru.")
    window.close()


def test_a_foreign_bundle_without_a_station_list_names_the_menu_that_registers(qtbot, station, data_dir, tmp_path):
    other = Ed25519PrivateKey.generate()
    stick = tmp_path / "lain.bundle"
    stick.write_bytes(records_bundle("ST-LAIN", other, [record("ST-LAIN", citizen(3))]))
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    messages: list[str] = []
    _import(qtbot, window, stick, TRANSFER, messages)
    assert len(messages) == 1, messages
    assert "ST-LAIN" in messages[0] and "Stasiun > Daftarkan ke server pusat" in messages[0], messages
    assert "sinkronisasi" in messages[0].lower(), messages
    window.close()


def test_import_says_wrong_code_in_a_row_of_its_own_the_dialog_grows_to_fit(qtbot, station, data_dir, tmp_path):
    from PySide6.QtCore import QRect

    from station.ui.import_dialog import ImportDialog

    store_record(station, citizen(1), os.urandom(3000), os.urandom(1500))
    stick = tmp_path / "jemput.bundle"
    stick.write_bytes(station.transfer.export(TRANSFER)[0])
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    seen: list = []

    def operator(dialog: ImportDialog) -> None:
        click(dialog.path)
        type_text(str(stick))
        click(dialog.code)
        type_text(TRANSFER + "x")  # one key too many
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: bool(dialog.error.text()) and dialog.ok_button.isEnabled(), timeout=30_000)
        qtbot.wait(50)
        label = dialog.error

        def box(w) -> QRect:
            return QRect(w.mapTo(dialog, w.rect().topLeft()), w.size())

        pick = next(b for b in dialog.findChildren(type(dialog.ok_button)) if b.text() == "Pilih ...")
        seen.append(
            (
                label.text(),
                label.height() >= label.heightForWidth(label.width()),
                [w for w in (dialog.path, pick, dialog.code) if box(w).intersects(box(label))],
                box(label).bottom() <= box(dialog.buttons).top(),
            )
        )
        dialog.reject()

    ran = on_modal(ImportDialog, operator)
    window.open_import()
    assert ran
    text, whole, overlapped, above_buttons = seen[0]
    assert text.startswith("Kode transfer salah: bundel ini utuh"), text
    assert whole and not overlapped and above_buttons, seen
    window.close()


def _export(qtbot, window, operator):
    from station.ui.export_dialog import ExportDialog

    ran = on_modal(ExportDialog, operator)
    window.open_export()
    assert ran


def test_export_asks_for_the_code_twice_and_makes_one_to_write_down(qtbot, station, data_dir, tmp_path):
    import re

    store_record(station, citizen(1), os.urandom(3000), os.urandom(1500))
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    target = tmp_path / "jemput.bundle"
    seen: dict = {}

    def operator(dialog) -> None:
        click(dialog.path)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(str(target))
        click(dialog.code)
        type_text(TRANSFER)
        click(dialog.again)
        type_text(TRANSFER[:-1] + "8")  # one typo
        click(dialog.ok_button)
        seen["mismatch"] = dialog.mismatch.text()
        seen["mismatch_beside"] = dialog.mismatch.parentWidget() is dialog.again.parentWidget()
        seen["written_after_typo"] = target.exists()
        click(dialog.make_button)  # Buat kode
        seen["code"] = dialog.code.text()
        seen["shown"] = dialog.made.isVisible() and dialog.code.text() in dialog.made.text()
        seen["both"] = dialog.again.text() == dialog.code.text()
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)

    _export(qtbot, window, operator)
    assert seen["mismatch"] == "Tidak sama dengan kode di atas." and seen["mismatch_beside"], seen
    assert not seen["written_after_typo"], seen
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){5}", seen["code"]) and seen["shown"] and seen["both"], seen
    report = station.transfer.import_bundle(target.read_bytes(), seen["code"])  # the office opens it with it
    assert (report.imported, report.repeats) == (0, 1)
    window.close()


def test_a_short_code_points_at_the_button_not_a_command_line_tool(qtbot, station, data_dir, tmp_path):
    store_record(station, citizen(1), os.urandom(3000), os.urandom(1500))
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    seen: list[str] = []

    def operator(dialog) -> None:
        click(dialog.path)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(str(tmp_path / "j.bundle"))
        for field in (dialog.code, dialog.again):
            click(field)
            type_text("pendek")
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: bool(dialog.error.text()) and dialog.ok_button.isEnabled(), timeout=30_000)
        seen.append(dialog.error.text())
        dialog.reject()

    _export(qtbot, window, operator)
    assert "tombol Buat kode" in seen[0], seen
    window.close()


def test_register_from_the_station_menu_says_each_refusal_in_the_dialog(qtbot, station, data_dir, tmp_path):
    from station.ui.register_dialog import RegisterDialog

    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    station_menu = window.menuBar().actions()[1].menu()
    assert "Daftarkan ke server pusat ..." in [a.text() for a in station_menu.actions()]
    seen: list[str] = []

    def operator(dialog: RegisterDialog) -> None:
        click(dialog.url)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text("http://pusat.example")
        click(dialog.code)
        type_text("KODE-DAFTAR-1")
        click(dialog.ok_button)
        seen.append(dialog.error.text())
        click(dialog.ca)
        type_text(str(tmp_path / "tidak-ada.pem"))
        click(dialog.url)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text("https://127.0.0.1:9")  # nobody listens there
        click(dialog.ok_button)
        seen.append(dialog.error.text())
        click(dialog.ca)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        key(Qt.Key.Key_Delete)
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: bool(dialog.error.text()) and dialog.ok_button.isEnabled(), timeout=30_000)
        seen.append(dialog.error.text())
        dialog.reject()

    ran = on_modal(RegisterDialog, operator)
    window.open_register()  # Stasiun > Daftarkan ke server pusat ...
    assert ran
    assert seen[0] == "Alamat server pusat harus lengkap dan diawali https://.", seen
    assert seen[1].startswith("Berkas CA ") and seen[1].endswith("tidak ada."), seen
    assert seen[2].startswith("Jaringan:") and "Traceback" not in seen[2], seen
    assert window.status.sync_label.text() != "Sinkronisasi: terdaftar, menghubungi ...", seen
    window.close()


def _export_to(qtbot, window, target, messages: list[str]) -> None:
    """Stasiun > Ekspor jemput bola: the file and the office's code typed twice, Ekspor clicked."""

    def operator(dialog) -> None:
        click(dialog.path)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(str(target))
        for field in (dialog.code, dialog.again):
            click(field)
            type_text(TRANSFER)
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: not dialog.isVisible() or bool(dialog.error.text()), timeout=30_000)
        if dialog.isVisible():
            messages.append(dialog.error.text())
            dialog.reject()

    _export(qtbot, window, operator)


def test_the_records_list_says_which_waiting_records_left_on_a_usb_stick(qtbot, station, data_dir, tmp_path):
    """After an export the records still wait for the centre's word ("menunggu kirim"), and the list says they left
    on a stick and when; one accepted afterwards does not say so. A stick that cannot be written marks nothing and
    says so in words (the window wrote the bundle itself, not whole-or-nothing, and marked nothing at all)."""
    store_record(station, citizen(1), os.urandom(3000), os.urandom(1500))
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    messages: list[str] = []
    _export_to(qtbot, window, tmp_path / "tidak-ada" / "jemput.bundle", messages)  # the stick is not there
    assert len(messages) == 1 and "tidak bisa ditulis: foldernya tidak ada" in messages[0], messages
    assert not list(tmp_path.rglob("*.part"))
    show(qtbot, window)  # back in the window
    key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Cari rekaman
    table = window.records_page.table
    assert table.rowCount() == 1 and table.item(0, 4).text() == ""

    _export_to(qtbot, window, tmp_path / "jemput.bundle", messages)
    assert len(messages) == 1 and (tmp_path / "jemput.bundle").exists(), messages
    store_record(station, citizen(2), os.urandom(3000), os.urandom(1500))  # accepted after the stick left
    show(qtbot, window)
    key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    rows = {table.item(r, 2).text(): (table.item(r, 3).text(), table.item(r, 4).text()) for r in range(2)}
    carried, later = rows[citizen(1).nama], rows[citizen(2).nama]
    assert carried[0] == "menunggu kirim" and carried[1].startswith("diekspor ke USB "), carried
    assert carried[1].endswith("; menunggu tanda terima pusat"), carried
    assert later == ("menunggu kirim", ""), later
    window.close()


def test_todays_recap_and_the_prr_list_print_from_the_queue_menu(qtbot, station, data_dir):
    """The README lists the recap among the papers, but only the command line printed it: the Antrean menu does
    now (A4 printer), and the PRR list beside it."""
    from PySide6.QtWidgets import QApplication

    store_record(station, citizen(1), os.urandom(3000), os.urandom(1500))
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    said = []
    for printed, downs in enumerate((4, 5), start=1):
        key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # the Antrean menu ...
        assert QApplication.activePopupWidget() is not None
        for _ in range(downs):  # ... past the queue's four items
            key(Qt.Key.Key_Down)
        key(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda n=printed: len(window.printers.jobs) == n, timeout=10_000)
        said.append(window.banner.text.text())
    assert [s.split(":")[0] for s in said] == ["Rekap harian", "Daftar PRR"] and all("Kantor-A4" in s for s in said)
    assert all(p.read_bytes().startswith(b"%PDF") for p in window.printers.jobs)
    window.close()


def test_export_offers_the_plugged_in_stick_and_shows_the_whole_code(qtbot, station, tmp_path, monkeypatch):
    """The bundle was offered in the home folder, not on the stick; the code made for the office was cut off."""
    from PySide6.QtWidgets import QApplication

    from station import files
    from station.ui.export_dialog import ExportDialog

    (tmp_path / "media" / "operator" / "FLASHDISK").mkdir(parents=True)
    monkeypatch.setattr(files, "MOUNT_ROOTS", (str(tmp_path / "media" / "{user}"),))
    monkeypatch.setenv("USER", "operator")
    dialog = ExportDialog(station)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.path.text() == str(tmp_path / "media" / "operator" / "FLASHDISK" / "jemput-ST-TEST.bundle")
    click(dialog.make_button)
    QApplication.processEvents()
    made = dialog.made
    assert made.height() >= made.heightForWidth(made.width()) and dialog.code.text() in made.text()
    assert made.geometry().bottom() < dialog.ok_button.mapTo(dialog, dialog.ok_button.rect().topLeft()).y()
