"""Master data from the central server that decides what this station trusts: the list of registered stations and
their signing keys (station.station_list), kept as the centre signed it in DATA_DIR/master/stations.json and
checked against the pinned centre key every time it is used.

Functions, not a service: their callers (SyncService.pull_master_data, Transfer.import_bundle) have checked the
permission table already, and the window and the command line reach them only through those.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from station import station_list
from station.services.context import Context
from station.station_list import StationList, StationListInvalid

if TYPE_CHECKING:
    from sync.client import CentralClient

log = logging.getLogger(__name__)
STATIONS_FILE = "stations.json"


def stations_file(ctx: Context) -> Path:
    return ctx.data_dir / "master" / STATIONS_FILE


def pull_station_list(ctx: Context, client: CentralClient) -> StationList:
    """Fetch the signed list; the first time from this server, pin the centre's key it names (this is the registered
    server, reached over verified TLS); ever after, a list not signed by that key is refused and the old one kept."""
    envelope = client.master_stations()
    offered = station_list.centre_key_of(envelope)
    url = ctx.settings.sync.url
    with ctx.unit() as uow:
        pinned = uow.keys.centre_public_key(url)
        if pinned is None:
            uow.keys.pin_centre_public_key(url, offered)
            detail = {"key": base64.b64encode(offered).decode()[:16], "url": url}
            uow.audit.append(ctx.actor.name, "centre_key_pinned", None, detail)
            uow.commit()
            pinned = offered
    verified = station_list.verify(envelope, pinned)
    _write_private(stations_file(ctx), json.dumps(envelope).encode("utf-8"))
    log.info("station list pulled: %d stations", len(verified.keys))
    return verified


def saved_station_list(ctx: Context) -> StationList | None:
    """The list last pulled, verified again now; None when none was pulled from the registered server yet."""
    path = stations_file(ctx)
    if not path.exists():
        return None
    with ctx.read() as uow:  # the centre's public key: no personal data
        pinned = uow.keys.centre_public_key(ctx.settings.sync.url)
    if pinned is None:
        return None
    try:
        envelope = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        raise StationListInvalid("Berkas daftar stasiun terdaftar rusak; tarik ulang data induk.") from None
    return station_list.verify(envelope, pinned)


def _write_private(path: Path, data: bytes) -> None:
    """Atomically (a crash leaves the old list or the new one), readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)
