"""The menu bar and the window-wide keys (F2, F3, F7, Ctrl+L ... work on every page, not only on Antrean)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from station.ui.i18n import LANGUAGES, current_language

# (key, menu, text, window method, shortcut); the menu's items in this order.
ITEMS = [
    ("issue", "queue", QT_TRANSLATE_NOOP("Menus", "Ambil nomor baru"), "issue_ticket", "F2"),
    ("next", "queue", QT_TRANSLATE_NOOP("Menus", "Panggil berikutnya"), "call_next", "F3"),
    ("display", "queue", QT_TRANSLATE_NOOP("Menus", "Layar antrean ..."), "open_display", "F7"),
    ("find", "queue", QT_TRANSLATE_NOOP("Menus", "Cari rekaman"), "find_records", "Ctrl+F"),
    ("recap", "queue", QT_TRANSLATE_NOOP("Menus", "Cetak rekap hari ini"), "print_recap", ""),
    ("prr", "queue", QT_TRANSLATE_NOOP("Menus", "Cetak daftar PRR (siap cetak di Dinas)"), "print_prr", ""),
    ("accounts", "station", QT_TRANSLATE_NOOP("Menus", "Akun pengguna ..."), "open_accounts", ""),
    ("recover", "station", QT_TRANSLATE_NOOP("Menus", "Pulihkan dengan kode pemulihan ..."), "open_recover", ""),
    ("review", "station", QT_TRANSLATE_NOOP("Menus", "Tinjauan supervisor ..."), "open_review", ""),
    ("export", "station", QT_TRANSLATE_NOOP("Menus", "Ekspor jemput bola ..."), "open_export", ""),
    ("import", "station", QT_TRANSLATE_NOOP("Menus", "Impor jemput bola ..."), "open_import", ""),
    ("register", "station", QT_TRANSLATE_NOOP("Menus", "Daftarkan ke server pusat ..."), "open_register", ""),
    ("printer_roll", "station", QT_TRANSLATE_NOOP("Menus", "Pilih printer 80 mm ..."), "choose_roll_printer", ""),
    ("printer_sheet", "station", QT_TRANSLATE_NOOP("Menus", "Pilih printer A4 ..."), "choose_sheet_printer", ""),
    ("settings", "station", QT_TRANSLATE_NOOP("Menus", "Pengaturan ..."), "open_settings", "Ctrl+,"),
    ("lock", "station", QT_TRANSLATE_NOOP("Menus", "Kunci stasiun"), "lock", "Ctrl+L"),
    ("quit", "station", QT_TRANSLATE_NOOP("Menus", "Keluar"), "close", "Ctrl+Q"),
    ("keys", "help", QT_TRANSLATE_NOOP("Menus", "Tombol pintas"), "show_keys", "F1"),
]
MENUS = {
    "queue": QT_TRANSLATE_NOOP("Menus", "&Antrean"),
    "station": QT_TRANSLATE_NOOP("Menus", "&Stasiun"),
    "language": QT_TRANSLATE_NOOP("Menus", "&Bahasa"),
    "help": QT_TRANSLATE_NOOP("Menus", "Ba&ntuan"),
}
SEPARATOR_BEFORE = {"recap", "printer_roll", "lock"}
KEYS = [
    ("F2", QT_TRANSLATE_NOOP("Menus", "Ambil nomor antrean baru (dicetak)")),
    ("F3", QT_TRANSLATE_NOOP("Menus", "Panggil nomor berikutnya")),
    ("F7", QT_TRANSLATE_NOOP("Menus", "Layar antrean untuk ruang tunggu")),
    ("Enter", QT_TRANSLATE_NOOP("Menus", "Ke isian berikutnya (biodata); warga setuju (persetujuan foto)")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Menus", "Lanjut ke foto")),
    ("Alt+P", QT_TRANSLATE_NOOP("Menus", "Ke isian yang perlu diperbaiki")),
    ("F5", QT_TRANSLATE_NOOP("Menus", "Ulangi foto")),
    ("Enter / Ctrl+S", QT_TRANSLATE_NOOP("Menus", "Terima dan simpan rekaman (Tinjau)")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("Menus", "Cari rekaman")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("Menus", "Kunci stasiun")),
]


def _t(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def _action(window: QMainWindow, text: str, slot: Callable, keys: str = "") -> QAction:
    action = QAction(_t(text), window)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # the key works whatever page has the focus
    return action


def build_menus(window) -> dict[str, QAction]:
    """The menus of `window` (the MainWindow: the methods named in ITEMS are its)."""
    bar = window.menuBar()
    menus = {key: bar.addMenu(_t(text)) for key, text in MENUS.items() if key != "help"}
    menus["help"] = None
    actions: dict[str, QAction] = {}
    for key, menu, text, method, keys in ITEMS:
        if menu == "help" and menus["help"] is None:
            menus["help"] = bar.addMenu(_t(MENUS["help"]))
        actions[key] = _action(window, text, getattr(window, method), keys)
        if key in SEPARATOR_BEFORE:
            menus[menu].addSeparator()
        menus[menu].addAction(actions[key])
    group = QActionGroup(window)
    for code, name in LANGUAGES.items():
        act = QAction(name, window, checkable=True)
        act.setChecked(code == current_language())
        act.triggered.connect(lambda _checked=False, code=code: window.switch_language(code))
        group.addAction(act)
        menus["language"].addAction(act)
        actions[f"lang_{code}"] = act
    return actions


def show_keys(window: QMainWindow) -> None:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{_t(t)}</td></tr>" for k, t in KEYS)
    QMessageBox.information(window, _t("Tombol pintas"), f"<table>{rows}</table>")
