"""Issue 14, defect 9: the window closed 20 times after camera use, in one process, without a crash. Run as its
own process so that a crash fails this test instead of ending the test run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_window_closes_twenty_times_after_camera_use_without_a_crash(faces_dir, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), STATION_DATA_DIR=str(tmp_path))
    run = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui_close_loop.py"), str(faces_dir / "photos"), "20"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "closed 20 times, frames seen in 20" in run.stdout
