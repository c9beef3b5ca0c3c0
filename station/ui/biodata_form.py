"""The biodata form's widgets and layout: two columns that fit a 1366x768 screen without scrolling, each field
with its message beside it, and a tab order that follows the Kartu Keluarga the operator reads from."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from station.domain import values
from station.ui.widgets import DateField, NoWheelComboBox, SearchCombo

LABELS = {
    "nik": QT_TRANSLATE_NOOP("BiodataForm", "NIK"),
    "no_kk": QT_TRANSLATE_NOOP("BiodataForm", "No. KK"),
    "nama": QT_TRANSLATE_NOOP("BiodataForm", "Nama lengkap"),
    "tempat_lahir": QT_TRANSLATE_NOOP("BiodataForm", "Tempat lahir"),
    "tanggal_lahir": QT_TRANSLATE_NOOP("BiodataForm", "Tanggal lahir"),
    "jenis_kelamin": QT_TRANSLATE_NOOP("BiodataForm", "Jenis kelamin"),
    "agama": QT_TRANSLATE_NOOP("BiodataForm", "Agama"),
    "status_perkawinan": QT_TRANSLATE_NOOP("BiodataForm", "Status perkawinan"),
    "pekerjaan": QT_TRANSLATE_NOOP("BiodataForm", "Pekerjaan"),
    "pendidikan": QT_TRANSLATE_NOOP("BiodataForm", "Pendidikan"),
    "hubungan_keluarga": QT_TRANSLATE_NOOP("BiodataForm", "Hubungan keluarga"),
    "alamat": QT_TRANSLATE_NOOP("BiodataForm", "Alamat"),
    "rtrw": QT_TRANSLATE_NOOP("BiodataForm", "RT / RW"),
    "kecamatan": QT_TRANSLATE_NOOP("BiodataForm", "Kecamatan"),
    "desa_code": QT_TRANSLATE_NOOP("BiodataForm", "Desa/Kelurahan"),
    "golongan_darah": QT_TRANSLATE_NOOP("BiodataForm", "Golongan darah"),
    "kewarganegaraan": QT_TRANSLATE_NOOP("BiodataForm", "Kewarganegaraan"),
}
SEX_WORDS = {"L": QT_TRANSLATE_NOOP("BiodataForm", "Laki-laki"), "P": QT_TRANSLATE_NOOP("BiodataForm", "Perempuan")}
LEFT = ["nik", "no_kk", "nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "agama", "status_perkawinan"]
LEFT += ["pekerjaan", "pendidikan"]
RIGHT = ["hubungan_keluarga", "alamat", "rtrw", "desa_code", "kecamatan", "golongan_darah", "kewarganegaraan"]
# Fields with no message of their own take the message column too: a kecamatan is shown with its kabupaten and
# province ("Plantungan — Kab. Kendal, Jawa Tengah"), which the field column alone cut off.
WIDE = ("kecamatan",)
TEXTS = ("nik", "no_kk", "nama", "tempat_lahir", "alamat", "rt", "rw")
LISTS = ("jenis_kelamin", "agama", "status_perkawinan", "pekerjaan", "pendidikan", "hubungan_keluarga")
LISTS += ("golongan_darah", "kewarganegaraan")
# Keyboard order: what the Kartu Keluarga shows, then the address; rarely changed fields last.
TAB_ORDER = ["nik", "no_kk", "nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "agama", "status_perkawinan"]
TAB_ORDER += ["pekerjaan", "pendidikan", "hubungan_keluarga", "alamat", "rt", "rw", "desa_code", "golongan_darah"]
TAB_ORDER += ["kewarganegaraan", "kecamatan"]


def label(name: str) -> str:
    return QCoreApplication.translate("BiodataForm", LABELS[name])


class BiodataForm(QWidget):
    """Holds the inputs by field name (`inputs`) and one message label per field (`messages`)."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for name in TEXTS:
            edit = QLineEdit()
            edit.setObjectName(name)
            self.inputs[name] = edit
        for name in ("nik", "no_kk"):
            self.inputs[name].setMaxLength(19)  # 16 digits, with the spaces people paste
            self.inputs[name].setPlaceholderText(self.tr("16 digit"))
        self.inputs["nama"].setMaxLength(60)
        for name in ("rt", "rw"):
            self.inputs[name].setMaxLength(3)
            self.inputs[name].setFixedWidth(64)
            self.inputs[name].setPlaceholderText("000")
        for name in LISTS:
            combo = NoWheelComboBox()
            combo.setObjectName(name)
            combo.addItem("", "")
            for v in values.VALUE_LISTS[name]:
                text = QCoreApplication.translate("BiodataForm", SEX_WORDS[v]) if name == "jenis_kelamin" else v
                combo.addItem(text, v)
            self.inputs[name] = combo
        self.inputs["tanggal_lahir"] = DateField()
        self.inputs["kecamatan"] = SearchCombo()
        self.inputs["desa_code"] = SearchCombo()
        self.inputs["desa_code"].lineEdit().setPlaceholderText(self.tr("ketik nama desa ..."))
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(24)
        for names in (LEFT, RIGHT):
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(6)
            grid.setColumnMinimumWidth(1, 230)
            grid.setColumnStretch(1, 3)
            grid.setColumnStretch(2, 2)
            for row, name in enumerate(names):
                self._row(grid, row, name)
            grid.setRowStretch(len(names), 1)
            columns.addLayout(grid, 1)
        for first, second in zip(TAB_ORDER, TAB_ORDER[1:], strict=False):
            QWidget.setTabOrder(self.inputs[first], self.inputs[second])

    def _row(self, grid: QGridLayout, row: int, name: str) -> None:
        caption = QLabel(label(name))
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.captions[name] = caption
        if name == "rtrw":
            field = QWidget()
            box = QHBoxLayout(field)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self.inputs["rt"])
            box.addWidget(QLabel("/"))
            box.addWidget(self.inputs["rw"])
            box.addStretch(1)
            caption.setBuddy(self.inputs["rt"])
        else:
            field = self.inputs[name]
            caption.setBuddy(field)
        message = QLabel("")
        message.setObjectName("fieldmsg")
        message.setWordWrap(True)
        message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        message.setMinimumWidth(170)
        self.messages[name] = message
        if name == "rtrw":
            self.messages["rt"] = self.messages["rw"] = message
        grid.addWidget(caption, row, 0)
        if name in WIDE:
            grid.addWidget(field, row, 1, 1, 2)
        else:
            grid.addWidget(field, row, 1)
            grid.addWidget(message, row, 2)
