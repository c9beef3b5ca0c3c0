"""How long a jemput-bola bundle of 1,000 records takes to import: at an office station (`station import`:
signature by the registered key, key derivation, inflation, every field, every payload digest and the domain's
rules, then one transaction) and at the centre (`python -m sync.server import-bundle` into a fresh SQLite
database). Realistic records: forms that pass every rule, a 30-60 KB crop and an 80 KB frame each.

    python bench/bundle.py [--records N] [--repeats K] [--json]

Each repeat imports the same bundle into a fresh copy of the office station (registered, station list pulled)
and into a fresh central database, so every run stores N new records. Medians over the repeats.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session  # noqa: E402

from station.bundle_format import KDF  # noqa: E402
from station.domain.payload import Photo  # noqa: E402
from station.services.station import Station  # noqa: E402
from sync.server.bundles import import_bundle  # noqa: E402
from sync.server.db import open_engine  # noqa: E402
from sync.server.models import StationRow  # noqa: E402
from tests.central import start_central  # noqa: E402
from tests.forge import TRANSFER, citizen  # noqa: E402
from tests.tls import make_ca_and_server  # noqa: E402

PASSWORD = "bench-password-1"


def station(folder: Path, station_id: str) -> Station:
    s = Station(folder)
    if s.accounts.configured:
        s.accounts.login("bench", PASSWORD)
    else:
        s.accounts.first_start(station_id, "33.24.01", "bench", PASSWORD)
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    central = start_central(tmp, *make_ca_and_server(tmp / "tls"))
    try:
        rng = random.Random(1)
        with station(tmp / "mobile", "ST-MOBILE") as mobile:
            for i in range(args.records):
                crop, frame = os.urandom(rng.randint(30_000, 60_000)), os.urandom(80_000)
                mobile.records.store_unchecked(citizen(i), {"crop": Photo(crop), "frame": Photo(frame)}, {})
            mobile.sync.register(central.url, central.code(mobile), central.ca)
            t = time.perf_counter()
            data, n = mobile.transfer.export(TRANSFER)
            export_s = time.perf_counter() - t
        assert n == args.records
        with closing(sqlite3.connect(central.db)) as conn:  # ST-MOBILE's key as the centre registered it
            [(signing_key,)] = conn.execute("SELECT signing_public_key FROM stations WHERE station_id = 'ST-MOBILE'")
        with station(tmp / "office", "ST-OFFICE") as office:
            office.sync.register(central.url, central.code(office), central.ca)
            office.sync.pull_master_data()  # the station list: which key signs ST-MOBILE's bundles

        station_runs, central_runs = [], []
        for k in range(args.repeats):
            run = tmp / f"office-{k}"
            shutil.copytree(tmp / "office", run)
            with station(run, "ST-OFFICE") as office:
                t = time.perf_counter()
                report = office.transfer.import_bundle(data, TRANSFER)
                station_runs.append(time.perf_counter() - t)
            assert report.imported == args.records, report

            url = f"sqlite:///{tmp / f'central-{k}.db'}"
            engine = open_engine(url)
            with Session(engine) as s, s.begin():
                s.add(
                    StationRow(
                        station_id="ST-MOBILE",
                        kecamatan="33.24.01",
                        key_sha256="-" * 64,
                        registered_at="2026-12-01T00:00:00+00:00",
                        signing_public_key=signing_key,
                    )
                )
            engine.dispose()
            t = time.perf_counter()
            result = import_bundle(url, data, TRANSFER)
            central_runs.append(time.perf_counter() - t)
            assert result.outcomes == {"stored": args.records}, result
        out = {
            "records": args.records,
            "bundle_mb": round(len(data) / 1e6, 1),
            "kdf_n": KDF["n"],
            "export_s": round(export_s, 2),
            "station_import_s": round(statistics.median(station_runs), 2),
            "station_records_per_s": round(args.records / statistics.median(station_runs), 1),
            "central_import_s": round(statistics.median(central_runs), 2),
            "central_records_per_s": round(args.records / statistics.median(central_runs), 1),
            "repeats": args.repeats,
            "station_runs_s": [round(x, 2) for x in station_runs],
            "central_runs_s": [round(x, 2) for x in central_runs],
        }
    finally:
        central.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(out) if args.json else "\n".join(f"{k:22s} {v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
