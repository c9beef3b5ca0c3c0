"""Seconds from a cold `python -m station` to the login window being shown (median of runs).

    python bench/startup.py [--runs N] [--json]

Each run starts a fresh interpreter on a fresh data folder that already has a station identity, and
exits as soon as the login dialog is visible (STATION_EXIT_AT_LOGIN=1). Runs offscreen.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station.services.station import Station  # noqa: E402


def prepare() -> Path:
    folder = Path(tempfile.mkdtemp())
    station = Station(folder)
    station.accounts.first_start("ST-01", "33.24.01", "spv", "rahasia-spv-1")
    station.close()
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), STATION_EXIT_AT_LOGIN="1")
    times = []
    for _ in range(args.runs):
        folder = prepare()
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "station", "--data-dir", str(folder)],
            check=True,
            cwd=ROOT,
            env=env,
            capture_output=True,
        )
        times.append(time.perf_counter() - t)
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "login_window_s_p50": round(float(np.median(times)), 2),
        "runs": args.runs,
        "login_window_s_max": round(max(times), 2),
    }
    print(json.dumps(result) if args.json else "\n".join(f"{k:24s} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
