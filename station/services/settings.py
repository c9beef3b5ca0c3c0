"""The office's settings: everyone reads them; only a supervisor changes them, and each change is audited."""

from __future__ import annotations

from station.domain.permissions import Action
from station.domain.settings import Settings
from station.services.base import Service


class SettingsService(Service):
    @property
    def current(self) -> Settings:
        return self._ctx.settings

    def change(self, **values) -> Settings:
        with self._ctx.unit(Action.SETTINGS_CHANGE) as uow:
            new = uow.settings.load().changed(**values)
            keys = uow.settings.save(new)
            uow.audit.append(self._ctx.actor.name, "settings_changed", None, {"keys": keys})
            uow.commit()
        self._ctx.use_settings(new)
        return new
