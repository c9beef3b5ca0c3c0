"""Iris image quality in the spirit of ISO/IEC 29794-6, measured by the station beside the device's score.

Segmentation: specular reflections are inpainted, the pupil is the roundest dark blob, refined by the
strongest dark-to-bright circular edge (robust median over 12 sectors, so an eyelid over the top does
not pull it); the limbus is the radius where both lateral arcs (never the eyelid sectors) brighten
most (Daugman's integro-differential operator, restricted to the sides).

Measures: iris diameter (px), usable iris area (annulus minus eyelids, flat bands, eyelashes hanging
from outside the iris, reflections and what falls outside the frame), focus (energy of the finest
detail relative to the next band: contrast-independent, falls steeply with defocus), grey-level spread
(useful dynamic range of the eye image, in bits), iris brightness, pupil/iris contrast (ISO's Weber
ratio form), concentricity and the pupil/iris ratio. Each measure maps to 0-100 with its threshold
at 60 (MOSIP's default pass mark); the quality is the worst of them, so the reason it fails is named.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from station.domain.biometrics import BiometricThresholds, Eye

PASS = 60.0
LASH_DENSITY = 0.5  # share of lash pixels around a point above which the iris there is hidden


@dataclass(frozen=True)
class IrisCircles:
    pupil: tuple[float, float, float]  # x, y, radius
    iris: tuple[float, float, float]


@dataclass(frozen=True)
class IrisQuality:
    quality: int | None  # 0-100, None when no iris was found
    iris_diameter_px: float | None
    usable_area: float | None  # 0..1
    sharpness: float | None  # focus measure; >= 45 in focus
    ok: bool
    reasons: tuple[str, ...]
    messages: tuple[str, ...]
    measures: dict = field(default_factory=dict)  # every measure, raw
    scores: dict = field(default_factory=dict)  # every measure as 0-100
    circles: IrisCircles | None = None

    def to_json(self) -> dict:
        return {
            "quality": self.quality,
            "iris_diameter_px": None if self.iris_diameter_px is None else round(self.iris_diameter_px, 1),
            "usable_area": None if self.usable_area is None else round(self.usable_area, 3),
            "sharpness": None if self.sharpness is None else round(self.sharpness, 1),
            "ok": self.ok,
            "reasons": list(self.reasons),
            "messages": list(self.messages),
            "measures": {k: round(float(v), 3) for k, v in self.measures.items()},
        }


def _ramp(v: float, zero: float, at_pass: float, full: float) -> float:
    """0 at ZERO, 60 at AT_PASS, 100 at FULL, linear between (works for falling ramps too)."""
    if (v - at_pass) * (full - at_pass) >= 0:  # on the good side of the threshold
        return min(100.0, PASS + 40.0 * (v - at_pass) / (full - at_pass))
    return max(0.0, PASS * (v - zero) / (at_pass - zero))


class _Rings:
    """Samples of an image on concentric circles (rows: radii, columns: angles); NaN outside the image.
    The circle offsets are computed once; each centre only shifts them."""

    def __init__(self, sm: np.ndarray, radii: np.ndarray, angles: np.ndarray):
        self.sm = sm
        self.dx = np.outer(radii, np.cos(angles)).astype(np.float32)
        self.dy = np.outer(radii, np.sin(angles)).astype(np.float32)

    def at(self, cx: float, cy: float) -> np.ndarray:
        h, w = self.sm.shape
        xs, ys = self.dx + np.float32(cx), self.dy + np.float32(cy)
        vals = cv2.remap(self.sm, xs, ys, cv2.INTER_LINEAR)
        return np.where((xs >= 0) & (xs < w - 1) & (ys >= 0) & (ys < h - 1), vals, np.nan)


def _reflections(g: np.ndarray) -> np.ndarray:
    th = cv2.morphologyEx(g, cv2.MORPH_TOPHAT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15)))
    return cv2.dilate((th > 50).astype(np.uint8), np.ones((3, 3), np.uint8))


def _find_pupil(g: np.ndarray, spots: np.ndarray) -> tuple[float, float, float] | None:
    opened = cv2.morphologyEx(g, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (13, 13)))
    clean = np.where(spots > 0, opened, g)  # reflections filled with their dark surroundings
    sm = cv2.medianBlur(clean, 5)
    lo, med = float(np.percentile(sm, 0.5)), float(np.median(sm))
    mask = (sm <= lo + 0.25 * (med - lo)).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15)))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    best = None
    for c in contours:
        hull = cv2.convexHull(c)
        a, p = cv2.contourArea(hull), cv2.arcLength(hull, True)
        if a < 80 or p == 0:
            continue
        score = a * (4 * math.pi * a / (p * p)) ** 4  # large and round
        if best is None or score > best[0]:
            best = (score, hull, a)
    if best is None:
        return None
    m = cv2.moments(best[1])
    cx, cy, r = m["m10"] / m["m00"], m["m01"] / m["m00"], math.sqrt(best[2] / math.pi)
    sm = cv2.GaussianBlur(clean, (0, 0), 1.5).astype(np.float32)
    rings = _Rings(sm, np.arange(max(4.0, r * 0.7), r * 1.5, 1.0), np.deg2rad(np.arange(0, 360, 5)))
    radii = np.arange(max(4.0, r * 0.7), r * 1.5, 1.0)
    found = None
    for step, span in ((4, 12), (1, 3)):  # coarse, then fine around the best
        base = (cx, cy) if found is None else (found[1], found[2])
        for dx in range(-span, span + 1, step):
            for dy in range(-span, span + 1, step):
                d = np.nan_to_num(np.diff(rings.at(base[0] + dx, base[1] + dy), axis=0), nan=0.0)
                score = np.median(d.reshape(d.shape[0], 12, -1).mean(axis=2), axis=1)
                k = int(np.argmax(score))
                if found is None or score[k] > found[0]:
                    found = (score[k], base[0] + dx, base[1] + dy, radii[k] + 0.5)
    return found[1], found[2], found[3]


def _find_iris(g: np.ndarray, pupil: tuple[float, float, float]) -> tuple[float, float, float]:
    cx, cy, rp = pupil
    sm = cv2.GaussianBlur(g, (0, 0), 2.0).astype(np.float32)
    radii = np.arange(rp * 1.45, rp * 5.0, 1.0)
    sides = [_Rings(sm, radii, np.deg2rad(np.arange(a, b, 2))) for a, b in ((-15, 36), (145, 196))]
    k3 = np.ones(3) / 3
    found = None
    for step, span in ((4, 12), (1, 3)):
        base = (cx, cy) if found is None else (found[1], found[2])
        for dx in range(-span, span + 1, step):
            for dy in range(-span, span + 1, step):
                edges = []
                for side in sides:
                    prof = np.mean(side.at(base[0] + dx, base[1] + dy), axis=1)
                    edges.append(np.nan_to_num(np.convolve(np.diff(prof), k3, mode="same"), nan=-1e9))
                d = np.minimum(*edges)  # both sides must brighten at the same radius
                k = int(np.argmax(d))
                if found is None or d[k] > found[0]:
                    found = (d[k], base[0] + dx, base[1] + dy, radii[k] + 0.5)
    return found[1], found[2], found[3]


def _occlusion(g: np.ndarray, ref: np.ndarray, outside: np.ndarray, spots: np.ndarray) -> np.ndarray:
    """Pixels of the annulus that are not iris: eyelid skin or sclera (out of the iris's grey range),
    flat bands (no texture at all), eyelashes (thin dark lines that reach in from outside the iris)
    and specular reflections."""
    sm = cv2.GaussianBlur(g, (0, 0), 2).astype(np.float32)
    vals = sm[ref]
    m = float(np.median(vals))
    s = 1.4826 * float(np.median(np.abs(vals - m)))
    out_of_range = ((sm > m + max(4 * s, 30)) | (sm < m - max(4 * s, 40))).astype(np.uint8)
    occ = cv2.morphologyEx(out_of_range, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    # No texture at all: nothing natural in an iris is that flat (a covering band, saturation). Flat
    # areas of some size are grown by 5 px: the 7x7 window misses their rim, JPEG rings along it.
    spread = cv2.morphologyEx(g, cv2.MORPH_GRADIENT, np.ones((7, 7), np.uint8))
    flat = cv2.morphologyEx((spread <= 2).astype(np.uint8), cv2.MORPH_OPEN, np.ones((9, 9), np.uint8))
    occ = occ | cv2.dilate(flat, np.ones((11, 11), np.uint8))
    bh = cv2.morphologyEx(g, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9)))
    dark = cv2.dilate((bh > 22).astype(np.uint8), np.ones((3, 3), np.uint8))
    n, lab = cv2.connectedComponents(dark)
    hanging = np.unique(lab[(dark > 0) & outside])
    lashes = np.isin(lab, hanging[hanging > 0]).astype(np.float32)
    curtain = cv2.blur(lashes, (15, 15)) > LASH_DENSITY  # sparse lashes leave the texture usable
    return (occ > 0) | curtain | (spots > 0)


def assess_iris(
    image: np.ndarray, thresholds: BiometricThresholds | None = None, eye: Eye = Eye.UNKNOWN
) -> IrisQuality:
    """Quality of one grey (near-infrared) eye image."""
    t = thresholds or BiometricThresholds()
    g = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    name = eye.label.lower() if eye != Eye.UNKNOWN else "iris"
    spots = _reflections(g)
    pupil = _find_pupil(g, spots)
    if pupil is None:
        msg = f"{name.capitalize()} tidak ditemukan di gambar: arahkan mata ke pemindai, buka mata lebar."
        return IrisQuality(None, None, None, None, False, ("segmentation_failed",), (msg,))
    ix, iy, R = _find_iris(g, pupil)
    px, py, rp = pupil
    h, w = g.shape
    yy, xx = np.mgrid[0:h, 0:w]
    rho = np.hypot(xx - ix, yy - iy)
    rho_p = np.hypot(xx - px, yy - py)
    theta = np.degrees(np.arctan2(yy - iy, xx - ix))
    annulus = (rho < R) & (rho_p > rp * 1.05)
    upper = (theta < -30) & (theta > -150)
    ref = annulus & (rho_p < rp + 0.5 * (R - rp)) & ~upper  # iris most likely free of eyelids
    if ref.sum() < 50:
        msg = f"{name.capitalize()} tidak ditemukan di gambar: arahkan mata ke pemindai, buka mata lebar."
        return IrisQuality(None, None, None, None, False, ("segmentation_failed",), (msg,))
    occluded = _occlusion(g, ref, rho > R * 1.03, spots)
    usable_mask = annulus & ~occluded
    usable = float(usable_mask.sum()) / (math.pi * (R * R - (rp * 1.05) ** 2))

    f = g.astype(np.float32)
    core = cv2.erode(usable_mask.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    if core.sum() < 50:
        core = usable_mask if usable_mask.sum() else annulus
    b1, b3 = cv2.GaussianBlur(f, (0, 0), 1.0), cv2.GaussianBlur(f, (0, 0), 3.0)
    fine, mid = (f - b1)[core], (b1 - b3)[core]
    sharpness = 100.0 * math.sqrt(float((fine**2).mean()) / max(1e-6, float((mid**2).mean())))

    lo, hi = np.percentile(g, [0.5, 99.5])
    spread_bits = math.log2(float(hi - lo) + 1.0)
    iris_level = float(np.median(f[ref]))
    pupil_level = float(np.median(f[rho_p < rp * 0.8]))
    weber = abs(iris_level - pupil_level) / (20.0 + pupil_level)
    contrast = 100.0 * weber / (0.75 + weber)
    concentricity = 100.0 * (1.0 - math.hypot(px - ix, py - iy) / R)
    ratio = 100.0 * rp / R
    d_min = t.iris_min_diameter_px

    measures = {
        "iris_diameter_px": 2 * R,
        "usable_area": usable,
        "sharpness": sharpness,
        "grey_spread_bits": spread_bits,
        "iris_brightness": iris_level,
        "pupil_iris_contrast": contrast,
        "concentricity": concentricity,
        "pupil_iris_ratio": ratio,
    }
    scores = {
        "iris_diameter_px": _ramp(2 * R, d_min - 50, d_min, d_min + 50),
        "usable_area": _ramp(usable, 0.40, 0.70, 0.90),
        "sharpness": _ramp(sharpness, 20, 45, 80),
        "grey_spread_bits": _ramp(spread_bits, 6.0, 7.0, 7.6),
        "iris_brightness": min(_ramp(iris_level, 15, 30, 50), _ramp(iris_level, 250, 235, 200)),
        "pupil_iris_contrast": _ramp(contrast, 10, 30, 50),
        "concentricity": _ramp(concentricity, 70, 85, 95),
        "pupil_iris_ratio": min(_ramp(ratio, 10, 20, 25), _ramp(ratio, 80, 70, 60)),
    }
    quality = int(min(scores.values()))
    advice = {
        "iris_diameter_px": f"{name.capitalize()} terlalu kecil di gambar ({2 * R:.0f} px, minimal {d_min}): "
        "dekatkan pemindai.",
        "usable_area": f"{name.capitalize()} tertutup kelopak/bulu mata ({usable:.0%} terlihat): minta warga membuka "
        "mata lebar.",
        "sharpness": f"Gambar {name} buram: tahan pemindai diam pada jarak yang benar.",
        "grey_spread_bits": f"Gambar {name} terlalu gelap atau pudar: periksa lampu inframerah pemindai.",
        "iris_brightness": f"Gambar {name} terlalu gelap atau terlalu terang.",
        "pupil_iris_contrast": f"Batas pupil {name} tidak jelas: ulangi perekaman.",
        "concentricity": f"Pupil tidak di tengah {name} (mata melirik): minta warga menatap lurus.",
        "pupil_iris_ratio": f"Pupil {name} terlalu besar atau kecil: atur cahaya ruangan.",
    }
    reasons = tuple(k for k, s in scores.items() if s < t.iris_quality_min)
    return IrisQuality(
        quality,
        2 * R,
        usable,
        sharpness,
        not reasons,
        reasons,
        tuple(advice[r] for r in reasons),
        measures,
        {k: round(v, 1) for k, v in scores.items()},
        IrisCircles(pupil, (ix, iy, R)),
    )
