"""A strip under the header that says what just happened (printed, saved, refused) where the operator looks,
with one action when there is something to do about it (save the PDF, print again).

It floats over the top of the pages rather than taking a row of its own: at 1366x768 a row pushed the window past
the bottom of the screen, and the status bar (sync, camera) with it."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from station.ui.style import set_state

STALE_S = 1.0  # said longer ago than this when the page changes: it goes


class Banner(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.action = QPushButton("")
        self.close_btn = QPushButton("✕")
        self.close_btn.setObjectName("flat")
        self.close_btn.setToolTip(self.tr("Tutup"))
        row.addWidget(self.text, 1)
        row.addWidget(self.action)
        row.addWidget(self.close_btn)
        self.close_btn.clicked.connect(self.hide)
        for b in (self.action, self.close_btn):  # mouse only: a Space meant for Rekam opened "Simpan PDF"
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._said_at = 0.0
        self._callback: Callable[[], None] | None = None
        self.action.clicked.connect(self._act)
        self._timer = QTimer(self, singleShot=True, timeout=self.hide)
        self._anchor: QWidget | None = None
        self.hide()

    def float_over(self, anchor: QWidget) -> None:
        """Lie over the top of `anchor` (a sibling), following it as it moves and resizes."""
        self.setParent(anchor.parentWidget())
        self._anchor = anchor
        anchor.installEventFilter(self)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._anchor and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return False

    def _place(self) -> None:
        if self._anchor is None:
            return
        a = self._anchor.geometry()
        height = self.heightForWidth(a.width()) if self.hasHeightForWidth() else -1
        self.setGeometry(a.x(), a.y(), a.width(), max(height, self.sizeHint().height()))

    def say(self, text: str, state: str = "ok", action: str = "", callback: Callable[[], None] | None = None) -> None:
        """Show `text`; ok messages fade after 8 s, warnings and errors stay until closed or acted on."""
        self.text.setText(text)
        set_state(self, state)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self._callback = callback
        self._said_at = time.monotonic()
        self.show()
        self._place()
        self.raise_()
        if state == "ok":
            self._timer.start(8000)
        else:
            self._timer.stop()

    def moved_on(self, *_) -> None:
        """The operator went to another page: what was said before that is history. A cancelled ticket's warning
        stayed over the top of every step of the next citizen (the ticket served, the search box). What the move
        itself said (a step not ready yet) is kept."""
        if self.isVisible() and time.monotonic() - self._said_at > STALE_S:
            self.hide()

    def _act(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback()
