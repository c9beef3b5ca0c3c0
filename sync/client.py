"""HTTP client for the central API. TLS is always verified (against a configured CA bundle, or the
system's); plain http:// is refused. No personal data is ever put in an exception message or log."""

from __future__ import annotations

from pathlib import Path

import requests

from station.domain.errors import ExitCode, StationError
from station.storage import Answer, Outgoing


class SyncError(StationError):
    """Could not talk to the server now (network, timeout, 5xx): try again later."""

    code = "sync_offline"


class SyncRefused(StationError):
    """The server refuses this station (401/403/4xx): retrying will not help until an admin acts."""

    code = "sync_refused"
    exit_code = ExitCode.INPUT


class CentralClient:
    def __init__(
        self,
        url: str,
        key: str | None = None,
        ca_bundle: str | Path | None = None,
        timeout: tuple[float, float] = (5.0, 60.0),
    ) -> None:
        if not url.startswith("https://"):
            raise SyncRefused("Alamat server pusat harus https:// (data pribadi hanya lewat TLS terverifikasi).")
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        # Passed on every request: a session-level setting loses to $REQUESTS_CA_BUNDLE in requests.
        self.verify: str | bool = str(ca_bundle) if ca_bundle else True  # never False
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"

    def _call(self, method: str, path: str, **kw) -> requests.Response:
        try:
            r = self.session.request(
                method, f"{self.url}/v1{path}", timeout=kw.pop("timeout", self.timeout), verify=self.verify, **kw
            )
        except requests.exceptions.SSLError as err:
            raise SyncRefused(f"Sertifikat server tidak terverifikasi: {type(err).__name__}") from None
        except requests.RequestException as err:
            raise SyncError(f"Jaringan: {type(err).__name__}") from None
        if r.status_code >= 500 or r.status_code == 429:
            raise SyncError(f"Server pusat menjawab {r.status_code}")
        if r.status_code in (401, 403):
            raise SyncRefused(f"Server pusat menolak stasiun ini ({r.status_code}); daftar ulang stasiun.")
        if r.status_code >= 400:
            raise SyncRefused(f"Permintaan ditolak server pusat ({r.status_code})")
        return r

    def health(self) -> bool:
        try:
            return self._call("GET", "/health", timeout=(3.0, 5.0)).json().get("ok") is True
        except (SyncError, SyncRefused, ValueError):
            return False

    def register(
        self,
        station_id: str,
        kecamatan: str,
        code: str,
        signing_public_key: str | None = None,
        station_key: str | None = None,
    ) -> str:
        """The bearer key for this station. With station_key (chosen by the station and kept before asking), the
        same registration presented again after a lost answer gets the same key back."""
        body = {
            "station_id": station_id,
            "kecamatan": kecamatan,
            "registration_code": code,
            "signing_public_key": signing_public_key,
            "station_key": station_key,
        }
        return self._call("POST", "/stations", json=body).json()["station_key"]

    def push(self, records: list[Outgoing]) -> list[Answer]:
        body = {"records": [o.to_wire() for o in records]}
        try:
            results = self._call("POST", "/records", json=body).json()["results"]
        except (ValueError, KeyError):
            raise SyncError("Jawaban server pusat tidak terbaca") from None
        return [
            Answer(a["uuid"], a["outcome"] in ("stored", "repeat"), a.get("ack_id"), a.get("status"), a.get("reason"))
            for a in results
        ]

    def push_audit(self, entries: list[dict]) -> dict:
        return self._call("POST", "/audit", json={"entries": entries}).json()

    def record_statuses(self, uuids: list[str]) -> list[dict]:
        return self._call("POST", "/records/status", json=uuids).json()

    def record_status(self, uuid: str) -> dict:
        return self._call("GET", f"/records/{uuid}").json()

    def master_stations(self) -> dict:
        """The centre's signed list of registered stations (checked by station.station_list, not here)."""
        try:
            return self._call("GET", "/master/stations").json()
        except ValueError:
            raise SyncError("Jawaban server pusat tidak terbaca") from None

    def master_regions(self, dest: Path) -> str:
        r = self._call("GET", "/master/regions")
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(".part")
        tmp.write_bytes(r.content)
        tmp.replace(dest)  # never a half-written master file
        return r.headers.get("ETag", "")
