import hashlib

import pytest
from sqlalchemy import event, text

from station.domain.clock import Clock
from station.domain.enrolment import Enrolment
from station.domain.errors import InvalidTransition
from station.domain.lifecycle import RecordStatus
from station.domain.permissions import SYSTEM
from station.storage import Database, StorageCorrupt, StorageError, StorageFull, StorageUnavailable
from station.storage.db import current_revision, head_revision
from tests.stations import station_at, store_record

PHOTO = bytes(range(256)) * 160  # 40 KB


def citizen(i: int = 1) -> Enrolment:
    return Enrolment(nik=f"332401550890{i:04d}", nama=f"Siti {i}", tanggal_lahir=None)


def test_migrates_an_empty_file_to_head_with_wal_and_full_sync(data_dir):
    (data_dir / "station.db").touch()  # an empty file is a valid, empty SQLite database
    with Database.in_folder(data_dir) as db:
        assert current_revision(db.engine) == head_revision() == "0009_outbox_exported"
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert {"records", "photos", "outbox", "settings", "tickets", "alembic_version"} <= tables


def test_accept_commits_record_photos_and_outbox_together(data_dir):
    with station_at(data_dir) as station:
        station.settings.change(station_id="3324-01-A")
        uuid = store_record(station, citizen(), PHOTO, PHOTO[::-1], {"checks": {}})
    with station_at(data_dir) as station:  # reopened: it is on disk
        rec = station.records.get(uuid)
        assert rec.status is RecordStatus.QUEUED and rec.station_id == "3324-01-A"
        assert rec.photos["crop"].data == PHOTO and set(rec.photos) == {"crop", "frame"}
        assert len(rec.payload_sha256) == 64
        assert station.records.waiting_to_sync() == 1
        assert [r.uuid for r in station.records.find("3324015508")] == [uuid]
        assert [r.uuid for r in station.records.find("siti")] == [uuid]


def test_uuid_never_changes_and_status_only_moves_forward(data_dir):
    db = Database.in_folder(data_dir)
    with station_at(data_dir, db=db) as station:
        draft = station.records.save_draft(citizen())
        assert station.records.get(draft).status is RecordStatus.DRAFT
        spv = station.operator
        with db.unit(Clock()) as uow:
            same = uow.records.accept(citizen(), spv, "ST", {}, {}, RecordStatus.QUEUED, draft)
            uow.commit()
        assert same == draft
        outbox = station.sync.outbox()
        outbox.mark_sent([draft])
        with db.unit(Clock()) as uow:
            uow.records.answered(draft, True, "ACK-1", "received", None)
            uow.commit()
        assert station.records.get(draft).status is RecordStatus.ACKNOWLEDGED
        with db.unit(Clock()) as uow, pytest.raises(InvalidTransition):
            uow.records.move(draft, RecordStatus.QUEUED, SYSTEM)
        with db.unit(Clock()) as uow, pytest.raises(InvalidTransition):
            uow.records.accept(citizen(), spv, "ST", {}, {}, RecordStatus.QUEUED, draft)


def test_full_disk_gives_a_clear_message_and_keeps_what_was_committed(data_dir):
    db = Database.in_folder(data_dir)
    with station_at(data_dir, db=db) as station:
        kept = store_record(station, citizen(1), PHOTO)
        engine = db.engine

        @event.listens_for(engine, "connect")
        def _small_disk(dbapi_conn, _):
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count={pages + 30}")

        engine.dispose()
        with pytest.raises(StorageFull, match="Penyimpanan penuh") as err:
            for i in range(2, 50):
                store_record(station, citizen(i), PHOTO)
        assert "Data yang sudah tersimpan aman" in str(err.value)
    with station_at(data_dir) as station:
        assert station.records.get(kept).photos["crop"].data == PHOTO
        assert station.info()["integrity"] == "ok"


def test_corrupt_file_is_reported_and_left_untouched(data_dir):
    db = data_dir / "station.db"
    db.write_bytes(b"this is not sqlite " * 500)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(StorageCorrupt, match="rusak"):
        Database.in_folder(data_dir)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_folder_that_cannot_exist_is_reported(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageUnavailable, match="tidak bisa dibuat"):
        Database.in_folder(blocker / "data")


def test_damaged_pages_are_reported_not_hidden(data_dir):
    with station_at(data_dir) as station:
        for i in range(30):
            store_record(station, citizen(i), PHOTO)
    # closing the last connection checkpoints the WAL into the main file
    db = data_dir / "station.db"
    raw = bytearray(db.read_bytes())
    raw[4096 * 3 : 4096 * 3 + 2000] = b"\xff" * 2000  # scribble over a b-tree page
    db.write_bytes(bytes(raw))
    try:
        database = Database.in_folder(data_dir)
    except StorageError as err:
        assert "rusak" in str(err)
        return
    with database:
        assert database.integrity_check() != "ok"


def test_plaintext_left_by_an_older_schema_is_sealed_at_first_unlock(data_dir):
    import json

    from sqlalchemy import create_engine, event

    from station.storage.db import _on_begin, _on_connect, migrate
    from tests.keys import PASSWORD
    from tests.stations import new_station

    db = data_dir / "station.db"
    engine = create_engine(f"sqlite:///{db}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    migrate(engine, "0003")  # a station installed before encryption, with one record in clear
    bio = json.dumps(citizen(7).to_dict())
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO records (uuid, status, created_at, updated_at, station_id, operator, nik, nama, biodata, "
            "quality) VALUES ('u-old', 'queued', '2026-01-01', '2026-01-01', 'ST', 'op', ?, 'Siti 7', ?, '{}')",
            (citizen(7).nik, bio),
        )
        conn.exec_driver_sql(
            "INSERT INTO photos (record_uuid, kind, mime, sha256, data) VALUES ('u-old', 'crop', 'image/jpeg', 'x', ?)",
            (PHOTO,),
        )
    engine.dispose()
    with Database.in_folder(data_dir) as locked:  # migrated to head, but nothing to seal without a key
        assert current_revision(locked.engine) == head_revision()
    new_station(data_dir).close()  # an older station's first login under the new version
    from station.services.station import Station

    with Station(data_dir) as station:
        station.accounts.login("spv", PASSWORD)
        rec = station.records.get("u-old")
        assert rec.enrolment.nama == "Siti 7" and rec.photos["crop"].data == PHOTO
        assert [r.uuid for r in station.records.find(citizen(7).nik)] == ["u-old"]
    raw = db.read_bytes()
    assert citizen(7).nik.encode() not in raw and b"Siti 7" not in raw and PHOTO[:64] not in raw


def test_downgrade_below_encryption_is_refused_rather_than_losing_data(data_dir):
    from station.storage.db import migrate

    db = Database.in_folder(data_dir)
    with station_at(data_dir, db=db) as station:
        uuid = store_record(station, citizen(), PHOTO)
        with pytest.raises(RuntimeError, match="refusing to downgrade"):
            migrate(db.engine, "0003")
        assert station.records.get(uuid).photos["crop"].data == PHOTO
