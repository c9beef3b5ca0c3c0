"""Real images behind the simulated scanners: one citizen's ten fingers and two eyes, drawn from a folder
of single prints (FVC naming `<finger>_<impression>`) and a folder of eye images (CASIA naming
`S<subject><L|R><nn>`), four-finger slaps composed from single prints, and ISO records built from them.

Each press of a finger gives the next impression of that finger (best first, as a careful operator
gets), so a retry or the final verification sees a different impression of the same finger.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from station.domain.biometrics import Eye, FingerPosition
from station.domain.iso19794 import FingerImage, IrisImage, QualityBlock, pack_finger_record, pack_iris_record

IMAGE_EXTS = {".tif", ".tiff", ".png", ".bmp", ".jpg", ".jpeg", ".pgm", ".wsq"}
# ISO/IEC 19794-4 position codes of multi-finger images.
SLAP_CODES = {1: 14, 2: 13, 3: 15}  # left four, right four, both thumbs


def _grey(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(im.convert("L"), dtype=np.uint8).copy()


def jp2_lossless(image: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(image, mode="L").save(buf, format="JPEG2000", irreversible=False)
    return buf.getvalue()


def degrade_finger(image: np.ndarray) -> np.ndarray:
    """A poor press: a dry fingertip touching the glass with only its centre, ridges faint and soft."""
    h, w = image.shape
    contact = np.zeros((h, w), np.uint8)
    cv2.ellipse(contact, (w // 2, int(h * 0.55)), (w // 4, h // 4), 0, 0, 360, 255, -1)
    contact = cv2.GaussianBlur(contact, (0, 0), 15).astype(np.float32) / 255
    f = cv2.GaussianBlur(image.astype(np.float32), (0, 0), 1.5)
    return np.clip(255 - (255 - f) * 0.45 * contact, 0, 255).astype(np.uint8)


def degrade_iris(image: np.ndarray) -> np.ndarray:
    """An eye out of focus."""
    return cv2.GaussianBlur(image, (0, 0), 2.5)


@dataclass
class Press:
    """What one capture returns for one position."""

    position: int  # FingerPosition or Eye
    image: np.ndarray
    score: int  # the device's quality score


class FingerSource:
    def __init__(self, folder: Path, seed: int = 0):
        self.folder = Path(folder)
        groups: dict[str, list[Path]] = {}
        for p in sorted(self.folder.iterdir()):
            if p.suffix.lower() in IMAGE_EXTS:
                key = p.stem.rsplit("_", 1)[0] if "_" in p.stem else p.stem
                groups.setdefault(key, []).append(p)
        if len(groups) < 10:
            raise SystemExit(f"{folder}: perlu gambar dari sedikitnya 10 jari berbeda (ada {len(groups)}).")
        self.labels = self._labels()
        # Best impression first: the first press of a careful operator is usually the good one.
        self.groups = {k: sorted(v, key=lambda p: -self.labels.get(p.name, 50)) for k, v in groups.items()}
        self._cache: dict[Path, np.ndarray] = {}
        self._lock = threading.Lock()
        self.new_citizen(seed)

    def _labels(self) -> dict[str, int]:
        path = self.folder / "labels.csv"
        if not path.exists():
            return {}
        with open(path, newline="") as f:
            return {r["file"]: int(r["nfiq2"]) for r in csv.DictReader(f) if r.get("nfiq2")}

    def new_citizen(self, seed: int) -> None:
        keys = sorted(self.groups)
        random.Random(seed).shuffle(keys)
        self.fingers = {FingerPosition(i + 1): keys[i] for i in range(10)}
        self.presses = dict.fromkeys(self.fingers, 0)

    def _load(self, path: Path) -> np.ndarray:
        if path not in self._cache:
            self._cache[path] = _grey(path)
        return self._cache[path]

    def look(self, position: FingerPosition) -> np.ndarray:
        """The finger at POSITION as the preview shows it (no press counted)."""
        with self._lock:
            return self._load(self.groups[self.fingers[position]][0])

    def press(self, position: FingerPosition, presented: FingerPosition | None = None) -> Press:
        """The next impression of the finger on the glass at POSITION (PRESENTED: a different finger of
        the same citizen put there by mistake)."""
        with self._lock:
            finger = self.fingers[presented or position]
            files = self.groups[finger]
            n = self.presses[position]
            self.presses[position] = n + 1
            path = files[n % len(files)]
            return Press(position, self._load(path), self.labels.get(path.name, 60))


class IrisSource:
    PATTERN = re.compile(r"^(?P<subject>.+?)(?P<eye>[LR])(?P<n>\d+)$", re.IGNORECASE)

    def __init__(self, folder: Path, seed: int = 0):
        self.eyes: dict[str, dict[Eye, list[Path]]] = {}
        for p in sorted(Path(folder).iterdir()):
            m = self.PATTERN.match(p.stem)
            if p.suffix.lower() in IMAGE_EXTS and m:
                eye = Eye.LEFT if m["eye"].upper() == "L" else Eye.RIGHT
                self.eyes.setdefault(m["subject"], {}).setdefault(eye, []).append(p)
        self.subjects = sorted(s for s, e in self.eyes.items() if len(e) == 2)
        if not self.subjects:
            raise SystemExit(f"{folder}: tidak ada subjek dengan gambar mata kiri dan kanan (nama S<subjek><L|R><nn>).")
        self._lock = threading.Lock()
        self.new_citizen(seed)

    def new_citizen(self, seed: int) -> None:
        self.subject = self.subjects[seed % len(self.subjects)]
        self.presses = {Eye.LEFT: 0, Eye.RIGHT: 0}

    def look(self, eye: Eye) -> np.ndarray:
        return _grey(self.eyes[self.subject][eye][0])

    def press(self, eye: Eye) -> Press:
        with self._lock:
            files = self.eyes[self.subject][eye]
            n = self.presses[eye]
            self.presses[eye] = n + 1
            return Press(eye, _grey(files[n % len(files)]), 80)


def compose_slap(prints: list[np.ndarray], seed: int = 0) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Single prints side by side on a 500 ppi platen, as a slap scanner sees a hand: each finger a
    little rotated and at its own height, left to right. Returns the slap and each finger's box."""
    rng = random.Random(seed)
    heights = {4: (170, 60, 0, 50), 2: (40, 40)}.get(len(prints), (0,) * len(prints))
    gap = 240 if len(prints) == 2 else 30
    placed, x = [], 40
    for img, dy in zip(prints, heights, strict=False):
        h, w = img.shape
        angle = rng.uniform(-12, 12)
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        cos, sin = abs(m[0, 0]), abs(m[0, 1])
        nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
        m[0, 2] += (nw - w) / 2
        m[1, 2] += (nh - h) / 2
        rot = cv2.warpAffine(img, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=255)
        placed.append((rot, x, 40 + dy))
        x += nw + gap
    width = x - gap + 40
    height = max(y + r.shape[0] for r, _, y in placed) + 40
    slap = np.full((height, width), 255, np.uint8)
    boxes = []
    for rot, x0, y0 in placed:
        h, w = rot.shape
        region = slap[y0 : y0 + h, x0 : x0 + w]
        np.minimum(region, rot, out=region)
        boxes.append((x0, y0, x0 + w, y0 + h))
    return slap, boxes


def finger_record(image: np.ndarray, position: int, score: int) -> bytes:
    """ISO/IEC 19794-4:2011 with a lossless JPEG 2000 image, as MOSIP registration devices send."""
    h, w = image.shape
    im = FingerImage(
        position,
        w,
        h,
        "jpeg2000-lossless",
        jp2_lossless(image),
        quality=(QualityBlock(score),),
        captured=dt.datetime.now(dt.UTC),
        device_vendor=0x5354,
        device_type=0x0001,
    )
    return pack_finger_record([im])


def iris_record(image: np.ndarray, eye: int, score: int) -> bytes:
    h, w = image.shape
    im = IrisImage(
        eye,
        w,
        h,
        "jpeg2000",
        jp2_lossless(image),
        image_type=1,  # uncropped: the simulator sends the camera frame as it is
        quality=(QualityBlock(score, 0, 0),),
        captured=dt.datetime.now(dt.UTC),
        device_vendor=0x5354,
        device_type=0x0002,
    )
    return pack_iris_record([im])
