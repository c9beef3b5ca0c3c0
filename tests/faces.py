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
