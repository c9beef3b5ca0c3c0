"""Live capture: auto-accept after a steady good stretch, keeping its sharpest frame.

A functional core: LiveCapture.update(frame, verdict, t) -> LiveState. The camera thread, timers and
widgets live outside. A blink, a twitch or a failed check restarts the count, so nothing slips through.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from station.quality.config import GateConfig
from station.quality.gate import crop_id_photo
from station.quality.verdict import Verdict


@dataclass(frozen=True)
class Capture:
    frame: np.ndarray  # the full camera frame that was kept
    crop: np.ndarray  # the ICAO portrait crop of it
    verdict: Verdict
    at: float  # the frame's timestamp, seconds
    refusals: dict[str, int] = field(default_factory=dict)  # frames refused before it, by first reason


@dataclass(frozen=True)
class LiveState:
    progress: float  # 0..1 of the steady stretch
    capture: Capture | None  # set once, when the stretch completes
    steady: bool


class LiveCapture:
    def __init__(self, config: GateConfig | None = None) -> None:
        self.config = config or GateConfig()
        self.reset()

    def reset(self) -> None:
        """Start over (retake)."""
        self._start: float | None = None
        self._anchor: np.ndarray | None = None
        self._best: tuple[float, np.ndarray, Verdict, float] | None = None
        self.captured: Capture | None = None
        self.refusals: Counter = Counter()

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
        if not verdict.accepted or not self._steady_with(verdict):
            self._start = None
            self._anchor = None
            self._best = None
            if verdict.accepted:  # good but moved: this frame starts a new stretch
                return self.update(frame, verdict, t)
            return LiveState(0.0, None, False)
        if self._start is None:
            self._start, self._anchor = t, verdict.geometry.eyes_centre.copy()
        if self._best is None or verdict.sharpness > self._best[0]:
            self._best = (verdict.sharpness, frame.copy(), verdict, t)
        progress = min(1.0, (t - self._start) / self.config.steady_seconds)
        if progress < 1.0:
            return LiveState(progress, None, True)
        _, best_frame, best_verdict, best_t = self._best
        cfg = self.config
        crop = crop_id_photo(best_frame, best_verdict.geometry, cfg.crop_width, cfg.crop_height)
        self.captured = Capture(best_frame, crop, best_verdict, best_t, dict(self.refusals))
        return LiveState(1.0, self.captured, True)
