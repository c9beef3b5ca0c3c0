"""Who may be recorded for an e-KTP: 17 years or older, or married at any age (UU 24/2013 Pasal 63)."""

from __future__ import annotations

import datetime as dt

from station.domain.problems import Problem
from station.domain.values import BELUM_KAWIN

MIN_AGE = 17


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def eligibility(birth: dt.date, status_perkawinan: str, today: dt.date) -> list[Problem]:
    if birth > today:
        return [Problem("tanggal_lahir", "birth_future", "Tanggal lahir tidak boleh di masa depan.")]
    age = age_on(birth, today)
    if age >= MIN_AGE or (status_perkawinan and status_perkawinan != BELUM_KAWIN):
        return []
    when = dt.date(birth.year + MIN_AGE, birth.month, 28 if (birth.month, birth.day) == (2, 29) else birth.day)
    return [
        Problem(
            "tanggal_lahir",
            "not_eligible",
            f"Belum wajib KTP: umur {age} tahun dan belum kawin. Dapat direkam mulai {when:%d-%m-%Y}.",
        )
    ]
