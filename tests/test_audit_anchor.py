"""The audit trail anchored at the centre (issue 12, item 6): ids are never reused, and once the centre has
acknowledged the chain up to an entry, deleting the newest entries or editing one and recomputing the whole chain
is found by `audit-verify` on the station, and by the centre at the next sync."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from station.domain.audit_chain import GENESIS, entry_hash
from station.services.station import Station
from tests.central import start_central
from tests.keys import PASSWORD
from tests.stations import new_station, store_record
from tests.test_enrolment import good
from tests.tls import make_ca_and_server

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return make_ca_and_server(tmp_path_factory.mktemp("tls"))


@pytest.fixture()
def central(tmp_path, tls):
    c = start_central(tmp_path, *tls)
    yield c
    c.stop()


def audit_verify(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "station", "audit-verify", "--data-dir", str(folder)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
    )


def rewrite_chain(db: Path, edit_id: int | None = None, delete_from: int | None = None) -> None:
    """What someone with the database file and this project's source can do: edit an entry (or delete the newest
    ones) and recompute every hash after it, so that the chain alone is whole again."""
    with closing(sqlite3.connect(db)) as conn, conn:
        if delete_from is not None:
            conn.execute("DELETE FROM audit WHERE id >= ?", (delete_from,))
        if edit_id is not None:
            conn.execute("UPDATE audit SET actor = 'orang-lain' WHERE id = ?", (edit_id,))
        prev = GENESIS
        for row_id, at, actor, action, record_uuid, detail in conn.execute(
            "SELECT id, at, actor, action, record_uuid, detail FROM audit ORDER BY id"
        ).fetchall():
            h = entry_hash(prev, at, actor, action, record_uuid, detail)
            conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, row_id))
            prev = h


def test_audit_ids_are_never_reused(data_dir):
    with new_station(data_dir) as station:
        for i in range(3):
            store_record(station, good(), bytes([i]) * 100)
    db = data_dir / "station.db"
    with closing(sqlite3.connect(db)) as conn, conn:
        newest = conn.execute("SELECT max(id) FROM audit").fetchone()[0]
        conn.execute("DELETE FROM audit WHERE id >= ?", (newest - 1,))
    with Station(data_dir) as station:
        station.accounts.login("spv", PASSWORD)  # writes a new entry
    with closing(sqlite3.connect(db)) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM audit ORDER BY id")]
    assert ids[-1] > newest, ids  # a new number, not the deleted one again


def test_audit_verify_checks_the_chain_against_the_head_the_centre_acknowledged(tmp_path, central):
    folder = tmp_path / "st"
    with new_station(folder, "ST-ANCHOR") as station:
        for i in range(4):
            store_record(station, good(), bytes([i]) * 100)
        station.sync.register(central.url, central.code(station), central.ca)
        assert station.sync.run_once().error is None
        check = station.verify_audit()
    assert check.ok and check.anchored_upto == check.entries >= 6  # the centre holds every entry
    r = audit_verify(folder)
    assert r.returncode == 0 and f"sampai entri {check.anchored_upto}" in r.stdout
    with Station(folder) as station:
        station.accounts.login("spv", PASSWORD)  # one more entry, not yet at the centre
    original = tmp_path / "original"
    shutil.copytree(folder, original)

    def restore() -> None:
        shutil.rmtree(folder)
        shutil.copytree(original, folder)

    rewrite_chain(folder / "station.db", delete_from=check.anchored_upto - 1)  # the newest gone, chain recomputed
    r = audit_verify(folder)
    assert r.returncode == 4 and "dihapus" in r.stderr, r.stdout + r.stderr

    restore()
    rewrite_chain(folder / "station.db", edit_id=3)  # one entry edited, every hash after it recomputed
    r = audit_verify(folder)
    assert r.returncode == 4 and "ditulis ulang" in r.stderr, r.stdout + r.stderr

    restore()
    assert audit_verify(folder).returncode == 0  # the untouched file still passes


def test_the_centre_refuses_a_rewritten_chain_at_the_next_sync_and_records_the_break(tmp_path, central):
    """The thorough rewriter also deletes the station's anchor and its cursor: the station's own check has nothing
    left to compare with, but the centre still holds the entries and refuses the rewritten ones."""
    folder = tmp_path / "st"
    with new_station(folder, "ST-REWRITE") as station:
        store_record(station, good(), b"a" * 100)
        station.sync.register(central.url, central.code(station), central.ca)
        assert station.sync.run_once().error is None
    db = folder / "station.db"
    rewrite_chain(db, edit_id=2)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("DELETE FROM settings WHERE key IN ('audit_anchor', 'audit_sent_upto')")
    with Station(folder) as station:
        station.accounts.login("spv", PASSWORD)
        report = station.sync.run_once()
    assert "rantai tidak utuh" in (report.error or "")
    with sqlite3.connect(central.db) as conn:
        breaks = conn.execute("SELECT station_id, seq, kind FROM central_audit_breaks").fetchall()
    assert ("ST-REWRITE", 2, "changed") in breaks
