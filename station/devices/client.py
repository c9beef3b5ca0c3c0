"""The station's SBI 0.9.5 client: finds biometric device services on 127.0.0.1:4501-4600, reads their
signed device info, captures (RCAPTURE) and previews (STREAM).

Every captured item is accepted only with a valid device signature from a certificate the office
trusts (station.devices.trust), for this request's transaction id. Fields are read as certified
devices in the field send them: numbers as strings or numbers, both spellings of finger names,
base64url with or without padding.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests

from station.devices.sbi import PORTS, SPEC_VERSION, DeviceError
from station.devices.trust import TrustStore, UntrustedDevice, b64url_decode

HOST = "127.0.0.1"  # SBI services bind 127.0.0.1, never "localhost"


@dataclass(frozen=True)
class Device:
    """One device as its service announces it in discovery (not yet verified: see SbiClient.info)."""

    port: int
    callback: str  # base URL of its service
    device_id: str
    type: str  # "Finger", "Iris", "Face" (from the digital id)
    sub_type: str  # "Slap", "Single", "Double", ...
    status: str  # "Ready", "Busy", "Not Ready", "Not Registered"
    sub_ids: tuple[int, ...]
    purpose: str
    spec_versions: tuple[str, ...]
    serial: str = ""
    make: str = ""
    model: str = ""
    certification: str = ""

    @property
    def ready(self) -> bool:
        return self.status == "Ready"

    @property
    def label(self) -> str:
        return f"{self.make} {self.model} ({self.serial})".strip()


@dataclass(frozen=True)
class CapturedItem:
    """One verified biometric from a capture: the ISO record (decoded bioValue) and its scores."""

    bio_type: str
    bio_sub_type: str
    record: bytes
    quality_score: float | None
    requested_score: float | None
    timestamp: str
    transaction_id: str
    serial: str
    signed_data: str  # the JWS as received: evidence for the centre
    hash: str


def _unsigned_json(token: str) -> dict:
    """A digital id as discovery sends it: base64url JSON, or a JWS whose payload is read unverified."""
    part = token.split(".")[1] if token.count(".") == 2 else token
    try:
        value = json.loads(b64url_decode(part))
        return value if isinstance(value, dict) else {}
    except ValueError:
        return {}


def _ints(values) -> tuple[int, ...]:
    out = []
    for v in values if isinstance(values, list) else [values]:
        try:
            out.append(int(v))
        except (TypeError, ValueError):
            continue
    return tuple(out)


def _float(v) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


class SbiClient:
    def __init__(
        self,
        trust: TrustStore,
        host: str = HOST,
        ports: Iterable[int] = PORTS,
        env: str = "Production",
        app: str = "station",
    ):
        self.trust = trust
        self.host = host
        self.ports = tuple(ports)
        self.env = env
        self.app = app
        self.http = requests.Session()
        self.http.trust_env = False  # loopback only: never through a proxy from the environment

    def _call(self, method: str, url: str, body: dict | None, timeout: float):
        try:
            r = self.http.request(
                method,
                url,
                data=json.dumps(body or {}),
                headers={"Content-Type": "application/json", "EXT": self.app},
                timeout=(2.0, timeout),
            )
        except requests.Timeout:
            raise DeviceError("timeout") from None
        except requests.ConnectionError:
            raise DeviceError("offline") from None
        try:
            return r.json()
        except ValueError:
            raise DeviceError("protocol") from None

    # ----- discovery ----------------------------------------------------------------------------
    def _discover_port(self, port: int, kind: str) -> list[Device]:
        try:
            answer = self._call("MOSIPDISC", f"http://{self.host}:{port}/device", {"type": kind}, 3.0)
        except DeviceError:
            return []
        found = []
        for d in answer if isinstance(answer, list) else [answer]:
            if not isinstance(d, dict) or not d.get("deviceId"):
                continue
            if str((d.get("error") or {}).get("errorcode", "0")) != "0":
                continue
            digital = _unsigned_json(str(d.get("digitalId", "")))
            callback = str(d.get("callbackId") or f"http://{self.host}:{port}/")
            found.append(
                Device(
                    port=port,
                    callback=callback if callback.endswith("/") else callback + "/",
                    device_id=str(d["deviceId"]),
                    type=str(digital.get("type", "")),
                    sub_type=str(digital.get("deviceSubType", "")),
                    status=str(d.get("deviceStatus", "")),
                    sub_ids=_ints(d.get("deviceSubId", [])),
                    purpose=str(d.get("purpose", "")),
                    spec_versions=tuple(str(v) for v in (d.get("specVersion") or [])),
                    serial=str(digital.get("serialNo", "")),
                    make=str(digital.get("make", "")),
                    model=str(digital.get("model", "")),
                    certification=str(d.get("certification", "")),
                )
            )
        return found

    def discover(self, kind: str = "Biometric Device") -> list[Device]:
        """Every device on 127.0.0.1:4501-4600 answering MOSIPDISC for KIND ("Finger", "Iris", ...)."""
        with ThreadPoolExecutor(max_workers=16) as pool:
            found = pool.map(lambda p: self._discover_port(p, kind), self.ports)
        return [d for group in found for d in group]

    def find(self, kind: str) -> Device:
        """The first ready registration device of KIND, or a DeviceError saying what is wrong."""
        devices = [d for d in self.discover(kind) if d.type.lower() == kind.lower()]
        ready = [d for d in devices if d.ready and d.purpose.lower() in ("registration", "")]
        if ready:
            return ready[0]
        if not devices:
            raise DeviceError("106")
        status = devices[0].status
        raise DeviceError({"Not Registered": "100", "Busy": "111"}.get(status, "110"))

    def info(self, device: Device) -> list[dict]:
        """The device service's MOSIPDINFO, each entry's signature checked against the office's trust."""
        answer = self._call("MOSIPDINFO", device.callback + "info", {}, 5.0)
        out = []
        for entry in answer if isinstance(answer, list) else [answer]:
            token = str((entry or {}).get("deviceInfo", ""))
            if token.count(".") != 2:
                raise UntrustedDevice("info perangkat tidak bertanda tangan (belum terdaftar?)")
            info = self.trust.verify(token).json()
            digital = info.get("digitalId", "")
            if isinstance(digital, str) and digital.count(".") == 2:
                info["digitalId"] = self.trust.verify(digital).json()
            out.append(info)
        return out

    # ----- capture ------------------------------------------------------------------------------
    def capture(
        self,
        device: Device,
        *,
        sub_id: int,
        count: int,
        bio_sub_types: Iterable[str] = (),
        exceptions: Iterable[str] = (),
        requested_score: float = 40,
        timeout_ms: int = 30_000,
        previous_hash: str = "",
    ) -> list[CapturedItem]:
        """RCAPTURE: registration capture, unencrypted but signed. Raises DeviceError when nothing usable
        came back; items missing from a partial answer (a finger the device could not see) are just
        absent from the list."""
        transaction = str(uuid.uuid4())
        request = {
            "env": self.env,
            "purpose": "Registration",
            "specVersion": SPEC_VERSION,
            "timeout": str(int(timeout_ms)),
            "captureTime": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="milliseconds"),
            "domainUri": "",
            "transactionId": transaction,
            "registrationId": transaction,
            "bio": [
                {
                    "type": device.type,
                    "count": str(count),
                    "bioSubType": list(bio_sub_types),
                    "exception": list(exceptions),
                    "requestedScore": str(int(requested_score)),
                    "deviceId": device.device_id,
                    "deviceSubId": str(sub_id),
                    "previousHash": previous_hash,
                }
            ],
            "customOpts": None,
        }
        answer = self._call("RCAPTURE", device.callback + "capture", request, timeout_ms / 1000.0 + 10.0)
        entries = answer.get("biometrics") if isinstance(answer, dict) else None
        if not isinstance(entries, list) or not entries:
            raise DeviceError("protocol")
        items, errors = [], []
        for entry in entries:
            data = str(entry.get("data") or "")
            code = str((entry.get("error") or {}).get("errorcode", "0"))
            if not data:
                errors.append(code if code != "0" else "protocol")
                continue
            items.append(self._item(data, str(entry.get("hash", "")), transaction))
        if not items:
            raise DeviceError(errors[0] if errors else "protocol")
        return items

    def _item(self, token: str, chain_hash: str, transaction: str) -> CapturedItem:
        payload = self.trust.verify(token).json()
        if str(payload.get("transactionId") or payload.get("registrationId") or "") != transaction:
            raise DeviceError("transaction")
        digital = payload.get("digitalId", "")
        serial = ""
        if isinstance(digital, str) and digital.count(".") == 2:
            serial = str(self.trust.verify(digital).json().get("serialNo", ""))
        try:
            record = b64url_decode(str(payload["bioValue"]))
        except (KeyError, ValueError):
            raise DeviceError("protocol") from None
        return CapturedItem(
            bio_type=str(payload.get("bioType", "")),
            bio_sub_type=str(payload.get("bioSubType", "")),
            record=record,
            quality_score=_float(payload.get("qualityScore")),
            requested_score=_float(payload.get("requestedScore")),
            timestamp=str(payload.get("timestamp", "")),
            transaction_id=transaction,
            serial=serial,
            signed_data=token,
            hash=chain_hash,
        )

    # ----- preview ------------------------------------------------------------------------------
    def stream(self, device: Device, sub_id: int, timeout_ms: int = 10_000) -> Iterator[bytes]:
        """Live preview frames (JPEG bytes) until the device stops or the caller closes the iterator."""
        body = json.dumps({"deviceId": device.device_id, "deviceSubId": str(sub_id), "timeout": str(timeout_ms)})
        try:
            r = self.http.request(
                "STREAM", device.callback + "stream", data=body, stream=True, timeout=(2.0, timeout_ms / 1000 + 5)
            )
        except requests.Timeout:
            raise DeviceError("timeout") from None
        except requests.ConnectionError:
            raise DeviceError("offline") from None
        if "multipart" not in r.headers.get("Content-Type", "") and "image" not in r.headers.get("Content-Type", ""):
            try:
                code = str(r.json().get("error", {}).get("errorcode", "protocol"))
            except ValueError:
                code = "protocol"
            r.close()
            raise DeviceError(code)
        buf = b""
        try:
            for chunk in r.iter_content(chunk_size=16384):
                buf += chunk
                while True:
                    start = buf.find(b"\xff\xd8")
                    end = buf.find(b"\xff\xd9", start + 2) if start >= 0 else -1
                    if start < 0 or end < 0:
                        break
                    yield buf[start : end + 2]
                    buf = buf[end + 2 :]
        except requests.RequestException:
            return
        finally:
            r.close()
