"""Every threshold of the gate, in one place. An office overrides them with gate.json in its data folder
(or, later, with master data from the central server)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from station.domain.errors import InvalidInput


@dataclass(frozen=True)
class GateConfig:
    # Pose, degrees. ISO/IEC 19794-5 Cor.2: yaw and pitch within +-5, roll +-8 (best practice +-5).
    max_yaw: float = 5.0
    max_pitch: float = 5.0
    max_roll: float = 8.0
    # Eyes: probability that both eyes are open (eyes.py: lid geometry and eye-patch appearance of both
    # eyes; trained by scripts/train_gate.py, measured held-out in tests/test_gate_models.py).
    min_eyes_open: float = 0.5
    # Live: a frame whose lid gap drops below this share of the citizen's own recent open gap is a blink.
    blink_ratio: float = 0.6
    # Glasses (Dukcapil: taken off for the photo): probability from glasses.py at or above this refuses.
    max_glasses: float = 0.6
    # Hair or a cap over the eyebrows: share of skin-like pixels just above the brows (occlusion.py).
    min_brows_visible: float = 0.08
    # A mask or a veil below the eyes: share of skin-like pixels on the lower half of the nose.
    min_lower_face_visible: float = 0.06
    # Eye region brightness over face brightness: dark glasses or hair over the eyes drop it.
    min_eye_visibility: float = 0.28
    # Inner-lip gap over mouth width.
    max_mouth_open: float = 0.10
    # Face size: distance between the iris centres, pixels. ISO/IEC 19794-5 token image: 60 (90 is best).
    min_eye_distance: float = 60.0
    # Head centre offset from the frame centre, as a fraction of the frame width.
    max_centre_offset: float = 0.20
    # Exposure of the face region (8-bit luminance).
    min_face_brightness: float = 70.0
    max_face_brightness: float = 205.0
    max_clipped_fraction: float = 0.06  # face pixels at <= 5 or >= 250
    min_dynamic_range: float = 70.0  # p99 - p1 of face luminance
    min_illumination_ratio: float = 0.60  # darker half of the face over the lighter half
    # Sharpness: fine detail over edge contrast on the central face, weakest direction, at a normalised
    # scale (iris distance 56 px); see imagestats._sharpness.
    min_sharpness: float = 0.33
    # Background: share of edge pixels behind the head (segmentation mask), and its spread.
    max_background_edges: float = 0.08
    max_background_spread: float = 28.0
    # Some offices require a set background colour (e.g. "#1f4e9a"); off by default.
    required_background: str | None = None
    max_background_colour_distance: float = 60.0
    # Dukcapil's card backdrop: red for a citizen born in an odd year, blue for an even one. Off by default;
    # when on, checked once the birth year (from the NIK / biodata) is known. Judged by hue (degrees).
    backdrop_by_birth_year: bool = False
    backdrop_red: str = "#db1514"
    backdrop_blue: str = "#0090ff"
    max_backdrop_hue_difference: float = 35.0
    # Deliver the ID crop with the background replaced by the required colour, from the person mask the
    # gate computed (the full frame is always kept as taken). Off by default.
    replace_backdrop: bool = False
    # Live capture: all checks pass for this long, head steady, then the sharpest frame is kept.
    steady_seconds: float = 0.5
    max_steady_motion: float = 0.08  # eye-centre drift over the stretch, in iris distances
    pose_smoothing_frames: int = 5  # live: median yaw/pitch of the last N frames of a still head (1 = off)
    # The kept photo: ICAO portrait geometry, 3:4.
    crop_width: int = 480
    crop_height: int = 640
    head_height_ratio: float = 0.72  # crown-to-chin over photo height (ICAO: 0.70-0.80)
    eye_line_from_top: float = 0.44  # eye line over photo height, from the top (ICAO: 0.30-0.50)
    # The crop may run past the frame by this share of its height (filled from the plain border), never the head.
    crop_border_allowance: float = 0.06
    max_faces: int = 4  # how many faces MediaPipe looks for (to see someone behind the citizen)

    def with_overrides(self, values: dict) -> GateConfig:
        """These values instead of the defaults, each of the default's type; InvalidInput names the first bad one."""
        if not isinstance(values, dict):
            raise InvalidInput("Pengaturan gerbang foto harus berupa objek JSON {nama: nilai}.")
        known = {f.name: f for f in fields(self)}
        unknown = set(values) - set(known)
        if unknown:
            raise InvalidInput(f"Pengaturan gerbang foto tidak dikenal: {', '.join(sorted(unknown))}.")
        for name, value in values.items():
            if not _fits(getattr(self, name), value):
                raise InvalidInput(f"Nilai pengaturan gerbang foto {name} tidak sah: {value!r}.")
        return replace(self, **values)

    @classmethod
    def load(cls, data_dir: Path | None) -> GateConfig:
        """The office's gate.json over the defaults; a damaged file is reported, never a traceback."""
        path = Path(data_dir) / "gate.json" if data_dir else None
        if not (path and path.exists()):
            return cls()
        try:
            values = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise InvalidInput(f"Berkas {path} rusak atau bukan JSON: {err}.") from None
        return cls().with_overrides(values)

    def to_dict(self) -> dict:
        return asdict(self)


def _fits(default: object, value: object) -> bool:
    """Is value of the kind the default is (an int where an int is meant, a number where a float is)?"""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if default is None:
        return value is None or isinstance(value, str)
    return isinstance(value, type(default))
