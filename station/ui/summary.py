"""A record's biodata as the operator checks it with the citizen: every field, the village by name, dates as
the office writes them. Shared by Tinjau, Rekaman and the supervisor's review."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from station.domain.enrolment import Enrolment
from station.domain.regions import Regions
from station.ui.biodata_form import SEX_WORDS, label
from station.ui.i18n import short_date
from station.ui.places import village_name

ROWS = [
    "nik",
    "no_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "golongan_darah",
    "agama",
    "status_perkawinan",
    "pekerjaan",
    "pendidikan",
    "hubungan_keluarga",
    "kewarganegaraan",
    "alamat",
    "rtrw",
    "desa_code",
]


def _three(v: str | None) -> str:
    v = (v or "").strip()
    return v.zfill(3) if v.isdigit() else v or "-"


def value_of(e: Enrolment, name: str, regions: Regions) -> str:
    if name == "tanggal_lahir":
        return short_date(e.tanggal_lahir) if e.tanggal_lahir else ""
    if name == "jenis_kelamin":
        return QCoreApplication.translate("BiodataForm", SEX_WORDS[e.jenis_kelamin]) if e.jenis_kelamin else ""
    if name == "rtrw":
        return f"{_three(e.rt)}/{_three(e.rw)}"  # as the KTP prints it: 003/007
    if name == "desa_code":
        return village_name(regions, e.desa_code) if e.desa_code else ""
    return str(getattr(e, name) or "")


def summary_rows(e: Enrolment, regions: Regions) -> list[tuple[str, str]]:
    return [(label(n), value_of(e, n, regions)) for n in ROWS]


def summary_html(e: Enrolment, regions: Regions, extra: list[tuple[str, str]] = ()) -> str:
    """A two-column table (label, value) for a QLabel."""
    rows = summary_rows(e, regions) + list(extra)
    cells = "".join(
        f"<tr><td style='color:#5d6d7e;padding:2px 14px 2px 0'>{escape(k)}</td><td><b>{escape(v)}</b></td></tr>"
        for k, v in rows
    )
    return f"<table>{cells}</table>"
