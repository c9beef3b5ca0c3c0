"""Biometric figures, medians: NFIQ 2 per finger, iris quality per eye, a ten-print + two-iris capture
through the SBI simulator over loopback HTTP, finger image sizes by codec, and the bytes of a complete
record (face + ten prints + two irises + signature) as it travels.

    python bench/biometrics.py [--sessions N] [--json]

Wall-clock medians, and CPU-time medians (`*_cpu_*`) that stay honest when other jobs share the cores.

A 150-record day over a slow link: this prints the volume and the time at a few link rates; the
measured version needs the sync issue's shaping proxy. Hook: `wire_record()` below builds one
complete record exactly as it would travel (JSON, blobs in base64, like station.storage.outbox), so
the sync bench can push 150 of them through its proxy.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import sys
import tempfile
import threading
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from devices.keys import DeviceKeys  # noqa: E402
from devices.simulator import Simulator, serve  # noqa: E402
from station.biometrics.codecs import decode_grey, encode  # noqa: E402
from station.biometrics.fingerprint import assess_finger, match  # noqa: E402
from station.biometrics.iris import assess_iris  # noqa: E402
from station.devices import SbiClient, TrustStore  # noqa: E402
from station.domain.biometrics import Signature, SignaturePoint  # noqa: E402
from station.services.biometrics import BiometricRecord, BiometricSession  # noqa: E402

LINKS_KBPS = (64, 256, 1024)  # EDGE-ish, a poor 3G/4G uplink, a village DSL


def median_ms(values) -> float:
    return round(float(np.median(values)) * 1000, 1)


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def cpu_timed(fn, *args):
    """CPU seconds of this process (simulator thread included): honest on a machine shared with others."""
    t = time.process_time()
    out = fn(*args)
    return time.process_time() - t, out


def signature() -> Signature:
    strokes, t = [], 0
    for k in range(4):
        pts = []
        for i in range(60):
            t += 7
            pts.append(
                SignaturePoint(30 + 100 * k + 2 * i, 80 + 30 * math.sin(i / 6 + k), t, 0.5 + 0.4 * math.sin(i / 9))
            )
        strokes.append(tuple(pts))
    return Signature(tuple(strokes), 480, 180, "pen")


def face_crop_jpeg() -> bytes:
    """Real face photos as the station stores its ID crop (480x640, JPEG quality 90): the median one."""
    sizes = []
    for path in sorted((SHARED / "faces" / "photos").glob("*.jpg")):
        photo = cv2.imread(str(path))
        h, w = photo.shape[:2]
        cw = min(w, h * 3 // 4)
        crop = photo[: cw * 4 // 3, (w - cw) // 2 : (w + cw) // 2]
        crop = cv2.resize(crop, (480, 640), interpolation=cv2.INTER_AREA)
        sizes.append(cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes())
    return sorted(sizes, key=len)[len(sizes) // 2]


def wire_record(rec: BiometricRecord, face: bytes) -> bytes:
    """One complete record's blobs as the sync sends photos today (JSON, base64): the hook for a
    measured 150-record day through the sync issue's shaping proxy."""
    blobs = {"face": face, "signature_png": rec.signature_png, "signature_strokes": rec.signature.to_json().encode()}
    blobs |= {f"finger_{p.name.lower()}": c.record for p, c in rec.fingers.items()}
    blobs |= {f"iris_{e.name.lower()}": c.record for e, c in rec.irises.items()}
    blobs |= {f"template_{p.name.lower()}": t for p, t in rec.index_templates.items()}
    body = {"photos": {k: base64.b64encode(v).decode("ascii") for k, v in blobs.items()}, "biometrics": rec.summary()}
    return json.dumps(body).encode()


def bench_quality() -> dict:
    prints = [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in sorted((SHARED / "fingers").glob("*.tif"))]
    nfiq = [timed(assess_finger, p) for p in prints]
    nfiq_cpu = [cpu_timed(assess_finger, p)[0] for p in prints[:20]]
    pairs = [timed(match, nfiq[i][1], nfiq[i + 1][1])[0] for i in range(len(nfiq) - 1)]
    eyes = [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in sorted((SHARED / "iris").glob("*.jpg"))[:40]]
    iris = [timed(assess_iris, e)[0] for e in eyes]
    iris_cpu = [cpu_timed(assess_iris, e)[0] for e in eyes[:20]]
    sizes = {}
    for codec in ("wsq", "jpeg2000", "jpeg2000-lossless"):
        data = [encode(p, codec) for p in prints]
        delta = [assess_finger(decode_grey(d)).nfiq2 - q.nfiq2 for d, (_, q) in zip(data, nfiq, strict=True)]
        sizes[codec] = {
            "bytes_median": int(np.median([len(d) for d in data])),
            "nfiq2_change_mean": round(float(np.mean(delta)), 2),
        }
    return {
        "nfiq2_ms_per_finger": median_ms([t for t, _ in nfiq]),
        "nfiq2_cpu_ms_per_finger": median_ms(nfiq_cpu),
        "bozorth3_ms_per_pair": median_ms(pairs),
        "iris_quality_ms_per_eye": median_ms(iris),
        "iris_quality_cpu_ms_per_eye": median_ms(iris_cpu),
        "finger_codecs_388x374": sizes,
    }


def bench_capture(sessions: int) -> tuple[dict, BiometricRecord]:
    keys = DeviceKeys.ensure(Path(tempfile.mkdtemp()) / "keys")
    sim = Simulator(0, SHARED / "fingers", SHARED / "iris", keys)
    server = serve(sim, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = SbiClient(TrustStore([keys.ca_cert]), ports=[sim.port])
    steps: dict[str, list[float]] = {}
    totals, fingers_only, cpu, rec = [], [], [], None
    try:
        for n in range(sessions):
            sim.fingers.new_citizen(n)
            sim.iris.new_citizen(n)
            s = BiometricSession(client, client.find("Finger"), client.find("Iris"), "bench")
            s.sign(signature())
            t0, c0, finger_time = time.perf_counter(), time.process_time(), 0.0
            while (step := s.next_step()) is not None:
                if step == "irises":
                    dt, _ = timed(s.capture_irises)
                elif step == "verify":
                    dt, _ = timed(s.verify)
                else:
                    dt, _ = timed(s.capture_fingers, step)
                    finger_time += dt
                steps.setdefault(step, []).append(dt)
            fingers_only.append(finger_time)
            totals.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            rec = s.record()
    finally:
        server.shutdown()
    return {
        "sessions": sessions,
        "ten_print_capture_s": round(float(np.median(fingers_only)), 2),
        "whole_capture_s": round(float(np.median(totals)), 2),
        "whole_capture_cpu_s": round(float(np.median(cpu)), 2),
        "step_ms": {k: median_ms(v) for k, v in steps.items()},
    }, rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=5, help="citizens captured through the simulator")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = bench_quality()
    capture, rec = bench_capture(args.sessions)
    result["capture_through_simulator"] = capture
    face = face_crop_jpeg()
    parts = {
        "face_crop": len(face),
        "ten_fingers_wsq": sum(len(c.record) for c in rec.fingers.values()),
        "two_index_templates": sum(len(t) for t in rec.index_templates.values()),
        "two_irises_jpeg2000_lossless": sum(len(c.record) for c in rec.irises.values()),
        "signature_png": len(rec.signature_png),
        "signature_strokes": len(rec.signature.to_json()),
    }
    wire = len(wire_record(rec, face))
    result["record_bytes"] = parts | {"raw_total": sum(parts.values()), "on_the_wire_json_base64": wire}
    result["day_150_records"] = {
        "bytes": 150 * wire,
        **{f"minutes_at_{k}_kbps": round(150 * wire * 8 / (k * 1000) / 60, 1) for k in LINKS_KBPS},
        "measured_over_shaping_proxy": "needs the sync issue's proxy: push wire_record() x150 through it",
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
