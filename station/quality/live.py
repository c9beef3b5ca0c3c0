"""Live capture: auto-accept after a steady good stretch, keeping its sharpest frame.

A functional core: LiveCapture.update(frame, verdict, t) -> LiveState. The camera thread, timers and
widgets live outside. A blink, a twitch or a failed check restarts the count, so nothing slips through.

Blinks are also caught by their pattern in time: the lids' own measure (FaceGeometry.eye_openness) is
compared with the citizen's recent open level, so a half-closed frame at the start or end of a blink is
not kept even when it alone would pass, and narrow eyes are judged against themselves.

The live gate refreshes the person mask and the face count on alternate frames (quality.surroundings);
`confirm` judges the kept frame again with its own, and a frame that then fails starts the stretch over.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from station.quality.config import GateConfig
from station.quality.gate import id_photo
from station.quality.verdict import Verdict


@dataclass(frozen=True)
class Capture:
    frame: np.ndarray  # the full camera frame that was kept, untouched
    crop: np.ndarray  # the ICAO portrait crop of it (background in the official colour if the office asks)
    verdict: Verdict
    at: float  # the frame's timestamp, seconds
    refusals: dict[str, int] = field(default_factory=dict)  # frames refused before it, by first reason


@dataclass(frozen=True)
class LiveState:
    progress: float  # 0..1 of the steady stretch
    capture: Capture | None  # set once, when the stretch completes
    steady: bool


class LiveCapture:
    def __init__(
        self, config: GateConfig | None = None, confirm: Callable[[np.ndarray], Verdict] | None = None
    ) -> None:
        self.config = config or GateConfig()
        self._confirm = confirm
        self.reset()

    def reset(self) -> None:
        """Start over (retake)."""
        self._start: float | None = None
        self._anchor: np.ndarray | None = None
        self._best: tuple[float, np.ndarray, Verdict, float] | None = None
        self.captured: Capture | None = None
        self.refusals: Counter = Counter()
        self._open_level: deque[float] = deque(maxlen=60)  # lid measure of recent open-eyed frames (~2 s)

    def _blinking(self, v: Verdict) -> bool:
        """Lids well below the citizen's own recent open level: a blink starting or ending."""
        openness = getattr(v.geometry, "eye_openness", None)
        if openness is None:
            return False
        now = float(np.mean(openness))
        level = self._open_level
        blink = len(level) >= 5 and now < self.config.blink_ratio * float(np.percentile(level, 80))
        eyes = v.checks.get("eyes_open")
        if eyes is not None and eyes.ok and not blink:
            level.append(now)
        return blink

    def _steady_with(self, v: Verdict) -> bool:
        g = v.geometry
        if g is None or self._anchor is None:
            return True
        drift = float(np.linalg.norm(g.eyes_centre - self._anchor)) / max(g.eye_distance, 1.0)
        return drift <= self.config.max_steady_motion

    def update(self, frame: np.ndarray, verdict: Verdict, t: float) -> LiveState:
        if self.captured is not None:
            return LiveState(1.0, None, True)
        if not verdict.accepted and verdict.reasons:
            self.refusals[verdict.reasons[0]] += 1
        blinking = self._blinking(verdict)
        if blinking and verdict.accepted:
            self.refusals["eyes_open"] += 1
        if not verdict.accepted or blinking or not self._steady_with(verdict):
            self._start = None
            self._anchor = None
            self._best = None
            if verdict.accepted and not blinking:  # good but moved: this frame starts a new stretch
                self._start, self._anchor = t, verdict.geometry.eyes_centre.copy()
                self._best = (verdict.sharpness, frame.copy(), verdict, t)
                return LiveState(0.0, None, True)
            return LiveState(0.0, None, False)
        if self._start is None:
            self._start, self._anchor = t, verdict.geometry.eyes_centre.copy()
        if self._best is None or verdict.sharpness > self._best[0]:
            self._best = (verdict.sharpness, frame.copy(), verdict, t)
        progress = min(1.0, (t - self._start) / self.config.steady_seconds)
        if progress < 1.0:
            return LiveState(progress, None, True)
        _, best_frame, best_verdict, best_t = self._best
        if self._confirm is not None:
            best_verdict = self._confirm(best_frame)
            if not best_verdict.accepted:
                self.refusals[best_verdict.reasons[0] if best_verdict.reasons else "face_count"] += 1
                self._start = self._anchor = self._best = None
                return LiveState(0.0, None, False)
        crop = id_photo(best_frame, best_verdict, self.config)
        self.captured = Capture(best_frame, crop, best_verdict, best_t, dict(self.refusals))
        return LiveState(1.0, self.captured, True)
