"""NIK and No. KK: the 16-digit numbers, what they encode, and whether a form agrees with them.

Layout of both: PP KK CC DDMMYY SSSS, the region (provinsi, kabupaten/kota, kecamatan) of
issue, a date and a serial. In a NIK the date is the birth date, with 40 added to the day for
women; in a No. KK it is the date the family card was issued.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from station.domain.errors import InvalidInput
from station.domain.problems import Problem, Severity


class RegionLookup(Protocol):
    def exists(self, code: str) -> bool: ...


class InvalidNik(InvalidInput, ValueError):
    """The number cannot be a NIK / No. KK; the message says why, in Indonesian."""


@dataclass(frozen=True)
class RegionPrefix:
    province: str  # "33"
    regency: str  # "33.24"
    district: str  # "33.24.01"


@dataclass(frozen=True)
class NikInfo:
    nik: str
    region: RegionPrefix
    day: int  # the real day of the month (40 already removed for women)
    month: int
    yy: int
    sex: str  # "L" laki-laki, "P" perempuan
    serial: int

    @property
    def province_code(self) -> str:
        return self.region.province

    @property
    def regency_code(self) -> str:
        return self.region.regency

    @property
    def district_code(self) -> str:
        return self.region.district

    def birth_date(self, century: int) -> dt.date:
        """The birth date in the given century (19 or 20); the NIK alone does not say which."""
        return dt.date(century * 100 + self.yy, self.month, self.day)

    def likely_birth_date(self, today: dt.date) -> dt.date:
        """The latest birth date that is not in the future: right for anyone under 100."""
        century = today.year // 100
        for c in (century, century - 1):
            try:
                d = self.birth_date(c)
            except ValueError:
                continue
            if d <= today:
                return d
        raise InvalidNik("Tanggal lahir dalam NIK tidak mungkin.")


@dataclass(frozen=True)
class KkInfo:
    no_kk: str
    region: RegionPrefix
    issued: dt.date
    serial: int


def clean_nik(text: str) -> str:
    """A NIK or No. KK as typed, without the spaces operators paste in ("3324 0112 ...")."""
    return "".join(str(text).split())


def _digits(text: str, what: str) -> str:
    s = clean_nik(text)
    if not s:
        raise InvalidNik(f"{what} belum diisi.")
    if not s.isdigit():
        raise InvalidNik(f"{what} hanya boleh berisi angka.")
    if len(s) != 16:
        raise InvalidNik(f"{what} harus 16 digit, yang diisi {len(s)} digit.")
    return s


def _region(s: str, what: str) -> RegionPrefix:
    pp, kk, cc = s[0:2], s[2:4], s[4:6]
    if "00" in (pp, kk, cc) or pp < "11":
        raise InvalidNik(f"Kode wilayah {pp}.{kk}.{cc} pada {what} tidak sah.")
    return RegionPrefix(pp, f"{pp}.{kk}", f"{pp}.{kk}.{cc}")


def _date_exists(day: int, month: int, yy: int) -> bool:
    for century in (19, 20):
        try:
            dt.date(century * 100 + yy, month, day)
            return True
        except ValueError:
            pass
    return False


def parse_nik(text: str) -> NikInfo:
    s = _digits(text, "NIK")
    region = _region(s, "NIK")
    raw_day, month, yy = int(s[6:8]), int(s[8:10]), int(s[10:12])
    sex = "P" if raw_day > 40 else "L"
    day = raw_day - 40 if raw_day > 40 else raw_day
    if not _date_exists(day, month, yy):
        raise InvalidNik(
            f"Tanggal lahir dalam NIK tidak mungkin: {s[6:8]}-{s[8:10]}-{s[10:12]} (tanggal perempuan ditambah 40)."
        )
    serial = int(s[12:16])
    if serial == 0:
        raise InvalidNik("Nomor urut NIK tidak boleh 0000.")
    return NikInfo(s, region, day, month, yy, sex, serial)


def parse_kk(text: str, today: dt.date) -> KkInfo:
    s = _digits(text, "No. KK")
    region = _region(s, "No. KK")
    day, month, yy = int(s[6:8]), int(s[8:10]), int(s[10:12])
    issued = None
    for century in (today.year // 100, today.year // 100 - 1):
        try:
            d = dt.date(century * 100 + yy, month, day)
        except ValueError:
            continue
        if d <= today:
            issued = d
            break
    if issued is None:
        raise InvalidNik(f"Tanggal terbit dalam No. KK tidak mungkin: {s[6:8]}-{s[8:10]}-{s[10:12]}.")
    serial = int(s[12:16])
    if serial == 0:
        raise InvalidNik("Nomor urut No. KK tidak boleh 0000.")
    return KkInfo(s, region, issued, serial)


def nik_consistency(info: NikInfo, birth_date: dt.date | None, sex: str | None) -> list[Problem]:
    """Does the form's birth date and sex agree with what the NIK encodes?"""
    problems: list[Problem] = []
    if birth_date is not None and (birth_date.day, birth_date.month, birth_date.year % 100) != (
        info.day,
        info.month,
        info.yy,
    ):
        problems.append(
            Problem(
                "tanggal_lahir",
                "nik_birth_mismatch",
                f"Tanggal lahir {birth_date:%d-%m-%Y} tidak sesuai NIK "
                f"({info.day:02d}-{info.month:02d}-..{info.yy:02d}).",
            )
        )
    if sex is not None and sex != info.sex:
        encoded = "perempuan" if info.sex == "P" else "laki-laki"
        problems.append(
            Problem("jenis_kelamin", "nik_sex_mismatch", f"Jenis kelamin tidak sesuai NIK (NIK: {encoded}).")
        )
    return problems


def region_prefix_warning(field: str, prefix: RegionPrefix, known: RegionLookup) -> list[Problem]:
    """A code missing from today's list is a warning: NIKs keep the codes of the day they were issued."""
    if known.exists(prefix.district):
        return []
    label = "NIK" if field == "nik" else "No. KK"
    return [
        Problem(
            field,
            "region_unknown",
            f"Kode kecamatan {prefix.district} pada {label} tidak ada dalam daftar wilayah saat ini "
            "(mungkin kode lama sebelum pemekaran). Periksa dokumen, lalu konfirmasi.",
            Severity.WARNING,
        )
    ]
