"""One sync pass over the outbox: probe, then batches by bytes until nothing is due; on a transport
error the batch is deferred with exponential back-off and jitter, and the pass ends."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field

from station.storage import Outbox
from sync.client import CentralClient, SyncError, SyncRefused

_rng = random.SystemRandom()
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    base_s: float = 2.0
    cap_s: float = 600.0

    def delay(self, attempts: int) -> float:
        """Jitter over half the exponential step: spreads a fleet of stations coming back online."""
        step = min(self.cap_s, self.base_s * 2 ** max(0, attempts - 1))
        return step * _rng.uniform(0.5, 1.0)


@dataclass
class SyncReport:
    online: bool = False
    batches: int = 0
    acknowledged: int = 0
    rejected: int = 0
    deferred: int = 0
    remaining: int = 0
    error: str | None = None
    rejected_reasons: list[str] = field(default_factory=list)
    status_updates: int = 0


def sync_once(
    outbox: Outbox, client: CentralClient, batch_bytes: int = 2_000_000, backoff: Backoff | None = None
) -> SyncReport:
    backoff = backoff or Backoff()
    report = SyncReport()
    if not client.health():
        report.error = "Luring: server pusat tidak terjangkau"
        report.remaining = outbox.size()
        return report
    report.online = True
    while True:
        items = outbox.due(batch_bytes)
        if not items:
            break
        uuids = [o.uuid for o in items]
        outbox.mark_sent(uuids)
        try:
            answers = client.push(items)
        except (SyncError, SyncRefused) as err:
            attempts = max(outbox.attempts(u) for u in uuids)
            wait = backoff.delay(attempts) * (10 if isinstance(err, SyncRefused) else 1)
            outbox.defer(uuids, str(err), wait)
            report.deferred += len(uuids)
            report.error = str(err)
            break
        answered = {a.uuid for a in answers}
        outbox.apply([a for a in answers if a.uuid in set(uuids)])
        missing = [u for u in uuids if u not in answered]
        if missing:  # a server that skipped some: try them again later
            outbox.defer(missing, "tidak dijawab server", backoff.delay(1))
        report.batches += 1
        report.acknowledged += sum(a.accepted for a in answers)
        report.rejected += sum(not a.accepted for a in answers)
        report.rejected_reasons += [a.reason or "" for a in answers if not a.accepted]
    if report.error is None:
        _push_audit(outbox, client, report)
    if report.error is None:
        _pull_statuses(outbox, client, report)
    report.remaining = outbox.size()
    log.info(
        "sync pass: online=%s acknowledged=%d rejected=%d deferred=%d remaining=%d error=%s",
        report.online,
        report.acknowledged,
        report.rejected,
        report.deferred,
        report.remaining,
        report.error,
    )
    return report


def _push_audit(outbox: Outbox, client: CentralClient, report: SyncReport) -> None:
    """The audit trail follows the records. The centre answers with the head it holds (seq and hash): the station
    keeps it as its anchor (audit-verify checks against it) and sends on from there. Entries the centre refuses
    (a gap, a rewritten or edited entry) are not stored there; the pass stops and says so."""
    upto = outbox.audit_sent_upto()
    while entries := outbox.audit_after(upto):
        try:
            ack = client.push_audit(entries)
        except (SyncError, SyncRefused) as err:
            report.error = f"jejak audit: {err}"
            return
        outbox.anchor_audit(ack["upto"], ack["head_hash"])
        if not ack["chain_ok"]:
            report.error = "server pusat menolak jejak audit stasiun ini: rantai tidak utuh (hubungi admin pusat)"
            return
        if ack["upto"] <= upto:
            return  # nothing taken: never loop on the same entries
        upto = ack["upto"]


def _pull_statuses(outbox: Outbox, client: CentralClient, report: SyncReport) -> None:
    """Printed cards leave the PRR list: ask the server about acknowledged records not yet printed."""
    uuids = outbox.awaiting_print()
    if not uuids:
        return
    try:
        report.status_updates = outbox.update_server_status(client.record_statuses(uuids))
    except (SyncError, SyncRefused) as err:
        report.error = f"status: {err}"
