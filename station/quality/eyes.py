"""Are both eyes open? Two kinds of evidence, both eyes, one small model.

- Lid geometry (face mesh with iris refinement): the gap between the lids over the eye's width, and
  how far the upper lid rises above the line through the corners. A closed eye has no gap and a low
  upper lid; a smiling squint keeps the upper lid up while the lower lid rises.
- Eye-patch appearance: a 28x16 gray picture of each eye, cut along its corners and normalised for
  light and contrast. An open eye shows a dark iris between brighter sclera; a closed one a lash line on
  skin. A linear model on the pixels (trained on both eyes, mirrored to one orientation) scores each.

The two are stacked: a logistic model on the smaller and the mean of each cue over the two eyes gives
the probability that both eyes are open. Geometry alone tops out near 98.5% balanced accuracy on
../shared/faces; the appearance cue alone near 97.5%; stacked they are right more often than either,
measured by 10-fold cross-validation that never scores a crop with a model fitted on it
(tests/test_gate_eyes.py, docs/gate.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from station.quality.patches import frame_to_image, sample, standardise
from station.quality.training import Linear, sigmoid

# MediaPipe indices. "a" is the eye on the image's left. Corners are (outer, inner); lids run outer -> inner.
EYE_LIDS = (
    dict(corners=(33, 133), upper=(246, 161, 160, 159, 158, 157, 173), lower=(7, 163, 144, 145, 153, 154, 155)),
    dict(corners=(263, 362), upper=(466, 388, 387, 386, 385, 384, 398), lower=(249, 390, 373, 374, 380, 381, 382)),
)
PATCH_W, PATCH_H = 28, 16
PATCH_SPAN = (1.5, 0.85)  # patch width and height in eye widths (corner to corner)


@dataclass(frozen=True)
class EyeEvidence:
    gap: tuple[float, float]  # lid gap over eye width, per eye (a, b)
    lift: tuple[float, float]  # upper lid above the corner line, over eye width
    patches: np.ndarray  # (2, PATCH_H, PATCH_W) standardised, outer corner on the left for both eyes


def lid_shape(p: np.ndarray, eye: dict) -> tuple[float, float]:
    a, b = p[eye["corners"][0], :2], p[eye["corners"][1], :2]
    width = float(np.linalg.norm(b - a))
    if width < 1e-6:
        return 0.0, 0.0
    axis = (b - a) / width
    down = np.array([-axis[1], axis[0]])
    if down[1] < 0:
        down = -down
    mid = (a + b) / 2
    up = np.array([(p[i, :2] - mid) @ down for i in eye["upper"][2:5]])
    low = np.array([(p[i, :2] - mid) @ down for i in eye["lower"][2:5]])
    return float((low - up).mean() / width), float(-up.mean() / width)


def eye_patch(gray: np.ndarray, p: np.ndarray, eye: dict) -> np.ndarray:
    outer, inner = p[eye["corners"][0], :2].astype(np.float64), p[eye["corners"][1], :2].astype(np.float64)
    width = max(float(np.linalg.norm(inner - outer)), 1e-3)
    along = (inner - outer) / width
    down = np.array([-along[1], along[0]])
    if down[1] < 0:
        down = -down
    m = frame_to_image(
        (outer + inner) / 2,
        along * PATCH_SPAN[0] * width / PATCH_W,
        down * PATCH_SPAN[1] * width / PATCH_H,
        PATCH_W,
        PATCH_H,
    )
    return standardise(sample(gray, m, PATCH_W, PATCH_H))


def evidence(gray: np.ndarray, landmarks: np.ndarray) -> EyeEvidence:
    p = landmarks.astype(np.float64)
    shapes = [lid_shape(p, e) for e in EYE_LIDS]
    return EyeEvidence(
        (shapes[0][0], shapes[1][0]),
        (shapes[0][1], shapes[1][1]),
        np.stack([eye_patch(gray, p, e) for e in EYE_LIDS]),
    )


def stack_input(ev: EyeEvidence, patch_logits: np.ndarray) -> np.ndarray:
    g, lift = np.array(ev.gap), np.array(ev.lift)
    return np.array([g.min(), g.mean(), lift.min(), lift.mean(), patch_logits.min(), patch_logits.mean()])


@dataclass(frozen=True)
class EyeModel:
    patch: Linear  # per eye: logit(open) from the PATCH_H * PATCH_W pixels
    stack: Linear  # per face: logit(both open) from stack_input

    def patch_logits(self, ev: EyeEvidence) -> np.ndarray:
        return self.patch.logit(ev.patches.reshape(2, -1))

    def probability(self, ev: EyeEvidence) -> float:
        return float(sigmoid(self.stack.logit(stack_input(ev, self.patch_logits(ev)))))
