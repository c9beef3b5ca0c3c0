"""The audit trail's hash chain, shared by the station and the central server: each entry's hash covers
the previous entry's hash, so a deleted, edited or reordered entry breaks the chain where it happened."""

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
