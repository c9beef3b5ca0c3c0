"""Small normalised pictures of parts of the face (an eye, the eye band), cut from the gray frame.

Each is sampled at a fixed size relative to the face, whatever the camera: a big still is blurred first
(only around the part) so it does not alias, a small one is interpolated. The same code cuts them for
training (scripts/train_gate.py) and in the gate, so the models see the same pictures in both.
"""

from __future__ import annotations

import cv2
import numpy as np


def sample(gray: np.ndarray, to_image: np.ndarray, width: int, height: int) -> np.ndarray:
    """Resample `gray` onto a width x height grid; `to_image` (2x3) maps grid pixels to image pixels."""
    corners = np.array([[0, 0, 1], [width, 0, 1], [0, height, 1], [width, height, 1]], np.float64) @ to_image.T
    step = float(np.hypot(to_image[0, 0], to_image[1, 0]))  # image pixels per grid pixel
    pad = 2 + int(np.ceil(2 * step))
    x0 = int(max(0, np.floor(corners[:, 0].min()) - pad))
    y0 = int(max(0, np.floor(corners[:, 1].min()) - pad))
    x1 = int(min(gray.shape[1], np.ceil(corners[:, 0].max()) + pad))
    y1 = int(min(gray.shape[0], np.ceil(corners[:, 1].max()) + pad))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return np.zeros((height, width), np.float32)
    roi = gray[y0:y1, x0:x1].astype(np.float32)
    if step > 1.2:
        roi = cv2.GaussianBlur(roi, (0, 0), 0.45 * step)
    m = to_image.copy()
    m[:, 2] -= (x0, y0)
    return cv2.warpAffine(
        roi, m, (width, height), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REPLICATE
    )


def frame_to_image(origin: np.ndarray, x_axis: np.ndarray, y_axis: np.ndarray, width: int, height: int) -> np.ndarray:
    """Grid pixel (u, v) -> origin + (u - w/2 + .5) x_axis + (v - h/2 + .5) y_axis: a grid centred on origin."""
    m = np.column_stack([x_axis, y_axis, np.zeros(2)])
    m[:, 2] = origin - x_axis * (width / 2 - 0.5) - y_axis * (height / 2 - 0.5)
    return m


def standardise(patch: np.ndarray) -> np.ndarray:
    """Zero mean, unit spread: light level and contrast are not what these models should learn."""
    return (patch - patch.mean()) / (patch.std() + 1.0)
