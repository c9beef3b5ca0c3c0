"""The station as the window sees it: one object over storage, queue, regions and the gate's settings.

The window calls only this (and the quality gate through its camera worker); it never sees a database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from station.domain.antrean import DEFAULT_QUOTA, Ticket
from station.domain.enrolment import Enrolment, RecordStatus
from station.domain.regions import Regions, load_regions
from station.domain.waivers import Waiver
from station.quality import GateConfig
from station.quality.live import Capture
from station.services.recording import Accepted, accept_record
from station.storage import RecordStore, RecordSummary, StorageError, StoredRecord, keyring
from station.storage.queue import QueueStore

# What the window may catch, without importing the storage layer itself.
AccountError, LockedOut = keyring.AccountError, keyring.LockedOut
__all__ = ["AccountError", "LockedOut", "Station", "StorageError"]


class Station:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.store = RecordStore.in_folder(self.data_dir)
        self.queue = QueueStore(self.store)
        self._regions: Regions | None = None
        self.gate_config = GateConfig.load(self.data_dir)
        self.operator: keyring.Operator | None = None

    def close(self) -> None:
        self.store.close()

    @property
    def regions(self) -> Regions:
        if self._regions is None:
            self._regions = load_regions(self.data_dir)
        return self._regions

    # --- identity and accounts ---------------------------------------------------------------
    @property
    def configured(self) -> bool:
        return bool(self.store.setting("station_id")) and keyring.has_users(self.store)

    def first_start(self, station_id: str, kecamatan: str, supervisor: str, password: str) -> str:
        """Station identity and the first supervisor; returns the recovery code, to be shown once."""
        if not self.regions.exists(kecamatan) or kecamatan.count(".") != 2:
            raise keyring.AccountError(f"Kode kecamatan {kecamatan} tidak dikenal.")
        if not station_id.strip():
            raise keyring.AccountError("ID stasiun wajib diisi.")
        self.operator, _, code = keyring.create_first_supervisor(self.store, supervisor, password)
        self.store.set_setting("station_id", station_id.strip())
        self.store.set_setting("kecamatan", kecamatan)
        return code

    def login(self, username: str, password: str) -> keyring.Operator | None:
        """Unlocks the data on success; raises keyring.LockedOut after repeated failures."""
        self.operator = keyring.login(self.store, username, password)
        return self.operator

    def lock(self) -> None:
        """Idle or suspended: the data key leaves memory until someone logs in again."""
        self.store.audit(self.operator_name, "locked", None, {})
        self.store.lock()
        self.operator = None

    def worker_store(self) -> RecordStore:
        """A second connection pool with the same data key, for a background thread (sync)."""
        return RecordStore(self.store.path, self.store._k())

    def confirm_supervisor(self, username: str, password: str) -> str | None:
        return keyring.confirm_supervisor(self.store, username, password)

    @property
    def station_id(self) -> str:
        return self.store.setting("station_id", "")

    @property
    def kecamatan(self) -> str:
        return self.store.setting("kecamatan", "")

    def setting(self, key: str, default=None):
        return self.store.setting(key, default)

    def save_settings(self, values: dict) -> None:
        for key, value in values.items():
            self.store.set_setting(key, value)
        self.store.audit(self.operator_name, "settings_changed", None, {"keys": sorted(values)})

    @property
    def idle_minutes(self) -> int:
        return int(self.store.setting("idle_lock_minutes", 10))

    @property
    def quota(self) -> int:
        return int(self.store.setting("daily_quota", DEFAULT_QUOTA))

    def holidays(self) -> list[dt.date]:
        return [dt.date.fromisoformat(d) for d in self.store.setting("holidays", [])]

    # --- queue --------------------------------------------------------------------------------
    def issue_ticket(self, today: dt.date | None = None) -> Ticket:
        return self.queue.issue(today or dt.date.today(), self.quota, self.holidays())

    def tickets(self, day: dt.date | None = None) -> list[Ticket]:
        return self.queue.tickets(day or dt.date.today())

    def call_next(self, day: dt.date | None = None) -> Ticket | None:
        return self.queue.call_next(day or dt.date.today())

    def skip(self, ticket_id: int) -> Ticket:
        return self.queue.skip(ticket_id)

    def recall(self, ticket_id: int) -> Ticket:
        return self.queue.recall(ticket_id)

    # --- records ------------------------------------------------------------------------------
    def save_draft(self, enrolment: Enrolment, record_uuid: str | None) -> str:
        return self.store.save_draft(enrolment, self.operator_name, record_uuid)

    def same_nik(self, nik: str, except_uuid: str | None = None) -> list[RecordSummary]:
        nik = "".join(nik.split())
        if len(nik) != 16:
            return []
        return [r for r in self.store.find(nik) if r.nik == nik and r.uuid != except_uuid]

    def accept(
        self,
        enrolment: Enrolment,
        capture: Capture,
        waiver: Waiver | None,
        record_uuid: str | None,
        ticket: Ticket | None,
    ) -> Accepted:
        done = accept_record(self.store, self.regions, enrolment, capture, self.operator_name, waiver, record_uuid)
        if ticket is not None:
            self.queue.done(ticket.id, done.uuid)
        return done

    def print_receipt(self, uuid: str, thermal: bool = False) -> Path:
        """Writes the citizen's receipt to DATA_DIR/papers and returns its path (the window opens it)."""
        from station.services import papers

        out = self.data_dir / "papers" / f"bukti-{uuid[:8]}{'-80mm' if thermal else ''}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(papers.receipt_pdf(self.store, uuid, thermal))
        return out

    def print_ticket(self, ticket: Ticket) -> Path:
        from station.services import papers

        out = self.data_dir / "papers" / f"antrean-{ticket.service_date:%Y%m%d}-{ticket.label}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(papers.ticket_pdf(self.store, ticket, papers.office_today(self.store)))
        return out

    def local_time(self, iso_utc: str):
        """A stored UTC time in the office's own time zone (WIB unless set), as papers print it."""
        from station.services.papers import local

        return local(self.store, iso_utc)

    def records(self, query: str = "", status: RecordStatus | None = None) -> list[RecordSummary]:
        return self.store.find(query, status)

    def record(self, uuid: str) -> StoredRecord:
        return self.store.get(uuid, with_photos=True)

    def awaiting_review(self) -> list[RecordSummary]:
        return self.store.find(status=RecordStatus.CAPTURED) + self.store.find(status=RecordStatus.HELD)

    def review(self, uuid: str, decision: str, reason: str = "") -> RecordStatus:
        if self.operator is None or self.operator.role != "supervisor":
            raise PermissionError("Hanya supervisor yang dapat meninjau rekaman.")
        return self.store.review(uuid, decision, self.operator.username, reason)

    def waiting_to_sync(self) -> int:
        return self.store.outbox_size()

    @property
    def operator_name(self) -> str:
        return self.operator.username if self.operator else "?"
