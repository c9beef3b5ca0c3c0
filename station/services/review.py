"""End-of-day review: a supervisor approves a record into the outbox, holds it or rejects it, with a reason
the operator reads in Rekaman."""

from __future__ import annotations

from station.domain.lifecycle import RecordStatus, review_target
from station.domain.permissions import Action
from station.services.base import Service
from station.services.settings import SettingsService
from station.storage import RecordSummary


class Review(Service):
    def waiting(self) -> list[RecordSummary]:
        with self._ctx.unit(Action.REVIEW) as uow:
            waiting = uow.records.find(status=RecordStatus.CAPTURED) + uow.records.find(status=RecordStatus.HELD)
            uow.audit.append(self._ctx.actor.name, "review_listed", None, {"records": len(waiting)})
            uow.commit()
        return waiting

    def decide(self, uuid: str, decision: str, reason: str = "") -> RecordStatus:
        target = review_target(decision, reason)
        with self._ctx.unit(Action.REVIEW) as uow:
            uow.records.move(uuid, target, self._ctx.actor)
            uow.records.set_reason(uuid, None if decision == "approve" else f"Supervisor: {reason.strip()}")
            if target is RecordStatus.QUEUED:
                uow.outbox.enqueue(uuid)
            uow.commit()
        return target

    def enable(self, on: bool = True) -> None:
        SettingsService(self._ctx).change(review_required=on)
