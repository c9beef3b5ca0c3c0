"""Things seen on the 1366x768 screenshots and fixed: the Kecamatan name cut off in Biodata, a header that said
"0 dilayani" beside "Sedang dilayani: A-001", the USB export's progress ("n dari N") in the window, and the USB
import that had no dialog.
Headless (QT_QPA_PLATFORM=offscreen), real store, driven by keys and clicks."""

from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.forge import TRANSFER, citizen, record, records_bundle  # noqa: E402
from tests.stations import store_record  # noqa: E402
from tests.ui_driver import click, key, make_window, on_modal, type_text  # noqa: E402


def test_kecamatan_shows_its_whole_name_at_1366(qtbot, station, data_dir):
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F3)
    combo = window.biodata_page.inputs["kecamatan"]
    qtbot.waitUntil(combo.isVisible)
    text = combo.currentText()
    assert text.startswith("Plantungan — Kab. Kendal, Jawa Tengah"), text
    room = combo.lineEdit().width()
    assert combo.lineEdit().fontMetrics().horizontalAdvance(text) < room, (text, room)
    window.close()


def test_header_counts_the_citizen_at_the_counter_apart_from_the_finished(qtbot, station, data_dir):
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    for _ in range(3):
        key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F3)
    window.show_page(0)
    assert "Sedang dilayani: A-001" in window.queue_page.current.text()
    line = window.header.queue.text()
    assert "dilayani" not in line, line  # "0 dilayani" beside "Sedang dilayani: A-001" read as a contradiction
    assert "0 selesai · 1 di loket · 2 menunggu" in line, line
    captions = [w.text() for w in window.queue_page.counters.findChildren(type(window.queue_page.current))]
    assert "Dilayani" not in captions and "Selesai dilayani" in captions
    window.close()


def test_export_shows_n_of_n_and_says_how_many_were_written(qtbot, station, data_dir, tmp_path):
    from PySide6.QtWidgets import QProgressDialog

    from station.ui.export_dialog import ExportDialog

    for i in range(3):
        store_record(station, citizen(i), os.urandom(3000), os.urandom(1500))
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    target = tmp_path / "usb" / "jemput.bundle"
    target.parent.mkdir()
    seen: list[tuple[int, int, str]] = []

    def operator(dialog: ExportDialog) -> None:
        def watch(_done: int, _total: int) -> None:  # runs after the dialog's own slot: what the operator sees
            p = dialog.progress
            seen.append((p.value(), p.maximum(), p.labelText()) if p else (-1, -1, ""))

        dialog._bridge.progress.connect(watch)
        click(dialog.path)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(str(target))
        click(dialog.code)
        type_text(TRANSFER)
        click(dialog.again)
        type_text(TRANSFER)
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: isinstance(dialog.progress, QProgressDialog) and dialog.progress.isVisible())

    ran = on_modal(ExportDialog, operator)
    window.open_export()  # Stasiun > Ekspor jemput bola (exec() returns when the bundle is written)
    assert ran
    assert target.stat().st_size > 0
    assert seen[0] == (0, 3, "Menulis rekaman ke bundel: 0 dari 3"), seen
    assert seen[-1] == (3, 3, "Menulis rekaman ke bundel: 3 dari 3"), seen
    assert window.banner.text.text() == f"Ekspor selesai: 3 rekaman ditulis ke {target}."
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    window.close()


def test_import_from_the_menu_says_in_words_why_a_bundle_is_refused(qtbot, station, data_dir, tmp_path):
    from station.ui.import_dialog import ImportDialog

    for i in range(2):
        store_record(station, citizen(i), os.urandom(3000), os.urandom(1500))
    stick = tmp_path / "jemput.bundle"
    stick.write_bytes(records_bundle("ST-LAIN", Ed25519PrivateKey.generate(), [record("ST-LAIN")]))  # no list here
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    messages: list[str] = []

    def operator(dialog: ImportDialog) -> None:
        click(dialog.path)
        type_text(str(tmp_path / "hilang.bundle"))
        click(dialog.code)
        type_text(TRANSFER)
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: dialog.error.text() != "")
        messages.append(dialog.error.text())
        click(dialog.path)
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(str(stick))
        click(dialog.ok_button)
        qtbot.waitUntil(lambda: dialog.error.text() != "" and dialog.ok_button.isEnabled(), timeout=30_000)
        messages.append(dialog.error.text())
        dialog.reject()

    ran = on_modal(ImportDialog, operator)
    before = len(station.records.find(""))
    window.open_import()  # Stasiun > Impor jemput bola
    assert ran
    assert messages[0] == "Berkas hilang.bundle tidak bisa dibaca."
    assert messages[1] and "Traceback" not in messages[1] and "Error" not in messages[1], messages
    print(messages[1])
    assert len(station.records.find("")) == before
    window.close()


def test_a_message_never_pushes_the_status_bar_off_a_1366x768_screen(qtbot, station, data_dir):
    """A new operator saw the status bar (sync, camera) vanish below the screen whenever a message showed: the
    message took a row of its own and the window grew past 768 px. It now lies over the top of the page."""
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    QApplication.processEvents()
    before = window.frameGeometry().height()
    window.banner.say("Bukti perekaman dicetak ke printer kantor, dan disimpan sebagai PDF di folder data.", "ok")
    QApplication.processEvents()
    assert window.banner.isVisible()
    assert window.frameGeometry().height() == before
    assert window.statusBar().geometry().bottom() < window.height()
    top = window.stack.geometry().top()
    assert window.banner.geometry().top() == top and window.banner.width() == window.stack.width()
    window.close()


def test_the_waiting_room_display_says_wait_before_any_number_is_called(qtbot, station, data_dir):
    """F7 opens the display for the waiting room. Before anyone is called it showed a dash so big that it read
    as a white bar (found by a new operator); now it asks people to wait, then shows the number called."""
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F7)
    display = window.display
    qtbot.waitUntil(lambda: display is not None and display.isVisible())
    assert display.number.text() == "" and "menunggu" in display.caption.text()
    assert "Kantor Kecamatan Plantungan" in display.office.text()
    window.activateWindow()
    key(Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: display.number.text() == "A-001")
    assert display.caption.text() == "Nomor dipanggil" and "loket" in display.counter.text()
    display.close()
    window.close()


def test_the_file_chooser_speaks_indonesian(qtbot):
    """A new operator met "Look in", "Files of type" and English column names when choosing a bundle."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

    dialog = QFileDialog(None, "Buka bundel", str(os.getcwd()), "*.bundle")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {w.text() for w in dialog.findChildren(QLabel) if w.text()}
    assert {"&Lihat di:", "&Nama berkas:", "&Jenis berkas:"} <= labels, labels
    model = dialog.findChild(QTreeView, "treeView").model()
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)] == ["Nama", "Ukuran", "Jenis", "Diubah"]
    dialog.close()


def test_the_header_names_the_kecamatan_once_and_never_widens_the_window(qtbot, station, data_dir):
    """Named after its kecamatan, the office made the header say Plantungan twice, and its length pushed the
    window past a 1366 px screen (the operator's name and the camera state went off the edge)."""
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    assert window.header.office.text() == "Kantor Kecamatan Plantungan (33.24.01)"
    assert "stasiun ST-TEST" in window.header.date.text()
    station.settings.change(office=replace(station.settings.current.office, name="Kantor " + "Sangat Panjang " * 12))
    window.header.refresh()
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1366 and window.width() <= 1366
    window.close()


def test_an_operator_is_refused_a_supervisors_dialog_before_filling_it_in(qtbot, station, data_dir):
    """A new operator filled in the whole export form and was told only then that it is for a supervisor."""
    from PySide6.QtWidgets import QDialog

    from tests.stations import as_user

    station.accounts.add("ani", "sandi-operator-1")
    as_user(station, "ani", "sandi-operator-1")
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    for opener in (window.open_export, window.open_settings, window.open_register, window.open_accounts):
        window.banner.hide()
        opener()  # what the menu item calls: no dialog opens, the banner says why
        assert QApplication.activeModalWidget() is None and not any(
            w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)
        )
        assert window.banner.isVisible() and "Hanya supervisor" in window.banner.text.text()
        assert "Ctrl+L" in window.banner.text.text()
    window.close()


def test_a_fresh_form_does_not_greet_the_next_citizen_with_wajib_diisi(qtbot, station, data_dir):
    """The field the cursor stood in when the form was emptied for the next citizen was marked as left empty:
    a new operator saw Desa/Kelurahan red, "Wajib diisi", on a form nobody had touched yet."""
    window = make_window(station, data_dir)
    qtbot.addWidget(window)
    key(Qt.Key.Key_F2)
    key(Qt.Key.Key_F3)
    page = window.biodata_page
    desa = page.inputs["desa_code"]
    qtbot.waitUntil(desa.isVisible)
    desa.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (desa, desa.lineEdit()))
    page.reset()  # what the next citizen gets
    page.inputs["nik"].setFocus()
    QApplication.processEvents()
    assert "desa_code" not in page.touched
    assert page.messages["desa_code"].text() == ""
    key(Qt.Key.Key_Tab)  # NIK entered and left empty: that one is said
    QApplication.processEvents()
    assert "nik" in page.touched
    window.close()
