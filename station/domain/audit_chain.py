"""The audit trail's hash chain, shared by the station and the central server: each entry's hash covers
the previous entry's hash, so a deleted, edited or reordered entry breaks the chain where it happened.

A chain alone can be rewritten whole by whoever can write the database: delete the newest entries, or edit one
and recompute every hash after it. What stops that is the anchor: the head (seq and hash) the central server has
acknowledged holding. The station keeps it and checks its own chain against it (verify_anchor); the centre
keeps the entries themselves and refuses any later entry that does not continue them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

GENESIS = "0" * 64


class Entry(Protocol):
    id: int
    at: str
    actor: str
    action: str
    record_uuid: str | None
    detail: str
    prev_hash: str
    hash: str


def entry_hash(prev: str, at: str, actor: str, action: str, record_uuid: str | None, detail: str) -> str:
    body = json.dumps([prev, at, actor, action, record_uuid, detail], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    entries: int
    broken_at: int | None = None  # id of the first entry that does not fit
    why: str = ""
    anchored_upto: int = 0  # the central server holds the chain up to this entry (0: nothing acknowledged yet)


def verify_chain(rows: Iterable[Entry], prev: str = GENESIS) -> AuditCheck:
    n = 0
    for row in rows:
        n += 1
        if row.prev_hash != prev:
            return AuditCheck(False, n, row.id, "rantai terputus (entri dihapus atau disisipkan)")
        if entry_hash(row.prev_hash, row.at, row.actor, row.action, row.record_uuid, row.detail) != row.hash:
            return AuditCheck(False, n, row.id, "isi entri diubah")
        prev = row.hash
    return AuditCheck(True, n)


def verify_anchor(check: AuditCheck, anchored: tuple[int, str] | None, hash_at: str | None) -> AuditCheck:
    """The chain's check, then the anchor's: the entry the centre acknowledged must still be here, unchanged.
    hash_at is the local hash of entry anchored[0] (None when that entry is gone)."""
    if anchored is None or not check.ok:
        return check
    seq, expected = anchored
    if hash_at is None:
        why = f"entri sampai {seq} sudah diterima server pusat tetapi tidak ada lagi di sini (dihapus)"
        return AuditCheck(False, check.entries, seq, why, seq)
    if hash_at != expected:
        why = "rantai ditulis ulang: entri berbeda dari yang sudah diterima server pusat"
        return AuditCheck(False, check.entries, seq, why, seq)
    return AuditCheck(True, check.entries, anchored_upto=seq)
