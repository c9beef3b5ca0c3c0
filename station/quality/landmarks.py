"""MediaPipe behind a small interface: face-mesh landmarks (478 with iris) and a person mask.

Landmarks come back in pixels of the frame given, as float32 arrays (faces, 478, 3); z is in the
same units as x. Stills are judged in static mode; live video in tracking mode, which is ~2x faster.
Tracking pays only while it follows as many faces as it may: asked for four with one in view, MediaPipe
runs its face detector on every frame to look for the other three. Live video therefore tracks one face
and finds faces with the same short-range detector on its own (FaceFinder), beside it on a second core.
"""

from __future__ import annotations

import os
import threading

import cv2
import numpy as np

os.environ.setdefault("GLOG_minloglevel", "2")  # keep MediaPipe's C++ logging out of the console
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import mediapipe as mp  # noqa: E402

MAX_SIDE = 1280  # stills larger than this are shrunk for the landmark model (it sees 192 px faces)
SEGMENT_WIDTH = 256  # the selfie model's own input size; a bigger frame only costs resizing
STILL_PAD = 0.25  # plain border put around a still with no face found, as a share of its longer side


class FaceMesh:
    def __init__(self, live: bool, max_faces: int = 4) -> None:
        self.live, self.max_faces = live, max_faces
        self._mesh = self._new()
        self._lock = threading.Lock()  # a MediaPipe graph is not re-entrant

    def _new(self):
        return mp.solutions.face_mesh.FaceMesh(
            static_image_mode=not self.live,
            max_num_faces=self.max_faces,
            refine_landmarks=True,
            min_detection_confidence=0.5,
            min_tracking_confidence=0.5,
        )

    def landmarks(self, bgr: np.ndarray) -> np.ndarray:
        faces = self._run(bgr, 0)
        if len(faces) == 0 and not self.live:
            # A still may be a tight crop (face to the edges): the face detector wants room around it.
            faces = self._run(bgr, round(STILL_PAD * max(bgr.shape[:2])))
        return faces

    def _run(self, bgr: np.ndarray, pad: int) -> np.ndarray:
        if pad:
            bgr = cv2.copyMakeBorder(bgr, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(128, 128, 128))
        h, w = bgr.shape[:2]
        scale = min(1.0, MAX_SIDE / max(h, w))
        small = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else bgr
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        with self._lock:
            result = self._mesh.process(rgb)
        faces = result.multi_face_landmarks or []
        if not faces:
            return np.zeros((0, 478, 3), np.float32)
        pts = np.array([[(p.x, p.y, p.z) for p in f.landmark] for f in faces], np.float32)
        pts *= np.array([w, h, w], np.float32)
        pts[:, :, :2] -= pad
        return pts

    def restart(self) -> None:
        """Forget the face being tracked: the next frame starts from the detector again."""
        with self._lock:
            self._mesh.close()
            self._mesh = self._new()

    def close(self) -> None:
        self._mesh.close()


class FaceFinder:
    """Where the faces are: MediaPipe's short-range detector, the one the face mesh starts from (faces within
    about 2 m), at the mesh's own threshold. Live video uses it to see someone behind the citizen while the
    mesh tracks only the citizen, and to check that the tracked face is the citizen's (the biggest)."""

    def __init__(self, min_confidence: float = 0.5) -> None:
        detection = mp.solutions.face_detection
        self._det = detection.FaceDetection(model_selection=0, min_detection_confidence=min_confidence)
        self._lock = threading.Lock()

    def boxes(self, bgr: np.ndarray) -> np.ndarray:
        """(n, 4) float32 boxes x0, y0, x1, y1 in pixels of the frame, one per face."""
        h, w = bgr.shape[:2]
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        with self._lock:
            result = self._det.process(rgb)
        out = np.zeros((len(result.detections or []), 4), np.float32)
        for i, d in enumerate(result.detections or []):
            b = d.location_data.relative_bounding_box
            out[i] = (b.xmin * w, b.ymin * h, (b.xmin + b.width) * w, (b.ymin + b.height) * h)
        return out

    def close(self) -> None:
        self._det.close()


def shrink_for_mask(bgr: np.ndarray) -> tuple[np.ndarray, float]:
    """The frame at SEGMENT_WIDTH, and the scale from the frame to it."""
    h, w = bgr.shape[:2]
    scale = SEGMENT_WIDTH / w
    small = cv2.resize(bgr, (SEGMENT_WIDTH, max(1, round(h * scale))), interpolation=cv2.INTER_LINEAR)
    return small, scale


class PersonMask:
    def __init__(self) -> None:
        # The landscape model (144x256 input) runs in ~1.2 ms against ~2.1 ms for the square one, and a
        # background's plainness does not need a finer mask.
        self._seg = mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=1)
        self._lock = threading.Lock()

    def mask(self, bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
        """The frame shrunk to SEGMENT_WIDTH, the person probability on it (float32, 0..1), and the scale."""
        small, scale = shrink_for_mask(bgr)
        return small, self.probability(small), scale

    def probability(self, small_bgr: np.ndarray) -> np.ndarray:
        with self._lock:
            result = self._seg.process(cv2.cvtColor(small_bgr, cv2.COLOR_BGR2RGB))
        return result.segmentation_mask

    def close(self) -> None:
        self._seg.close()
