"""A biometric device service speaking SBI 0.9.5 (MOSIP's Secure Biometric Interface) on 127.0.0.1,
with a slap (or single-finger) fingerprint scanner and a dual iris camera that serve real images.

    python -m devices.simulator --port 4501 --fingers DIR --iris DIR [--keys DIR] [--trust-into DIR]
        [--finger-device slap|single] [--slap-image segmented|whole] [--seed N]

SBI calls: MOSIPDISC /device, MOSIPDINFO /info, RCAPTURE /capture, STREAM /stream (CAPTURE /capture,
the authentication capture, is refused as a registration device must). Every capture is signed
(RS256 JWS, device certificate in x5c) with the keys in --keys; --trust-into copies the provider's CA
certificate into an office's folder of trusted device certificates.

Admin calls (POST, JSON), like MOSIP's mock device service, so tests and demos can drive every path:
  /admin/status  {"type": "Finger"|"Iris"|"Biometric Device", "deviceStatus": "Ready"|"Busy"|"Not Ready"|
                  "Not Registered"}        ("Not Ready" = unplugged: a capture under way fails at once)
  /admin/score   {"type", "qualityScore": 0-100, "degrade": true, "captures": N}
                 the next N captures (all, without N) report that score; with degrade, the images are
                 really poor (a dry, partial press; an eye out of focus)
  /admin/delay   {"type", "delay": ms, "method": ["RCAPTURE", ...]}
  /admin/drop    {"bioSubType": ["Left IndexFinger", ...]}      fingers the scanner cannot see
  /admin/present {"map": {"Right IndexFinger": "Left IndexFinger"}}  the finger actually put on the
                 glass for a position (the same finger twice, the wrong hand); {} resets
  /admin/citizen {"seed": N}   another citizen (other fingers and eyes)
  /admin/reset   {}            everything back to normal
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import cv2
import numpy as np

from devices.keys import DeviceKeys, b64url
from devices.sources import (
    SLAP_CODES,
    FingerSource,
    IrisSource,
    compose_slap,
    degrade_finger,
    degrade_iris,
    finger_record,
    iris_record,
)
from station.domain.biometrics import SLAP_STEPS, Eye, FingerPosition

SPEC = "0.9.5"
ENVS = {"staging", "developer", "pre-production", "production"}
STATUSES = {"Ready", "Busy", "Not Ready", "Not Registered"}
ERRORS = {
    "0": "Success",
    "100": "Device not registered",
    "101": "Unable to detect a biometric object",
    "106": "Device not found",
    "109": "Requested number of biometric (Finger/IRIS) not supported",
    "110": "Device is not ready",
    "111": "Device is busy",
    "114": "Device Type Mismatch('Finger', 'Iris', 'Face')",
    "115": "Env values Mismatch('Staging', 'Developer', 'Pre-Production', 'Production')",
    "116": "Count Value Mismatch (Max 4 for Four Slap Finger/2 For Double Iris/1 For Face)",
    "117": "Exception Value Mismatch",
    "119": "Bio SubType Value Mismatch",
    "120": "Device Type MisMatch for given deviceId",
    "500": "Invalid URL",
    "502": "Biometric Type values Mismatch('Biometric Device', 'Finger', 'Face', 'Iris')",
    "503": "Devices are not Connected, please connect devices",
    "504": "Device Status values Mismatch ('Ready', 'Busy', 'Not Ready', 'Not Registered')",
    "505": "Quality Score can not be empty and greater than 100 or lesser than 0",
    "506": "Delay can not empty and lesser than 0 milliseconds",
    "604": "Device Id value not present in Livestream request object",
    "605": "Device is not connected or not Registered for the deviceId given in Livestream request object",
    "609": "Live Stream timeout",
    "701": "RCapture Failed because Capture Timeout has happened",
    "703": "RCapture process already in progress, try after sometime",
    "704": "Device Id value not present in RCapture request object",
    "705": "Device is not connected or not Registered for the deviceId given in RCapture request object",
    "809": "Auth Capture request can not be done for Registration Devices",
}


def _error(code: str) -> dict:
    return {"errorcode": code, "errorinfo": ERRORS.get(code, "Unknown Error")}


def _now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="milliseconds")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Device:
    device_id: str
    type: str  # "Finger" | "Iris"
    sub_type: str  # "Slap" | "Single" | "Double"
    sub_ids: tuple[int, ...]
    serial: str
    status: str = "Ready"
    score: int | None = None  # admin-set quality score
    degrade: bool = False
    score_captures: int | None = None  # how many more captures the score applies to
    delays: dict[str, float] = field(default_factory=dict)  # method -> seconds
    capturing: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def digital_id(self) -> dict:
        return {
            "serialNo": self.serial,
            "make": "Station",
            "model": f"SIM-{self.type.upper()}-{self.sub_type.upper()}",
            "type": self.type,
            "deviceSubType": self.sub_type,
            "deviceProvider": "Station SBI Simulator",
            "deviceProviderId": "STATION.SIM",
            "dateTime": _now(),
        }

    def take_score(self) -> tuple[int | None, bool]:
        """The admin score for this capture (and whether to degrade), counting it down."""
        with self.lock:
            if self.score is None:
                return None, False
            score, degrade = self.score, self.degrade
            if self.score_captures is not None:
                self.score_captures -= 1
                if self.score_captures <= 0:
                    self.score, self.degrade, self.score_captures = None, False, None
            return score, degrade


class Simulator:
    """The state behind the HTTP handler: devices, image sources, keys, admin overrides."""

    def __init__(
        self,
        port: int,
        fingers: Path,
        iris: Path,
        keys: DeviceKeys,
        finger_device: str = "slap",
        slap_image: str = "segmented",
        seed: int = 0,
    ):
        self.port = port
        self.keys = keys
        self.fingers = FingerSource(fingers, seed)
        self.iris = IrisSource(iris, seed)
        self.slap_image = slap_image
        single = finger_device == "single"
        self.devices = {
            "1": Device("1", "Finger", "Single" if single else "Slap", (0,) if single else (1, 2, 3), "SIMF00000001"),
            "2": Device("2", "Iris", "Double", (1, 2, 3), "SIMI00000002"),
        }
        self.dropped: set[FingerPosition] = set()
        self.presented: dict[FingerPosition, FingerPosition] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    # ----- discovery and info -------------------------------------------------------------------
    def _matches(self, dev: Device, wanted: str) -> bool:
        return wanted in ("biometric device", dev.type.lower())

    def discover(self, body: dict) -> list[dict] | dict:
        wanted = str(body.get("type", "")).strip().lower()
        if wanted not in ("biometric device", "finger", "iris", "face"):
            return [{"deviceId": "", "error": _error("502")}]
        found = [
            {
                "deviceId": d.device_id,
                "deviceStatus": d.status,
                "certification": "L0",
                "serviceVersion": SPEC,
                "deviceSubId": [str(s) for s in d.sub_ids],
                "callbackId": self.base,
                "digitalId": b64url(json.dumps(d.digital_id()).encode()),  # unsigned in discovery
                "deviceCode": d.serial,
                "specVersion": [SPEC],
                "purpose": "Registration" if d.status != "Not Registered" else "",
                "error": _error("0"),
            }
            for d in self.devices.values()
            if self._matches(d, wanted)
        ]
        return found or [{"deviceId": "", "error": _error("503")}]

    def info(self) -> list[dict]:
        out = []
        for d in self.devices.values():
            info = {
                "deviceStatus": d.status,
                "deviceId": d.device_id,
                "firmware": SPEC,
                "certification": "L0",
                "serviceVersion": SPEC,
                "deviceSubId": [str(s) for s in d.sub_ids],
                "callbackId": self.base,
                "digitalId": self.keys.sign(json.dumps(d.digital_id()).encode()),
                "deviceCode": d.serial,
                "env": "Developer",
                "purpose": "Registration",
                "specVersion": [SPEC],
            }
            if d.status == "Not Registered":
                out.append({"deviceInfo": b64url(json.dumps(info).encode()), "error": _error("100")})
            else:
                out.append({"deviceInfo": self.keys.sign(json.dumps(info).encode()), "error": _error("0")})
        return out

    # ----- capture --------------------------------------------------------------------------------
    def _fail(self, code: str) -> dict:
        return {"biometrics": [{"specVersion": SPEC, "data": "", "hash": "", "error": _error(code)}]}

    def _wait(self, dev: Device, seconds: float, deadline: float) -> str | None:
        """Sleep SECONDS unless the device is unplugged (110) or the request times out (701) first."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if dev.status == "Not Ready":
                return "110"
            if time.monotonic() > deadline:
                return "701"
            time.sleep(0.02)
        return None

    def rcapture(self, req: dict) -> dict:
        bio = (req.get("bio") or [{}])[0]
        if str(req.get("env", "")).lower() not in ENVS:
            return self._fail("115")
        device_id = str(bio.get("deviceId", "")).strip()
        if not device_id:
            return self._fail("704")
        dev = self.devices.get(device_id)
        if dev is None:
            return self._fail("705")
        if str(bio.get("type", "")).lower() not in ("finger", "fir", "iris", "iir"):
            return self._fail("114")
        if str(bio.get("type", "")).lower() not in (dev.type.lower(), {"Finger": "fir", "Iris": "iir"}[dev.type]):
            return self._fail("120")
        if dev.status == "Not Registered":
            return self._fail("100")
        if dev.status == "Not Ready":
            return self._fail("110")
        try:
            sub_id = int(bio.get("deviceSubId") or 0)
            count = int(bio.get("count") or 0)
            timeout = float(req.get("timeout") or 10000) / 1000.0
            requested = float(bio.get("requestedScore") or 0)
        except (TypeError, ValueError):
            return self._fail("116")
        with dev.lock:
            if dev.capturing:
                return self._fail("703")
            dev.capturing = True
        try:
            deadline = time.monotonic() + timeout
            code = self._wait(dev, dev.delays.get("RCAPTURE", 0.0), deadline)
            if code:
                return self._fail(code)
            if dev.type == "Finger":
                result = self._capture_fingers(dev, bio, sub_id, count)
            else:
                result = self._capture_iris(dev, bio, sub_id, count)
            if isinstance(result, str):
                return self._fail(result)
            if dev.status == "Not Ready":  # unplugged while the images were being read
                return self._fail("110")
            return {"biometrics": self._sign_items(dev, req, bio, result, requested)}
        finally:
            dev.capturing = False

    def _positions(self, names, parse) -> list | None:
        try:
            return [parse(str(n)) for n in (names or []) if str(n).strip() and str(n).upper() != "UNKNOWN"]
        except ValueError:
            return None

    def _capture_fingers(self, dev: Device, bio: dict, sub_id: int, count: int):
        exceptions = self._positions(bio.get("exception"), FingerPosition.from_sbi)
        wanted = self._positions(bio.get("bioSubType"), FingerPosition.from_sbi)
        if exceptions is None:
            return "117"
        if wanted is None:
            return "119"
        if sub_id in (1, 2, 3) and dev.sub_type == "Slap":
            step = SLAP_STEPS[sub_id - 1].positions
            positions = [p for p in step if p in wanted] if wanted else list(step)
            if any(p not in step for p in wanted):
                return "119"
        elif sub_id == 0 and len(wanted) == 1:
            positions = wanted
        else:
            return "109"
        positions = [p for p in positions if p not in exceptions]
        if count < 1 or count > len(positions) + len(exceptions):
            return "116"
        score, degrade = dev.take_score()
        presses = [self.fingers.press(p, self.presented.get(p)) for p in positions if p not in self.dropped]
        if not presses:
            return "101"
        images = [degrade_finger(p.image) if degrade else p.image for p in presses]
        if len(presses) == 1:
            crops = images
        else:
            slap, boxes = compose_slap(images, seed=sum(self.fingers.presses.values()))
            if self.slap_image == "whole":
                code = SLAP_CODES.get(sub_id, 0)
                return [("UNKNOWN", finger_record(slap, code, score or 60), score or 60)]
            crops = [slap[y0:y1, x0:x1] for x0, y0, x1, y1 in boxes]
        out = []
        for p, crop in zip(presses, crops, strict=True):
            s = score if score is not None else p.score
            out.append((FingerPosition(p.position).sbi_name, finger_record(crop, int(p.position), s), s))
        return out

    def _capture_iris(self, dev: Device, bio: dict, sub_id: int, count: int):
        exceptions = self._positions(bio.get("exception"), Eye.from_sbi)
        if exceptions is None:
            return "117"
        eyes = {1: [Eye.LEFT], 2: [Eye.RIGHT], 3: [Eye.LEFT, Eye.RIGHT]}.get(sub_id)
        if eyes is None:
            return "109"
        eyes = [e for e in eyes if e not in exceptions]
        if not eyes or count < 1 or count > 2:
            return "116"
        score, degrade = dev.take_score()
        out = []
        for eye in eyes:
            p = self.iris.press(eye)
            img = degrade_iris(p.image) if degrade else p.image
            s = score if score is not None else p.score
            out.append((eye.sbi_name, iris_record(img, int(eye), s), s))
        return out

    def _sign_items(self, dev: Device, req: dict, bio: dict, items, requested: float) -> list[dict]:
        previous = str(bio.get("previousHash") or _sha(b""))
        out = []
        digital_id = self.keys.sign(json.dumps(dev.digital_id()).encode())
        for sub_type, record, score in items:
            data = {
                "digitalId": digital_id,
                "deviceCode": dev.serial,
                "deviceServiceVersion": SPEC,
                "bioType": dev.type,
                "bioSubType": sub_type,
                "purpose": "Registration",
                "env": req.get("env"),
                "bioValue": b64url(record),
                "transactionId": req.get("transactionId", ""),
                "timestamp": _now(),
                "requestedScore": str(requested),
                "qualityScore": str(float(score)),
            }
            current = _sha(record)
            chained = _sha((previous + current).encode())
            out.append(
                {
                    "specVersion": SPEC,
                    "data": self.keys.sign(json.dumps(data).encode()),
                    "hash": chained,
                    "error": _error("0"),
                }
            )
            previous = chained
        return out

    # ----- stream -------------------------------------------------------------------------------------
    def preview(self, dev: Device, sub_id: int) -> bytes:
        """One preview frame: what is on the glass now (downscaled), as JPEG."""
        if dev.type == "Finger":
            step = SLAP_STEPS[sub_id - 1].positions if sub_id in (1, 2, 3) else (FingerPosition.RIGHT_INDEX,)
            images = [self.fingers.look(p) for p in step]
            frame = compose_slap(images, seed=1)[0] if len(images) > 1 else images[0]
        else:
            eyes = {1: [Eye.LEFT], 2: [Eye.RIGHT]}.get(sub_id, [Eye.LEFT, Eye.RIGHT])
            frame = np.hstack([self.iris.look(e) for e in eyes])
        frame = cv2.resize(frame, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        return cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 70])[1].tobytes()

    # ----- admin --------------------------------------------------------------------------------------
    def _targets(self, body: dict) -> list[Device] | None:
        t = str(body.get("type", "")).strip().lower()
        if t == "biometric device":
            return list(self.devices.values())
        found = [d for d in self.devices.values() if d.type.lower() == t]
        return found or None

    def admin(self, path: str, body: dict) -> dict:
        if path == "/admin/reset":
            for d in self.devices.values():
                d.status, d.score, d.degrade, d.score_captures, d.delays = "Ready", None, False, None, {}
            self.dropped.clear()
            self.presented.clear()
            return _error("0")
        if path == "/admin/citizen":
            seed = int(body.get("seed", 0))
            self.fingers.new_citizen(seed)
            self.iris.new_citizen(seed)
            return _error("0")
        if path == "/admin/drop":
            try:
                self.dropped = {FingerPosition.from_sbi(n) for n in body.get("bioSubType", [])}
            except ValueError:
                return _error("119")
            return _error("0")
        if path == "/admin/present":
            try:
                self.presented = {
                    FingerPosition.from_sbi(k): FingerPosition.from_sbi(v) for k, v in (body.get("map") or {}).items()
                }
            except ValueError:
                return _error("119")
            return _error("0")
        targets = self._targets(body)
        if targets is None:
            return _error("502")
        if path == "/admin/status":
            status = str(body.get("deviceStatus", ""))
            if status not in STATUSES:
                return _error("504")
            for d in targets:
                d.status = status
            return _error("0")
        if path == "/admin/score":
            try:
                score = int(float(body.get("qualityScore")))
            except (TypeError, ValueError):
                return _error("505")
            if not 0 <= score <= 100:
                return _error("505")
            for d in targets:
                with d.lock:
                    d.score, d.degrade = score, bool(body.get("degrade", False))
                    d.score_captures = int(body["captures"]) if body.get("captures") else None
            return _error("0")
        if path == "/admin/delay":
            try:
                delay = float(body.get("delay")) / 1000.0
            except (TypeError, ValueError):
                return _error("506")
            if delay < 0:
                return _error("506")
            methods = body.get("method") or ["MOSIPDISC", "MOSIPDINFO", "RCAPTURE", "STREAM"]
            for d in targets:
                d.delays = {m.upper(): delay for m in methods}
            return _error("0")
        return _error("500")


class Handler(BaseHTTPRequestHandler):
    server_version = "StationSBISimulator/0.9.5"
    sim: Simulator  # set on the subclass made by serve()

    def log_message(self, fmt, *args):  # biometrics are never logged; requests neither
        pass

    def _body(self) -> dict:
        n = int(self.headers.get("Content-Length") or 0)
        if not n:
            return {}
        try:
            data = json.loads(self.rfile.read(n) or b"{}")
            return data if isinstance(data, dict) else {}
        except (ValueError, UnicodeDecodeError):
            return {}

    def _send(self, obj, status: int = 200) -> None:
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Location", self.sim.base)
        self.end_headers()
        self.wfile.write(body)

    def _delay(self, method: str, device_type: str | None = None) -> None:
        waits = [d.delays.get(method, 0.0) for d in self.sim.devices.values() if device_type in (None, d.type)]
        time.sleep(max(waits, default=0.0))

    def do_MOSIPDISC(self):  # noqa: N802 (SBI method names)
        body = self._body()
        self._delay("MOSIPDISC")
        self._send(self.sim.discover(body) if self.path.rstrip("/") == "/device" else [{"error": _error("500")}])

    def do_MOSIPDINFO(self):  # noqa: N802
        self._body()
        self._delay("MOSIPDINFO")
        self._send(self.sim.info() if self.path.rstrip("/") == "/info" else [{"error": _error("500")}])

    def do_RCAPTURE(self):  # noqa: N802
        body = self._body()
        if self.path.rstrip("/") != "/capture":
            return self._send({"biometrics": [{"error": _error("500")}]})
        self._send(self.sim.rcapture(body))

    def do_CAPTURE(self):  # noqa: N802
        self._body()
        self._send({"biometrics": [{"specVersion": SPEC, "data": "", "hash": "", "error": _error("809")}]})

    def do_STREAM(self):  # noqa: N802
        body = self._body()
        dev = self.sim.devices.get(str(body.get("deviceId", "")))
        if not body.get("deviceId"):
            return self._send({"error": _error("604")})
        if dev is None or dev.status in ("Not Registered", "Not Ready"):
            return self._send({"error": _error("605")})
        try:
            sub_id = int(body.get("deviceSubId") or 0)
            timeout = float(body.get("timeout") or 10000) / 1000.0
        except (TypeError, ValueError):
            return self._send({"error": _error("604")})
        self.send_response(200)
        self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=--BoundaryString")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        end = time.monotonic() + timeout
        try:
            while time.monotonic() < end and dev.status != "Not Ready":
                frame = self.sim.preview(dev, sub_id)
                self.wfile.write(
                    b"--BoundaryString\r\nContent-Type: image/jpeg\r\nContent-Length: "
                    + str(len(frame)).encode()
                    + b"\r\n\r\n"
                    + frame
                    + b"\r\n"
                )
                self.wfile.flush()
                time.sleep(max(0.2, dev.delays.get("STREAM", 0.0)))  # 5 frames a second
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_POST(self):  # noqa: N802
        body = self._body()
        if self.path.startswith("/admin/"):
            return self._send(self.sim.admin(self.path.rstrip("/"), body))
        if self.path in ("/", "/device"):  # some clients discover with POST
            return self._send(self.sim.discover(body or {"type": "Biometric Device"}))
        self._send({"error": _error("500")}, 404)

    def do_GET(self):  # noqa: N802
        if self.path == "/":
            return self._send(self.sim.discover({"type": "Biometric Device"}))
        self._send({"error": _error("500")}, 404)

    def do_OPTIONS(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header(
            "Access-Control-Allow-Methods", "OPTIONS, RCAPTURE, CAPTURE, MOSIPDINFO, MOSIPDISC, STREAM, GET, POST"
        )
        self.send_header("Content-Length", "0")
        self.end_headers()


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(sim: Simulator, port: int) -> SimulatorServer:
    """Bind 127.0.0.1:PORT (never "localhost", as SBI requires) and return the server, not yet serving."""
    handler = type("BoundHandler", (Handler,), {"sim": sim})
    server = SimulatorServer(("127.0.0.1", port), handler)
    sim.port = server.server_address[1]
    return server


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parents[1]
    p = argparse.ArgumentParser(prog="python -m devices.simulator", description=__doc__.split("\n\n")[0])
    p.add_argument("--port", type=int, default=4501, help="port 4501-4600 (0: any free port)")
    p.add_argument("--fingers", type=Path, default=here.parent / "shared" / "fingers")
    p.add_argument("--iris", type=Path, default=here.parent / "shared" / "iris")
    p.add_argument("--keys", type=Path, default=here / ".simulator-keys", help="device keys (created when missing)")
    p.add_argument("--trust-into", type=Path, default=None, help="copy the provider CA certificate into this folder")
    p.add_argument("--finger-device", choices=["slap", "single"], default="slap")
    p.add_argument(
        "--slap-image",
        choices=["segmented", "whole"],
        default="segmented",
        help="segmented: one record per finger (the device segments); whole: the slap as one image",
    )
    p.add_argument("--seed", type=int, default=0, help="which citizen's fingers and eyes")
    args = p.parse_args(argv)
    if args.port and not 4501 <= args.port <= 4600:
        p.error("SBI devices listen on ports 4501-4600")
    keys = DeviceKeys.ensure(args.keys)
    if args.trust_into:
        print(
            f"sertifikat penyedia perangkat disalin ke {DeviceKeys.trust_into(args.keys, args.trust_into)}", flush=True
        )
    sim = Simulator(args.port, args.fingers, args.iris, keys, args.finger_device, args.slap_image, args.seed)
    server = serve(sim, args.port)
    print(f"SBI simulator siap di {sim.base} (sidik jari: {args.finger_device}, iris: ganda)", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
