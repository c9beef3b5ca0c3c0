"""Retention: after the central server acknowledged a record and the retention period passed, its photos,
biometrics and biodata leave this laptop. The sealed summary (name, NIK) and the receipt fields stay for
reprints. Papers left on their way to the printer (DATA_DIR/papers) go too, whatever their age."""

from __future__ import annotations

import datetime as dt

from station.domain.errors import InvalidInput
from station.domain.permissions import Action
from station.files import remove_papers
from station.services.base import Service

MAX_DAYS = 3650


class Retention(Service):
    def purge(self, older_than_days: float) -> int:
        if not 0 <= older_than_days <= MAX_DAYS:  # also refuses nan and inf
            raise InvalidInput(f"Masa simpan antara 0 dan {MAX_DAYS} hari.")
        ctx = self._ctx
        cutoff = ctx.clock.stamp(ctx.clock.now() - dt.timedelta(days=older_than_days))
        with ctx.unit(Action.PURGE) as uow:
            uuids = uow.records.purgeable(cutoff)
            for uuid in uuids:
                uow.photos.delete_of(uuid)
                uow.biometrics.delete_of(uuid)
                uow.records.forget_personal(uuid, ctx.actor, older_than_days)
            papers = remove_papers(ctx.data_dir, 0)
            detail = {"records": len(uuids), "retention_days": older_than_days, "papers": papers}
            uow.audit.append(ctx.actor.name, "purge_run", None, detail)
            uow.commit()
        return len(uuids)
