"""Small input widgets that behave the way a counter operator expects.

- NoWheelComboBox: the mouse wheel scrolls the form, never the value (Pekerjaan once changed silently).
- SearchCombo: type any part of a name ("waru" finds "Kaliwungu Waru"), Enter or Tab takes it.
- DateField: dd-mm-yyyy typed from the first digit wherever the field was clicked, a calendar in the office's
  language beside it, and empty (not 01-01-1990) until someone fills it.
"""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import QDate, QEvent, QKeyCombination, QPoint, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QToolButton,
    QToolTip,
    QWidget,
    QWidgetAction,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def shortcut(parent: QWidget, slot, *keys: str, enter: Qt.KeyboardModifier | None = None) -> QShortcut:
    """ONE shortcut for all its keys. Two QShortcuts on Return and Enter are ambiguous in this Qt (the text
    "Enter" parses as Return), so neither fires; `enter` adds both Return and keypad Enter with that modifier."""
    sequences = [QKeySequence(k) for k in keys]
    if enter is not None:
        sequences += [QKeySequence(QKeyCombination(enter, k)) for k in ENTER_KEYS]
    sc = QShortcut(parent)
    sc.setKeys(sequences)
    sc.activated.connect(slot)
    return sc


SETTLE_S = 0.6  # sooner than this after a decision page appears, a key or click is the last one pressed twice


class Settle:
    """When a page that takes a decision (the citizen's yes, accepting the record) appeared. Two quick Enters on
    Biometrik accepted the record before Tinjau could be read; anything sooner than SETTLE_S is not a decision."""

    def __init__(self) -> None:
        self._at = -SETTLE_S

    def start(self) -> None:
        self._at = time.monotonic()

    def settled(self) -> bool:
        return time.monotonic() - self._at >= SETTLE_S


class NoWheelComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel over it never gives it focus either
        # Sized by the layout, not by its longest item (a long village or job name made the form 1700 px wide
        # and cut it at 1366x768); the open list still shows the whole names.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        # the open list drawn by the item view's own delegate, which the style sheet reaches: with the combo's
        # menu delegate the chosen row was drawn as a blank white box (the style's QComboBox rule)
        self.setItemDelegate(QStyledItemDelegate(self))
        self._typed, self._typed_at = "", 0.0

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Type-ahead that never picks a wrong value silently: letters matching no item ("Bandung" in Agama
        once chose Buddha) empty the field and say so; a letter typed again cycles as Qt does. A space in the
        middle of a name is part of it ("Karyawan S": Karyawan Swasta); Qt opened the list on it and took the
        next letter as a new search (Seniman, or Kelingking kanan for "Kelingking ki")."""
        text = event.text()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        now = time.monotonic()
        fresh = now - self._typed_at > QApplication.keyboardInputInterval() / 1000
        inside_a_name = text == " " and self._typed and not fresh
        if self.isEditable() or not plain or not text.isprintable() or not (text.strip() or inside_a_name):
            super().keyPressEvent(event)
            return
        self._typed, self._typed_at = ("" if fresh else self._typed) + text.lower(), now
        items = [self.itemText(i).lower() for i in range(self.count())]
        hits = [i for i, t in enumerate(items) if t and t.startswith(self._typed)]
        if not hits and len(set(self._typed)) == 1:  # the same letter again: the next item with it
            same = [i for i, t in enumerate(items) if t.startswith(self._typed[0])]
            hits = same[len(self._typed) - 1 :] + same[: len(self._typed) - 1]
        if hits:
            self.setCurrentIndex(hits[0])
            QToolTip.hideText()
            return
        if self.count() and not items[0]:
            self.setCurrentIndex(0)  # empty: the form says "Wajib diisi" rather than keep a wrong value
        QToolTip.showText(
            self.mapToGlobal(QPoint(0, self.height())),
            self.tr('"{0}" tidak ada di daftar ini: pilih dari daftar.').format(self._typed),
            self,
        )

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.view().isVisible():  # scrolling the open list is fine
            super().wheelEvent(event)
        else:
            event.ignore()  # the scroll area (or nothing) gets it

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: str) -> None:
        i = self.findData(value)
        self.setCurrentIndex(i if i >= 0 else 0)


class SearchCombo(NoWheelComboBox):
    """An editable combo whose completer matches anywhere in the name, case-insensitively."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._proxy.setSourceModel(self.model())
        completer = QCompleter(self._proxy, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[str].connect(self._take)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._settle)
        # The completer eats the combo's FocusOut while its list is open, so leaving is heard app-wide.
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old, new) -> None:
        inside = (self, self.lineEdit(), self.completer().popup())
        if old in inside and new not in inside:
            self._settle()

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """(shown name, value) pairs; the first row is always the empty choice."""
        self.blockSignals(True)
        self.clear()
        self.addItem("", "")
        for name, value in items:
            self.addItem(name, value)
        self.setCurrentIndex(0)
        self.blockSignals(False)

    def value(self) -> str:
        i = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        return self.itemData(i) or "" if i > 0 else ""

    def _take(self, text: str) -> None:
        i = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if i >= 0:
            self.setCurrentIndex(i)

    def _settle(self) -> None:
        """Leaving the field: a typed part that names exactly one item takes that item."""
        text = self.currentText().strip()
        if not text or self.findText(text, Qt.MatchFlag.MatchFixedString) > 0:
            if text:
                self._take(text)
            return
        matches = [i for i in range(1, self.count()) if text.lower() in self.itemText(i).lower()]
        if len(matches) == 1:
            self.setCurrentIndex(matches[0])


class DateField(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setInputMask("00-00-0000;_")
        self.edit.setPlaceholderText("hh-bb-tttt")
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setToolTip(self.tr("Kalender"))
        self.button.clicked.connect(self._calendar)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """Clicking into an empty (or half-typed) date puts the cursor after what is there, so typed digits
        are never lost in the middle of the mask."""
        if obj is self.edit and event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonRelease):
            typed = len(self.edit.text().replace("-", "").strip())
            if typed < 8:
                pos = typed + (typed >= 2) + (typed >= 4)
                QTimer.singleShot(0, lambda: self.edit.setCursorPosition(pos))
            elif event.type() == QEvent.Type.FocusIn:  # a whole date (from the NIK): typing replaces it, whole
                QTimer.singleShot(0, self.edit.selectAll)  # (the mask swallowed every digit typed at its end)
        return False

    def date(self) -> dt.date | None:
        digits = self.edit.text().replace("-", "").strip()
        if len(digits) != 8:
            return None
        try:
            return dt.date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
        except ValueError:
            return None

    def typed(self) -> bool:
        return bool(self.edit.text().replace("-", "").strip())

    def complete(self) -> bool:
        """All eight digits typed (a real day or not)."""
        return len(self.edit.text().replace("-", "").strip()) == 8

    def text(self) -> str:
        return self.edit.text()

    def set_date(self, day: dt.date | None) -> None:
        self.edit.setText(f"{day:%d%m%Y}" if day else "")

    def _calendar(self) -> None:
        menu = QMenu(self)
        cal = QCalendarWidget()
        cal.setLocale(self.locale())
        cal.setGridVisible(True)
        day = self.date()
        if day:
            cal.setSelectedDate(QDate(day.year, day.month, day.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(cal)
        menu.addAction(action)

        def picked(q: QDate) -> None:
            self.set_date(dt.date(q.year(), q.month(), q.day()))
            menu.close()

        cal.clicked.connect(picked)
        menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))
