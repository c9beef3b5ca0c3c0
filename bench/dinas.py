"""The Dinas print office's queries as the PRR backlog grows (the reports speak of tens of thousands).

    python bench/dinas.py [--sizes 1000,10000,30000] [--repeat 5] [--db postgresql+psycopg://...] [--json]

Without --db a throw-away PostgreSQL is started from the OS packages (tests/pg.py). Records are written straight
into central_records (realistic biodata from the demo generator, 30 kecamatan, recorded over the last 60 days);
then the one-time indexing of the records new since the last step (each payload read once, ever), and medians
of: the PRR queue grouped per kecamatan (the /dinas/ page), one batch of 50 made and rolled back, the dashboard,
one public status lookup.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
import uuid as uuidlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from station.domain.regions import load_regions  # noqa: E402
from station.services.demo import fake_enrolment  # noqa: E402
from sync.server.db import open_engine  # noqa: E402
from sync.server.dinas import office  # noqa: E402
from sync.server.dinas.models import BlankoEntryRow  # noqa: E402
from sync.server.models import CentralRecordRow, StationRow  # noqa: E402


def fill(engine, n: int, start: int) -> None:
    regions, rng = load_regions(), random.Random(start)
    kecamatan = [r.code for r in regions.children("33.24")][:30]
    now = dt.datetime.now(dt.UTC)
    rows = []
    for i in range(start, start + n):
        kec = kecamatan[i % len(kecamatan)]
        e = fake_enrolment(rng, regions, kec, now.date())
        created = now - dt.timedelta(days=rng.uniform(0, 60))
        payload = {
            "biodata": e.to_dict(),
            "quality": {},
            "photos": {"crop": "0" * 64},
            "created_at": created.isoformat(),
        }
        rows.append(
            {
                "uuid": str(uuidlib.UUID(int=rng.getrandbits(128), version=4)),
                "station_id": "ST-BENCH",
                "payload_sha256": f"{i:064x}",
                "nik": e.nik,
                "payload": json.dumps(payload),
                "ack_id": f"ACK-{i}",
                "received_at": created.isoformat(),
                "status": "received",
            }
        )
    with Session(engine) as s, s.begin():
        if s.get(StationRow, "ST-BENCH") is None:
            s.add(
                StationRow(
                    station_id="ST-BENCH", kecamatan="33.24.01", key_sha256="b" * 64, registered_at=now.isoformat()
                )
            )
            s.add(
                BlankoEntryRow(
                    day=office.today().isoformat(), kind="received", count=10**6, officer="bench", at=now.isoformat()
                )
            )
            s.flush()
        s.execute(insert(CentralRecordRow), rows)


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1)


def measure(engine, repeat: int, code: str) -> dict:
    def queue():
        with Session(engine) as s, s.begin():  # commits, as a page's request does (the record index)
            office.queue_by_kecamatan(s)

    def batch():
        with Session(engine) as s:
            s.begin()
            office.new_batch(s, office.prr_cards(s, limit=1)[0].kecamatan, 50, "bench")
            s.rollback()

    def board():
        with Session(engine) as s, s.begin():
            office.dashboard(s)

    def lookup():
        with Session(engine) as s:
            assert office.stage_of(s, code)

    with Session(engine) as s, s.begin():
        t = time.perf_counter()
        indexed = office.index_new(s)
        index_ms = (time.perf_counter() - t) * 1000
    return {
        "index_new_records_ms": round(index_ms, 1),
        "indexed": indexed,
        "queue_ms": median_ms(queue, repeat),
        "batch50_ms": median_ms(batch, repeat),
        "dashboard_ms": median_ms(board, repeat),
        "status_lookup_ms": median_ms(lookup, repeat),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,30000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    server = None
    if args.db is None:
        sys.path.insert(0, str(ROOT))
        from tests.pg import PostgresServer

        server = PostgresServer().start()
        args.db = server.database("bench")
    engine = open_engine(args.db)
    results, have = [], 0
    try:
        for size in sorted(int(x) for x in args.sizes.split(",")):
            fill(engine, size - have, have)
            have = size
            with Session(engine) as s:
                rec = s.query(CentralRecordRow).first()
                code = f"EKTP1:{rec.uuid}:{rec.payload_sha256[:10].upper()}"
            row = {"prr_records": size, **measure(engine, args.repeat, code)}
            results.append(row)
            if not args.json:
                print(
                    f"PRR {size:>6}: indeks {row['indexed']:>6} baru {row['index_new_records_ms']:>8} ms  "
                    f"antrean {row['queue_ms']:>7} ms  batch 50 {row['batch50_ms']:>7} ms  "
                    f"dasbor {row['dashboard_ms']:>8} ms  cek status {row['status_lookup_ms']:>6} ms"
                )
    finally:
        engine.dispose()
        if server is not None:
            server.stop()
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
