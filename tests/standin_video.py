"""Build a stand-in camera video from real photographs: head turns, a twitch, lighting changes, and one
long steady good stretch. Written at test time (the photos are test data, never shipped)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

FPS = 15
W, H = 640, 480


def fit(img: np.ndarray, height: int = H) -> np.ndarray:
    """Scale a portrait to the frame height and pad the sides by repeating its plain edge."""
    s = height / img.shape[0]
    small = cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    if small.shape[1] >= W:
        x = (small.shape[1] - W) // 2
        return small[:, x : x + W]
    pad = W - small.shape[1]
    return cv2.copyMakeBorder(small, 0, 0, pad // 2, pad - pad // 2, cv2.BORDER_REPLICATE)


def shift(img: np.ndarray, dx: float, dy: float) -> np.ndarray:
    m = np.float32([[1, 0, dx], [0, 1, dy]])
    return cv2.warpAffine(img, m, (W, H), borderMode=cv2.BORDER_REPLICATE)


@dataclass(frozen=True)
class Segment:
    name: str
    start: float  # seconds
    end: float
    good: bool


def build(faces: Path, out: Path) -> list[Segment]:
    good = fit(cv2.imread(str(faces / "photos" / "img62.jpg")))  # frontal, plain background
    turned = fit(cv2.imread(str(faces / "photos" / "img61.jpg")))  # head turned ~11 degrees
    plan: list[tuple[str, int, bool, callable]] = [
        ("turned", 12, False, lambda i: shift(turned, i % 3, 0)),
        ("short good", 5, True, lambda i: shift(good, (i % 2) * 0.5, 0)),  # 0.33 s: too short
        ("twitch", 2, True, lambda i: shift(good, 40, 12)),  # good frames, but the head jumped
        ("dark", 10, False, lambda i: (shift(good, 0, 0) * 0.25).astype(np.uint8)),
        ("long good", 15, True, lambda i: shift(good, (i % 3) * 0.5, (i % 2) * 0.5)),  # 1 s
        ("turned again", 8, False, lambda i: turned),
    ]
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter_fourcc(*"MJPG"), FPS, (W, H))
    segments, n = [], 0
    for name, count, is_good, make in plan:
        segments.append(Segment(name, n / FPS, (n + count) / FPS, is_good))
        for i in range(count):
            writer.write(make(i))
        n += count
    writer.release()
    return segments
