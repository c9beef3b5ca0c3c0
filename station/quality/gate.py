"""PhotoGate: one frame in, one Verdict out. The same code judges stills (check-photo) and live video."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import cv2
import numpy as np

from station.domain.errors import InvalidInput
from station.quality import checks, eyes, glasses, occlusion, trained
from station.quality.backdrop import hex_rgb, replace_background, required_colour
from station.quality.config import GateConfig
from station.quality.geometry import FaceGeometry, measure
from station.quality.imagestats import background_stats, box_affine, face_stats
from station.quality.landmarks import FaceMesh
from station.quality.pose import Pose, PoseSmoother
from station.quality.surroundings import Seen, Surroundings
from station.quality.training import Linear
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


@cache
def _models() -> tuple[eyes.EyeModel, glasses.GlassesModel]:
    """The trained weights (station/quality/trained.py), decoded once."""
    eye = eyes.EyeModel(Linear.decode("".join(trained.EYE_PATCH)), Linear.decode("".join(trained.EYE_STACK)))
    return eye, glasses.GlassesModel(Linear.decode("".join(trained.GLASSES)))


def _main_face(faces: np.ndarray) -> int:
    """The citizen is the biggest face (widest iris distance)."""
    return int(np.argmax([np.linalg.norm(f[473, :2] - f[468, :2]) for f in faces]))


class PhotoGate:
    """Holds the MediaPipe graphs; judge() is the pure part: frame -> Verdict.

    live=True tracks the face across frames (faster, for a camera) and smooths yaw and pitch over the
    last few frames of a still head (pose.PoseSmoother); live=False treats every frame as unrelated
    (for still files).

    Live, the mesh tracks one face (tracking more makes MediaPipe look for the others on every frame) and
    the faces are found beside it (surroundings.Surroundings, with the person mask, on a second thread).
    The one-face tracker follows whichever face it found first, a bystander's too: when the detector shows
    that the tracked face is not the biggest one (or does not see it at all), the frame is judged by a mesh
    that tracks four faces (the citizen is the biggest), until one face is left, which the one-face tracker
    then finds again.
    """

    def __init__(self, config: GateConfig | None = None, live: bool = False) -> None:
        self.config = config or GateConfig()
        self._finding = live and self.config.max_faces > 1
        self._mesh = FaceMesh(live=live, max_faces=1 if self._finding else self.config.max_faces)
        self._crowd = FaceMesh(live=True, max_faces=self.config.max_faces) if self._finding else None
        self._crowded = False
        self._around = Surroundings(live, find_faces=self._finding)
        frames = self.config.pose_smoothing_frames
        self._smoother = PoseSmoother(frames, self.config.max_steady_motion) if live and frames > 1 else None
        self._eye_model, self._glasses_model = _models()

    def close(self) -> None:
        self._around.close()
        self._mesh.close()
        if self._crowd is not None:
            self._crowd.close()

    def _faces(self, frame: np.ndarray, complete: bool) -> tuple[np.ndarray, int, Seen]:
        """The faces' landmarks, how many faces there are (live: the detector's count too), what is around."""
        around = self._around.start(frame, complete)
        faces = (self._crowd if self._crowded else self._mesh).landmarks(frame)
        seen = around.result()
        if not self._finding or len(faces) == 0:
            return faces, len(faces), seen
        if seen.fresh and not self._crowded and not _is_the_biggest(faces[0], seen.boxes):
            self._crowded = True  # tracking a bystander, or a face the detector does not see
            faces = self._crowd.landmarks(frame)
        elif seen.fresh and self._crowded and len(faces) == 1 == len(seen.boxes):
            self._crowded = False  # one face left, seen by both: the one-face tracker finds it anew
            self._mesh.restart()
        return faces, max(len(faces), len(seen.boxes)), seen

    def __enter__(self) -> PhotoGate:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def judge(self, frame: np.ndarray, birth_year: int | None = None, complete: bool = False) -> Verdict:
        """`birth_year` (from the NIK or the biodata) sets the backdrop colour when the office requires it.
        `complete` (live): this frame's own mask and face count, for a frame about to be kept."""
        frame = validate_frame(frame)
        cfg = self.config
        faces, n, seen = self._faces(frame, complete)
        small, person, scale = seen.small, seen.person, seen.scale
        count = checks.face_count(n)
        backdrop = required_colour(cfg, birth_year)
        if len(faces) == 0:
            if self._smoother is not None:
                self._smoother.reset()
            return Verdict({"face_count": count, **checks.unmeasured()}, 0, backdrop=backdrop)
        h, w = frame.shape[:2]
        g = measure(
            faces[_main_face(faces)], cfg.head_height_ratio, cfg.eye_line_from_top, cfg.crop_width / cfg.crop_height
        )
        if self._smoother is not None:
            steady = self._smoother.update(Pose(g.yaw, g.pitch, g.roll), g.eyes_centre, g.eye_distance)
            g = replace(g, yaw=steady.yaw, pitch=steady.pitch)
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        fs = face_stats(gray, g)
        eyes_open = self._eye_model.probability(eyes.evidence(gray, g.landmarks))
        glasses_seen = self._glasses_model.probability(glasses.eye_band(gray, g.landmarks))
        cover = occlusion.measure(frame, g.landmarks)
        bs = background_stats(small, person, scale, g)
        found: list[Check] = [count]
        found += checks.geometry_checks(g, w, h, cfg)
        found += checks.face_checks(eyes_open, glasses_seen, cover, cfg)
        found += checks.image_checks(fs, cfg)
        year = backdrop if cfg.backdrop_by_birth_year and birth_year is not None else None
        found += checks.background_checks(bs, cfg, year)
        return Verdict(
            {c.name: c for c in found}, n, g, bs.rgb, fs.sharpness, person=person, person_scale=scale,
            backdrop=backdrop,
        )  # fmt: skip


def _is_the_biggest(face: np.ndarray, boxes: np.ndarray) -> bool:
    """Is this face (landmarks) the biggest the detector found? Its eyes' centre must lie in the biggest box."""
    if len(boxes) == 0:
        return False
    x0, y0, x1, y1 = boxes[int(np.argmax((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])))]
    cx, cy = (face[468, :2] + face[473, :2]) / 2
    return bool(x0 <= cx <= x1 and y0 <= cy <= y1)


def crop_id_photo(frame: np.ndarray, g: FaceGeometry, width: int, height: int) -> np.ndarray:
    """The ICAO portrait: eyes level, head centred, eye line and head height as GateConfig says."""
    m = box_affine(g.crop_box, g, 1.0, width, height)
    return cv2.warpAffine(frame, m, (width, height), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)


def id_photo(frame: np.ndarray, v: Verdict, cfg: GateConfig) -> np.ndarray:
    """The crop the office delivers: as taken, or with the background in the required colour when
    GateConfig.replace_backdrop is on and a colour is required (the frame itself is never changed)."""
    crop = crop_id_photo(frame, v.geometry, cfg.crop_width, cfg.crop_height)
    if not cfg.replace_backdrop or v.backdrop is None or v.person is None:
        return crop
    to_crop = box_affine(v.geometry.crop_box, v.geometry, v.person_scale, cfg.crop_width, cfg.crop_height)
    return replace_background(crop, v.person, to_crop, hex_rgb(v.backdrop[1]))
