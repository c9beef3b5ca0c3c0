"""Driving the window as an operator does: keys go to whatever has the focus, clicks to what is on screen.
Nothing here sets a widget's value directly. Also counts every key pressed, for the keystrokes-per-citizen figure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from tests.printers import FilePrinters

NIK, KK = "3324015508900003", "3324010101150002"  # a woman born 15-08-1990, Plantungan (Kendal)


SHIFTED = set('ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()_+{}|:"<>?~')


class Keys:
    """Every key this driver presses: `presses` counts each physical key (Shift for a capital, Ctrl in a chord),
    `strokes` counts chords once (Ctrl+S is one stroke)."""

    presses = 0
    strokes = 0

    @classmethod
    def reset(cls) -> None:
        cls.presses = cls.strokes = 0

    @classmethod
    def count(cls, char: str = "", modifiers: int = 0) -> None:
        cls.strokes += 1
        cls.presses += 1 + bin(modifiers & 0x0E000000).count("1") + (char in SHIFTED)


def focused() -> QWidget:
    """Where a key goes: an open menu, or the widget with the keyboard focus."""
    popup = QApplication.activePopupWidget()
    if isinstance(popup, QMenu):
        return popup
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def type_text(text: str) -> None:
    """Typed into whatever has the focus, one key at a time."""
    for ch in text:
        Keys.count(ch)
        QTest.keyClick(focused(), ch)


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    Keys.count("", int(modifier.value))
    QTest.keyClick(focused(), k, modifier)


def click(widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"{widget.objectName() or widget} cannot be clicked"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def make_window(station, data_dir: Path, camera=lambda: None, citizen=None):
    from station.ui.app import make_app
    from station.ui.main_window import MainWindow

    make_app()
    settings = QSettings(str(Path(data_dir) / "window.ini"), QSettings.Format.IniFormat)
    printers = FilePrinters(settings, Path(data_dir) / "printed")
    window = MainWindow(station, camera, settings, citizen, printers)
    window.resize(1366, 740)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    return window


def fill_citizen(nik: str = NIK, kk: str = KK, name: str = "Siti Rahmawati") -> None:
    """The whole form by keyboard, the way the counter does it (NIK and No. KK move on by themselves; birth date
    and sex come from the NIK; non-editable lists take the first letters typed)."""
    type_text(nik)
    type_text(kk)
    type_text(name)
    key(Qt.Key.Key_Tab)
    type_text("Kendal")
    key(Qt.Key.Key_Tab)
    for letters in ("i", "k", "pet", "slta", "i"):  # agama, status, pekerjaan, pendidikan, hubungan (any case)
        type_text(letters)
        key(Qt.Key.Key_Tab)
    type_text("Jl. Pemuda No. 3")
    key(Qt.Key.Key_Tab)
    type_text("3")
    key(Qt.Key.Key_Tab)
    type_text("1")
    key(Qt.Key.Key_Tab)
    type_text("blum")  # Blumah
    key(Qt.Key.Key_Tab)


def on_modal(kind, action, within_s: float = 10.0) -> list:
    """Run `action(dialog)` once a modal dialog of type `kind` is up: exec() blocks the test's own code until it
    closes, so the operator's part is queued first. The returned list gets True when it ran."""
    import time

    from PySide6.QtCore import QTimer

    ran: list = []
    deadline = time.monotonic() + within_s

    def poll() -> None:
        w = QApplication.activeModalWidget()
        f = QApplication.focusWidget()
        ready = f is not None and (f is w or (w is not None and w.isAncestorOf(f)))  # the cursor is in it
        if isinstance(w, kind) and w.isVisible() and not ready and time.monotonic() < deadline:
            w.activateWindow()  # what a window manager does for a new modal dialog
            QTimer.singleShot(20, poll)
            return
        if isinstance(w, kind) and w.isVisible():
            ran.append(True)
            try:
                action(w)
            except BaseException:
                w.done(0)  # never leave a test blocked in exec(); pytest-qt reports the error
                raise
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return ran


def message_box_button(text_part: str):
    """An action for on_modal(QMessageBox, ...): click the button whose text contains `text_part`."""

    def act(box) -> None:
        for b in box.buttons():
            if text_part.lower() in b.text().replace("&", "").lower():
                click(b)
                return
        raise AssertionError(f"no button with {text_part!r} in {[b.text() for b in box.buttons()]}")

    return act


def read(qtbot) -> None:
    """The operator (or the citizen) looks at the page that just appeared before deciding anything on it."""
    from station.ui.widgets import SETTLE_S

    qtbot.wait(int(SETTLE_S * 1000) + 50)


def show(qtbot, widget) -> None:
    """Shown and active, as a window the operator just opened."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def wait_focus(qtbot, widget) -> None:
    """Until the keyboard focus is in `widget` (a window manager hands it back after a message box closes)."""
    qtbot.waitUntil(
        lambda: (
            QApplication.focusWidget() is not None
            and (QApplication.focusWidget() is widget or widget.isAncestorOf(QApplication.focusWidget()))
        )
    )


def click_item(view, row: int) -> None:
    """A click on a list's row, where it is on screen."""
    rect = view.visualItemRect(view.item(row))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
