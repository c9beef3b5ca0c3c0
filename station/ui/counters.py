"""The queue's figures as a row of boxes (Antrean page) and as one line (the header)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from station.domain.antrean import QueueCounts

BOXES = [
    ("issued", QT_TRANSLATE_NOOP("Counters", "Diambil hari ini")),
    ("served", QT_TRANSLATE_NOOP("Counters", "Selesai dilayani")),  # finished: not the one at the counter now
    ("waiting", QT_TRANSLATE_NOOP("Counters", "Menunggu")),
    ("quota_left", QT_TRANSLATE_NOOP("Counters", "Sisa kuota")),
    ("later", QT_TRANSLATE_NOOP("Counters", "Untuk hari berikutnya")),
]


class CounterRow(QWidget):
    def __init__(self, value_name: str = "counterValue", label_name: str = "counterLabel") -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for key, text in BOXES:
            box = QFrame()
            box.setObjectName("counter")
            inner = QVBoxLayout(box)
            value = QLabel("0")
            value.setObjectName(value_name)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(QCoreApplication.translate("Counters", text))
            caption.setObjectName(label_name)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(value)
            inner.addWidget(caption)
            self.values[key] = value
            row.addWidget(box)

    def show_counts(self, c: QueueCounts) -> None:
        for key, label in self.values.items():
            label.setText(str(getattr(c, key)))


def counts_line(c: QueueCounts) -> str:
    """Finished and at the counter apart: "0 dilayani" beside "Sedang dilayani: A-001" read as a contradiction."""
    return QCoreApplication.translate(
        "Counters", "Antrean: {0} diambil · {1} selesai · {2} di loket · {3} menunggu · sisa kuota {4}"
    ).format(c.issued, c.served, c.called, c.waiting, c.quota_left)
