"""Is the face uncovered? Hair over the eyebrows, and a face covered below the eyes.

Dukcapil: hair must not cover the eyes, eyebrows or forehead; a hijab is allowed when the face is fully
visible. The face mesh still places its points under hair or a mask, so the question is asked of the
pixels: does the skin just above the eyebrows, and the skin of the nose, look like the citizen's own
skin? The citizen's skin is read in two places, the cheeks with the bridge of the nose (a fringe stops
above them) and the forehead with the top of the bridge (a mask or a veil stops below them). A place
whose colour cannot be skin (grey, blue, black: a cloth) is set aside; where both are skin-coloured and
agree, both are used. A pixel is skin-like when its chroma is close to the reference's and its
brightness within a shadow's range of it. A gray photo carries no chroma to judge by: nothing is refused.

- `brows`: the share of skin-like pixels in a band from the top of each eyebrow up to a third of the
  eye distance above it. A fringe over the brows fills it with hair; a hijab sits higher, at the
  hairline, and leaves it alone.
- `nose`: the share of skin-like pixels on the lower half of the nose. A mask or a veil covers the nose;
  a beard or a moustache never does, so bearded citizens are not refused. (The skin around the mouth
  and chin is measured too, `lower_face`, but beards and side light make it unreliable; it is reported,
  not judged.)
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SCALE_IED = 24.0  # pixels between the irises in the small colour picture the regions are read from
BELOW_FRINGE = (6, 197, 205, 425, 50, 280)  # nose bridge, cheeks
ABOVE_MASK = (168, 9)  # top of the bridge, bottom of the forehead (a hijab may come down to mid-forehead)
BROW_TOPS = ((70, 63, 105, 66, 107), (336, 296, 334, 293, 300))
NOSE = (195, 5, 4, 1, 19, 94, 2, 98, 327, 49, 279)
LOWER_FACE = (132, 58, 172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397, 288, 361, 322, 2, 92)
LIPS_OUTER = (61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146)
_CIRCLE = np.column_stack([np.cos(np.arange(12) * np.pi / 6), np.sin(np.arange(12) * np.pi / 6)])
LIPS_INNER = (78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95)


@dataclass(frozen=True)
class Coverage:
    brows: float  # share of skin-like pixels above the eyebrows (1 = all skin)
    nose: float  # share of skin-like pixels on the lower half of the nose
    lower_face: float  # share of skin-like pixels from nose to chin, lips excluded
    lips_redness: float  # lips' Cr minus the reference skin's: > 0 when red lips are seen


def _small_colour(frame: np.ndarray, landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The face at SCALE_IED as luma and chroma (float32: Y, red Cr - 128, yellow 128 - Cb), and the
    landmarks in its pixels. YCrCb rather than Lab: the same separation of light from colour, at a tenth
    of the cost in OpenCV."""
    p = landmarks[:, :2].astype(np.float64)
    ied = max(float(np.linalg.norm(p[473] - p[468])), 1e-3)
    s = SCALE_IED / ied
    x0, y0 = p.min(axis=0) - 0.3 * ied
    x1, y1 = p.max(axis=0) + 0.3 * ied
    x0, y0 = max(0, int(x0)), max(0, int(y0))
    x1, y1 = min(frame.shape[1], int(np.ceil(x1))), min(frame.shape[0], int(np.ceil(y1)))
    roi = frame[y0:y1, x0:x1]
    if roi.size == 0:
        return np.zeros((4, 4, 3), np.float32), (p - (x0, y0)) * s
    size = (max(4, round(roi.shape[1] * s)), max(4, round(roi.shape[0] * s)))
    step = max(1, int(0.5 / s))  # take every step-th pixel first: colour shares do not need every pixel
    small = cv2.resize(roi[::step, ::step], size, interpolation=cv2.INTER_AREA)
    ycc = cv2.cvtColor(small, cv2.COLOR_BGR2YCrCb).astype(np.float32)
    ycc[..., 1] -= 128.0
    ycc[..., 2] = 128.0 - ycc[..., 2]
    return ycc, (p - (x0, y0)) * s


def _mask(shape: tuple[int, int], polygons: list[np.ndarray]) -> np.ndarray:
    m = np.zeros(shape, np.uint8)
    for poly in polygons:
        cv2.fillPoly(m, [np.round(poly).astype(np.int32)], 1)
    return m > 0


def _skin_like(ycc: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Chroma within 12 units of the reference and luma within a shadow's range of it."""
    chroma = np.hypot(ycc[..., 1] - ref[1], ycc[..., 2] - ref[2])
    luma = ycc[..., 0]
    return (chroma <= 12.0) & (luma >= 0.55 * ref[0]) & (luma <= ref[0] + 75.0)


def _could_be_skin(ycc: np.ndarray) -> bool:
    """Any skin tone, lit by ordinary light: some chroma, hue between red and yellow, not black."""
    chroma = float(np.hypot(ycc[1], ycc[2]))
    hue = float(np.degrees(np.arctan2(ycc[2], ycc[1])))
    return chroma >= 6.0 and -10.0 <= hue <= 100.0 and ycc[0] >= 45.0


def _references(low: np.ndarray, high: np.ndarray, both: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The skin colour to compare (brow band, nose) with; None when no skin colour is seen at all."""
    ok_low, ok_high = _could_be_skin(low), _could_be_skin(high)
    if ok_low and ok_high:
        agree = np.hypot(low[1] - high[1], low[2] - high[2]) <= 8.0 and abs(low[0] - high[0]) <= 60.0
        return (both, both) if agree else (low, high)
    if ok_low:
        return low, low
    if ok_high:
        return high, high
    return None


def measure(frame: np.ndarray, landmarks: np.ndarray) -> Coverage:
    ycc, p = _small_colour(frame, landmarks)
    h, w = ycc.shape[:2]
    ied = SCALE_IED
    below = _mask((h, w), [_disc(p[i], 0.12 * ied) for i in BELOW_FRINGE])
    above = _mask((h, w), [_disc(p[i], 0.12 * ied) for i in ABOVE_MASK])
    if below.sum() < 4 or above.sum() < 4:
        return Coverage(1.0, 1.0, 1.0, 0.0)
    refs = _references(
        np.median(ycc[below], axis=0), np.median(ycc[above], axis=0), np.median(ycc[below | above], axis=0)
    )
    if refs is None:
        return Coverage(1.0, 1.0, 1.0, 0.0)
    ref_low, ref_high = refs
    skin_low, skin_high = _skin_like(ycc, ref_low), _skin_like(ycc, ref_high)

    bands = []
    for tops in BROW_TOPS:
        top = p[list(tops)]
        up = np.array([0.0, -ied / 3])
        bands.append(np.vstack([top, (top + up)[::-1]]))
    brow_band = _mask((h, w), bands)
    nose = _mask((h, w), [cv2.convexHull(p[list(NOSE)].astype(np.float32)).reshape(-1, 2)])
    lips = _mask((h, w), [p[list(LIPS_OUTER)]])
    lower = _mask((h, w), [p[list(LOWER_FACE)]]) & ~lips
    inner = _mask((h, w), [p[list(LIPS_INNER)]])
    lip_ring = lips & ~inner

    def share(skin: np.ndarray, region: np.ndarray) -> float:
        return float(skin[region].mean()) if region.sum() >= 4 else 1.0

    redness = float(np.median(ycc[lip_ring][:, 1]) - ref_high[1]) if lip_ring.sum() >= 4 else 0.0
    return Coverage(share(skin_low, brow_band), share(skin_high, nose), share(skin_high, lower), redness)


def _disc(centre: np.ndarray, r: float) -> np.ndarray:
    return centre + r * _CIRCLE
