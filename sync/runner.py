"""One sync pass over the outbox: probe, then batches by bytes until nothing is due, then the audit trail and
the centre's status changes. Every pass is logged, offline ones too.

A batch goes in two steps. Its blobs (photos now; fingerprints, irises, the signature later) go first, as bytes,
only those the centre lacks (content addresses: a blob the centre already holds is never sent again), each from
the byte where an interrupted upload stopped. Then the records' own fields, each answered on its own. On a
transport error the batch is deferred with exponential back-off and jitter, and the pass ends.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from station.domain.errors import StationError
from station.domain.settings import MAX_BATCH_BYTES
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


QUICK_S, SLOW_S = 2.0, 10.0  # a batch answered faster than QUICK_S doubles the next; slower than SLOW_S halves it


@dataclass
class Sizing:
    """How many bytes the next batch takes: the configured size on a slow link (a 3G-class link answers a 4 MB
    batch in half a minute), up to 12 MB while batches come back within seconds (fewer requests and commits on
    both sides: on a LAN the centre's time per record falls by a fifth)."""

    floor: int
    now: int = 0

    def __post_init__(self) -> None:
        self.floor = min(self.floor, MAX_BATCH_BYTES)  # a size stored before it was checked: the centre's limit
        self.now = self.floor

    def took(self, seconds: float) -> None:
        if seconds < QUICK_S:
            self.now = min(MAX_BATCH_BYTES, self.now * 2)
        elif seconds > SLOW_S:
            self.now = max(self.floor, self.now // 2)


def _push_records(outbox: Outbox, client: CentralClient, backoff: Backoff, batch_bytes: int, report: SyncReport):
    """Batch after batch, in three overlapping steps: while the centre answers batch k's records (this thread), a
    second thread records batch k-1's answers and reads and decrypts the batches after, and a third sends each
    batch's blobs up, on a second connection, as soon as it is read. A record is marked sent once its blobs are
    at the centre, just before its own request leaves, never earlier (on a 3G link a batch's photos take half a
    minute: the operator does not see "sent" meanwhile); its blobs may go before it (without the record they are
    nothing, and the centre keeps them for the retry). Once no blobs are left to send, the blob thread starts the
    audit trail up while the last records are answered."""
    t0 = time.perf_counter()
    size = Sizing(batch_bytes)
    with (
        ThreadPoolExecutor(1, thread_name_prefix="outbox") as worker,
        ThreadPoolExecutor(1, thread_name_prefix="blobs") as lane,
    ):
        reader = _Reader(outbox, backoff, size, lane, client.twin())
        items, blobs_up = reader.next()
        ahead = worker.submit(reader.next)
        auditing = None  # what of it fails is met again by the pass's own audit push, after the records
        while items:
            uuids = [o.uuid for o in items]
            started = time.perf_counter()
            try:
                _count_blobs(blobs_up.result(), report)  # this batch's blobs are at the centre
            except (SyncError, SyncRefused) as err:  # the records themselves never left: not "sent"
                _give_up(outbox, uuids, outbox.tried(uuids), err, backoff, report, ahead)
                break
            if auditing is None and ahead.done() and not ahead.result()[0]:  # no blobs left to send
                auditing = lane.submit(_push_audit, outbox, reader.client, SyncReport())
            attempts = outbox.mark_sent(uuids)  # just before the records' own request leaves
            try:
                answers = client.push(items)
            except (SyncError, SyncRefused) as err:
                _give_up(outbox, uuids, attempts, err, backoff, report, ahead)
                break
            size.took(time.perf_counter() - started)
            mine = set(uuids)
            answers = [a for a in answers if a.uuid in mine]
            unanswered = mine - {a.uuid for a in answers}
            if unanswered:  # a server that skipped some: try them again later
                outbox.defer(sorted(unanswered), "tidak dijawab server", backoff.delay(attempts))
            _count(answers, unanswered, report)
            settling = worker.submit(reader.next, (answers, attempts), tuple(uuids))
            items, blobs_up = ahead.result()
            ahead = settling
            if not items:  # nothing was left: once this batch's answers are recorded, anything due since goes on
                items, blobs_up = ahead.result()
                ahead = worker.submit(reader.next) if items else None
        _quietly(ahead, auditing)
    report.records_s += time.perf_counter() - t0


class _Reader:
    """On the outbox thread: records a batch's answers, then reads the next batch (none of those on their way)
    and hands its blobs to the blob thread at once."""

    def __init__(self, outbox: Outbox, backoff: Backoff, size: Sizing, lane: ThreadPoolExecutor, client) -> None:
        self.outbox, self.backoff, self.size, self.lane, self.client = outbox, backoff, size, lane, client
        self.on_way: set[str] = set()

    def next(
        self, answered: tuple[list[Answer], int] | None = None, sent: tuple[str, ...] = ()
    ) -> tuple[list[Outgoing], Future | None]:
        if answered is not None:
            _settle(self.outbox, answered, self.backoff)
        self.on_way -= set(sent)
        items = self.outbox.due(self.size.now, exclude=sorted(self.on_way))
        self.on_way |= {o.uuid for o in items}
        return items, (self.lane.submit(_send_blobs, self.client, items) if items else None)


def _give_up(
    outbox: Outbox, uuids: list[str], attempts: int, err: StationError, backoff: Backoff, report: SyncReport, ahead
) -> None:
    """The pass ends on a transport error: what is under way ends first (the next batch waits its turn), and this
    batch is tried again after the back-off (ten times longer after a refusal)."""
    _quietly(ahead)
    factor = REFUSAL_FACTOR if isinstance(err, SyncRefused) else 1
    outbox.defer(uuids, str(err), backoff.delay(attempts, factor))
    report.deferred += len(uuids)
    report.error = str(err)


def _quietly(*under_way: Future | None) -> None:
    """Wait for these to end (and for the blobs a read batch sent); a transport error in them has already been,
    or will be, met again."""
    for f in under_way:
        if f is None:
            continue
        with contextlib.suppress(SyncError, SyncRefused):
            out = f.result()
            if isinstance(out, tuple) and isinstance(out[1], Future):
                out[1].result()


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


def _count_blobs(sent: tuple[int, int], report: SyncReport) -> None:
    report.blob_bytes_sent += sent[0]
    report.blobs_already_there += sent[1]


def send(client: CentralClient, items: list[Outgoing], report: SyncReport | None = None) -> list[Answer]:
    """One batch: the blobs the centre lacks, then the records' own fields; the centre's answer for each."""
    _count_blobs(_send_blobs(client, items), report or SyncReport())
    return client.push(items)


def _send_blobs(client: CentralClient, items: list[Outgoing]) -> tuple[int, int]:
    """Only what the centre lacks, from where it stopped: (bytes sent, blobs the centre held already)."""
    blobs = {sha: o.blobs[kind] for o in items for kind, sha in o.hashes.items()}
    missing = client.missing_blobs(list(blobs))
    parts = [(sha, blobs[sha], offset) for sha, offset in missing.items() if sha in blobs]
    if parts:
        client.upload_blobs(parts)
    return sum(len(data) - offset for _, data, offset in parts), len(blobs) - len(missing)


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
