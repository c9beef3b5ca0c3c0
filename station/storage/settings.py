"""The office's settings (domain.settings.Settings), one row per top-level key."""

from __future__ import annotations

import json
from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.domain.settings import Settings
from station.storage.models import SettingRow
from station.storage.rows import write_json

KEYS = tuple(f.name for f in fields(Settings))


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def load(self) -> Settings:
        rows = self._s.scalars(select(SettingRow).where(SettingRow.key.in_(KEYS)))
        return Settings.from_rows({r.key: json.loads(r.value) for r in rows})

    def save(self, settings: Settings) -> list[str]:
        """Write what differs from what is stored; returns the changed keys (for the audit entry)."""
        before = self.load().to_rows()
        changed = [k for k, v in settings.to_rows().items() if before.get(k) != v]
        for key in changed:
            write_json(self._s, key, settings.to_rows()[key])
        return changed
