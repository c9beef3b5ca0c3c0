"""The office's settings: everyone reads them; only a supervisor changes them, and each change is audited.
The central server's address and CA cannot be moved away from what the installer pinned (station.pinning)."""

from __future__ import annotations

from station.domain.errors import InvalidInput, NotAllowed
from station.domain.permissions import Action
from station.domain.settings import Settings, SyncSettings
from station.services.base import Service
from station.services.sync import binding
from station.storage import StorageCorrupt, UnitOfWork


class SettingsService(Service):
    @property
    def current(self) -> Settings:
        """As stored now (another process may have changed them since this one last looked)."""
        return self._ctx.reload_settings()

    def change(self, **values) -> Settings:
        """Only a supervisor; the station's identity keeps its first-start rules, and stays once registered.
        An address or CA pinned by the installer cannot be moved from here."""
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
            if (old.sync.url, old.sync.ca_bundle) != (new.sync.url, new.sync.ca_bundle):
                pin = ctx.pin
                if pin and not (pin.same_url(new.sync.url or pin.url) and pin.same_ca(new.sync.ca_bundle)):
                    detail = {"action": Action.SETTINGS_CHANGE.value, "why": "pinned", "url": new.sync.url}
                    uow.audit.append(ctx.actor.name, "refused", None, detail)
                    uow.commit()
                    raise NotAllowed(f"Alamat dan CA server pusat dikunci oleh pemasang ({pin.url}).")
                if pin is None:
                    self._rebind(uow, old.sync, new.sync)
            keys = uow.settings.save(new)
            uow.audit.append(self._ctx.actor.name, "settings_changed", None, {"keys": keys})
            uow.commit()
        self._ctx.use_settings(new)
        return new

    @staticmethod
    def _rebind(uow: UnitOfWork, old: SyncSettings, new: SyncSettings) -> None:
        """A supervisor moved the central server: the bearer key follows (services.sync.binding). A key that
        no longer opened under the old address (the row was edited by hand) stays unopenable."""
        try:
            key = uow.keys.sync_key(binding(old.url, old.ca_bundle))
        except StorageCorrupt:
            return
        if key:
            uow.keys.set_sync_key(key, binding(new.url, new.ca_bundle))
