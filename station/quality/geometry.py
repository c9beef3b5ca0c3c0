"""What the landmarks say about one face: where the eyes are, how the head is turned, how open the
eyes and mouth are, and where the ID-photo crop would fall. Pure numpy on MediaPipe's 478 points."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from station.quality.eyes import EYE_LIDS, lid_shape
from station.quality.pose import head_pose

# MediaPipe face-mesh indices. "a" is the eye on the image's left (the citizen's right).
IRIS_A, IRIS_B = 468, 473
IRIS_A_RING, IRIS_B_RING = (469, 470, 471, 472), (474, 475, 476, 477)
EYE_A_RING = (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7)
EYE_B_RING = (263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249)
MOUTH_CORNERS, LIP_INNER = (61, 291), (13, 14)
CHIN, FOREHEAD, NOSE_BRIDGE = 152, 10, 168
FACE_OVAL = (
    10,
    338,
    297,
    332,
    284,
    251,
    389,
    356,
    454,
    323,
    361,
    288,
    397,
    365,
    379,
    378,
    400,
    377,
    152,
    148,
    176,
    149,
    150,
    136,
    172,
    58,
    132,
    93,
    234,
    127,
    162,
    21,
    54,
    103,
    67,
    109,
)
# Chin-to-crown over chin-to-landmark-10 (upper forehead): the mesh stops below the hairline.
CROWN_FACTOR = 1.27


@dataclass(frozen=True)
class FaceGeometry:
    landmarks: np.ndarray  # (478, 3) pixels
    eye_a: np.ndarray  # iris centre, image-left eye, (x, y)
    eye_b: np.ndarray
    eye_distance: float
    yaw: float  # degrees; > 0 turned towards the image's right (pose.py)
    pitch: float  # degrees; > 0 chin down (pose.py)
    roll: float  # degrees; > 0 tilted clockwise on the image (the eye line)
    eye_openness: tuple[float, float]  # per eye (a, b)
    mouth_open: float
    crop_box: tuple[float, float, float, float]  # x0, y0, x1, y1 of the ICAO crop, pixels, may exceed frame
    head_height: float  # chin to estimated crown, pixels

    @property
    def eyes_centre(self) -> np.ndarray:
        return (self.eye_a + self.eye_b) / 2


def _eye_openness(p: np.ndarray, eye: dict) -> float:
    """Lid gap over eye width, plus twice the upper lid's lift above the corner line: the lids' own
    measure, kept per frame for live blink tracking (the eyes_open decision is eyes.py's model)."""
    gap, lift = lid_shape(p, eye)
    return gap + 2.0 * lift


def _crop_box(p: np.ndarray, eyes: np.ndarray, roll: float, head_ratio: float, eye_line: float, aspect: float):
    chin, top = p[CHIN, :2], p[FOREHEAD, :2]
    head_height = float(np.linalg.norm(top - chin)) * CROWN_FACTOR
    h = head_height / head_ratio
    w = h * aspect
    cx = float(eyes[0])
    y0 = float(eyes[1]) - eye_line * h
    return (cx - w / 2, y0, cx + w / 2, y0 + h), head_height


def measure(p: np.ndarray, head_ratio: float, eye_line: float, aspect: float) -> FaceGeometry:
    eye_a = p[IRIS_A, :2].astype(np.float64)
    eye_b = p[IRIS_B, :2].astype(np.float64)
    d = eye_b - eye_a
    roll = float(np.degrees(np.arctan2(d[1], d[0])))
    head = head_pose(p)
    mouth_w = float(np.linalg.norm(p[MOUTH_CORNERS[0], :2] - p[MOUTH_CORNERS[1], :2]))
    mouth_gap = float(np.linalg.norm(p[LIP_INNER[0], :2] - p[LIP_INNER[1], :2]))
    eyes = (eye_a + eye_b) / 2
    box, head_height = _crop_box(p, eyes, roll, head_ratio, eye_line, aspect)
    return FaceGeometry(
        landmarks=p,
        eye_a=eye_a,
        eye_b=eye_b,
        eye_distance=float(np.linalg.norm(d)),
        yaw=head.yaw,
        pitch=head.pitch,
        roll=roll,
        eye_openness=(_eye_openness(p, EYE_LIDS[0]), _eye_openness(p, EYE_LIDS[1])),
        mouth_open=mouth_gap / mouth_w if mouth_w > 1e-6 else 0.0,
        crop_box=box,
        head_height=head_height,
    )
