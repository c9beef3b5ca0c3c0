"""Run as a program (tests/test_ui_close_after_camera.py): open the window, let the camera run until its frames
reach the window, close the window; N times in one process. A Qt/PySide release that breaks object lifetimes
crashes here (issue 14, defect 9: PySide6-Essentials 6.12.0 died in none_dealloc at close after camera use)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station.camera import ImageFolder  # noqa: E402
from tests.stations import new_station  # noqa: E402
from tests.ui_driver import make_window  # noqa: E402


def main(faces: Path, times: int) -> int:
    data = Path(tempfile.mkdtemp())
    station = new_station(data)
    frames = 0
    for _ in range(times):
        window = make_window(station, data, lambda: ImageFolder(faces))
        seen = []
        window.camera.frame.connect(lambda *_, seen=seen: seen.append(1))
        window.camera.start()
        end = time.monotonic() + 60
        while not seen and time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)
        frames += bool(seen)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    station.close()
    print(f"closed {times} times, frames seen in {frames}")
    return 0 if frames == times else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2])))
