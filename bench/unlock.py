"""Unlock time: opening a station's database (with the whole-file quick_check before anything is written) and
logging in (scrypt unwrap of the data key, the login's transaction), each the median of 5 runs; and the bare
scrypt derivation at the old (n=2^15) and the current cost, so the price of the raise is visible on this
machine.

    python bench/unlock.py [--records N] [--runs 5] [--json]

Run it with PYTHONPATH pointing at an older checkout to measure that version's unlock the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("STATION_BENCH_ROOT", Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(ROOT))

from station.domain.enrolment import Enrolment  # noqa: E402
from station.domain.payload import Photo  # noqa: E402
from station.services.station import Station  # noqa: E402
from station.storage import crypto  # noqa: E402

PASSWORD = "bangku-kayu-jati-17"


def median_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=1000, help="records (40 KB photo each) in the database")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="station-unlock-"))
    with Station(folder) as station:
        station.accounts.first_start("ST-BENCH", "33.24.01", "bench", PASSWORD)
        for i in range(args.records):
            e = Enrolment(nik=f"332401550890{i % 9999 + 1:04d}", nama=f"Warga {i}")
            station.records.store_unchecked(e, {"crop": Photo(os.urandom(40_000))}, {})
    opened, logged = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        station = Station(folder)
        station.info()  # the first unit of work: the database is open and checked
        t_open = time.perf_counter()
        station.accounts.login("bench", PASSWORD)
        opened.append(t_open - t)
        logged.append(time.perf_counter() - t_open)
        station.close()
    salt = os.urandom(16)
    kdf = {
        f"2^{n}": median_of(
            args.runs,
            lambda n=n: hashlib.scrypt(b"x" * 12, salt=salt, n=2**n, r=8, p=1, dklen=32, maxmem=256 * 2**20),
        )
        for n in (15, 17)
    }
    med = statistics.median
    result = {
        "scrypt": dict(crypto.SCRYPT),
        "records": args.records,
        "db_mb": round(sum(p.stat().st_size for p in folder.glob("station.db*")) / 2**20, 1),
        "open_s_median": round(med(opened), 3),
        "login_s_median": round(med(logged), 3),
        "unlock_s_median": round(med(o + g for o, g in zip(opened, logged, strict=True)), 3),
        "kdf_s_median": {k: round(v, 3) for k, v in kdf.items()},
        "runs": args.runs,
        "code": str(ROOT),
    }
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result) if args.json else "\n".join(f"{k:18s} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
