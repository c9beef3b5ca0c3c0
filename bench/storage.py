"""Accepted records committed per second: record + 40 KB photo + outbox entry, one transaction each,
WAL with synchronous=FULL (every commit fsynced), in a fresh database file.

    python bench/storage.py [--count N] [--dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station.domain.enrolment import Enrolment  # noqa: E402
from station.domain.payload import Photo  # noqa: E402
from station.services.station import Station  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--dir", type=Path, default=None, help="where to put the database (default: a temp folder)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(dir=args.dir))
    photos = [os.urandom(40_000) for _ in range(16)]  # JPEG-like: incompressible
    with Station(folder) as station:
        station.accounts.first_start("ST-BENCH", "33.24.01", "bench", "bench-password")  # unlocked: sealed
        warm = Enrolment(nik="3324015508900001", nama="Pemanasan")
        station.records.store_unchecked(warm, {"crop": Photo(photos[0])}, {})
        ts = []
        t0 = time.perf_counter()
        for i in range(args.count):
            e = Enrolment(nik=f"332401550890{i % 10000:04d}", nama=f"Warga {i}")
            t = time.perf_counter()
            station.records.store_unchecked(e, {"crop": Photo(photos[i % len(photos)])}, {})
            ts.append((time.perf_counter() - t) * 1000)
        total = time.perf_counter() - t0
    result = {
        "commits": args.count,
        "commit_ms_p50": round(float(np.median(ts)), 2),
        "commit_ms_p95": round(float(np.percentile(ts, 95)), 2),
        "commits_per_s": round(args.count / total, 1),
        "commits_per_s_from_median": round(1000 / float(np.median(ts)), 1),
        "photo_bytes": 40_000,
        "synchronous": "FULL",
        "db_bytes": sum(p.stat().st_size for p in folder.iterdir()),
    }
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result) if args.json else "\n".join(f"{k:28s} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
