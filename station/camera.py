"""Frame sources behind one interface: a webcam, or a stand-in that reads real video or image files.

No Qt here: the window runs a source on a worker thread and drops frames it cannot show in time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from station.domain.errors import StationError
from station.quality.images import ImageRefused, load_image

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp"}
VIDEO_SUFFIXES = {".mp4", ".avi", ".mkv", ".mov", ".webm"}


class CameraError(StationError):
    """The source cannot deliver frames; the message says what to check."""


class FrameSource:
    name = "kamera"
    fps = 30.0

    def frames(self) -> Iterator[tuple[float, np.ndarray | None]]:
        """(timestamp seconds, BGR frame). A frame that could not be decoded arrives as None."""
        raise NotImplementedError

    def close(self) -> None:
        pass


class Webcam(FrameSource):
    def __init__(self, index: int = 0, width: int = 640, height: int = 480) -> None:
        self.name = f"webcam {index}"
        self._cap = cv2.VideoCapture(index)
        if not self._cap.isOpened():
            raise CameraError(f"Webcam {index} tidak ditemukan. Periksa kabel USB atau pilih kamera lain.")
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)

    def frames(self):
        misses = 0
        while True:
            ok, frame = self._cap.read()
            if not ok:
                misses += 1
                if misses > 30:
                    raise CameraError("Webcam berhenti mengirim gambar. Cabut dan pasang lagi kameranya.")
                yield time.monotonic(), None
                continue
            misses = 0
            yield time.monotonic(), frame

    def close(self) -> None:
        self._cap.release()


class VideoFile(FrameSource):
    """Plays a video file at its own frame rate (realtime=True) or as fast as asked (tests)."""

    def __init__(self, path: Path, realtime: bool = True, loop: bool = False) -> None:
        self.path = Path(path)
        self.name = f"video {self.path.name}"
        self.realtime, self.loop = realtime, loop
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            raise CameraError(f"Berkas video tidak bisa dibuka: {self.path}")
        self.fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
        cap.release()

    def frames(self):
        start = time.monotonic()
        n = 0
        while True:
            cap = cv2.VideoCapture(str(self.path))
            while True:
                ok, frame = cap.read()
                if not ok:
                    break
                t = n / self.fps
                if self.realtime:
                    time.sleep(max(0.0, start + t - time.monotonic()))
                yield t, frame
                n += 1
            cap.release()
            if not self.loop:
                return


class ImageFolder(FrameSource):
    """Each image in a folder shown for `hold` seconds: a stand-in camera from still photographs."""

    def __init__(self, folder: Path, hold: float = 1.0, realtime: bool = True, loop: bool = True) -> None:
        self.folder = Path(folder)
        self.files = sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self.files:
            raise CameraError(f"Tidak ada gambar di folder {self.folder}")
        self.name = f"folder {self.folder.name}"
        self.hold, self.realtime, self.loop = hold, realtime, loop

    def frames(self):
        step = 1.0 / self.fps
        t = 0.0
        while True:
            for f in self.files:
                try:  # the same loader as check-photo: a huge or cut-short file is a frame that did not decode
                    frame = load_image(f)
                except ImageRefused:
                    frame = None
                for _ in range(max(1, round(self.hold * self.fps))):
                    if self.realtime:
                        time.sleep(step)
                    yield t, frame
                    t += step
            if not self.loop:
                return


def open_source(spec: str | int | None, realtime: bool = True) -> FrameSource:
    """'0' or 0 -> webcam 0; a video file; a folder of images."""
    if spec is None or str(spec).isdigit():
        return Webcam(int(spec or 0))
    p = Path(spec)
    if p.is_dir():
        return ImageFolder(p, realtime=realtime)
    if p.suffix.lower() in VIDEO_SUFFIXES and p.exists():
        return VideoFile(p, realtime=realtime, loop=realtime)
    raise CameraError(f"Sumber kamera tidak dikenal: {spec}")
