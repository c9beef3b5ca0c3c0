"""The screenshot tool's hands and eyes (station.ui.screenshots): keys and clicks as an operator gives them, the
event loop turned while the window works, and grabs of the screen or of one dialog with its title bar."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def wait_until(test: Callable[[], bool], seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while not test():
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.02)


def grab(name: str) -> None:
    """The whole screen (1366x768 under Xvfb)."""
    OUT.mkdir(parents=True, exist_ok=True)
    QApplication.primaryScreen().grabWindow(0).save(str(OUT / f"{name}.png"))
    print("saved", OUT / f"{name}.png", flush=True)


def shot(name: str) -> None:
    pump(0.5)
    grab(name)


def grab_widget(name: str, widget: QWidget) -> None:
    """One window as the operator sees it: its frame and title bar (drawn by the window manager) included."""
    pump(0.5)
    g = widget.frameGeometry()
    OUT.mkdir(parents=True, exist_ok=True)
    QApplication.primaryScreen().grabWindow(0, g.x(), g.y(), g.width(), g.height()).save(str(OUT / f"{name}.png"))
    print("saved", OUT / f"{name}.png", f"({g.width()}x{g.height()})", flush=True)


def target() -> QWidget:
    """Where a key goes: the focus, or (a dialog just closed, the focus not handed back yet) the active window."""
    w = QApplication.focusWidget() or QApplication.activeWindow()
    if w is None:
        raise SystemExit("no window has the keyboard focus")
    return w


def typed(text: str) -> None:
    for ch in text:
        QTest.keyClick(target(), ch)
    pump(0.05)


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(target(), k, modifier)
    pump(0.05)


def tab() -> None:
    key(Qt.Key.Key_Tab)


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    pump(0.05)


def when_up(kind: type, act: Callable[[QWidget], None], within_s: float = 20.0) -> None:
    """`act(dialog)` once a modal dialog of type `kind` is up and has the focus. Queued first: exec() blocks the
    caller until the dialog closes. A failure is printed and the dialog closed, so the run never hangs."""
    deadline = time.monotonic() + within_s

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if isinstance(w, kind) and w.isVisible():
            w.activateWindow()
            pump(0.3)
            try:
                act(w)
            except BaseException:  # noqa: BLE001 - a tool: say what broke, close the dialog, go on
                traceback.print_exc()
                w.done(0)
        elif time.monotonic() < deadline:
            QTimer.singleShot(30, poll)
        else:
            print(f"WARNING: no {kind.__name__} came up", flush=True)

    QTimer.singleShot(0, poll)


def button(widget: QWidget, text_part: str):
    """The push button in `widget` whose text contains `text_part` (case and & ignored)."""
    from PySide6.QtWidgets import QAbstractButton

    for b in widget.findChildren(QAbstractButton):
        if text_part.lower() in b.text().replace("&", "").lower() and b.isVisible():
            return b
    raise LookupError(f"no button {text_part!r} in {type(widget).__name__}")
