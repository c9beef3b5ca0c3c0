"""Per-frame time of the photo gate in live mode, on real faces, at 640x480 and 1280x720.

    python bench/gate.py [--frames N] [--faces DIR] [--json]

Frames are real photographs (../shared/faces/photos) fitted to the resolution, each held for a run of
frames with a small drift, as a webcam would show a citizen. Prints medians and 95th percentiles of
the whole gate (PhotoGate.judge) and of the bare face-mesh call as the live gate makes it (the landmark
model alone, tracking one face; `landmarks4_*`: asked for four faces, as the gate did before), and at
640x480 the medians of the parts issue 15 added (head pose, eyes model, glasses model, occlusion), with
the machine's load average: on a shared machine the absolute times move with it, the ratio much less.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station.quality import GateConfig, PhotoGate, eyes, glasses, occlusion  # noqa: E402
from station.quality.landmarks import FaceMesh  # noqa: E402
from station.quality.pose import head_pose  # noqa: E402

PHOTOS = ["img3.jpg", "img30.jpg", "img33.jpg", "img35.jpg", "img10.jpg"]


def frames(faces: Path, w: int, h: int, n: int) -> list[np.ndarray]:
    out = []
    for name in PHOTOS:
        img = cv2.imread(str(faces / "photos" / name))
        s = h / img.shape[0]
        img = cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        pad = max(0, w - img.shape[1])
        img = cv2.copyMakeBorder(img, 0, 0, pad // 2, pad - pad // 2, cv2.BORDER_REPLICATE)[:, :w]
        for i in range(n // len(PHOTOS)):
            m = np.float32([[1, 0, (i % 5) * 0.7], [0, 1, (i % 3) * 0.7]])
            out.append(cv2.warpAffine(img, m, (w, h), borderMode=cv2.BORDER_REPLICATE))
    return out


def timed(fn, items, warmup: int = 10) -> np.ndarray:
    for f in items[:warmup]:
        fn(f)
    ts = []
    for f in items:
        t = time.perf_counter()
        fn(f)
        ts.append((time.perf_counter() - t) * 1000)
    return np.array(ts)


def parts(fr: list[np.ndarray]) -> dict:
    """Median ms of each part issue 15 added, on frames where a face is found."""
    mesh = FaceMesh(live=False)
    found = [(f, lm[0]) for f in fr if len(lm := mesh.landmarks(f))]
    mesh.close()
    with PhotoGate(GateConfig()) as gate:
        eye_model, glasses_model = gate._eye_model, gate._glasses_model
    grays = [cv2.cvtColor(f, cv2.COLOR_BGR2GRAY) for f, _ in found]
    idx = list(range(len(found)))
    work = {
        "pose": lambda i: head_pose(found[i][1]),
        "eyes": lambda i: eye_model.probability(eyes.evidence(grays[i], found[i][1])),
        "glasses": lambda i: glasses_model.probability(glasses.eye_band(grays[i], found[i][1])),
        "occlusion": lambda i: occlusion.measure(found[i][0], found[i][1]),
    }
    return {f"{name}_ms_p50_640x480": round(float(np.median(timed(fn, idx))), 3) for name, fn in work.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--faces", type=Path, default=ROOT.parent / "shared" / "faces")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = {}
    for w, h in ((640, 480), (1280, 720)):
        fr = frames(args.faces, w, h, args.frames)
        with PhotoGate(GateConfig(), live=True) as gate:
            g = timed(gate.judge, fr)
        key = f"{w}x{h}"
        mesh = FaceMesh(live=True, max_faces=1)
        lm = timed(mesh.landmarks, fr)
        mesh.close()
        mesh = FaceMesh(live=True, max_faces=4)
        result[f"landmarks4_ms_p50_{key}"] = round(float(np.median(timed(mesh.landmarks, fr))), 2)
        mesh.close()
        result[f"gate_ms_p50_{key}"] = round(float(np.median(g)), 2)
        result[f"gate_ms_p95_{key}"] = round(float(np.percentile(g, 95)), 2)
        result[f"landmarks_ms_p50_{key}"] = round(float(np.median(lm)), 2)
        result[f"landmarks_ms_p95_{key}"] = round(float(np.percentile(lm, 95)), 2)
    result["gate_over_landmarks_640x480"] = round(result["gate_ms_p50_640x480"] / result["landmarks_ms_p50_640x480"], 2)
    result["frames"] = len(fr)
    result.update(parts(frames(args.faces, 640, 480, args.frames)))
    result["load_avg_1min"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:32s} {v}")


if __name__ == "__main__":
    main()
