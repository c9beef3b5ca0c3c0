"""PhotoGate: one frame in, one Verdict out. The same code judges stills (check-photo) and live video."""

from __future__ import annotations

import cv2
import numpy as np

from station.domain.errors import InvalidInput
from station.quality import checks
from station.quality.config import GateConfig
from station.quality.geometry import FaceGeometry, measure
from station.quality.imagestats import background_stats, face_stats
from station.quality.landmarks import FaceMesh, PersonMask
from station.quality.verdict import Check, Verdict


class BadFrame(InvalidInput, ValueError):
    """Not an image the gate can judge (empty, wrong shape, corrupt). The message is for the operator."""


def validate_frame(frame: np.ndarray | None) -> np.ndarray:
    if frame is None or not isinstance(frame, np.ndarray) or frame.size == 0:
        raise BadFrame("Bingkai kamera kosong atau rusak.")
    if frame.ndim == 2:
        frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    elif frame.ndim != 3 or frame.shape[2] not in (3, 4):
        raise BadFrame(f"Bentuk bingkai tidak dikenal: {frame.shape}.")
    elif frame.shape[2] == 4:
        frame = cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
    if frame.dtype != np.uint8:
        raise BadFrame(f"Jenis piksel tidak didukung: {frame.dtype}.")
    if min(frame.shape[:2]) < 32:
        raise BadFrame("Bingkai terlalu kecil.")
    return frame


def _main_face(faces: np.ndarray) -> int:
    """The citizen is the biggest face (widest iris distance)."""
    return int(np.argmax([np.linalg.norm(f[473, :2] - f[468, :2]) for f in faces]))


class PhotoGate:
    """Holds the MediaPipe graphs; judge() is the pure part: frame -> Verdict.

    live=True tracks the face across frames (faster, for a camera); live=False treats every frame as
    unrelated (for still files).
    """

    def __init__(self, config: GateConfig | None = None, live: bool = False) -> None:
        self.config = config or GateConfig()
        self._mesh = FaceMesh(live=live, max_faces=self.config.max_faces)
        self._person = PersonMask()

    def close(self) -> None:
        self._mesh.close()
        self._person.close()

    def __enter__(self) -> PhotoGate:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def judge(self, frame: np.ndarray) -> Verdict:
        frame = validate_frame(frame)
        cfg = self.config
        faces = self._mesh.landmarks(frame)
        count = checks.face_count(len(faces))
        if len(faces) == 0:
            return Verdict({"face_count": count, **checks.unmeasured()}, 0)
        h, w = frame.shape[:2]
        g = measure(
            faces[_main_face(faces)], cfg.head_height_ratio, cfg.eye_line_from_top, cfg.crop_width / cfg.crop_height
        )
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        fs = face_stats(gray, g)
        small, person, scale = self._person.mask(frame)
        bs = background_stats(small, person, scale, g)
        found: list[Check] = [count]
        found += checks.geometry_checks(g, w, h, cfg)
        found += checks.image_checks(fs, cfg)
        found += checks.background_checks(bs, cfg)
        return Verdict({c.name: c for c in found}, len(faces), g, bs.rgb, fs.sharpness)


def crop_id_photo(frame: np.ndarray, g: FaceGeometry, width: int, height: int) -> np.ndarray:
    """The ICAO portrait: eyes level, head centred, eye line and head height as GateConfig says."""
    x0, y0, x1, y1 = g.crop_box
    c = g.eyes_centre
    rot = cv2.getRotationMatrix2D((float(c[0]), float(c[1])), g.roll, 1.0)
    sx, sy = width / (x1 - x0), height / (y1 - y0)
    to_box = np.array([[sx, 0, -x0 * sx], [0, sy, -y0 * sy]])
    m = to_box @ np.vstack([rot, [0, 0, 1]])
    return cv2.warpAffine(frame, m, (width, height), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
