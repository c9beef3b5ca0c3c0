"""Image measurements at a normalised scale, so a 4000-px still and a 640-px webcam frame are
judged alike: the face is warped to a chip with 56 px between the irises, the background to a
96x128 picture of the ID-photo crop."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from station.quality.geometry import EYE_A_RING, EYE_B_RING, FACE_OVAL, FaceGeometry

CHIP_W, CHIP_H, CHIP_IED = 160, 200, 56.0
CHIP_EYES = (80.0, 80.0)
BG_W, BG_H = 96, 128


@dataclass(frozen=True)
class FaceStats:
    brightness: float
    clipped: float
    dynamic_range: float
    illumination: float  # darker half over lighter half
    darker_side: str  # "a" (image left) or "b"
    sharpness: float
    eye_visibility: float


@dataclass(frozen=True)
class BackgroundStats:
    edges: float | None  # share of edge pixels; None when no background is visible
    spread: float | None
    rgb: tuple[int, int, int] | None


def _face_affine(g: FaceGeometry) -> np.ndarray:
    """Rotate about the eyes' centre by the roll, scale to CHIP_IED, put the eyes at CHIP_EYES."""
    c = g.eyes_centre
    m = cv2.getRotationMatrix2D((float(c[0]), float(c[1])), g.roll, CHIP_IED / max(g.eye_distance, 1e-3))
    m[:, 2] += np.array(CHIP_EYES) - c
    return m


def _apply(m: np.ndarray, pts: np.ndarray) -> np.ndarray:
    return pts @ m[:, :2].T + m[:, 2]


def _sharpness(f: np.ndarray) -> float:
    """Fine detail left in the face, in its weakest direction.

    For each of 4 directions: mean |second difference| over mean |first difference|. Contrast cancels
    out (a dim face is not "blurred"); defocus lowers all four, motion blur the one along the motion,
    hence the minimum. On ../shared/faces/photos: untouched 0.36-1.38; Gaussian blur of IED/50 at most
    0.33; motion blur of IED/5 mostly below 0.30.
    """
    ratios = []
    for dy, dx in ((0, 1), (1, 0), (1, 1), (1, -1)):
        h, w = f.shape
        a = f[1 + dy : h - 1 + dy, 1 + dx : w - 1 + dx]
        b = f[1 - dy : h - 1 - dy, 1 - dx : w - 1 - dx]
        c = f[1 : h - 1, 1 : w - 1]
        first = float(np.mean(np.abs(a - b)))
        second = float(np.mean(np.abs(a - 2 * c + b)))
        ratios.append(second / max(first, 1e-3))
    return min(ratios)


def face_stats(gray: np.ndarray, g: FaceGeometry) -> FaceStats:
    m = _face_affine(g)
    chip = cv2.warpAffine(gray, m, (CHIP_W, CHIP_H), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
    pts = _apply(m, g.landmarks[:, :2].astype(np.float64))
    mask = np.zeros((CHIP_H, CHIP_W), np.uint8)
    cv2.fillPoly(mask, [np.round(pts[list(FACE_OVAL)]).astype(np.int32)], 1)
    eyes = np.zeros_like(mask)
    for ring in (EYE_A_RING, EYE_B_RING):
        cv2.fillPoly(eyes, [np.round(pts[list(ring)]).astype(np.int32)], 1)
    face_only = (mask > 0) & (eyes == 0)
    if face_only.sum() < 50:
        face_only = mask > 0
    vals = chip[face_only].astype(np.float32)
    if vals.size == 0:
        vals = chip.reshape(-1).astype(np.float32)
    brightness = float(vals.mean())
    lo, hi = np.percentile(vals, (1, 99))
    clipped = float(np.mean((vals <= 5) | (vals >= 250)))
    split = int(round(CHIP_EYES[0]))
    left = chip[:, :split][face_only[:, :split]]
    right = chip[:, split:][face_only[:, split:]]
    ml, mr = (float(left.mean()) if left.size else brightness), (float(right.mean()) if right.size else brightness)
    illumination = min(ml, mr) / max(ml, mr, 1e-3)
    sharpness = _sharpness(chip[40:170, 25:135].astype(np.float32))
    eye_vals = chip[eyes > 0]
    eye_visibility = float(eye_vals.mean()) / max(brightness, 1e-3) if eye_vals.size else 0.0
    return FaceStats(
        brightness, clipped, float(hi - lo), illumination, "a" if ml < mr else "b", sharpness, eye_visibility
    )


def box_affine(box: tuple[float, float, float, float], g: FaceGeometry, scale: float, out_w: int, out_h: int):
    """Affine from frame pixels (times scale) to an out_w x out_h picture of the upright crop box."""
    x0, y0, x1, y1 = box
    c = g.eyes_centre
    rot = cv2.getRotationMatrix2D((float(c[0]), float(c[1])), g.roll, 1.0)  # level the eyes
    sx, sy = out_w / (x1 - x0), out_h / (y1 - y0)
    to_box = np.array([[sx, 0, -x0 * sx], [0, sy, -y0 * sy]])
    m = to_box @ np.vstack([rot, [0, 0, 1]])
    m[:, :2] /= scale  # input is the frame shrunk by `scale`
    return m


def crop_corners_in_frame(g: FaceGeometry) -> np.ndarray:
    """The crop box's 4 corners in frame pixels (the box is upright relative to the eyes)."""
    x0, y0, x1, y1 = g.crop_box
    c = g.eyes_centre
    inv = cv2.getRotationMatrix2D((float(c[0]), float(c[1])), -g.roll, 1.0)
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float64)
    return _apply(inv, corners)


def background_stats(small_bgr: np.ndarray, person: np.ndarray, scale: float, g: FaceGeometry) -> BackgroundStats:
    m = box_affine(g.crop_box, g, scale, BG_W, BG_H)
    pic = cv2.warpAffine(small_bgr, m, (BG_W, BG_H), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT)
    inside = cv2.warpAffine(np.ones(small_bgr.shape[:2], np.uint8), m, (BG_W, BG_H), flags=cv2.INTER_NEAREST)
    prob = cv2.warpAffine(person, m, (BG_W, BG_H), flags=cv2.INTER_LINEAR, borderValue=1.0)
    # Background: surely not the person (hair fringes are soft in the mask), inside the frame.
    bg = (prob < 0.2).astype(np.uint8) & inside
    bg = cv2.erode(bg, np.ones((5, 5), np.uint8)) > 0
    if bg.sum() < 0.03 * BG_W * BG_H:
        return BackgroundStats(None, None, None)
    gray = cv2.GaussianBlur(cv2.cvtColor(pic, cv2.COLOR_BGR2GRAY).astype(np.float32), (3, 3), 0)
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3) / 8.0
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3) / 8.0
    edges = float(np.mean(np.hypot(gx, gy)[bg] > 6.0))
    spread = float(gray[bg].std())
    b, gch, r = (float(pic[..., i][bg].mean()) for i in range(3))
    return BackgroundStats(edges, spread, (round(r), round(gch), round(b)))
