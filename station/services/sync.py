"""Sync with the central server, as the station's use cases: registering (a supervisor's act, audited with
the address), and running passes of the sync loop (sync.runner) over the outbox."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from station.bundle_format import public_bytes
from station.domain.errors import StationError
from station.domain.permissions import Action
from station.services.base import Service
from station.services.loop_lock import PassLock
from station.storage import Outbox

if TYPE_CHECKING:
    from sync.client import CentralClient
    from sync.runner import SyncReport

log = logging.getLogger(__name__)


class NotConfigured(StationError):
    code = "sync_not_configured"
    exit_code = 2


class SyncService(Service):
    def register(self, url: str, code: str, ca_bundle: Path | str | None = None) -> str:
        """Register this station with the central server; its key and address are kept for every later pass."""
        from sync.client import CentralClient

        ctx = self._ctx
        actor = ctx.require(Action.SYNC_REGISTER)
        settings = ctx.settings
        if not settings.station_id:
            raise NotConfigured("Identitas stasiun belum diatur (mulai pertama di jendela aplikasi).")
        with ctx.db.unit(ctx.clock) as uow:
            public = base64.b64encode(public_bytes(uow.keys.signing_key())).decode()
            chosen = uow.keys.pending_sync_key(url)  # kept before asking: a lost answer is asked again, same key
            uow.commit()  # the signing key is created on first use
        client = CentralClient(url, None, ca_bundle)
        key = client.register(settings.station_id, settings.kecamatan, code, public, chosen)
        with ctx.db.unit(ctx.clock) as uow:
            sync = dataclasses.replace(settings.sync, url=url, ca_bundle=str(ca_bundle) if ca_bundle else None)
            new = uow.settings.load().changed(sync=sync)
            uow.settings.save(new)
            uow.keys.set_sync_key(key)
            uow.audit.append(actor.name, "sync_registered", None, {"url": url})
            uow.commit()
        ctx.use_settings(new)
        log.info("registered with the central server url=%s", url)
        return settings.station_id

    @property
    def configured(self) -> bool:
        return bool(self._ctx.settings.sync.url)

    def client(self) -> CentralClient:
        from sync.client import CentralClient

        s = self._ctx.settings.sync
        with self._ctx.db.unit(self._ctx.clock) as uow:
            key = uow.keys.sync_key()
        if not s.url or not key:
            raise NotConfigured("Stasiun belum terdaftar ke server pusat: jalankan `station sync-register`.")
        return CentralClient(s.url, key, s.ca_bundle, (s.connect_timeout_s, s.read_timeout_s))

    def outbox(self) -> Outbox:
        ctx = self._ctx
        return Outbox(lambda: ctx.db.unit(ctx.clock))

    def run_once(self) -> SyncReport:
        """One pass, unless another loop of this station (the window, the command line) is mid-pass: then this
        one stands aside (report.busy) rather than send the same records again."""
        from sync.runner import Backoff, SyncReport, log_pass, sync_once

        self._ctx.require(Action.SYNC_RUN)
        outbox = self.outbox()
        with PassLock(self._ctx.data_dir / "sync.lock") as held:
            if not held:
                report = SyncReport(busy=True, remaining=outbox.size())
                report.error = "Sinkronisasi sedang berjalan di jendela atau proses lain stasiun ini."
                log_pass(report)
                return report
            s = self._ctx.reload_settings().sync  # a long-running loop follows changes made elsewhere
            return sync_once(outbox, self.client(), s.batch_bytes, Backoff(s.backoff_base_s, s.backoff_cap_s))

    def run_forever(
        self, stop: threading.Event, on_report: Callable[[SyncReport], None] | None = None, idle_s: float = 30.0
    ) -> None:
        """Until stopped: a pass, then sleep until the next record is due (at most idle_s)."""
        outbox, clock = self.outbox(), self._ctx.clock
        while not stop.is_set():
            report = self.run_once()
            if on_report:
                on_report(report)
            wait = idle_s
            nxt = outbox.next_due_at()
            if nxt and report.online:
                wait = max(0.05, min(idle_s, (dt.datetime.fromisoformat(nxt) - clock.now()).total_seconds()))
            stop.wait(wait)

    def pull_master_data(self) -> str:
        """Region codes from the central server into DATA_DIR/master (they then replace the shipped list)."""
        return self.client().master_regions(self._ctx.data_dir / "master" / "wilayah.tsv.gz")
