"""What the gate needs besides the landmarks: the person mask (background checks, backdrop) and, live, where
the faces are. Computed on a second thread while the face mesh runs: MediaPipe lets go of Python while its
graphs run, so on two cores this costs little of the frame's time.

Live, the two take turns: one frame refreshes the mask, the next the faces, so each is at most one frame
(about 33 ms) old; the first frame gets both. A frame that is kept as the photo is judged `complete` again
(LiveCapture's confirm): its own mask and its own faces.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from station.quality.landmarks import FaceFinder, PersonMask, shrink_for_mask

NO_BOXES = np.zeros((0, 4), np.float32)


@dataclass(frozen=True)
class Seen:
    small: np.ndarray  # the frame shrunk for the mask (always this frame's)
    person: np.ndarray  # person probability on `small` (this frame's, or the previous frame's live)
    scale: float
    boxes: np.ndarray  # (n, 4) faces the detector found, x0 y0 x1 y1 (empty when it is not asked: stills)
    fresh: bool  # the boxes are this frame's


class Surroundings:
    def __init__(self, live: bool, find_faces: bool) -> None:
        self._live = live
        self._person = PersonMask()
        self._finder = FaceFinder() if find_faces else None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="gate-surroundings")
        self._turn = 0
        self._mask: np.ndarray | None = None
        self._boxes = NO_BOXES

    def start(self, frame: np.ndarray, complete: bool) -> Future[Seen]:
        return self._thread.submit(self._see, frame, complete)

    def _see(self, frame: np.ndarray, complete: bool) -> Seen:
        small, scale = shrink_for_mask(frame)
        self._turn += 1
        first = self._turn == 1
        mask_turn = complete or first or not self._live or self._turn % 2 == 1
        if mask_turn or self._mask is None or self._mask.shape != small.shape[:2]:
            self._mask = self._person.probability(small)
        fresh = self._finder is not None and (complete or first or self._turn % 2 == 0)
        if fresh:
            self._boxes = self._finder.boxes(frame)
        return Seen(small, self._mask, scale, self._boxes, fresh)

    def close(self) -> None:
        self._thread.shutdown(wait=True)
        self._person.close()
        if self._finder is not None:
            self._finder.close()
