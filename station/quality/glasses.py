"""Glasses, clear or dark: Dukcapil wants them off for the e-KTP photo (reflections, face search).

The eye band (brows to the tip of the nose, temple to temple) is cut level with the eyes at 40 px
between the irises, about the scale of the faces the model was trained on (thin rims survive; at 28 px
they blur away and the model misses more), so a webcam frame and a 4000-px still are seen alike. Two
views of it feed one linear model: gradient-orientation histograms (HOG: the rims, the bridge over the
nose, the lens edges) and the standardised pixels at a third of the size (a dark lens, a frame's
shadow). The model was fitted on ../shared/faces/glasses (CelebA, balanced for gender) with mirrored
copies; the score averages the band and its mirror image.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from station.quality.patches import frame_to_image, sample, standardise
from station.quality.training import Linear, sigmoid

BAND_W, BAND_H = 96, 48
BAND_IED = 40.0
BAND_EYES_Y = 20.0  # the eye line, pixels from the band's top
_HOG = cv2.HOGDescriptor((BAND_W, BAND_H), (16, 16), (8, 8), (8, 8), 9)


def eye_band(gray: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """(BAND_H, BAND_W) uint8, eyes level and BAND_IED apart."""
    a, b = landmarks[468, :2].astype(np.float64), landmarks[473, :2].astype(np.float64)
    ied = max(float(np.linalg.norm(b - a)), 1e-3)
    along = (b - a) / ied
    down = np.array([-along[1], along[0]])
    step = ied / BAND_IED
    centre = (a + b) / 2 + down * step * (BAND_H / 2 - BAND_EYES_Y)
    m = frame_to_image(centre, along * step, down * step, BAND_W, BAND_H)
    return np.clip(sample(gray, m, BAND_W, BAND_H) + 0.5, 0, 255).astype(np.uint8)


def band_features(band: np.ndarray) -> np.ndarray:
    hog = _HOG.compute(band).ravel()
    small = cv2.resize(band.astype(np.float32), (BAND_W // 3, BAND_H // 3), interpolation=cv2.INTER_AREA)
    return np.concatenate([hog, standardise(small).ravel()])


def both_views(band: np.ndarray) -> np.ndarray:
    """Features of the band and of its mirror image, (2, n)."""
    return np.stack([band_features(band), band_features(np.ascontiguousarray(band[:, ::-1]))])


@dataclass(frozen=True)
class GlassesModel:
    model: Linear

    def probability(self, band: np.ndarray) -> float:
        return float(sigmoid(self.model.logit(both_views(band)).mean()))
