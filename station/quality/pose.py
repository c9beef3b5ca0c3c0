"""Head pose from the face mesh: a rigid fit of MediaPipe's canonical face to the 3D landmarks.

Why not the plane through the mesh (the gate's first method): the mesh is not flat, and the normal of its
best-fit plane leans about 4 degrees chin-up on MediaPipe's own canonical face posed exactly frontal, so
every citizen read ~5 degrees more chin-up than they were (issue 15). Here the canonical model itself is
rotated onto the landmarks (Kabsch / orthogonal Procrustes, as MediaPipe's own face-geometry pipeline
does), so a frontal canonical face reads exactly 0.

Only rigid points are fitted: everything above the upper lip except the eyelids, so a smile, an open
mouth or a blink does not turn the head. MediaPipe's landmarks are x, y in pixels and a depth z on the
same scale, predicted on the face's own crop: the fit is weak-perspective and needs no camera intrinsics,
and it measures the pose relative to the line of sight (a citizen at the edge of the frame who looks at
the camera reads frontal). A perspective solvePnP on the 2D points was tried too (docs/gate.md): it
depends on a focal length no still carries, which moved the pitch bias by 4 degrees across plausible
guesses.

Finally a linear map per axis (gain and offset, scripts/train_gate.py) takes the raw angles to the
convention of AFLW2000-3D's 3D-model fits; it is fitted on half of ../shared/faces/pose and measured on
the other half (tests/test_gate_pose.py).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from station.quality.facemodel import canonical_face
from station.quality.trained import POSE_CALIBRATION

# Eyelid rings (both eyes): they move with a blink, not with the head.
_EYELIDS = frozenset(
    (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7)
    + (263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249)
)
_UPPER_LIP_Y = -2.0  # model centimetres: points below this move with the mouth and jaw


def _rigid_model() -> tuple[np.ndarray, np.ndarray]:
    face = canonical_face()
    idx = np.array([i for i in range(468) if face[i, 1] > _UPPER_LIP_Y and i not in _EYELIDS])
    model = face[idx] * np.array([1.0, -1.0, -1.0])  # to the landmarks' axes: y down, z away from the camera
    return idx, model - model.mean(axis=0)


RIGID, _MODEL = _rigid_model()


@dataclass(frozen=True)
class Pose:
    yaw: float  # degrees; > 0 turned towards the image's right
    pitch: float  # degrees; > 0 chin down
    roll: float  # degrees; > 0 tilted clockwise on the image


def rotation_to(landmarks: np.ndarray) -> np.ndarray:
    """The rotation R (3x3) that best takes the rigid canonical points onto the landmarks (up to scale)."""
    q = landmarks[RIGID].astype(np.float64)
    q = q - q.mean(axis=0)
    u, _, vt = np.linalg.svd(_MODEL.T @ q)
    d = np.sign(np.linalg.det(vt.T @ u.T))
    return vt.T @ np.diag([1.0, 1.0, d]) @ u.T


def euler(r: np.ndarray) -> Pose:
    """R = Rx(pitch) Ry(-yaw) Rz(roll) in image axes (x right, y down, z away from the camera)."""
    b = float(np.arcsin(np.clip(r[0, 2], -1.0, 1.0)))
    pitch = float(np.arctan2(-r[1, 2], r[2, 2]))
    roll = float(np.arctan2(-r[0, 1], r[0, 0]))
    return Pose(-float(np.degrees(b)), float(np.degrees(pitch)), float(np.degrees(roll)))


def raw_pose(landmarks: np.ndarray) -> Pose:
    """The fitted angles before calibration (what scripts/train_gate.py calibrates)."""
    return euler(rotation_to(landmarks))


def calibrate(p: Pose, calibration: dict | None = None) -> Pose:
    c = POSE_CALIBRATION if calibration is None else calibration
    return Pose(
        c["yaw"][0] + c["yaw"][1] * p.yaw,
        c["pitch"][0] + c["pitch"][1] * p.pitch,
        p.roll,
    )


def head_pose(landmarks: np.ndarray) -> Pose:
    return calibrate(raw_pose(landmarks))


class PoseSmoother:
    """Live mode: the median pose of the last few frames while the head holds still.

    A webcam's landmarks jitter from frame to frame; the median of `frames` readings cuts that noise
    (and a one-frame glitch) without shifting the estimate. It cannot remove a bias, and it lags a head
    that turns by about half the window, so it restarts whenever the eyes move more than `max_motion`
    iris distances, and it is never used on stills.
    """

    def __init__(self, frames: int = 5, max_motion: float = 0.08) -> None:
        self.frames, self.max_motion = frames, max_motion
        self._recent: deque[tuple[float, float]] = deque(maxlen=frames)
        self._anchor: np.ndarray | None = None

    def reset(self) -> None:
        self._recent.clear()
        self._anchor = None

    def update(self, pose: Pose, eyes_centre: np.ndarray, eye_distance: float) -> Pose:
        if self._anchor is not None:
            moved = float(np.linalg.norm(eyes_centre - self._anchor)) / max(eye_distance, 1.0)
            if moved > self.max_motion:
                self._recent.clear()
        self._anchor = np.array(eyes_centre, np.float64)
        self._recent.append((pose.yaw, pose.pitch))
        yaw, pitch = np.median(np.array(self._recent), axis=0)
        return Pose(float(yaw), float(pitch), pose.roll)
