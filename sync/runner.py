"""One sync pass over the outbox: probe, then batches by bytes until nothing is due, then the audit trail and
the centre's status changes. Every pass is logged, offline ones too.

A batch goes in two steps. Its blobs (photos now; fingerprints, irises, the signature later) go first, as bytes,
only those the centre lacks (content addresses: a blob the centre already holds is never sent again), each from
the byte where an interrupted upload stopped. Then the records' own fields, each answered on its own. On a
transport error the batch is deferred with exponential back-off and jitter, and the pass ends.
"""

from __future__ import annotations

import logging
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from station.storage import Answer, Outbox, Outgoing
from sync.client import CentralClient, SyncError, SyncRefused

_rng = random.SystemRandom()
log = logging.getLogger(__name__)
REFUSAL_FACTOR = 10  # a refusal (key revoked, certificate) will not mend itself soon: ask much less often


@dataclass(frozen=True)
class Backoff:
    base_s: float = 2.0
    cap_s: float = 600.0

    def delay(self, attempts: int, factor: float = 1.0) -> float:
        """base * 2^(attempts-1) * factor, then the cap, then jitter over the upper half (spreads a fleet of
        stations coming back online); no wait ever exceeds the cap."""
        step = self.base_s * factor * 2 ** min(max(0, attempts - 1), 40)
        return min(self.cap_s, step) * _rng.uniform(0.5, 1.0)


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
    busy: bool = False  # another sync loop of this station was mid-pass: this one stood aside
    blob_bytes_sent: int = 0  # blob bytes that crossed the link in this pass
    blobs_already_there: int = 0  # blobs the centre held already (a repeat, a resumed batch): not sent
    records_s: float = 0.0  # how long the records took, blobs and answers included (not the audit trail)


def sync_once(
    outbox: Outbox, client: CentralClient, batch_bytes: int = 2_000_000, backoff: Backoff | None = None
) -> SyncReport:
    backoff = backoff or Backoff()
    report = SyncReport()
    try:
        client.probe()
        report.online = True
    except SyncRefused as err:
        report.error = str(err)
    except SyncError as err:
        report.error = f"Luring: {err}"
    if report.online:
        _push_records(outbox, client, backoff, batch_bytes, report)
    if report.online and report.error is None:
        _push_audit(outbox, client, report)
    if report.online and report.error is None:
        _pull_statuses(outbox, client, report)
    report.remaining = outbox.size()
    log_pass(report)
    return report


def log_pass(report: SyncReport) -> None:
    log.info(
        "sync pass: online=%s busy=%s acknowledged=%d rejected=%d deferred=%d remaining=%d blob_bytes=%d "
        "blobs_skipped=%d status_updates=%d error=%s",
        report.online,
        report.busy,
        report.acknowledged,
        report.rejected,
        report.deferred,
        report.remaining,
        report.blob_bytes_sent,
        report.blobs_already_there,
        report.status_updates,
        report.error,
    )


def _push_records(outbox: Outbox, client: CentralClient, backoff: Backoff, batch_bytes: int, report: SyncReport):
    """Batch after batch, pipelined: while one batch is on the wire (and the centre works on it), a second thread
    records the previous batch's answers and reads and decrypts the next batch. Each record is marked sent just
    before its request leaves, never earlier."""
    t0 = time.perf_counter()
    with ThreadPoolExecutor(1, thread_name_prefix="outbox") as worker:
        items = outbox.due(batch_bytes)
        answered: tuple[list[Answer], int] | None = None
        while items:
            uuids = [o.uuid for o in items]
            attempts = outbox.mark_sent(uuids)
            ahead = worker.submit(_settle_then_read, outbox, answered, backoff, batch_bytes, uuids)
            try:
                answers = send(client, items, report)
            except (SyncError, SyncRefused) as err:
                ahead.result()  # the previous batch's answers are recorded; what was read ahead waits its turn
                factor = REFUSAL_FACTOR if isinstance(err, SyncRefused) else 1
                outbox.defer(uuids, str(err), backoff.delay(attempts, factor))
                report.deferred += len(uuids)
                report.error = str(err)
                break
            mine = set(uuids)
            answers = [a for a in answers if a.uuid in mine]
            unanswered = mine - {a.uuid for a in answers}
            if unanswered:  # a server that skipped some: try them again later
                outbox.defer(sorted(unanswered), "tidak dijawab server", backoff.delay(attempts))
            _count(answers, unanswered, report)
            answered = (answers, attempts)
            items = ahead.result()
        else:
            if answered is not None:
                _settle(outbox, answered, backoff)
    report.records_s += time.perf_counter() - t0


def _settle_then_read(
    outbox: Outbox, answered: tuple[list[Answer], int] | None, backoff: Backoff, batch_bytes: int, sending: list[str]
) -> list[Outgoing]:
    if answered is not None:
        _settle(outbox, answered, backoff)
    return outbox.due(batch_bytes, exclude=sending)


def _settle(outbox: Outbox, answered: tuple[list[Answer], int], backoff: Backoff) -> None:
    """Record the centre's decisions; what it could not decide yet (a blob it lacks, an origin it does not know
    yet) is tried again later."""
    answers, attempts = answered
    outbox.apply(answers)
    for a in answers:
        if a.retry:
            outbox.defer([a.uuid], a.reason or "belum bisa diputuskan server", backoff.delay(attempts, REFUSAL_FACTOR))


def _count(answers: list[Answer], unanswered: set[str], report: SyncReport) -> None:
    later = [a for a in answers if a.retry]
    decided = [a for a in answers if not a.retry]
    report.batches += 1
    report.deferred += len(later) + len(unanswered)
    report.acknowledged += sum(a.accepted for a in decided)
    report.rejected += sum(not a.accepted for a in decided)
    report.rejected_reasons += [a.reason or "" for a in decided if not a.accepted]


def send(client: CentralClient, items: list[Outgoing], report: SyncReport | None = None) -> list[Answer]:
    """One batch: the blobs the centre lacks, then the records' own fields; the centre's answer for each."""
    _send_blobs(client, items, report or SyncReport())
    return client.push(items)


def _send_blobs(client: CentralClient, items: list[Outgoing], report: SyncReport) -> None:
    """Only what the centre lacks, from where it stopped."""
    blobs = {sha: o.blobs[kind] for o in items for kind, sha in o.hashes.items()}
    missing = client.missing_blobs(list(blobs))
    report.blobs_already_there += len(blobs) - len(missing)
    parts = [(sha, blobs[sha], offset) for sha, offset in missing.items() if sha in blobs]
    if parts:
        client.upload_blobs(parts)
        report.blob_bytes_sent += sum(len(data) - offset for _, data, offset in parts)


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
    """What changed at the centre for this station's records (received, rejected, printed...), by cursor: every
    record, however many, and one small request when nothing changed."""
    cursor = outbox.status_cursor()
    while True:
        try:
            page = client.status_changes(cursor)
        except (SyncError, SyncRefused) as err:
            report.error = f"status: {err}"
            return
        changes, new = page.get("changes", []), int(page.get("cursor", cursor))
        if changes or new != cursor:
            report.status_updates += outbox.apply_statuses(changes, new)
        if not page.get("more") or new == cursor:
            return
        cursor = new
