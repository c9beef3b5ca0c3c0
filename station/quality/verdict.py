"""A gate's answer for one frame: each check's measured value, pass/fail, and what to fix."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from station.quality.geometry import FaceGeometry

# Order in which problems are told to the operator: the first one to fix comes first.
CHECK_ORDER = (
    "face_count",
    "eye_distance",
    "crop_margin",
    "head_centred",
    "yaw",
    "pitch",
    "roll",
    "glasses",
    "brows_visible",
    "lower_face_visible",
    "eyes_open",
    "eyes_visible",
    "mouth_closed",
    "exposure",
    "clipping",
    "dynamic_range",
    "illumination",
    "sharpness",
    "background",
    "background_colour",
    "backdrop_year",
)


@dataclass(frozen=True)
class Check:
    name: str
    value: float | None  # None when it could not be measured (no face)
    ok: bool
    message: str = ""  # Indonesian, what to fix; empty when ok


@dataclass(frozen=True)
class Verdict:
    checks: dict[str, Check]
    faces: int
    geometry: FaceGeometry | None = None
    background_rgb: tuple[int, int, int] | None = None
    sharpness: float = 0.0  # kept for choosing the best frame of a steady stretch
    waived: frozenset[str] = field(default_factory=frozenset)
    person: np.ndarray | None = None  # selfie-segmentation probability on the frame shrunk by person_scale
    person_scale: float = 1.0
    backdrop: tuple[str, str] | None = None  # (name, "#rrggbb") the backdrop must be for this citizen

    @property
    def reasons(self) -> list[str]:
        """Failed checks that were measured (an unmeasured check fails because face_count did)."""
        return [n for n in CHECK_ORDER if n in self.checks and self._fails(self.checks[n])]

    def _fails(self, c: Check) -> bool:
        if c.ok or c.name in self.waived:
            return False
        return c.value is not None or c.name == "face_count"

    @property
    def accepted(self) -> bool:
        return self.faces == 1 and not self.reasons and all(c.ok or c.name in self.waived for c in self.checks.values())

    @property
    def messages(self) -> list[str]:
        return [self.checks[n].message for n in self.reasons]

    @property
    def eyes_open(self) -> bool | None:
        c = self.checks.get("eyes_open")
        return None if c is None or c.value is None else c.ok

    def with_waivers(self, names: frozenset[str]) -> Verdict:
        return replace(self, waived=names)

    def to_json(self, file: str) -> dict:
        """The check-photo --json contract (issue 3). Field names are relied on by outside scripts."""
        g = self.geometry

        def rnd(v: float | None) -> float | None:
            return None if v is None else round(float(v), 3)

        return {
            "file": file,
            "accepted": self.accepted,
            "faces": self.faces,
            "eyes_open": self.eyes_open,
            "yaw": rnd(g.yaw) if g else None,
            "pitch": rnd(g.pitch) if g else None,
            "roll": rnd(g.roll) if g else None,
            "checks": {n: {"value": rnd(c.value), "ok": c.ok} for n, c in self.checks.items()},
            "reasons": self.reasons,
            "messages": self.messages,
            "background_rgb": list(self.background_rgb) if self.background_rgb else None,
            "backdrop_required": self.backdrop[1] if self.backdrop else None,
        }
