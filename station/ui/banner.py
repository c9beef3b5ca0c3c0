"""A strip under the header that says what just happened (printed, saved, refused) where the operator looks,
with one action when there is something to do about it (save the PDF, print again)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from station.ui.style import set_state


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
        self._callback: Callable[[], None] | None = None
        self.action.clicked.connect(self._act)
        self._timer = QTimer(self, singleShot=True, timeout=self.hide)
        self.hide()

    def say(self, text: str, state: str = "ok", action: str = "", callback: Callable[[], None] | None = None) -> None:
        """Show `text`; ok messages fade after 8 s, warnings and errors stay until closed or acted on."""
        self.text.setText(text)
        set_state(self, state)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self._callback = callback
        self.show()
        if state == "ok":
            self._timer.start(8000)
        else:
            self._timer.stop()

    def _act(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback()
