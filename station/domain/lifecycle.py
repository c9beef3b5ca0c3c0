"""A record's life at the station: its states, the moves between them, and who may make each move.

    draft -> captured -> (held | queued | rejected)      with end-of-day review
    draft -> queued                                       without it
    queued -> sent -> (acknowledged | rejected)           the sync worker, on the central server's word

A state only moves forward; every move is one audit entry, written by the one repository method that
performs it (storage.records.RecordRepository.move).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from station.domain.errors import InvalidInput, InvalidTransition
from station.domain.permissions import Action, Role, require


class RecordStatus(StrEnum):
    DRAFT = "draft"
    CAPTURED = "captured"  # accepted at the counter; waits for the supervisor when end-of-day review is on
    HELD = "held"  # the supervisor holds it, with a reason the operator sees
    QUEUED = "queued"  # in the outbox
    SENT = "sent"  # may have arrived; stays in the outbox until the centre answers
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"  # by the supervisor or by the centre, with the reason


@dataclass(frozen=True)
class Move:
    action: str  # the audit entry's action
    permission: Action  # who may make it: the one permission table decides


S = RecordStatus

MOVES: dict[tuple[RecordStatus, RecordStatus], Move] = {
    (S.DRAFT, S.CAPTURED): Move("accepted", Action.RECORD_ACCEPT),
    (S.DRAFT, S.QUEUED): Move("accepted", Action.RECORD_ACCEPT),
    (S.CAPTURED, S.QUEUED): Move("review_approve", Action.REVIEW),
    (S.CAPTURED, S.HELD): Move("review_hold", Action.REVIEW),
    (S.CAPTURED, S.REJECTED): Move("review_reject", Action.REVIEW),
    (S.HELD, S.QUEUED): Move("review_approve", Action.REVIEW),
    (S.HELD, S.HELD): Move("review_hold", Action.REVIEW),  # held again, with a new reason
    (S.HELD, S.REJECTED): Move("review_reject", Action.REVIEW),
    (S.QUEUED, S.SENT): Move("sent", Action.SYNC_RECORD),
    (S.SENT, S.ACKNOWLEDGED): Move("acknowledged", Action.SYNC_RECORD),
    (S.SENT, S.REJECTED): Move("rejected_by_server", Action.SYNC_RECORD),
}

WORDS = {
    S.DRAFT: "draf",
    S.CAPTURED: "menunggu tinjauan",
    S.HELD: "ditahan supervisor",
    S.QUEUED: "menunggu kirim",
    S.SENT: "terkirim",
    S.ACKNOWLEDGED: "diterima pusat",
    S.REJECTED: "ditolak",
}

WAITING_TO_LEAVE = frozenset({S.CAPTURED, S.HELD, S.QUEUED, S.SENT})


def move(old: RecordStatus, new: RecordStatus, role: Role | str) -> Move:
    """The move from old to new if the role may make it; InvalidTransition or NotAllowed otherwise."""
    found = MOVES.get((RecordStatus(old), RecordStatus(new)))
    if found is None:
        raise InvalidTransition(f"Status rekaman tidak bisa berpindah dari {WORDS[old]} ke {WORDS[new]}.")
    require(role, found.permission)
    return found


DECISIONS = {"approve": S.QUEUED, "hold": S.HELD, "reject": S.REJECTED}


def review_target(decision: str, reason: str) -> RecordStatus:
    """The end-of-day decision's state; holding or rejecting needs a reason the operator will read."""
    if decision not in DECISIONS:
        raise InvalidInput(f"Keputusan tidak dikenal: {decision} (approve, hold atau reject).")
    if decision != "approve" and len(reason.strip()) < 3:
        raise InvalidInput("Tulis alasan menahan atau menolak rekaman.")
    return DECISIONS[decision]
