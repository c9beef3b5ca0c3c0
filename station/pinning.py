"""What the installer pins: the central server's address and the CA that vouches for it.

A station that has a `central.json` where only an administrator can write sends its records to that server
and no other, whatever a supervisor types into `sync-register` or the settings, and whatever anyone writes
into the database file. Without one, registration decides (a supervisor's act, audited with the address).

    {"url": "https://pusat.disdukcapil.example:8443", "ca": "central-ca.pem"}

`ca` is a PEM file, relative to central.json's folder or absolute; without it the system's CAs are used.

Where it is looked for, first found wins:
  1. beside the installed program (the PyInstaller folder, or the `station` package of an install):
     under Program Files on Windows, writable by administrators only;
  2. on Linux/macOS, the machine-wide configuration folder (/etc/xdg/station). Not on Windows, where
     ProgramData lets any user create a file the installer did not make.
On Linux/macOS the file (and the CA, and their folders) must not be writable by anyone but their owner, and
the owner must be root or someone other than the user running the station: a pin the operator could have
written pins nothing, so such a file stops sync with a message instead of being obeyed or ignored.

Why the installer and not signed master data: master data is fetched from the central server, so the
station must already know which server to trust before it can fetch it; the installer is the one thing
that arrives from the Dinas before any network, and it already decides what code runs.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import site_config_dir

from station.domain.errors import StationError

PIN_NAME = "central.json"


class PinError(StationError):
    """central.json is present but cannot be trusted or read: sync stops until an administrator fixes it."""

    code = "central_pin"
    exit_code = 2


@dataclass(frozen=True)
class CentralPin:
    url: str
    ca_bundle: str | None
    source: Path

    def same_url(self, url: str | None) -> bool:
        return _norm(url or "") == self.url

    def same_ca(self, ca: str | os.PathLike | None) -> bool:
        return ca is None or self.ca_bundle is not None and Path(ca).resolve() == Path(self.ca_bundle)


def program_dir() -> Path:
    """The folder of the installed program: PyInstaller's, or this package's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent


def pin_locations() -> list[Path]:
    places = [program_dir() / PIN_NAME]
    if os.name != "nt":
        places.append(Path(site_config_dir("station", "Disdukcapil")) / PIN_NAME)
    return places


def central_pin(locations: list[Path] | None = None) -> CentralPin | None:
    """The pinned central server, None when nothing is pinned; PinError when a pin is there but untrusted."""
    for path in pin_locations() if locations is None else locations:
        if path.is_file():
            return _read(path)
    return None


def _read(path: Path) -> CentralPin:
    _trusted(path)
    try:
        data = json.loads(path.read_text("utf-8"))
        url = _norm(str(data["url"]))
        ca = data.get("ca")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise PinError(f'Berkas {path} tidak terbaca (perlu JSON dengan "url"). Hubungi admin pemasang.') from None
    if not url.startswith("https://"):
        raise PinError(f"Alamat server pusat di {path} harus https://. Hubungi admin pemasang.")
    ca_path = None
    if ca:
        ca_path = (path.parent / str(ca)).resolve()
        if not ca_path.is_file():
            raise PinError(f"Berkas CA {ca_path} yang disebut {path} tidak ada. Hubungi admin pemasang.")
        _trusted(ca_path)
    return CentralPin(url, str(ca_path) if ca_path else None, path)


def _trusted(path: Path) -> None:
    """Only an administrator (or another account than this one) can have written it: it and its folder."""
    if os.name == "nt":
        return  # Program Files' ACL: administrators only (docs/threat-model.md)
    me = os.geteuid()
    for p in (path, path.parent):
        st = p.stat()
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or (st.st_uid == me and me != 0):
            raise PinError(
                f"{p} bisa diubah oleh pengguna stasiun, jadi tidak bisa dipercaya untuk mengunci server pusat. "
                "Admin pemasang: jadikan milik root dan hanya-baca (chmod 644, folder 755)."
            )


def _norm(url: str) -> str:
    return url.strip().rstrip("/")
