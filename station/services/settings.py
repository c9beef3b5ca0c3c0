"""The office's settings: everyone reads them; only a supervisor changes them, and each change is audited."""

from __future__ import annotations

from station.domain.errors import InvalidInput
from station.domain.permissions import Action
from station.domain.settings import Settings
from station.services.base import Service


class SettingsService(Service):
    @property
    def current(self) -> Settings:
        """As stored now (another process may have changed them since this one last looked)."""
        return self._ctx.reload_settings()

    def change(self, **values) -> Settings:
        """Only a supervisor; the station's identity keeps its first-start rules, and stays once registered."""
        ctx = self._ctx
        if "kecamatan" in values and not ctx.regions.is_kecamatan(str(values["kecamatan"]).strip()):
            raise InvalidInput(f"Kode kecamatan {values['kecamatan']} tidak dikenal.")
        if "station_id" in values and not str(values["station_id"]).strip():
            raise InvalidInput("ID stasiun wajib diisi.")
        with ctx.unit(Action.SETTINGS_CHANGE) as uow:
            old = uow.settings.load()
            new = old.changed(**values)
            if old.sync.url and (new.station_id, new.kecamatan) != (old.station_id, old.kecamatan):
                raise InvalidInput("Stasiun sudah terdaftar di server pusat: ID dan kecamatan tidak bisa diubah.")
            keys = uow.settings.save(new)
            uow.audit.append(self._ctx.actor.name, "settings_changed", None, {"keys": keys})
            uow.commit()
        self._ctx.use_settings(new)
        return new
