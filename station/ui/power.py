"""Lock the station when the OS says the laptop goes to sleep (lid closed) or the session is locked.

Windows: WM_POWERBROADCAST/PBT_APMSUSPEND and WM_WTSSESSION_CHANGE/WTS_SESSION_LOCK reach the window's
native event filter. Linux: logind's PrepareForSleep(true) on the system D-Bus. Elsewhere the idle lock
still applies.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QObject, Slot

WM_POWERBROADCAST, PBT_APMSUSPEND = 0x0218, 0x0004
WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK = 0x02B1, 0x7


class _MSG(ctypes.Structure):
    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint),
        ("pt_x", ctypes.c_long),
        ("pt_y", ctypes.c_long),
    ]


def is_sleep_or_lock(message: int, wparam: int) -> bool:
    return (message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND) or (
        message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK
    )


class WindowsPowerFilter(QAbstractNativeEventFilter):
    def __init__(self, on_sleep: Callable[[], None]) -> None:
        super().__init__()
        self.on_sleep = on_sleep

    def nativeEventFilter(self, event_type, message):  # noqa: N802 - Qt's name
        if bytes(event_type) == b"windows_generic_MSG" and message:
            msg = _MSG.from_address(int(message))
            if is_sleep_or_lock(msg.message, msg.wParam):
                self.on_sleep()
        return False, 0


class _LogindListener(QObject):
    def __init__(self, on_sleep: Callable[[], None]) -> None:
        super().__init__()
        self.on_sleep = on_sleep

    @Slot(bool)
    def prepare_for_sleep(self, going: bool) -> None:
        if going:
            self.on_sleep()


def watch_power(app, on_sleep: Callable[[], None]) -> object | None:
    """Install whatever this OS offers; returns the object to keep alive (or None)."""
    if sys.platform == "win32":
        f = WindowsPowerFilter(on_sleep)
        app.installNativeEventFilter(f)
        return f
    if sys.platform.startswith("linux"):
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return None
        bus = QDBusConnection.systemBus()
        if not bus.isConnected():
            return None
        listener = _LogindListener(on_sleep)
        bus.connect(
            "org.freedesktop.login1",
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            listener,
            "prepare_for_sleep(bool)",
        )
        return listener
    return None
