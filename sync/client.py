"""HTTP client for the central API. TLS is always verified (against a configured CA bundle, or the system's);
plain http:// is refused, and so is any redirect: the verified server answers itself or not at all. No personal
data is ever put in an exception message or log.

What went wrong is classified by what happened, not by the exception's class: a certificate that does not verify
is a refusal (an admin must act), while a connection reset or cut during the TLS handshake is the network
(`UNEXPECTED_EOF_WHILE_READING` is a dropped link, not a forged server) and is retried like any other outage.
"""

from __future__ import annotations

import ssl
import struct
from collections.abc import Iterator
from pathlib import Path

import requests

from station.domain.errors import ExitCode, StationError
from station.storage import Answer, Outgoing

# A blob frame on POST /v1/blobs: SHA-256 (32 raw bytes), total size, offset of this part, part length; then the part.
FRAME = struct.Struct(">32sQQI")
ACCEPTED, REFUSED, LATER = {"stored"}, {"rejected", "conflict", "bad_signature"}, {"missing_blobs", "unknown_origin"}


class SyncError(StationError):
    """Could not talk to the server now (network, timeout, 5xx): try again later."""

    code = "sync_offline"


class SyncRefused(StationError):
    """The server refuses this station (401/403/4xx), or cannot be trusted (certificate, redirect): retrying
    will not help until an admin acts."""

    code = "sync_refused"
    exit_code = ExitCode.INPUT


def _causes(err: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps (requests -> urllib3 -> ssl/socket), once each."""
    seen, todo = set(), [err]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [x for x in (e.__cause__, e.__context__, getattr(e, "reason", None)) if isinstance(x, BaseException)]
        todo += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]


def transport_error(err: requests.RequestException) -> StationError:
    """What happened on the wire, in the operator's words; only a certificate that fails is a refusal."""
    causes = list(_causes(err))
    if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes):
        return SyncRefused("Sertifikat server tidak terverifikasi: periksa alamat server pusat dan berkas CA.")
    if any(isinstance(c, requests.Timeout) for c in causes):
        return SyncError("Jaringan: server pusat tidak menjawab pada waktunya")
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return SyncError("Jaringan: server pusat tidak menerima sambungan")
    cut = (ConnectionResetError, BrokenPipeError, ssl.SSLEOFError, ssl.SSLZeroReturnError)
    if any(isinstance(c, cut) for c in causes):
        return SyncError("Jaringan: sambungan terputus")
    if any("EOF" in str(c) or "reset" in str(c).lower() for c in causes):
        return SyncError("Jaringan: sambungan terputus")
    return SyncError(f"Jaringan: {type(err).__name__}")


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
        # The environment's proxy settings are read once here, not on every request (requests reads the whole
        # environment each time: 1.5 ms a request); the CA is passed on every request (below).
        self.session.proxies = requests.utils.get_environ_proxies(self.url)
        self.session.trust_env = False
        # Passed on every request: a session-level setting loses to $REQUESTS_CA_BUNDLE in requests.
        self.verify: str | bool = str(ca_bundle) if ca_bundle else True  # never False
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"

    def twin(self) -> CentralClient:
        """A second client to the same centre with the same key and trust, on its own connection: blobs of the
        next batch go up on it while the records of this one are answered (requests' sessions are not shared
        between threads)."""
        other = CentralClient(self.url, None, None, self.timeout)
        other.verify, other.session.proxies = self.verify, self.session.proxies
        other.session.headers.update(self.session.headers)
        return other

    def _call(self, method: str, path: str, **kw) -> requests.Response:
        try:
            r = self.session.request(
                method,
                f"{self.url}/v1{path}",
                timeout=kw.pop("timeout", self.timeout),
                verify=self.verify,
                allow_redirects=False,  # a redirect could lead anywhere, even to http://, with the record
                **kw,
            )
        except requests.RequestException as err:
            raise transport_error(err) from None
        if 300 <= r.status_code < 400:
            raise SyncRefused(f"Server pusat mengalihkan permintaan ({r.status_code}); tidak diikuti.")
        if r.status_code >= 500 or r.status_code == 429:
            raise SyncError(f"Server pusat menjawab {r.status_code}")
        if r.status_code in (401, 403):
            raise SyncRefused(f"Server pusat menolak stasiun ini ({r.status_code}); daftar ulang stasiun.")
        if r.status_code >= 400:
            raise SyncRefused(f"Permintaan ditolak server pusat ({r.status_code})")
        return r

    def _json(self, method: str, path: str, **kw):
        try:
            return self._call(method, path, **kw).json()
        except ValueError:
            raise SyncError("Jawaban server pusat tidak terbaca") from None

    def probe(self) -> dict:
        """Health probe: raises SyncError when offline, SyncRefused when the server cannot be trusted."""
        answer = self._json("GET", "/health", timeout=(3.0, 5.0))
        if answer.get("ok") is not True:
            raise SyncError("Server pusat belum siap")
        return answer

    def health(self) -> bool:
        try:
            self.probe()
            return True
        except (SyncError, SyncRefused):
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
        return self._json("POST", "/stations", json=body)["station_key"]

    # --- records and their blobs ----------------------------------------------------------------------
    def missing_blobs(self, hashes: list[str]) -> dict[str, int]:
        """Which of these blobs the centre lacks, each with how many of its bytes it already holds (resume)."""
        if not hashes:
            return {}
        return {k: int(v) for k, v in self._json("POST", "/blobs/missing", json={"sha256": hashes})["missing"].items()}

    def upload_blobs(self, parts: list[tuple[str, bytes, int]]) -> dict:
        """(sha256, data, offset) each: data[offset:] is sent, as bytes, in one request."""
        pieces: list[bytes | memoryview] = []
        for sha, data, offset in parts:
            pieces += (FRAME.pack(bytes.fromhex(sha), len(data), offset, len(data) - offset), memoryview(data)[offset:])
        body = b"".join(pieces)  # one copy of the batch's bytes (a growing bytearray copied them several times)
        return self._json("POST", "/blobs", data=body, headers={"Content-Type": "application/octet-stream"})

    def push(self, records: list[Outgoing]) -> list[Answer]:
        """The records' own fields (their blobs are already there); each answered on its own. A repeat carries
        the outcome the centre gave the first time, and only `stored` counts as accepted."""
        results = self._json("POST", "/records", json={"records": [o.record() for o in records]}).get("results")
        if not isinstance(results, list):
            raise SyncError("Jawaban server pusat tidak terbaca")
        answers = []
        for a in results:
            outcome = a.get("outcome")
            answers.append(
                Answer(
                    a["uuid"],
                    outcome in ACCEPTED,
                    a.get("ack_id"),
                    a.get("status"),
                    a.get("reason"),
                    retry=outcome not in ACCEPTED | REFUSED,  # unknown outcomes are never taken as accepted
                )
            )
        return answers

    def push_audit(self, entries: list[dict]) -> dict:
        return self._json("POST", "/audit", json={"entries": entries})

    def status_changes(self, after: int, limit: int = 1000) -> dict:
        """This station's records whose status changed after `after` (a cursor the server gave): cheap when
        nothing changed."""
        return self._json("GET", "/records/changes", params={"after": after, "limit": limit})

    def record_status(self, uuid: str) -> dict:
        return self._json("GET", f"/records/{uuid}")

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
