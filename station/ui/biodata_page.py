"""Biodata: every rule checked as the operator types, the message beside the field (red refuses, amber asks for
a confirmation), the NIK filling birth date and sex, Enter moving on, drafts saved and resumed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from station.domain.enrolment import Enrolment, validate
from station.domain.errors import StationError
from station.domain.nik import InvalidNik, parse_kk, parse_nik
from station.domain.problems import Problem
from station.services.station import Station
from station.ui.biodata_form import TAB_ORDER, BiodataForm
from station.ui.citizen import Citizen
from station.ui.i18n import short_date
from station.ui.places import kecamatan_items, village_items
from station.ui.steps import StepPage
from station.ui.style import set_state
from station.ui.widgets import DateField, SearchCombo, shortcut
from station.ui.words import record_status

log = logging.getLogger(__name__)
FIELDS = [n for n in TAB_ORDER if n != "kecamatan"]
MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}


class BiodataPage(StepPage):
    key = "biodata"
    resume_draft = Signal(str)  # another draft with this NIK: continue that one instead

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.citizen = Citizen()
        self.touched: set[str] = set()
        self._visited: set[str] = set()  # fields entered since the form was last emptied
        self.show_all = False
        self._auto: dict[str, object] = {}  # fields the NIK filled, and the value it put there
        self._loading = False
        self._offer: str | None = None  # uuid of a draft with the same NIK, offered to resume
        # the field the cursor jumped to by itself (a whole NIK or No. KK): an Enter or Tab pressed there first is
        # the operator leaving the field they typed, already done, and is swallowed; any other key ends that
        self._jumped: QWidget | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("title")
        layout.addWidget(self.heading)
        self.form = BiodataForm()
        self.inputs, self.messages = self.form.inputs, self.form.messages
        layout.addWidget(self.form, 1)
        same = QHBoxLayout()
        self.same_nik = QLabel("")
        self.same_nik.setWordWrap(True)
        set_state(self.same_nik, "warning")
        self.resume_btn = QPushButton(self.tr("Lanjutkan draf itu"))
        self.resume_btn.clicked.connect(lambda: self._offer and self.resume_draft.emit(self._offer))
        same.addWidget(self.same_nik, 1)
        same.addWidget(self.resume_btn)
        layout.addLayout(same)
        self.confirm = QCheckBox(self.tr("Saya sudah memeriksa peringatan (kuning) dengan dokumen warga"))
        self.confirm.toggled.connect(self._changed)
        layout.addWidget(self.confirm)
        bottom = QHBoxLayout()
        self.saved = QLabel("")
        self.saved.setObjectName("muted")
        self.summary = QPushButton("")
        self.summary.setObjectName("link")
        self.summary.setCursor(Qt.CursorShape.PointingHandCursor)
        self.summary.clicked.connect(self.jump_to_problem)
        self.next_btn = QPushButton(self.tr("Lanjut ke foto (Ctrl+Enter)"))
        self.next_btn.setObjectName("primary")
        self.next_btn.clicked.connect(self.proceed_to_photo)
        shortcut(self, self.proceed_to_photo, enter=Qt.KeyboardModifier.ControlModifier)
        shortcut(self, self.jump_to_problem, "Alt+P")
        bottom.addWidget(self.saved)
        bottom.addStretch(1)
        bottom.addWidget(self.summary)
        bottom.addWidget(self.next_btn)
        layout.addLayout(bottom)
        self._draft_timer = QTimer(self, singleShot=True, interval=800, timeout=self.save_draft)
        self._wire()
        self.inputs["kecamatan"].set_items(list(kecamatan_items(station.regions)))
        self.reset()

    def title(self) -> str:
        return self.tr("Biodata")

    # --- wiring ---------------------------------------------------------------------------------
    def _wire(self) -> None:
        for name, w in self.inputs.items():
            if isinstance(w, QLineEdit):
                w.textEdited.connect(lambda _t, n=name: self._edited(n))
                w.textChanged.connect(self._changed)
            elif isinstance(w, DateField):
                w.edit.textEdited.connect(lambda _t, n=name: self._edited(n))
                w.changed.connect(self._changed)
            elif name == "kecamatan":
                w.currentIndexChanged.connect(self._kecamatan_changed)
            elif isinstance(w, QComboBox):
                w.activated.connect(lambda _i, n=name: self._edited(n))
                w.currentIndexChanged.connect(self._changed)
                if isinstance(w, SearchCombo):
                    w.lineEdit().textEdited.connect(lambda _t, n=name: self._edited(n))
            for target in self._focus_targets(w):
                target.installEventFilter(self)
                target.setProperty("field", name)

    @staticmethod
    def _focus_targets(w: QWidget) -> list[QWidget]:
        if isinstance(w, DateField):
            return [w.edit]
        if isinstance(w, SearchCombo):
            return [w, w.lineEdit()]
        return [w]

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        name = obj.property("field")
        if obj is self._jumped and self._after_jump(event):
            return True
        if event.type() == QEvent.Type.FocusIn and name:
            self._visited.add(name)
        if event.type() == QEvent.Type.FocusOut and name and name in self._visited:
            # a field is "touched" once left after being entered for this citizen: the field the cursor stood in
            # when the form was emptied is not (its "Wajib diisi" greeted a new operator on a fresh form)
            if name not in self.touched:
                self.touched.add(name)
                self._changed()
        elif event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False  # Ctrl+Enter: the page's shortcut
            combo = self.inputs.get(name)
            if isinstance(combo, SearchCombo):
                if combo.completer().popup().isVisible():
                    return False  # Enter takes the highlighted village first
                combo.lineEdit().editingFinished.emit()
            self.focusNextChild()  # Enter moves on, as on paper forms
            return True
        return False

    def _after_jump(self, event) -> bool:
        """In the field reached by the automatic jump: True to swallow a first Enter or Tab (no modifier)."""
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self._jumped = None
        elif kind == QEvent.Type.KeyPress and event.key() not in MODIFIER_KEYS:
            self._jumped = None
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            return plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
        return False

    # --- per citizen ----------------------------------------------------------------------------
    def ready(self, citizen: Citizen) -> bool:
        return citizen.ticket is not None or citizen.started

    def enter(self, citizen: Citizen) -> None:
        if citizen is not self.citizen:
            self.citizen = citizen
            self.reset()
            if citizen.draft is not None or citizen.enrolment is not None:
                self.load(citizen.enrolment or citizen.draft)
        self.heading.setText(self.tr("Biodata — nomor antrean {0}").format(citizen.label))
        QTimer.singleShot(0, self.focus_first)

    def leave(self) -> None:
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self.save_draft()

    def reset(self) -> None:
        """Everything empty for the next citizen: no date, no sex, no confirmation carried over. A draft save still
        pending belonged to the previous citizen (their draft was saved on leaving): dropped."""
        self._draft_timer.stop()
        self._loading = True
        for w in self.inputs.values():
            if isinstance(w, QLineEdit):
                w.clear()
            elif isinstance(w, DateField):
                w.set_date(None)
            elif isinstance(w, QComboBox) and w is not self.inputs["kecamatan"]:
                w.setCurrentIndex(0)
        self.inputs["golongan_darah"].set_value("Tidak Tahu")
        self.inputs["kewarganegaraan"].set_value("WNI")
        self._select_kecamatan(self.station.settings.current.kecamatan)
        self.confirm.setChecked(False)
        self.touched, self.show_all, self._auto, self._offer, self._jumped = set(), False, {}, None, None
        self._visited: set[str] = set()
        self._mark_auto()
        self.saved.setText("")
        self._loading = False
        self._changed()

    def load(self, e: Enrolment) -> None:
        self._loading = True
        for name in ("nik", "no_kk", "nama", "tempat_lahir", "alamat", "rt", "rw"):
            self.inputs[name].setText(getattr(e, name))
        self.inputs["tanggal_lahir"].set_date(e.tanggal_lahir)
        for name in ("jenis_kelamin", "agama", "status_perkawinan", "pekerjaan", "pendidikan", "hubungan_keluarga"):
            self.inputs[name].set_value(getattr(e, name))
        self.inputs["golongan_darah"].set_value(e.golongan_darah)
        self.inputs["kewarganegaraan"].set_value(e.kewarganegaraan)
        if e.desa_code:
            self._select_kecamatan(e.desa_code.rsplit(".", 1)[0])
            desa = self.inputs["desa_code"]
            desa.setCurrentIndex(max(0, desa.findData(e.desa_code)))
        self.confirm.setChecked(bool(e.confirmed_warnings))
        self.touched = {n for n in FIELDS if not self._empty(n)}
        self._loading = False
        self._changed()

    def _select_kecamatan(self, code: str) -> None:
        combo = self.inputs["kecamatan"]
        combo.setCurrentIndex(max(0, combo.findData(code)))
        if combo.isEditable():
            combo.lineEdit().setCursorPosition(0)  # the name's start, not its tail, in a narrow field
        self._kecamatan_changed()

    def _kecamatan_changed(self, *_) -> None:
        code = self.inputs["kecamatan"].currentData() or ""
        self.inputs["desa_code"].set_items(village_items(self.station.regions, code))
        self._changed()

    # --- reading the form -----------------------------------------------------------------------
    def enrolment(self) -> Enrolment:
        e = Enrolment(**{n: self.inputs[n].text().strip() for n in ("nik", "no_kk", "nama", "tempat_lahir")})
        e.alamat, e.rt, e.rw = (self.inputs[n].text().strip() for n in ("alamat", "rt", "rw"))
        for n in ("jenis_kelamin", "agama", "status_perkawinan", "pekerjaan", "pendidikan", "hubungan_keluarga"):
            setattr(e, n, self.inputs[n].value())
        e.golongan_darah = self.inputs["golongan_darah"].value() or "Tidak Tahu"
        e.kewarganegaraan = self.inputs["kewarganegaraan"].value()
        e.tanggal_lahir = self.inputs["tanggal_lahir"].date()
        e.desa_code = self.inputs["desa_code"].value()
        return e

    def _empty(self, name: str) -> bool:
        w = self.inputs[name]
        if isinstance(w, QLineEdit):
            return not w.text().strip()
        if isinstance(w, DateField):
            return not w.typed()
        if isinstance(w, SearchCombo):
            return not w.currentText().strip()
        return not w.value()

    def problems(self) -> list[Problem]:
        e = self.enrolment()
        found = validate(e, self.station.regions, self.station.clock.today())
        if self.confirm.isChecked():
            e.confirmed_warnings = [p.code for p in found if not p.blocking]
            found = validate(e, self.station.regions, self.station.clock.today())
        date = self.inputs["tanggal_lahir"]
        if date.typed() and date.date() is None:
            found = [p for p in found if p.field != "tanggal_lahir"]
            if date.complete():  # all eight digits, and no such day (31-02-1995 was called incomplete)
                why = Problem("tanggal_lahir", "date_invalid", self.tr("Tanggal {0} tidak ada.").format(date.text()))
            else:
                why = Problem("tanggal_lahir", "date_incomplete", self.tr("Tanggal belum lengkap (hh-bb-tttt)."))
            found.insert(0, why)
        return found

    # --- reacting -------------------------------------------------------------------------------
    def _edited(self, name: str) -> None:
        """The operator typed or picked: a field the NIK filled is theirs now."""
        if name in self._auto:
            del self._auto[name]
            self._mark_auto()

    def _changed(self, *_) -> None:
        if self._loading:
            return
        self._fill_from_nik()
        found = self.problems()
        self._show(found)
        self._same_nik()
        typed = any(not self._empty(n) for n in ("nik", "nama", "no_kk"))
        if not self._loading and typed and self.isVisible():  # hidden: a list settling after the page was left
            self._draft_timer.start()
        self._advance()

    def _show(self, found: list[Problem]) -> None:
        by_field: dict[str, list[Problem]] = {}
        for p in found:
            by_field.setdefault(p.field, []).append(p)
        for label in set(self.messages.values()):
            label.setText("")
            set_state(label, "")
        for name in FIELDS:
            msgs = by_field.get(name, [])
            blocking = any(p.blocking for p in msgs)
            empty = self._empty(name)
            visible = bool(msgs) and (self.show_all or name in self.touched or (not empty and name != "nik"))
            if name == "nik" and msgs and not empty and len("".join(self.inputs["nik"].text().split())) >= 16:
                visible = True
            text = self.tr("Wajib diisi") if empty and blocking else "\n".join(p.message for p in msgs)
            label = self.messages[name]
            if visible:
                label.setText((label.text() + "\n" if label.text() else "") + text)
                set_state(label, "error" if blocking or label.property("state") == "error" else "warning")
            for target in self._focus_targets(self.inputs[name])[:1]:
                set_state(target, ("error" if blocking else "warning") if visible else "")
        warnings = [p for p in found if not p.blocking]
        self.confirm.setVisible(bool(warnings) or self.confirm.isChecked())
        blocking = [p for p in found if p.blocking]
        self.next_btn.setEnabled(not found)
        shown = any(label.property("state") == "error" for label in self.messages.values())
        set_state(self.summary, "error" if shown else "muted")
        if blocking:
            self.summary.setText(self.tr("{0} isian perlu diperbaiki — tunjukkan (Alt+P)").format(len(blocking)))
        elif warnings:
            self.summary.setText(self.tr("{0} peringatan perlu dikonfirmasi").format(len(warnings)))
        else:
            self.summary.setText("")
        self.summary.setVisible(bool(found))

    def _fill_from_nik(self) -> None:
        """A whole, valid NIK says the birth date and the sex: fill them unless the operator chose otherwise."""
        try:
            info = parse_nik(self.inputs["nik"].text())
            birth = info.likely_birth_date(self.station.clock.today())
        except InvalidNik:
            return
        date, sex = self.inputs["tanggal_lahir"], self.inputs["jenis_kelamin"]
        self._loading = True
        filled = self._auto.get("tanggal_lahir")  # None once the operator typed over it: a half-typed date is
        if not date.typed() or (filled is not None and filled == date.date()):  # theirs, not "equal" to it
            if date.date() != birth:
                date.set_date(birth)
            self._auto["tanggal_lahir"] = birth
        if not sex.value() or self._auto.get("jenis_kelamin") == sex.value():
            sex.set_value(info.sex)
            self._auto["jenis_kelamin"] = info.sex
        self._loading = False
        self._mark_auto()

    def _mark_auto(self) -> None:
        """Filled from the NIK: tinted, and skipped by Tab (still clickable)."""
        for name in ("tanggal_lahir", "jenis_kelamin"):
            target = self._focus_targets(self.inputs[name])[0]
            auto = name in self._auto
            target.setProperty("auto", auto)
            target.setToolTip(self.tr("Diisi dari NIK") if auto else "")
            target.setFocusPolicy(Qt.FocusPolicy.ClickFocus if auto else Qt.FocusPolicy.StrongFocus)
            target.style().unpolish(target)
            target.style().polish(target)

    def _advance(self) -> None:
        """A whole, valid NIK or No. KK typed: the cursor goes on by itself."""
        focused = self.focusWidget()
        for name, parse in (("nik", parse_nik), ("no_kk", lambda t: parse_kk(t, self.station.clock.today()))):
            edit = self.inputs[name]
            whole = len("".join(edit.text().split())) == 16 and edit.cursorPosition() == len(edit.text())
            if focused is edit and whole:
                try:
                    parse(edit.text())
                except InvalidNik:
                    return
                self.focusNextChild()
                self._jumped = QApplication.focusWidget()

    def _same_nik(self) -> None:
        others = self.station.records.same_nik(self.inputs["nik"].text(), self.citizen.record_uuid)
        drafts = [o for o in others if o.status == "draft"]
        self._offer = drafts[0].uuid if drafts else None
        clock = self.station.clock
        self.same_nik.setText(
            self.tr("NIK ini sudah ada di stasiun: {0}.").format(
                ", ".join(
                    f"{o.nama} ({record_status(o.status)}, {short_date(clock.local(o.created_at).date())})"
                    for o in others
                )
            )
            if others
            else ""
        )
        self.same_nik.setVisible(bool(others))
        self.resume_btn.setVisible(self._offer is not None)

    # --- actions --------------------------------------------------------------------------------
    def save_draft(self) -> None:
        if self._offer is not None and self.citizen.record_uuid is None:
            return  # the operator is being offered the earlier draft: do not start a second one
        if all(self._empty(n) for n in ("nik", "nama", "no_kk")):
            return  # nothing typed: no draft (an empty draft would make an untouched citizen look started)
        try:
            uuid = self.station.records.save_draft(self.enrolment(), self.citizen.record_uuid, self.citizen.ticket)
        except StationError as err:  # the form stays as typed; the operator sees why it was not kept
            log.warning("draft not saved code=%s", err.code)
            self.saved.setText(str(err))
            return
        self.citizen.record_uuid = uuid
        if self.citizen.ticket is not None:
            self.citizen.ticket = dataclasses.replace(self.citizen.ticket, record_uuid=uuid)
        now = self.station.clock.office_now()
        self.saved.setText(self.tr("Draf tersimpan {0}").format(f"{now:%H:%M}"))

    def proceed_to_photo(self) -> None:
        if not self.isVisible():
            return
        found = self.problems()
        if found:
            self.show_all = True
            self._show(found)
            self.jump_to_problem()
            return
        e = self.enrolment()
        e.confirmed_warnings = [
            p.code for p in validate(e, self.station.regions, self.station.clock.today()) if not p.blocking
        ]
        self._draft_timer.stop()
        self.save_draft()
        self.citizen.enrolment = e
        self.finished.emit()

    def jump_to_problem(self) -> None:
        """Focus the first field (in the form's order) that needs attention, and show every message."""
        found = {p.field for p in self.problems()}
        self.show_all = True
        self._changed()
        for name in FIELDS:
            if name in found:
                target = self._focus_targets(self.inputs[name])[-1]
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def focus_first(self) -> None:
        """The first empty field (the NIK for a new citizen)."""
        for name in FIELDS:
            if self._empty(name):
                self._focus_targets(self.inputs[name])[-1].setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.next_btn.setFocus()

    def birth(self) -> dt.date | None:
        return self.inputs["tanggal_lahir"].date()
