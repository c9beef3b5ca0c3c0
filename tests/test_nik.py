import datetime as dt

import pytest

from station.domain.nik import InvalidNik, nik_consistency, parse_kk, parse_nik, region_prefix_warning
from station.domain.problems import Severity

KENDAL_WOMAN = "3324015508900003"  # Plantungan, Kendal (33.24.01); 15-08-1990, perempuan (55 = 15 + 40)
SERANG_MAN = "3604051203020041"  # Kramatwatu, Serang (36.04.05); 12-03-2002, laki-laki


def test_kendal_nik_decodes_region_birth_sex_serial():
    info = parse_nik(KENDAL_WOMAN)
    assert (info.province_code, info.regency_code, info.district_code) == ("33", "33.24", "33.24.01")
    assert (info.day, info.month, info.yy, info.sex, info.serial) == (15, 8, 90, "P", 3)
    assert info.birth_date(19) == dt.date(1990, 8, 15)
    assert info.likely_birth_date(dt.date(2026, 11, 24)) == dt.date(1990, 8, 15)


def test_serang_nik_is_a_man_born_this_century():
    info = parse_nik(SERANG_MAN)
    assert info.district_code == "36.04.05" and info.sex == "L"
    assert info.likely_birth_date(dt.date(2026, 11, 24)) == dt.date(2002, 3, 12)


def test_spaces_pasted_with_the_number_are_ignored():
    assert parse_nik("3324 0155 0890 0003").nik == KENDAL_WOMAN


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("332401550890000", "16 digit, yang diisi 15"),
        ("33240155089000031", "16 digit, yang diisi 17"),
        ("33240155O8900003", "hanya boleh berisi angka"),
        ("", "belum diisi"),
        ("3324013102900003", "tidak mungkin"),  # 31 February
        ("3324017208900003", "tidak mungkin"),  # day 72 - 40 = 32
        ("3324013508900003", "tidak mungkin"),  # day 35: neither a man's nor a woman's day
        ("3324011508900000", "tidak boleh 0000"),
        ("0024011508900001", "tidak sah"),
    ],
)
def test_invalid_nik_says_what_is_wrong_in_indonesian(text, words):
    with pytest.raises(InvalidNik, match=words):
        parse_nik(text)


def test_invalid_nik_is_a_value_error():
    assert issubclass(InvalidNik, ValueError)


def test_29_february_exists_in_2000_only_for_00():
    assert parse_nik("3324012902000001").birth_date(20) == dt.date(2000, 2, 29)
    with pytest.raises(InvalidNik):
        parse_nik("3324012902010001")


def test_form_must_agree_with_birth_date_and_sex():
    info = parse_nik(KENDAL_WOMAN)
    assert nik_consistency(info, dt.date(1990, 8, 15), "P") == []
    problems = nik_consistency(info, dt.date(1990, 8, 16), "L")
    assert {p.code for p in problems} == {"nik_birth_mismatch", "nik_sex_mismatch"}
    assert any("tidak sesuai NIK" in p.message for p in problems)


def test_region_missing_from_todays_list_is_a_warning_not_a_refusal(regions):
    assert region_prefix_warning("nik", parse_nik(KENDAL_WOMAN).region, regions) == []
    old = parse_nik("3324991508900003")  # no kecamatan 33.24.99 today
    [warning] = region_prefix_warning("nik", old.region, regions)
    assert warning.severity is Severity.WARNING and "pemekaran" in warning.message


def test_no_kk_decodes_issue_date_and_refuses_future_or_bad_dates():
    kk = parse_kk("3604050101200007", today=dt.date(2026, 11, 24))
    assert kk.region.regency == "36.04" and kk.issued == dt.date(2020, 1, 1) and kk.serial == 7
    with pytest.raises(InvalidNik, match="No. KK harus 16 digit"):
        parse_kk("36040501012000", dt.date(2026, 11, 24))
    with pytest.raises(InvalidNik, match="tidak mungkin"):
        parse_kk("3604053201200007", dt.date(2026, 11, 24))
    with pytest.raises(InvalidNik, match="0000"):
        parse_kk("3604050101200000", dt.date(2026, 11, 24))
