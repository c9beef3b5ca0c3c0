"""Helpers that turn the real photographs in ../shared/faces into test frames."""

from __future__ import annotations

import cv2
import numpy as np


def pad_crop(img: np.ndarray) -> np.ndarray:
    """A tight face crop, brought to one size (96 px, as the set's README advises, so the method cannot
    tell the sources apart by resolution), enlarged and put on a plain canvas so the face is whole."""
    small = cv2.resize(img, (96, 96), interpolation=cv2.INTER_AREA)
    big = cv2.resize(small, (240, 240), interpolation=cv2.INTER_CUBIC)
    canvas = np.full((480, 480, 3), 200, np.uint8)
    canvas[120:360, 120:360] = big
    return canvas


def rotate(img: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate about the centre, counter-clockwise on screen for positive degrees, on a larger canvas."""
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(img, m, (nw, nh), borderMode=cv2.BORDER_REPLICATE)


def motion_blur(img: np.ndarray, length: int) -> np.ndarray:
    length = max(3, length | 1)
    k = np.zeros((length, length), np.float32)
    k[length // 2, :] = 1.0 / length
    return cv2.filter2D(img, -1, k)


# --- things that cover a face, drawn on real photographs along the face mesh -------------------------
_OVAL = (
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152,
    148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
)  # fmt: skip


def _texture(shape: tuple[int, int], colour: tuple[int, int, int], spread: float, seed: int = 0) -> np.ndarray:
    """A flat colour with soft noise (fabric, hair), BGR uint8."""
    rng = np.random.default_rng(seed)
    noise = cv2.GaussianBlur(rng.normal(0, 1, shape).astype(np.float32), (0, 0), 1.5)
    out = np.array(colour, np.float32)[None, None, :] + spread * noise[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def _paint(img: np.ndarray, region: np.ndarray, layer: np.ndarray) -> np.ndarray:
    out = img.copy()
    out[region] = layer[region]
    return out


def face_mask(img: np.ndarray, lm: np.ndarray, colour: tuple[int, int, int]) -> np.ndarray:
    """A face mask (BGR colour) from the middle of the nose to under the chin, ear to ear."""
    p = lm[:, :2]
    top = p[197, 1]
    oval = p[list(_OVAL)]
    below = oval[oval[:, 1] >= top]
    xs = oval[:, 0]
    poly = np.vstack([below, [[xs.min(), top], [xs.max(), top]], [[p[152, 0], p[152, 1] + 0.1 * (p[152, 1] - top)]]])
    region = np.zeros(img.shape[:2], np.uint8)
    cv2.fillPoly(region, [cv2.convexHull(np.round(poly).astype(np.int32))], 1)
    return _paint(img, region > 0, _texture(img.shape[:2], colour, 6))


def fringe(img: np.ndarray, lm: np.ndarray, colour: tuple[int, int, int] = (20, 22, 28)) -> np.ndarray:
    """Hair combed down over the forehead and the eyebrows (not the eyes)."""
    p = lm[:, :2]
    ied = float(np.linalg.norm(p[473] - p[468]))
    brows = p[[70, 63, 105, 66, 107, 336, 296, 334, 293, 300]]
    low = brows[:, 1].max() + 0.12 * ied
    x0, x1 = p[list(_OVAL), 0].min(), p[list(_OVAL), 0].max()
    region = np.zeros(img.shape[:2], np.uint8)
    cv2.rectangle(region, (int(x0), 0), (int(x1), int(low)), 1, -1)
    hair = _texture(img.shape[:2], colour, 10, seed=1)
    streaks = np.random.default_rng(2).normal(0, 14, (1, img.shape[1])).astype(np.float32)
    hair = np.clip(hair.astype(np.float32) + streaks[..., None], 0, 255).astype(np.uint8)
    return _paint(img, region > 0, hair)


def hijab(img: np.ndarray, lm: np.ndarray, colour: tuple[int, int, int] = (95, 60, 40)) -> np.ndarray:
    """A hijab framing the face: hair, ears, neck and the top of the forehead covered; from the eyebrows
    down the whole face left visible."""
    p = lm[:, :2]
    ied = float(np.linalg.norm(p[473] - p[468]))
    brow_top = p[[70, 63, 105, 66, 107, 336, 296, 334, 293, 300], 1].min()
    oval = p[list(_OVAL)].astype(np.float64)
    centre = oval.mean(axis=0)
    head = centre + (oval - centre) * 1.45 + np.array([0, -0.25 * ied])
    region = np.zeros(img.shape[:2], np.uint8)
    cv2.fillPoly(region, [np.round(head).astype(np.int32)], 1)
    cv2.rectangle(
        region, (int(oval[:, 0].min() - ied), int(p[152, 1])), (int(oval[:, 0].max() + ied), img.shape[0]), 1, -1
    )
    face = np.zeros_like(region)
    cv2.fillPoly(face, [np.round(oval).astype(np.int32)], 1)
    face[: int(brow_top - 0.45 * ied)] = 0  # the cloth comes down over the upper forehead
    return _paint(img, (region > 0) & (face == 0), _texture(img.shape[:2], colour, 5, seed=3))
