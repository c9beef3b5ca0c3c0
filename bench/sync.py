"""Records per second pushed to the reference central server over loopback with verified TLS, realistic
photos (a 30-60 KB ID crop plus a full frame), and how long a 1,000-record backlog takes.

    python bench/sync.py [--records N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station.domain.enrolment import Enrolment  # noqa: E402
from station.domain.payload import Photo  # noqa: E402
from station.services.station import Station  # noqa: E402
from tests.central import start_central  # noqa: E402
from tests.tls import make_ca_and_server  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    central = start_central(tmp, *make_ca_and_server(tmp / "tls"))
    try:
        rng = random.Random(1)
        with Station(tmp / "station") as station:
            station.accounts.first_start("ST-BENCH", "33.24.01", "bench", "bench-password")  # records are sealed
            total_bytes = 0
            for i in range(args.records):
                crop, frame = os.urandom(rng.randint(30_000, 60_000)), os.urandom(80_000)
                total_bytes += len(crop) + len(frame)
                station.records.store_unchecked(
                    Enrolment(nik=f"332401550890{i % 10000:04d}", nama=f"Warga {i}"),
                    {"crop": Photo(crop), "frame": Photo(frame)},
                    {},
                )
            station.sync.register(central.url, central.code(station), central.ca)
            t = time.perf_counter()
            report = station.sync.run_once()
            elapsed = time.perf_counter() - t
        assert report.remaining == 0, report
        result = {
            "records": args.records,
            "backlog_s": round(elapsed, 2),
            "records_per_s": round(args.records / elapsed, 1),
            "megabytes": round(total_bytes / 1e6, 1),
            "mb_per_s": round(total_bytes / 1e6 / elapsed, 1),
            "batches": report.batches,
        }
    finally:
        central.stop()
    print(json.dumps(result) if args.json else "\n".join(f"{k:16s} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
