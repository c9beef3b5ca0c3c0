"""The station: the one door the window and the command line use, one sub-object per concern.

    station = Station(data_dir)
    station.accounts.login("ani", password)
    station.queue.issue()
    station.records.accept(enrolment, capture, waiver, draft_uuid, ticket)
    station.sync.run_once()

Every sub-object checks the permission table (domain.permissions) itself and opens its own unit of work;
no caller holds a role check or a database session.
"""

from __future__ import annotations

import logging
from pathlib import Path

from station.domain.audit_chain import AuditCheck
from station.domain.clock import Clock
from station.domain.permissions import Actor
from station.domain.regions import Regions
from station.quality import GateConfig
from station.services.accounts import Accounts
from station.services.biometric_capture import Biometrics
from station.services.context import Context
from station.services.demo import DemoData
from station.services.papers import Papers
from station.services.queue import Queue
from station.services.records import Records
from station.services.retention import Retention
from station.services.review import Review
from station.services.settings import SettingsService
from station.services.sync import SyncService
from station.services.transfer import Transfer
from station.storage import Database

log = logging.getLogger(__name__)


class Station:
    def __init__(
        self, data_dir: Path, clock: Clock | None = None, db: Database | None = None, *, context: Context | None = None
    ) -> None:
        """Nobody is logged in: accounts.first_start, login or recover decide who acts. (`context` is the
        services' own: Station.worker hands a background thread the same station.)"""
        self.data_dir = Path(data_dir)
        self._ctx = context or Context(self.data_dir, db or Database.in_folder(self.data_dir), clock or Clock())
        self.accounts = Accounts(self._ctx)
        self.settings = SettingsService(self._ctx)
        self.queue = Queue(self._ctx)
        self.records = Records(self._ctx)
        self.biometrics = Biometrics(self._ctx)
        self.review = Review(self._ctx)
        self.papers = Papers(self._ctx)
        self.transfer = Transfer(self._ctx)
        self.retention = Retention(self._ctx)
        self.sync = SyncService(self._ctx)
        self.demo = DemoData(self._ctx)

    @property
    def operator(self) -> Actor | None:
        """Who is logged in (None while locked)."""
        return self._ctx.who

    @property
    def clock(self) -> Clock:
        return self._ctx.clock

    @property
    def regions(self) -> Regions:
        return self._ctx.regions

    @property
    def gate_config(self) -> GateConfig:
        return self._ctx.gate_config

    def worker(self) -> Station:
        """The same station for a background thread (sync): its own connections, the same key and person."""
        worker = self._ctx.for_worker()
        return Station(worker.data_dir, context=worker)

    def verify_audit(self) -> AuditCheck:
        """The audit trail's hash chain, and the accounts as stored against the roster it last recorded: a
        role or an account written into the database by hand shows here (no personal data: no login needed)."""
        with self._ctx.read() as uow:
            check = uow.audit.verify()
            audited = uow.audit.last_roster() if check.ok else None
            if audited is not None and audited[1] != uow.accounts.roster():
                stored = uow.accounts.roster()
                odd = sorted(n for n in set(stored) | set(audited[1]) if stored.get(n) != audited[1].get(n))
                why = f"daftar akun berbeda dari yang dicatat entri ini (diubah di luar aplikasi: {', '.join(odd)})"
                return AuditCheck(False, check.entries, audited[0], why)
            return check

    def info(self) -> dict:
        """Counts, outbox size and SQLite's own integrity check (no personal data: no login needed)."""
        with self._ctx.read() as uow:
            counts, outbox, quarantined = uow.records.counts(), uow.outbox.size(), sorted(uow.quarantine.uuids())
        return {
            "database": str(self._ctx.db.path),
            "records": counts,
            "outbox": outbox,
            "quarantined": quarantined,  # UUIDs whose sealed data no longer opens (Records.quarantined)
            "integrity": self._ctx.db.integrity_check(),
        }

    def close(self) -> None:
        self._ctx.db.close()

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
