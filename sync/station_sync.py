"""The station's sync settings and loop, shared by `python -m station sync` and the window's worker."""

from __future__ import annotations

import base64
import threading
from datetime import UTC, datetime
from pathlib import Path

from station.storage import RecordStore
from station.storage.outbox import OutboxStore
from sync.client import CentralClient
from sync.runner import Backoff, SyncReport, sync_once

SETTINGS = "sync"
KEY = "sync_key"  # the station key; encrypted at rest once the security issue lands


class NotConfigured(RuntimeError):
    pass


def settings(store: RecordStore) -> dict:
    return store.setting(SETTINGS, {})


def client_for(store: RecordStore) -> CentralClient:
    cfg = settings(store)
    key = store.setting(KEY)
    if not cfg.get("url") or not key:
        raise NotConfigured("Stasiun belum terdaftar ke server pusat: jalankan `station sync-register`.")
    return CentralClient(
        cfg["url"], key, cfg.get("ca_bundle"), (cfg.get("connect_timeout_s", 5.0), cfg.get("read_timeout_s", 60.0))
    )


def register(store: RecordStore, url: str, code: str, ca_bundle: Path | None, kecamatan: str) -> str:
    station_id = store.setting("station_id")
    if not station_id:
        raise NotConfigured("Identitas stasiun belum diatur (mulai pertama di jendela aplikasi).")
    from station.storage.bundle import signing_key
    from station.storage.bundle_format import public_bytes

    client = CentralClient(url, None, ca_bundle)
    key = client.register(station_id, kecamatan, code, base64.b64encode(public_bytes(signing_key(store))).decode())
    cfg = settings(store) | {"url": url, "ca_bundle": str(ca_bundle) if ca_bundle else None}
    store.set_setting(SETTINGS, cfg)
    store.set_setting(KEY, key)
    return station_id


def backoff_of(store: RecordStore) -> Backoff:
    cfg = settings(store)
    return Backoff(cfg.get("backoff_base_s", 2.0), cfg.get("backoff_cap_s", 600.0))


def run_once(store: RecordStore) -> SyncReport:
    cfg = settings(store)
    return sync_once(OutboxStore(store), client_for(store), cfg.get("batch_bytes", 2_000_000), backoff_of(store))


def pull_master_data(store: RecordStore) -> str:
    """Region codes from the central server into DATA_DIR/master (they then replace the shipped list)."""
    return client_for(store).master_regions(store.path.parent / "master" / "wilayah.tsv.gz")


def run_forever(store: RecordStore, stop: threading.Event, on_report=None, idle_s: float = 30.0) -> None:
    """Until stopped: a pass, then sleep until the next record is due (at most idle_s)."""
    outbox = OutboxStore(store)
    while not stop.is_set():
        report = run_once(store)
        if on_report:
            on_report(report)
        wait = idle_s
        nxt = outbox.next_due_at()
        if nxt and report.online:
            wait = max(0.05, min(idle_s, (datetime.fromisoformat(nxt) - datetime.now(UTC)).total_seconds()))
        stop.wait(wait)
