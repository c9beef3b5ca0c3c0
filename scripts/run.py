"""One command for a fresh machine: set up, then start the station window.

    python3.11 scripts/run.py [--data-dir DIR] [--camera SOURCE]

With no webcam the window uses a stand-in camera (a video file or a folder of images).
"""

from __future__ import annotations

import os
import subprocess
import sys

from _bootstrap import ROOT, ensure_qt_x11_libs, ensure_venv


def main() -> int:
    python = ensure_venv(extras="dev")
    ensure_qt_x11_libs()
    env = dict(os.environ)
    if sys.platform == "linux" and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        print("[run] tidak ada layar (DISPLAY kosong): jendela dijalankan offscreen", flush=True)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(python), "-m", "station", *sys.argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
