"""The shape the account dialogs share: a title, a short explanation, fields, a message line, OK/Batal.

Typing goes where the cursor is from the first moment (the first empty field has focus, never the OK button),
Enter in a field moves to the next one and submits from the last, and an empty field is named before anything
is sent to the services (an empty password is not a failed login)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class _Bridge(QObject):
    done = Signal(object)  # what the work on the other thread gave, delivered on the window's thread


class FormDialog(QDialog):
    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        # The layout sets the dialog's minimum: a minimum set on the dialog itself would win over it, and a
        # field wider than that (the kecamatan list at first start) ran past the dialog's edge.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setMinimumWidth(460)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        for b in self.buttons.buttons():
            b.setAutoDefault(False)  # Enter is handled per field below
        self.buttons.accepted.connect(self._submit_if_complete)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fields: list[QLineEdit] = []
        self.labels: dict[QLineEdit, str] = {}

    def field(self, label: str, secret: bool = False, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.installEventFilter(self)
        edit.textEdited.connect(lambda _text: self.error.setText(""))  # an old "... belum diisi." never lingers
        self.form.addRow(label, edit)
        self.fields.append(edit)
        self.labels[edit] = label
        return edit

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.activateWindow()
        self.focus_first_empty()
        QTimer.singleShot(0, self.focus_first_empty)  # again once the window manager has shown it

    def focus_first_empty(self) -> None:
        for edit in self.fields:
            if not edit.text():
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        if self.fields:
            self.fields[-1].setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        enter = event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and obj in self.fields:
            i = self.fields.index(obj)
            if i + 1 < len(self.fields) and not self._all_filled():
                self.fields[i + 1].setFocus(Qt.FocusReason.TabFocusReason)
            else:
                self._submit_if_complete()
            return True
        return False

    def file_row(self, label: str, edit: QLineEdit, pick: Callable[[], None]) -> None:
        """A path field with its "Pilih ..." button beside it, Enter moving on as in every field."""
        button = QPushButton(QCoreApplication.translate("FormDialog", "Pilih ..."))  # one context for every dialog
        button.setAutoDefault(False)
        button.clicked.connect(pick)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(button)
        holder = QWidget()
        holder.setLayout(row)
        self.form.addRow(label, holder)
        edit.installEventFilter(self)
        self.labels[edit] = label

    def message_under_fields(self) -> None:
        """The message in its own row under the fields, wrapped, never drawn over them (see say)."""
        self.layout().removeWidget(self.error)
        self.form.addRow(self.error)

    def say(self, text: str) -> None:
        """The message whole: the dialog made as tall as its wrapped lines need at the dialog's width."""
        self.error.setText(text)
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        if need > self.height():
            self.resize(self.width(), need)

    def work_aside(self, name: str, work: Callable[[], object], answered: Callable[[object], None]) -> None:
        """`work` on a thread of its own (files, the network: the window keeps painting), OK off and a busy bar
        meanwhile; what it returns goes to `answered` on the window's thread. `work` turns its own failures
        into a result: nothing may escape a thread unseen."""
        if not hasattr(self, "_busy"):
            self._busy = QProgressBar()
            self._busy.setRange(0, 0)
            self.extra.addWidget(self._busy)
            self._bridge = _Bridge()
            self._bridge.done.connect(self._worked)
        self._answered = answered
        self.ok_button.setEnabled(False)
        self._busy.setVisible(True)
        self.error.setText("")
        threading.Thread(target=lambda: self._bridge.done.emit(work()), name=name, daemon=True).start()

    def _worked(self, result: object) -> None:
        self.ok_button.setEnabled(True)
        self._busy.setVisible(False)
        self._answered(result)

    def passwords_match(self, password: QLineEdit, again: QLineEdit) -> bool:
        """The new password typed twice alike; otherwise say so and put the cursor in the repeat (emptied)."""
        if password.text() == again.text():
            return True
        self.error.setText(self.tr("Kedua kata sandi tidak sama."))  # tr: the subclass's context, as before
        again.clear()
        again.setFocus()
        return False

    def _all_filled(self) -> bool:
        return all(e.text() for e in self.fields if e not in self.optional())

    def optional(self) -> tuple[QLineEdit, ...]:
        return ()

    def _submit_if_complete(self) -> None:
        for edit in self.fields:
            if not edit.text() and edit not in self.optional():
                self.error.setText(self.tr("{0} belum diisi.").format(self.labels[edit]))
                edit.setFocus()
                return
        self.submit()

    def submit(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


def fit_text(edit: QLineEdit, sample: str) -> None:
    """Wide enough to show `sample` whole, measured in the edit's own styled font (the style sheet's, not the
    dialog's: measured before polishing, a path or a code came out cut off)."""
    edit.ensurePolished()
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(sample) + 32)


def supervisor_rows(form: QFormLayout) -> tuple[QLineEdit, QLineEdit, QLabel]:
    """The rows a supervisor's confirmation needs (name, password) and the error line under them, for the
    exception dialogs (photo waiver, biometric exception); their texts in one context of their own (a
    dialog.tr() here was looked up under each dialog's class and so never found in English)."""
    name, password, error = QLineEdit(), QLineEdit(), QLabel("")
    password.setEchoMode(QLineEdit.EchoMode.Password)
    form.addRow(QCoreApplication.translate("Supervisor", "Supervisor"), name)
    form.addRow(QCoreApplication.translate("Supervisor", "Kata sandi supervisor"), password)
    error.setObjectName("error")
    error.setWordWrap(True)
    error.setMinimumHeight(2 * error.fontMetrics().lineSpacing() + 6)  # two lines whole (they were cut off)
    form.addRow(error)
    return name, password, error


def supervisor_missing(name: QLineEdit, password: QLineEdit, error: QLabel) -> bool:
    """True (and the error says so, the cursor in the empty field) when the supervisor has not typed both: an
    empty form answered "Nama pengguna atau kata sandi salah.", as if someone had tried."""
    empty = next((w for w in (name, password) if not w.text().strip()), None)
    if empty is not None:
        error.setText(
            QCoreApplication.translate(
                "Supervisor", "Supervisor mengisi nama dan kata sandinya di sini untuk mengonfirmasi."
            )
        )
        empty.setFocus()
    return empty is not None
