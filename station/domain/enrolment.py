"""A citizen's biodata as the operator enters it, and every rule it must obey before acceptance."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field, fields

from station.domain import values
from station.domain.eligibility import eligibility
from station.domain.nik import InvalidNik, nik_consistency, parse_kk, parse_nik, region_prefix_warning
from station.domain.problems import Problem, Severity
from station.domain.regions import Regions


@dataclass
class Enrolment:
    nik: str = ""
    no_kk: str = ""
    nama: str = ""
    tempat_lahir: str = ""
    tanggal_lahir: dt.date | None = None
    jenis_kelamin: str = ""  # "L" / "P"
    golongan_darah: str = "Tidak Tahu"
    alamat: str = ""
    rt: str = ""
    rw: str = ""
    desa_code: str = ""  # PP.KK.CC.DDDD
    agama: str = ""
    status_perkawinan: str = ""
    pekerjaan: str = ""
    pendidikan: str = ""
    hubungan_keluarga: str = ""
    kewarganegaraan: str = "WNI"
    confirmed_warnings: list[str] = field(default_factory=list)  # Problem codes the operator confirmed

    def to_dict(self) -> dict:
        d = asdict(self)
        d["tanggal_lahir"] = self.tanggal_lahir.isoformat() if self.tanggal_lahir else None
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Enrolment:
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in d.items() if k in known}
        if data.get("tanggal_lahir"):
            data["tanggal_lahir"] = dt.date.fromisoformat(data["tanggal_lahir"])
        return cls(**data)


_NAME = re.compile(r"^[A-Za-z][A-Za-z .,'\-]*$")
_RTRW = re.compile(r"^\d{1,3}$")


def _required(e: Enrolment) -> list[Problem]:
    labels = {
        "nama": "Nama",
        "tempat_lahir": "Tempat lahir",
        "alamat": "Alamat",
        "desa_code": "Desa/kelurahan",
        "jenis_kelamin": "Jenis kelamin",
        "agama": "Agama",
        "status_perkawinan": "Status perkawinan",
        "pekerjaan": "Pekerjaan",
        "pendidikan": "Pendidikan",
        "hubungan_keluarga": "Hubungan keluarga",
    }
    out = [
        Problem(f, "required", f"{label} wajib diisi.") for f, label in labels.items() if not str(getattr(e, f)).strip()
    ]
    if e.tanggal_lahir is None:
        out.append(Problem("tanggal_lahir", "required", "Tanggal lahir wajib diisi."))
    return out


def _value_lists(e: Enrolment) -> list[Problem]:
    out = []
    for name, allowed in values.VALUE_LISTS.items():
        v = getattr(e, name)
        if v and v not in allowed:
            out.append(Problem(name, "not_in_list", f"'{v}' bukan pilihan yang sah."))
    return out


def _text_fields(e: Enrolment) -> list[Problem]:
    out = []
    if e.nama.strip() and not _NAME.match(e.nama.strip()):
        out.append(Problem("nama", "name_chars", "Nama hanya huruf, spasi, titik, koma, apostrof dan tanda hubung."))
    if len(e.nama.strip()) > 60:
        out.append(Problem("nama", "name_length", "Nama paling panjang 60 huruf (batas cetak KTP)."))
    for f in ("rt", "rw"):
        v = getattr(e, f).strip()
        if v and not _RTRW.match(v):
            out.append(Problem(f, "rtrw", f"{f.upper()} berupa angka 1-3 digit, misalnya 003."))
    return out


def _region(e: Enrolment, regions: Regions) -> list[Problem]:
    if not e.desa_code:
        return []
    if e.desa_code.count(".") != 3 or not regions.exists(e.desa_code):
        return [Problem("desa_code", "region_unknown_address", f"Kode desa/kelurahan {e.desa_code} tidak dikenal.")]
    return []


def _numbers(e: Enrolment, regions: Regions, today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    try:
        info = parse_nik(e.nik)
    except InvalidNik as err:
        out.append(Problem("nik", "nik_invalid", str(err)))
    else:
        out += nik_consistency(info, e.tanggal_lahir, e.jenis_kelamin or None)
        out += region_prefix_warning("nik", info.region, regions)
    try:
        kk = parse_kk(e.no_kk, today)
    except InvalidNik as err:
        out.append(Problem("no_kk", "kk_invalid", str(err)))
    else:
        out += [
            Problem(p.field, "kk_" + p.code, p.message, p.severity)
            for p in region_prefix_warning("no_kk", kk.region, regions)
        ]
    return out


def validate(e: Enrolment, regions: Regions, today: dt.date) -> list[Problem]:
    """Every problem with the form, errors first, as of `today` (the office's date, from the station's clock).
    Confirmed warnings are left out."""
    problems = _numbers(e, regions, today) + _required(e) + _value_lists(e) + _text_fields(e) + _region(e, regions)
    if e.tanggal_lahir is not None:
        problems += eligibility(e.tanggal_lahir, e.status_perkawinan, today)
    problems = [p for p in problems if not (p.severity is Severity.WARNING and p.code in e.confirmed_warnings)]
    return sorted(problems, key=lambda p: p.severity is not Severity.ERROR)
