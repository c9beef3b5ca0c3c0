"""The print office's rules on a real PostgreSQL, without the browser: blanko pace and warning, refusals, DUP kept
out of the queue, the receipt code's check value, two officers batching at once, the argon2id accounts."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.db import open_engine
from sync.server.dinas import auth, office
from sync.server.dinas.models import BlankoEntryRow, DinasUserRow, PrintItemRow
from sync.server.models import CentralRecordRow, DedupResultRow, FingerTemplateRow
from tests.dinas import PASSWORD, seed


@pytest.fixture(params=["postgresql", "sqlite"])
def db_url(request, tmp_path) -> str:
    """PostgreSQL is what a Dinas runs; SQLite stays the one-machine default, so the rules hold on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture()
def engine(db_url):
    e = open_engine(db_url)
    yield e
    e.dispose()


@pytest.fixture(scope="module")
def photos(faces_dir):
    return sorted((faces_dir / "photos").glob("img*.jpg"))[:4]


def _entry(s: Session, days_ago: int, kind: str, count: int) -> None:
    day = (office.today() - dt.timedelta(days=days_ago)).isoformat()
    s.add(BlankoEntryRow(day=day, kind=kind, count=count, officer="uji", at=office.now().isoformat()))


def test_days_of_stock_follow_the_last_weeks_pace_and_warn_before_it_runs_out(engine):
    with Session(engine) as s, s.begin():
        assert office.ledger(s).days_left is None and "HABIS" in office.ledger(s).warning
        _entry(s, 30, "received", 40)
        for d in range(7):
            _entry(s, d, "used", 3)  # 21 in the last 7 days: 3 a day
        _entry(s, 10, "used", 7)  # older than the pace window: counts for stock, not for pace
    with Session(engine) as s:
        book = office.ledger(s)
        assert (book.stock, book.pace, round(book.days_left, 2)) == (12, 3.0, 4.0)
        assert "cukup untuk sekitar 4.0 hari" in book.warning
    with Session(engine) as s, s.begin():
        _entry(s, 0, "received", 100)
    with Session(engine) as s:
        assert office.ledger(s).warning is None  # 112 / 3 = 37.3 days


def test_refusals_say_what_to_do(engine, db_url, photos):
    people = seed(db_url, photos, [("33.24.01", 2), ("33.24.01", 1)])
    with Session(engine) as s, s.begin(), pytest.raises(office.OfficeError, match="tersedia 0"):
        office.new_batch(s, "33.24.01", 2, "uji")
    with Session(engine) as s, s.begin():
        office.ledger_entry(s, "received", 3, "", "", "uji")
        batch = office.new_batch(s, "33.24.01", 5, "uji")
    extra = seed(db_url, photos, [("33.24.01", 0.5), ("33.24.01", 0.4)], seed=8)
    with Session(engine) as s, s.begin(), pytest.raises(office.OfficeError, match="tersedia 1 .*2 kartu dalam batch"):
        office.new_batch(s, "33.24.01", 2, "uji")  # 3 in stock, 2 promised to the first batch
    with Session(engine) as s, s.begin():
        assert office.new_batch(s, "33.24.01", 1, "uji") and len(extra) == 2
    with Session(engine) as s, s.begin():
        first, second = (item.id for item, _card in office.batch_items(s, batch))
        with pytest.raises(office.OfficeError, match="tidak ditemukan di batch"):
            office.mark(s, first, "printed", "", "uji", batch_id=batch + 1)
        with pytest.raises(office.OfficeError, match="alasan"):
            office.mark(s, first, "spoiled", "  ", "uji")
        office.mark(s, first, "spoiled", "macet di printer", "uji")
        office.mark(s, second, "printed", "", "uji")
    with Session(engine) as s, s.begin():
        with pytest.raises(office.OfficeError, match="sudah ditandai"):
            office.mark(s, first, "printed", "", "uji")
        with pytest.raises(office.OfficeError, match="wajib disaksikan"):
            office.ledger_entry(s, "destroyed", 1, "", "", "uji")
        with pytest.raises(office.OfficeError, match="melebihi"):
            office.ledger_entry(s, "destroyed", 2, "Saksi", "", "uji")
        with pytest.raises(office.OfficeError, match="belum tercetak"):
            office.collect(s, people[0].uuid, "Ani", "uji")  # the spoiled one: back in the queue
        assert [c.uuid for c in office.prr_cards(s)] == [people[0].uuid, extra[1].uuid]  # oldest first
        office.collect(s, people[1].uuid, "Ani", "uji")
        with pytest.raises(office.OfficeError, match="sudah diambil"):
            office.collect(s, people[1].uuid, "Ani", "uji")


def test_dup_stays_out_of_the_queue_and_the_code_needs_its_check_value(engine, db_url, photos):
    a, b = seed(db_url, photos, [("33.24.01", 1), ("33.24.01", 1)])
    with Session(engine) as s, s.begin():
        s.add(
            DedupResultRow(
                record_origin="ST-" + b.kecamatan.replace(".", ""),
                record_uuid=b.uuid,
                decision="DUP",
                matched_origin="ST-" + a.kecamatan.replace(".", ""),
                matched_uuid=a.uuid,
                detail=json.dumps({}),
                gallery_records=1,
                searched_at=office.now().isoformat(),
            )
        )
    with Session(engine) as s:
        assert [c.uuid for c in office.prr_cards(s)] == [a.uuid]
        assert "Siap cetak" in office.stage_of(s, a.code)
        assert "pemeriksaan petugas" in office.stage_of(s, b.code)
        assert office.stage_of(s, a.code.removeprefix("EKTP1:").lower()) == office.stage_of(s, a.code)
        assert office.stage_of(s, a.code[:-1] + ("0" if a.code[-1] != "0" else "1")) is None
        assert office.stage_of(s, f"EKTP1:{a.uuid}") is None and office.stage_of(s, "' OR 1=1 --") is None


@pytest.fixture()
def pg_engine(pg_url):
    e = open_engine(pg_url)
    yield e
    e.dispose()


def test_two_officers_batching_at_once_never_share_a_record(pg_engine, pg_url, photos):
    """Several officers and worker processes at once is the PostgreSQL set-up (SQLite serves one machine)."""
    engine = pg_engine
    seed(pg_url, photos, [("33.24.01", d) for d in range(12)])
    with Session(engine) as s, s.begin():
        office.ledger_entry(s, "received", 100, "", "", "uji")
    barrier, errors = threading.Barrier(4), []

    def officer(name: str) -> None:
        barrier.wait()
        try:
            with Session(engine) as s, s.begin():
                office.new_batch(s, "33.24.01", 5, name)
        except office.OfficeError as err:
            errors.append(str(err))

    threads = [threading.Thread(target=officer, args=(f"p{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Session(engine) as s:
        uuids = list(s.scalars(select(PrintItemRow.record_uuid)))
    assert len(uuids) == len(set(uuids)) == 12  # 5 + 5 + 2, and the fourth found nothing left
    assert errors == ["Tidak ada rekaman PRR untuk kecamatan ini."]


def test_accounts_are_argon2id_and_sessions_are_only_digests(engine):
    with Session(engine) as s, s.begin():
        auth.add_user(s, "petugas", "petugas_cetak", PASSWORD)
        with pytest.raises(auth.AuthError, match="sudah ada"):
            auth.add_user(s, "petugas", "kepala_dinas", PASSWORD)
        with pytest.raises(auth.AuthError, match="Peran"):
            auth.add_user(s, "x", "admin", PASSWORD)
    with Session(engine) as s, s.begin():
        assert s.get(DinasUserRow, "petugas").password_hash.startswith("$argon2id$")
        for user, pw in (("petugas", "salah-salah-salah"), ("tidak-ada", PASSWORD)):
            with pytest.raises(auth.AuthError, match="salah"):
                auth.login(s, user, pw)
        token = auth.login(s, "petugas", PASSWORD)
    with Session(engine) as s, s.begin():
        who = auth.staff_for(s, token)
        assert who.role == "petugas_cetak" and len(who.csrf) >= 24
        assert auth.staff_for(s, token + "x") is None
        auth.logout(s, token)
    with Session(engine) as s:
        assert auth.staff_for(s, token) is None


def test_five_wrong_passwords_lock_the_name_for_a_while(engine):
    with Session(engine) as s, s.begin():
        auth.add_user(s, "kadis", "kepala_dinas", PASSWORD)
        auth.add_user(s, "petugas", "petugas_cetak", PASSWORD)
    for i in range(auth.MAX_FAILURES):
        with Session(engine) as s, s.begin(), pytest.raises(auth.AuthError, match="salah"):
            auth.login(s, "kadis", f"tebakan-{i}-xxxx")
    with Session(engine) as s, s.begin():
        with pytest.raises(auth.AuthError, match="Terlalu banyak"):
            auth.login(s, "kadis", PASSWORD)  # even the right password, until the window passes
        assert auth.login(s, "petugas", PASSWORD)  # another name is not affected


def test_prr_is_the_dedup_decision_or_a_record_with_nothing_to_search(engine, db_url, photos):
    """print_ready (searched, no match) is PRR; received WITHOUT fingers too (nothing to search: records from before
    biometrics); received WITH fingers waits for the dedup worker; duplicate never prints."""
    searched, waiting, legacy, dup = seed(db_url, photos, [("33.24.01", d) for d in (4, 3, 2, 1)])
    with Session(engine) as s, s.begin():
        origin = "ST-332401"
        s.get(CentralRecordRow, (origin, searched.uuid)).status = "print_ready"
        s.add(FingerTemplateRow(record_origin=origin, record_uuid=searched.uuid, position=1, minutiae=b"m"))
        s.add(FingerTemplateRow(record_origin=origin, record_uuid=waiting.uuid, position=1, minutiae=b"m"))
        s.get(CentralRecordRow, (origin, dup.uuid)).status = "duplicate"
    with Session(engine) as s:
        assert [c.uuid for c in office.prr_cards(s)] == [searched.uuid, legacy.uuid]
        assert "Siap cetak" in office.stage_of(s, searched.code) and "Siap cetak" in office.stage_of(s, legacy.code)
        assert "menunggu pemeriksaan" in office.stage_of(s, waiting.code)
        assert "pemeriksaan petugas" in office.stage_of(s, dup.code)
    with Session(engine) as s, s.begin(), pytest.raises(office.OfficeError, match="Suket hanya"):
        office.issue_suket(s, waiting.uuid, "uji")


@pytest.mark.parametrize("weak", ["1234567890", "password123", "qwertyuiop", "aaaaaaaaaaaa", "petugas.satu2026"])
def test_weak_passwords_are_refused_by_the_stations_policy(engine, weak):
    with Session(engine) as s, s.begin(), pytest.raises(auth.AuthError, match="Kata sandi"):
        auth.add_user(s, "petugas.satu", "petugas_cetak", weak)


def test_wrong_passwords_from_elsewhere_do_not_lock_the_officer_out_of_the_office_pc(engine):
    """Review item 6: anyone could lock every officer out every 15 minutes. Five wrong passwords now lock the name
    for the address they came from; only MAX_FAILURES_ANY from all addresses together lock it everywhere."""
    with Session(engine) as s, s.begin():
        auth.add_user(s, "petugas", "petugas_cetak", PASSWORD)
    for i in range(auth.MAX_FAILURES):
        with Session(engine) as s, s.begin(), pytest.raises(auth.AuthError, match="salah"):
            auth.login(s, "petugas", f"tebakan-{i}-xxxx", client="penyerang")
    with Session(engine) as s, s.begin():
        with pytest.raises(auth.AuthError, match="Terlalu banyak"):
            auth.login(s, "petugas", PASSWORD, client="penyerang")
        assert auth.login(s, "petugas", PASSWORD, client="kantor")  # the office PC still gets in
    for i in range(auth.MAX_FAILURES_ANY - auth.MAX_FAILURES):
        with Session(engine) as s, s.begin(), pytest.raises(auth.AuthError, match="salah"):
            auth.login(s, "petugas", f"tebakan-{i}-xxxx", client=f"botnet-{i}")
    with Session(engine) as s, s.begin():
        with pytest.raises(auth.AuthError, match="Terlalu banyak"):
            auth.login(s, "petugas", PASSWORD, client="kantor")  # a spread-out guess locks the name everywhere
        [account] = auth.accounts(s)
        assert account.locked and account.recent_failures == auth.MAX_FAILURES_ANY
        auth.unlock(s, "petugas")
    with Session(engine) as s, s.begin():
        assert auth.login(s, "petugas", PASSWORD, client="kantor")
