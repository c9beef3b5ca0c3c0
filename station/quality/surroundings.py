"""What the gate needs besides the landmarks: the person mask (background checks, backdrop) and, live, how
many faces are in the frame. Computed on a second thread while the face mesh runs: MediaPipe lets go of
Python while its graphs run, so on two cores this costs little of the frame's time.

Live, the two take turns: one frame refreshes the mask, the next the count, so each is at most one frame
(about 33 ms) old, and the count of a frame is never lower than the faces the mesh itself sees. A frame
that is kept as the photo is judged `complete` again (LiveCapture's confirm): its own mask and its own count.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from station.quality.landmarks import FaceCounter, PersonMask, shrink_for_mask


@dataclass(frozen=True)
class Seen:
    small: np.ndarray  # the frame shrunk for the mask (always this frame's)
    person: np.ndarray  # person probability on `small` (this frame's, or the previous frame's live)
    scale: float
    faces: int  # faces the detector counted (0 when the mesh is asked to count, for stills)


class Surroundings:
    def __init__(self, live: bool, count_faces: bool) -> None:
        self._live = live
        self._person = PersonMask()
        self._counter = FaceCounter() if count_faces else None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="gate-surroundings")
        self._turn = 0
        self._mask: np.ndarray | None = None
        self._faces = 0

    def start(self, frame: np.ndarray, complete: bool) -> Future[Seen]:
        return self._thread.submit(self._see, frame, complete)

    def _see(self, frame: np.ndarray, complete: bool) -> Seen:
        small, scale = shrink_for_mask(frame)
        self._turn += 1
        mask_turn = complete or not self._live or self._turn % 2 == 1
        if mask_turn or self._mask is None or self._mask.shape != small.shape[:2]:
            self._mask = self._person.probability(small)
        if self._counter is not None and (complete or self._turn % 2 == 0):
            self._faces = self._counter.count(frame)
        return Seen(small, self._mask, scale, self._faces)

    def close(self) -> None:
        self._thread.shutdown(wait=True)
        self._person.close()
        if self._counter is not None:
            self._counter.close()
