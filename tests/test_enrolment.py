import datetime as dt

from station.domain.eligibility import eligibility
from station.domain.enrolment import Enrolment, validate
from station.domain.values import AGAMA, PEKERJAAN

TODAY = dt.date(2026, 11, 24)


def good() -> Enrolment:
    return Enrolment(
        nik="3324015508900003",
        no_kk="3324010101150002",
        nama="Siti Rahmawati",
        tempat_lahir="Kendal",
        tanggal_lahir=dt.date(1990, 8, 15),
        jenis_kelamin="P",
        alamat="Jl. Pemuda No. 3",
        rt="003",
        rw="001",
        desa_code="33.24.01.2001",
        agama="Islam",
        status_perkawinan="Kawin",
        pekerjaan="Petani/Pekebun",
        pendidikan="SLTA/Sederajat",
        hubungan_keluarga="Istri",
    )


def test_a_correct_form_has_no_problems(regions):
    assert validate(good(), regions, TODAY) == []


def test_wrong_nik_is_refused_with_its_message(regions):
    e = good()
    e.nik = "33240155089"
    [p] = [p for p in validate(e, regions, TODAY) if p.field == "nik"]
    assert p.blocking and "16 digit" in p.message


def test_nik_disagreeing_with_the_form(regions):
    e = good()
    e.jenis_kelamin = "L"
    assert "nik_sex_mismatch" in {p.code for p in validate(e, regions, TODAY)}


def test_unknown_desa_and_values_outside_the_lists(regions):
    e = good()
    e.desa_code = "33.24.01.9999"
    e.agama = "Lain"
    codes = {p.code for p in validate(e, regions, TODAY)}
    assert {"region_unknown_address", "not_in_list"} <= codes


def test_pre_pemekaran_prefix_passes_once_confirmed(regions):
    e = good()
    e.nik = "3324995508900003"
    [w] = validate(e, regions, TODAY)
    assert not w.blocking and w.code == "region_unknown"
    e.confirmed_warnings = ["region_unknown"]
    assert validate(e, regions, TODAY) == []


def test_value_lists_carry_the_official_entries():
    assert "Kepercayaan terhadap Tuhan YME" in AGAMA and "Khonghucu" in AGAMA
    assert len(PEKERJAAN) >= 85 and PEKERJAAN[-1] == "Lainnya"


def test_eligibility_17_or_married():
    assert eligibility(dt.date(2009, 11, 24), "Belum Kawin", TODAY) == []  # 17 today
    [p] = eligibility(dt.date(2009, 11, 25), "Belum Kawin", TODAY)
    assert "Belum wajib KTP" in p.message and "25-11-2026" in p.message
    assert eligibility(dt.date(2010, 1, 1), "Kawin", TODAY) == []  # married at 16
    assert eligibility(dt.date(2030, 1, 1), "Kawin", TODAY)[0].code == "birth_future"


def test_enrolment_round_trips_through_a_dict():
    assert Enrolment.from_dict(good().to_dict()) == good()


def test_demo_citizens_obey_every_rule(regions):
    import random

    from station.services.demo import fake_enrolment

    rng = random.Random(3)
    for _ in range(200):
        e = fake_enrolment(rng, regions, "36.04.05", TODAY)
        assert validate(e, regions, TODAY) == [], e
