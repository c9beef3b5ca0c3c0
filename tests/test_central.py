"""The central server's trust boundaries, through the real server (uvicorn, TLS) on 127.0.0.1 (issue 12, items
15, 17, 18): one-time registration codes bound to a station, an audit endpoint that takes only what continues a
station's chain and records every break, request size limits before the body is read, no open API browser, and
real UUIDs."""

from __future__ import annotations

import base64
import http.client
import os
import ssl
import subprocess
import sys
import threading
import time
import uuid as uuidlib
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from station.bundle_format import public_bytes
from station.domain.audit_chain import GENESIS, entry_hash
from sync.client import CentralClient, SyncRefused
from sync.server.admin import issue_code
from tests.central import CODE, start_central
from tests.forge import register_key
from tests.tls import make_ca_and_server

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return make_ca_and_server(tmp_path_factory.mktemp("tls"))


@pytest.fixture()
def central(tmp_path, tls, pg_url):
    c = start_central(tmp_path, *tls, db_url=pg_url)
    yield c
    c.stop()


def admin(central, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sync.server", *args, "--db", central.db_url],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
    )


def b64key(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(public_bytes(key)).decode()


def query(central, sql: str) -> list[tuple]:
    return central.query(sql)


# --- item 15: registration codes ----------------------------------------------------------------------------------
def test_registration_codes_are_one_time_bound_to_a_station_and_never_replace_a_key_silently(central):
    anon = CentralClient(central.url, None, central.ca)
    ka, kb = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    r = admin(central, "issue-code", "--station-id", "ST-A")
    assert r.returncode == 0, r.stderr
    code = r.stdout.strip().rsplit(" ", 1)[-1]
    assert code not in "".join(str(row) for row in query(central, "SELECT * FROM registration_codes"))  # hashed

    with pytest.raises(SyncRefused, match="403"):
        anon.register("ST-B", "33.24.01", code, b64key(kb))  # bound to ST-A
    with pytest.raises(SyncRefused, match="403"):
        anon.register("ST-A", "33.24.01", CODE, b64key(ka))  # a code the admin never issued
    chosen = "k" * 43  # the station proposes its bearer key and keeps it until answered (issue 13.7)
    key = anon.register("ST-A", "33.24.01", code, b64key(ka), chosen)
    assert key == chosen
    # the answer was lost: the same registration again gets the same outcome
    assert anon.register("ST-A", "33.24.01", code.lower(), b64key(ka), chosen) == key
    for other_key, other_station_key in [(kb, chosen), (ka, "x" * 43), (ka, None)]:
        with pytest.raises(SyncRefused, match="403"):  # but the spent code takes over nothing
            anon.register("ST-A", "33.24.01", code, b64key(other_key), other_station_key)
    station_a = CentralClient(central.url, key, central.ca)
    assert station_a.push_audit([])["upto"] == 0  # the key works

    # a registered station: no new code without --rekey, and its current key cannot change its signing key
    r = admin(central, "issue-code", "--station-id", "ST-A")
    assert r.returncode != 0 and "sudah terdaftar" in r.stderr and "Traceback" not in r.stderr
    for signing in (kb, ka):  # neither the signing key nor the bearer key rotates on the current key alone
        with pytest.raises(SyncRefused, match="403"):
            station_a.register("ST-A", "33.24.01", "", b64key(signing))
    assert station_a.push_audit([])["upto"] == 0  # and the key still works
    rotated = key
    # another station may not register a key that is already ST-A's
    with pytest.raises(SyncRefused, match="409"):
        anon.register("ST-C", "33.24.01", central.code("ST-C"), b64key(ka))
    # an expired code
    with pytest.raises(SyncRefused, match="403"):
        anon.register("ST-D", "33.24.01", issue_code(central.db_url, "ST-D", valid_days=-1), b64key(kb))

    # the admin's act: a rekey code replaces the keys, and the history keeps the old one
    r = admin(central, "issue-code", "--station-id", "ST-A", "--rekey")
    assert r.returncode == 0
    new_key = anon.register("ST-A", "33.24.01", r.stdout.strip().rsplit(" ", 1)[-1], b64key(kb))
    with pytest.raises(SyncRefused, match="401"):
        CentralClient(central.url, rotated, central.ca).push_audit([])
    assert CentralClient(central.url, new_key, central.ca).push_audit([])["upto"] == 0
    assert query(central, "SELECT station_id, signing_public_key FROM station_key_history") == [("ST-A", b64key(ka))]
    listed = admin(central, "stations").stdout
    assert "ST-A" in listed and b64key(kb) in listed and "diganti 1x" in listed


def test_bad_registration_input_is_4xx_never_500(central):
    url = f"{central.url}/v1/stations"
    body = {"station_id": "ST-X", "kecamatan": "33.24.01", "signing_public_key": b64key(Ed25519PrivateKey.generate())}
    for code in ("kode-ñ-unicode", "K" * 500, "Ünïcödé"):
        r = requests.post(url, json={**body, "registration_code": code}, verify=str(central.ca), timeout=10)
        assert r.status_code == 422, (code, r.status_code)
    for bad in ({"signing_public_key": "not-a-key"}, {"station_id": "x" * 40}, {"station_id": "ST X\n"}):
        r = requests.post(url, json={**body, "registration_code": "A", **bad}, verify=str(central.ca), timeout=10)
        assert r.status_code == 422, bad


# --- item 17: the audit endpoint --------------------------------------------------------------------------------
def chain(n: int, prev: str = GENESIS, first: int = 1) -> list[dict]:
    entries = []
    for seq in range(first, first + n):
        e = {"seq": seq, "at": "2026-12-01T08:00:00.000+00:00", "actor": "ani", "action": "accepted"}
        e |= {"record_uuid": str(uuidlib.uuid4()), "detail": "{}", "prev_hash": prev}
        e["hash"] = prev = entry_hash(prev, e["at"], e["actor"], e["action"], e["record_uuid"], e["detail"])
        entries.append(e)
    return entries


def rehash(e: dict) -> dict:
    return {**e, "hash": entry_hash(e["prev_hash"], e["at"], e["actor"], e["action"], e["record_uuid"], e["detail"])}


def test_audit_endpoint_takes_only_what_continues_the_chain_and_records_every_break(central):
    station = CentralClient(central.url, register_key(central, "ST-AU", Ed25519PrivateKey.generate()), central.ca)
    entries = chain(6)
    ack = station.push_audit(entries[:3])
    assert (ack["stored"], ack["upto"], ack["head_hash"], ack["chain_ok"]) == (3, 3, entries[2]["hash"], True)
    assert station.push_audit(entries[:3])["stored"] == 0  # a repeat is taken once

    made_up = rehash({**entries[3], "prev_hash": "ab" * 32})
    attempts = {
        "gap": [entries[4]],  # entry 4 is missing
        "prev_hash": [made_up],  # a chain of its own, not the one the centre holds
        "hash": [{**entries[3], "detail": '{"edited": 1}'}],  # content edited, hash left as it was
        "changed": [rehash({**entries[1], "actor": "orang-lain"})],  # entry 2 rewritten and re-hashed
    }
    for why, sent in attempts.items():
        ack = station.push_audit(sent)
        assert not ack["chain_ok"] and ack["refused"] == [{"seq": sent[0]["seq"], "why": why}], (why, ack)
        assert (ack["upto"], ack["head_hash"]) == (3, entries[2]["hash"])
    station.push_audit(attempts["changed"])  # the same break again: counted, not stored twice
    held = query(central, "SELECT seq, actor, hash FROM central_audit WHERE station_id = 'ST-AU' ORDER BY seq")
    assert held == [(e["seq"], e["actor"], e["hash"]) for e in entries[:3]]  # nothing refused was stored
    breaks = query(central, "SELECT seq, kind, times FROM central_audit_breaks ORDER BY id")
    assert breaks == [(5, "gap", 1), (4, "prev_hash", 1), (4, "hash", 1), (2, "changed", 2)]
    shown = admin(central, "audit-breaks", "--station-id", "ST-AU")
    assert shown.returncode == 0 and "4 putus rantai" in shown.stdout and "ditulis ulang" in shown.stdout

    ack = station.push_audit(entries[3:])  # the honest continuation is still taken
    assert (ack["stored"], ack["upto"], ack["chain_ok"]) == (3, 6, True)


def test_sequence_numbers_past_64_bits_and_bad_fields_are_4xx(central):
    key = register_key(central, "ST-SEQ", Ed25519PrivateKey.generate())
    [e] = chain(1)
    headers = {"Authorization": f"Bearer {key}"}
    for bad in ({"seq": 2**63}, {"seq": 2**70}, {"seq": 0}, {"hash": "x" * 64}, {"actor": "a" * 65}):
        r = requests.post(
            f"{central.url}/v1/audit",
            json={"entries": [{**e, **bad}]},
            headers=headers,
            verify=str(central.ca),
            timeout=10,
        )
        assert r.status_code == 422, (bad, r.status_code, r.text[:200])


# --- item 18: request limits, no API browser, real UUIDs -------------------------------------------------------------
def rss_kb(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(field)


def post_huge(central, path: str, size: int, key: str | None, chunked: bool, results: list) -> None:
    """POST `size` bytes, 1 MB at a time, as a client that does not stop when the server has answered."""
    host, port = central.url.removeprefix("https://").split(":")
    conn = http.client.HTTPSConnection(
        host, int(port), context=ssl.create_default_context(cafile=str(central.ca)), timeout=60
    )
    status = None
    try:
        conn.putrequest("POST", path)
        conn.putheader("Content-Type", "application/json")
        if key:
            conn.putheader("Authorization", f"Bearer {key}")
        conn.putheader(*(("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(size))))
        conn.endheaders()
        chunk = b"[" + b" " * (MB - 1)
        for _ in range(size // MB):
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
        if chunked:
            conn.send(b"0\r\n\r\n")
        status = conn.getresponse().status
    except (OSError, http.client.HTTPException):
        status = "closed"  # the server stopped listening: what we want it to do
    finally:
        conn.close()
    results.append(status)


def test_request_bodies_are_limited_before_they_are_read(central):
    key = register_key(central, "ST-BIG", Ed25519PrivateKey.generate())
    pid = central.proc.pid
    requests.get(f"{central.url}/v1/health", verify=str(central.ca), timeout=10)
    before = rss_kb(pid)
    results: list = []
    rounds = [  # four 60 MB bodies at once, each way
        ("/v1/records", None, False),
        ("/v1/stations", None, True),
        ("/v1/records", key, False),
        ("/v1/records", key, True),
    ]
    started = time.monotonic()
    for path, k, chunked in rounds:
        threads = [
            threading.Thread(target=post_huge, args=(central, path, 60 * MB, k, chunked, results)) for _ in range(4)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    took = time.monotonic() - started
    after, peak = rss_kb(pid), rss_kb(pid, "VmHWM")
    print(f"server RSS {before / 1024:.0f} MB -> {after / 1024:.0f} MB (peak {peak / 1024:.0f} MB); {took:.1f} s")
    assert all(s in (413, "closed") for s in results), results
    assert (peak - before) / 1024 < 100  # at most four station-size bodies (16 MB each) were ever held
    assert requests.get(f"{central.url}/v1/health", verify=str(central.ca), timeout=10).ok  # and it still serves
    small = requests.post(
        f"{central.url}/v1/records",
        data=b"x" * (2 * MB),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        verify=str(central.ca),
        timeout=30,
    )
    assert small.status_code == 422  # a station's ordinary batch size passes the limit (and then fails as JSON)


def test_api_browser_closed_and_uuids_are_real_uuids(central):
    key = register_key(central, "ST-DOC", Ed25519PrivateKey.generate())
    for headers in ({}, {"Authorization": f"Bearer {key}"}):
        for path in ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"):
            r = requests.get(f"{central.url}{path}", headers=headers, verify=str(central.ca), timeout=10)
            assert r.status_code == 404, (path, r.status_code)
    headers = {"Authorization": f"Bearer {key}"}
    record = {
        "payload_sha256": "0" * 64,
        "biodata": {},
        "quality": {},
        "created_at": "2026-12-01T08:00:00+00:00",
        "operator": "ani",
        "photos": {},
    }
    for fake in ("x" * 36, "-" * 36, str(uuidlib.uuid4()).upper(), "{" + str(uuidlib.uuid4())[:34] + "}"):
        r = requests.post(
            f"{central.url}/v1/records",
            json={"records": [{**record, "uuid": fake}]},
            headers=headers,
            verify=str(central.ca),
            timeout=10,
        )
        assert r.status_code == 422, fake
        r = requests.get(f"{central.url}/v1/records/{fake}", headers=headers, verify=str(central.ca), timeout=10)
        assert r.status_code == 422, fake
    # status is a feed read by cursor (POST /v1/records/status is gone): the cursor is a bounded integer
    for after in ("y" * 36, "-1", str(2**63)):
        r = requests.get(
            f"{central.url}/v1/records/changes", params={"after": after}, headers=headers, verify=str(central.ca)
        )
        assert r.status_code == 422, after
