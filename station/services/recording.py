"""Accepting a citizen's record: the rules, the photo and the commit, as one use case."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import cv2
import numpy as np

from station.domain.enrolment import Enrolment, validate
from station.domain.problems import Problem
from station.domain.regions import Regions
from station.domain.waivers import Waiver
from station.quality.live import Capture
from station.storage import RecordStore

JPEG_QUALITY = 90
log = logging.getLogger(__name__)


class NotAcceptable(ValueError):
    """The form or the photo does not meet the rules; .problems says what, in Indonesian."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def encode_jpeg(image: np.ndarray, quality: int = JPEG_QUALITY) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("Foto tidak bisa dikodekan ke JPEG.")
    return buf.tobytes()


@dataclass(frozen=True)
class Accepted:
    uuid: str
    waived: tuple[str, ...]


def quality_summary(capture: Capture, waiver: Waiver | None) -> dict:
    v = capture.verdict
    return {
        "checks": {
            n: {"value": None if c.value is None else round(float(c.value), 4), "ok": c.ok} for n, c in v.checks.items()
        },
        "background_rgb": list(v.background_rgb) if v.background_rgb else None,
        "waiver": waiver.to_dict() if waiver else None,
        "gate_refusals": capture.refusals,
    }


def accept_record(
    store: RecordStore,
    regions: Regions,
    enrolment: Enrolment,
    capture: Capture,
    operator: str,
    waiver: Waiver | None = None,
    record_uuid: str | None = None,
    today: dt.date | None = None,
) -> Accepted:
    """Check everything once more, then commit record + photos + outbox entry in one transaction."""
    problems = validate(enrolment, regions, today)
    waived = frozenset(waiver.checks) if waiver else frozenset()
    if waiver:
        waiver.validate()
    verdict = capture.verdict.with_waivers(waived)
    if not verdict.accepted:
        problems += [Problem("foto", f"photo_{n}", verdict.checks[n].message) for n in verdict.reasons]
    if problems:
        log.info("record refused: %s", sorted({p.code for p in problems}))  # codes only, never the values
        raise NotAcceptable(problems)
    uuid = store.accept(
        enrolment,
        crop=encode_jpeg(capture.crop),
        frame=encode_jpeg(capture.frame, 85),
        operator=operator,
        quality=quality_summary(capture, waiver),
        record_uuid=record_uuid,
    )
    log.info("record accepted uuid=%s waived=%s", uuid, sorted(waived))
    return Accepted(uuid, tuple(sorted(waived)))
