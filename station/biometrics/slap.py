"""Slap segmentation: a four-finger (or two-thumb) image cut into one image per finger, left to right.

Most slap scanners segment in the device and send one record per finger; some send the whole slap
(bioSubType UNKNOWN, ISO position 13/14/15). Ridges are texture: the finger areas are where the local
contrast is high. The mask is cleaned, its blobs are the fingertips; touching fingers are split at
the deepest valley of the mask's column profile; each fingertip is kept to its top 1.6 widths (the
distal phalanx), the rest of the slap is blanked so a neighbour's edge cannot confuse NFIQ 2.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SCALE = 4  # work at 125 ppi: enough to see fingers, fast


@dataclass(frozen=True)
class Segment:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the slap image
    image: np.ndarray


def _foreground(slap: np.ndarray) -> np.ndarray:
    """Where the ridges are, at 1/SCALE: local contrast above a quarter of the slap's strongest, so a
    faint finger beside a dark one still counts."""
    half = cv2.resize(slap, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA).astype(np.float32)
    mu = cv2.blur(half, (9, 9))
    sd = np.sqrt(np.maximum(cv2.blur(half * half, (9, 9)) - mu * mu, 0))
    sd = cv2.resize(sd, (slap.shape[1] // SCALE, slap.shape[0] // SCALE), interpolation=cv2.INTER_AREA)
    mask = (sd > 0.25 * float(np.percentile(sd, 99))).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15)))
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)))


def _split(mask: np.ndarray) -> list[np.ndarray]:
    """Split a blob of touching fingers at the lowest point of its column profile (middle 60% only)."""
    cols = mask.sum(axis=0).astype(np.float32)
    xs = np.nonzero(cols)[0]
    x0, x1 = xs.min(), xs.max()
    lo, hi = x0 + int(0.2 * (x1 - x0)), x0 + int(0.8 * (x1 - x0))
    cut = lo + int(np.argmin(cols[lo : hi + 1]))
    left, right = mask.copy(), mask.copy()
    left[:, cut:] = 0
    right[:, :cut] = 0
    return [left, right]


def segment_slap(slap: np.ndarray, count: int) -> list[Segment]:
    """COUNT finger images from a slap (fewer when fewer fingers are on the glass), left to right."""
    if slap.ndim == 3:
        slap = cv2.cvtColor(slap, cv2.COLOR_BGR2GRAY)
    mask = _foreground(slap)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(mask)
    min_area = 0.02 * mask.size / max(count, 1)
    blobs = [(lab == i).astype(np.uint8) for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= min_area]
    blobs.sort(key=lambda b: -int(b.sum()))
    blobs = blobs[:count]
    while 0 < len(blobs) < count:
        spans = [np.nonzero(b.sum(axis=0))[0] for b in blobs]
        widths = [int(np.ptp(x)) for x in spans]
        widest = int(np.argmax(widths))
        if len(blobs) > 1:
            holds_two = widths[widest] > 1.6 * np.median(widths)
        else:
            holds_two = widths[widest] > 1.3 * int(np.ptp(np.nonzero(blobs[0].sum(axis=1))[0]))
        if not holds_two:
            break  # no blob is wide enough to hold two fingers: a finger is missing
        blobs[widest : widest + 1] = _split(blobs[widest])
    segments = []
    for blob in blobs:
        ys, xs = np.nonzero(blob)
        x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
        y1 = min(y1, y0 + int(1.6 * (x1 - x0)))  # the fingertip, not the whole finger
        keep = cv2.dilate(blob, np.ones((3, 3), np.uint8))
        X0, Y0 = max(0, x0 * SCALE - 8), max(0, y0 * SCALE - 8)
        X1, Y1 = min(slap.shape[1], x1 * SCALE + 8), min(slap.shape[0], y1 * SCALE + 8)
        full = cv2.resize(keep, (slap.shape[1], slap.shape[0]), interpolation=cv2.INTER_NEAREST)[Y0:Y1, X0:X1]
        crop = np.where(full > 0, slap[Y0:Y1, X0:X1], 255).astype(np.uint8)
        segments.append(Segment((int(X0), int(Y0), int(X1), int(Y1)), crop))
    return sorted(segments, key=lambda s: s.box[0])
