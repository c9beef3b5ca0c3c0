"""What makes a capture acceptable, and the photo bytes that are stored: the rules a record must meet
before it is committed, shared by the counter and the demo-data tool."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np

from station.domain.enrolment import Enrolment, validate
from station.domain.errors import InvalidInput
from station.domain.problems import Problem
from station.domain.regions import Regions
from station.domain.waivers import Waiver

if TYPE_CHECKING:
    from station.quality.live import Capture

JPEG_QUALITY = 90


class NotAcceptable(InvalidInput):
    """The form or the photo does not meet the rules; .problems says what, in Indonesian."""

    code = "not_acceptable"

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def encode_jpeg(image: np.ndarray, quality: int = JPEG_QUALITY) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise InvalidInput("Foto tidak bisa dikodekan ke JPEG.")
    return buf.tobytes()


@dataclass(frozen=True)
class Accepted:
    uuid: str
    waived: tuple[str, ...]


@dataclass(frozen=True)
class PhotoApproval:
    """The citizen saw the photo and agreed (Dukcapil's letter 400.8.1.2/13999/Dukcapil of October 2024 asks the
    operator to show it and allow a retake). Kept in the record's quality summary: no personal data."""

    approved: bool
    shown_on: str  # "second_screen" (facing the citizen) or "full_window" (the operator turned the screen)
    retakes: int  # photos the citizen refused before this one
    at: str  # UTC stamp

    def to_dict(self) -> dict:
        return {"approved": self.approved, "shown_on": self.shown_on, "retakes": self.retakes, "at": self.at}


def quality_summary(capture: Capture, waiver: Waiver | None, approval: PhotoApproval | None = None) -> dict:
    v = capture.verdict
    return ({"approval": approval.to_dict()} if approval else {}) | {
        "checks": {
            n: {"value": None if c.value is None else round(float(c.value), 4), "ok": c.ok} for n, c in v.checks.items()
        },
        "background_rgb": list(v.background_rgb) if v.background_rgb else None,
        "waiver": waiver.to_dict() if waiver else None,
        "gate_refusals": capture.refusals,
    }


def problems_with(
    enrolment: Enrolment, capture: Capture, waiver: Waiver | None, regions: Regions, today: dt.date
) -> list[Problem]:
    """Everything that stops this record from being accepted: the form's rules, then the photo's checks."""
    problems = validate(enrolment, regions, today)
    if waiver:
        waiver.validate()
    verdict = capture.verdict.with_waivers(frozenset(waiver.checks) if waiver else frozenset())
    return problems + [Problem("foto", f"photo_{n}", verdict.checks[n].message) for n in verdict.reasons]
