"""Sync with the central server, as the station's use cases: registering (a supervisor's act, audited with
the address), and running passes of the sync loop (sync.runner) over the outbox.

When the installer pinned the central server (station.pinning), registering anywhere else is refused and
audited, and every pass goes to the pinned address with the pinned CA, whatever the settings say. Without a
pin, the bearer key is bound to the address and CA it was registered with (binding): only this service and
the settings service (both a supervisor's, audited) move them; an edit of the database row stops sync."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from station.bundle_format import public_bytes
from station.domain.errors import ExitCode, NotAllowed, StationError
from station.domain.permissions import Action
from station.services.base import Service
from station.services.loop_lock import PassLock
from station.storage import Outbox, StorageCorrupt

if TYPE_CHECKING:
    from sync.client import CentralClient
    from sync.runner import SyncReport

log = logging.getLogger(__name__)


class NotConfigured(StationError):
    code = "sync_not_configured"
    exit_code = ExitCode.INPUT


def binding(url: str, ca_bundle: str | Path | None) -> str:
    """What the bearer key is sealed to: the server's address and the CA file that vouches for it."""
    ca = str(Path(ca_bundle).resolve()) if ca_bundle else ""
    return hashlib.sha256(json.dumps([url.strip().rstrip("/"), ca]).encode("utf-8")).hexdigest()


class SyncService(Service):
    def register(self, url: str, code: str, ca_bundle: Path | str | None = None) -> str:
        """Register this station with the central server; its key and address are kept for every later pass."""
        from sync.client import CentralClient

        ctx = self._ctx
        actor = ctx.require(Action.SYNC_REGISTER)
        pin = ctx.pin
        if pin is not None:
            if not pin.same_url(url) or not pin.same_ca(ca_bundle):
                with ctx.db.unit(ctx.clock) as uow:
                    detail = {"action": Action.SYNC_REGISTER.value, "why": "pinned", "url": url}
                    uow.audit.append(actor.name, "refused", None, detail)
                    uow.commit()
                raise NotAllowed(
                    f"Server pusat dikunci oleh pemasang ({pin.url}, {pin.source}): stasiun ini tidak bisa "
                    "didaftarkan ke alamat atau CA lain."
                )
            url, ca_bundle = pin.url, pin.ca_bundle
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
            uow.keys.set_sync_key(key, binding(url, ca_bundle))
            uow.audit.append(actor.name, "sync_registered", None, {"url": url})
            uow.commit()
        ctx.use_settings(new)
        log.info("registered with the central server url=%s", url)
        return settings.station_id

    def client(self) -> CentralClient:
        """The client for the registered centre (its key is personal to this station: a logged-in act)."""
        from sync.client import CentralClient

        s, pin = self._ctx.settings.sync, self._ctx.pin
        url, ca = (pin.url, pin.ca_bundle) if pin else (s.url, s.ca_bundle)  # a pin wins over the database
        with self._ctx.unit(Action.SYNC_RUN) as uow:
            try:
                key = uow.keys.sync_key(binding(url, ca))
            except StorageCorrupt:
                raise NotConfigured(
                    "Alamat atau CA server pusat di pengaturan tidak cocok dengan pendaftaran (diubah di luar "
                    "aplikasi). Sinkronisasi berhenti; supervisor: daftarkan ulang stasiun."
                ) from None
            if key and not uow.keys.sync_key_bound():  # left by an older version: bound from now on
                uow.keys.set_sync_key(key, binding(url, ca))
                uow.commit()
        if not s.url or not key:
            raise NotConfigured("Stasiun belum terdaftar ke server pusat: jalankan `station sync-register`.")
        return CentralClient(url, key, ca, (s.connect_timeout_s, s.read_timeout_s))

    def outbox(self) -> Outbox:
        """The outbox as the sync loop sees it (it carries personal data: a logged-in act)."""
        ctx = self._ctx
        ctx.require(Action.SYNC_RUN)
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
        """Master data from the central server into DATA_DIR/master: region codes (they then replace the shipped
        list; their ETag is returned) and the centre's signed list of registered stations (services.master)."""
        from station.services.master import pull_station_list

        ctx = self._ctx
        client = self.client()
        etag = client.master_regions(ctx.data_dir / "master" / "wilayah.tsv.gz")
        ctx.forget_regions()
        stations = pull_station_list(ctx, client)
        with ctx.unit(Action.SYNC_RUN) as uow:
            detail = {"regions_sha256": etag, "stations": len(stations.keys)}
            uow.audit.append(ctx.actor.name, "master_data_pulled", None, detail)
            uow.commit()
        return etag
