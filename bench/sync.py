"""Sync figures, on real photographs: records per second to the reference central server over loopback with
verified TLS, what a record costs on the wire against the bytes of its images, a 1,000-record backlog, and a
150-record day over a simulated 3G-class field link (1 Mbit/s each way, 300 ms round trip, through a local
shaping proxy: tests/wire.py ShapedLink).

Each record carries a real ID crop (480x640, JPEG q90, 30-60 KB, from ../shared/faces/pose) and the camera
frame it came from (640x480, q85), both made unique per record (a few pixels' shift) so content addressing
cannot make a repeat look free.

    python bench/sync.py [--records N] [--day N] [--no-slow] [--pg] [--blobs MODULE:FUNCTION] [--json]

The centre's database is SQLite (the reference server's default) unless --pg: then the backlog is also run on a
throw-away PostgreSQL started from the OS packages with fsync and full-page writes on, as a real centre runs
(tests/pg.py), and its processes' CPU is counted too (`pg_*` fields).

--blobs names a function (index, rng) -> {kind: bytes} whose blobs are added to every record (stored beside the
photos, sent the same way): the biometrics engineer's hook for fingerprints, irises and the signature image.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from station.domain.enrolment import Enrolment  # noqa: E402
from station.domain.payload import Photo  # noqa: E402
from station.services.station import Station  # noqa: E402
from tests.central import start_central  # noqa: E402
from tests.tls import make_ca_and_server  # noqa: E402
from tests.wire import ShapedLink  # noqa: E402

FACES = ROOT.parent / "shared" / "faces" / "pose"
ExtraBlobs = Callable[[int, random.Random], dict[str, bytes]]


def sources(limit: int = 60) -> list[np.ndarray]:
    """Real photographs whose ID crop at 480x640 q90 is 30-60 KB (what the live gate stores)."""
    out = []
    for f in sorted(FACES.glob("*.jpg")):
        img = cv2.imread(str(f))
        if img is not None and 30_000 <= len(jpeg(crop(img, 0, 0), 90)) <= 60_000:
            out.append(img)
        if len(out) >= limit:
            break
    if not out:
        raise SystemExit(f"no usable photographs in {FACES}")
    return out


def crop(img: np.ndarray, dx: int, dy: int) -> np.ndarray:
    h, w = img.shape[:2]
    cw = min(w - 8, int((h - 8) * 3 / 4))
    ch = int(cw * 4 / 3)
    x0, y0 = (w - cw) // 2 - 4 + dx, (h - ch) // 2 - 4 + dy
    return cv2.resize(img[y0 : y0 + ch, x0 : x0 + cw], (480, 640), interpolation=cv2.INTER_CUBIC)


def jpeg(img: np.ndarray, quality: int) -> bytes:
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return buf.tobytes()


def photos_for(i: int, pool: list[np.ndarray], rng: random.Random, extra: ExtraBlobs | None) -> dict[str, Photo]:
    img = pool[i % len(pool)]
    dx, dy = rng.randint(0, 8), rng.randint(0, 8)
    frame = cv2.resize(np.roll(img, (dy, dx), axis=(0, 1)), (640, 480))
    photos = {"crop": Photo(jpeg(crop(img, dx, dy), 90)), "frame": Photo(jpeg(frame, 85))}
    for kind, data in (extra(i, rng) if extra else {}).items():
        photos[kind] = Photo(data, "application/octet-stream")
    return photos


def fill(folder: Path, station_id: str, n: int, pool, extra: ExtraBlobs | None, seed: int) -> tuple[Station, int]:
    """A station with n accepted records; returns it (logged in) and the image bytes of all its records."""
    rng = random.Random(seed)
    station = Station(folder)
    station.accounts.first_start(station_id, "33.24.01", "bench", "bench-password-1")
    image_bytes = 0
    for i in range(n):
        photos = photos_for(i, pool, rng, extra)
        image_bytes += sum(len(p.data) for p in photos.values())
        nik = f"3324015508{90 + i % 10:02d}{i % 9999 + 1:04d}"
        station.records.store_unchecked(Enrolment(nik=nik, nama=f"Warga {i}"), photos, {})
    return station, image_bytes


def cpu_s(pid: int | None = None) -> float:
    """CPU seconds (user + system) of this process, or of another one (Linux /proc)."""
    if pid is None:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drain(station: Station, server_pid: int) -> dict:
    """Passes back to back until the outbox is empty: wall seconds, the records' own share of it (blobs, records,
    answers; not the audit trail), and the CPU seconds of the station and of the server."""
    t, cpu, server = time.perf_counter(), cpu_s(), cpu_s(server_pid)
    records_s = 0.0
    while True:
        report = station.sync.run_once()
        records_s += report.records_s
        if not report.remaining:
            break
    return {
        "seconds": time.perf_counter() - t,
        "records_s": records_s,
        "station_cpu_s": cpu_s() - cpu,
        "server_cpu_s": cpu_s(server_pid) - server,
    }


def pg_cpu_s(postmaster: int) -> float:
    """CPU seconds of a PostgreSQL cluster: the postmaster and its children (backends, writer, WAL)."""
    children = [int(p) for p in Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()]
    return sum(cpu_s(p) for p in [postmaster, *children] if Path(f"/proc/{p}").exists())


def run(
    tmp: Path,
    tls,
    name: str,
    n: int,
    pool,
    extra,
    link: ShapedLink | None = None,
    central=None,
    db_url=None,
    db_cpu: Callable[[], float] | None = None,
) -> dict:
    own = central is None
    (tmp / name).mkdir(parents=True, exist_ok=True)
    central = central or start_central(tmp / name, *tls, db_url=db_url)
    try:
        station, image_bytes = fill(tmp / name / "station", f"ST-{name[:8]}", n, pool, extra, seed=len(name))
        with station:
            station.sync.register(central.url, central.code(station), central.ca)
            if link is not None:
                link.target_port = central.port
                sync = replace(station.settings.current.sync, url=link.url, read_timeout_s=120.0)
                station.settings.change(sync=sync)
            before = link.total_bytes if link else 0
            db_before = db_cpu() if db_cpu else 0.0
            timing = drain(station, central.proc.pid)
            wire = (link.total_bytes - before) if link else None
            if db_cpu:  # before the server stops: its database connections' CPU goes with them
                timing["database_cpu_s"] = db_cpu() - db_before
    finally:
        if own:
            central.stop()
    return {"records": n, "image_bytes": image_bytes, "wire_bytes": wire} | timing


def measure(tmp: Path, args: argparse.Namespace, extra: ExtraBlobs | None) -> dict:
    """Every figure of the bench, its databases and servers in tmp."""
    tls = make_ca_and_server(tmp / "tls")
    pool = sources()

    backlogs = [run(tmp, tls, f"backlog{k}", args.records, pool, extra) for k in range(args.repeat)]
    seconds = statistics.median(b["seconds"] for b in backlogs)
    records_s = statistics.median(b["records_s"] for b in backlogs)
    station_cpu = statistics.median(b["station_cpu_s"] for b in backlogs)
    server_cpu = statistics.median(b["server_cpu_s"] for b in backlogs)
    counter = ShapedLink(0)  # counts every byte both ways, TLS and HTTP included
    wire = run(tmp, tls, "wire", args.wire_records, pool, extra, link=counter)
    counter.close()
    result = {
        "records": args.records,
        "records_per_s": round(args.records / seconds, 1),
        "backlog_1000_s": round(seconds * 1000 / args.records, 2),
        "records_only_per_s": round(args.records / records_s, 1),  # blobs + records + answers, not the audit trail
        "station_cpu_ms_per_record": round(1000 * station_cpu / args.records, 2),
        "server_cpu_ms_per_record": round(1000 * server_cpu / args.records, 2),
        "load_average": round(os.getloadavg()[0], 1),  # other work on this machine slows every figure above
        "photo_bytes_per_record": round(wire["image_bytes"] / wire["records"]),
        "wire_bytes_per_record": round(wire["wire_bytes"] / wire["records"]),
        "wire_overhead_pct": round(100 * (wire["wire_bytes"] / wire["image_bytes"] - 1), 2),
        "image_mb_per_s": round(backlogs[0]["image_bytes"] / 1e6 / seconds, 1),
    }
    if args.pg:
        from tests.pg import PostgresServer

        with PostgresServer(durable=True) as pg:
            url, db_cpu = pg.database("bench"), lambda: pg_cpu_s(pg.proc.pid)
            backlog = run(tmp, tls, "pg", args.records, pool, extra, db_url=url, db_cpu=db_cpu)
        result |= {
            "pg_records_per_s": round(args.records / backlog["seconds"], 1),
            "pg_server_cpu_ms_per_record": round(1000 * backlog["server_cpu_s"] / args.records, 2),
            "pg_database_cpu_ms_per_record": round(1000 * backlog["database_cpu_s"] / args.records, 2),
        }
    if not args.no_slow:
        link = ShapedLink(0, rate_bps=1_000_000, rtt_s=0.3)
        day = run(tmp, tls, "slowday", args.day, pool, extra, link=link)
        link.close()
        result |= {
            "slow_link": "1 Mbit/s each way, 300 ms RTT",
            "slow_link_day_records": args.day,
            "slow_link_day_s": round(day["seconds"], 1),
            "slow_link_wire_bytes_per_record": round(day["wire_bytes"] / day["records"]),
            "slow_link_floor_s": round(day["image_bytes"] * 8 / 1_000_000, 1),  # the images alone at 1 Mbit/s
        }
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=1000, help="backlog for records/s (default 1000)")
    ap.add_argument("--repeat", type=int, default=3, help="backlog runs, the median is reported")
    ap.add_argument("--wire-records", type=int, default=300, help="records sent through the byte counter")
    ap.add_argument("--day", type=int, default=150, help="records of one day over the slow link")
    ap.add_argument("--no-slow", action="store_true", help="skip the slow-link day (it takes minutes)")
    ap.add_argument("--pg", action="store_true", help="also run the backlog on a durable PostgreSQL")
    ap.add_argument("--blobs", help="MODULE:FUNCTION adding blobs to every record (index, rng) -> {kind: bytes}")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    extra = None
    if args.blobs:
        module, _, fn = args.blobs.partition(":")
        extra = getattr(importlib.import_module(module), fn)
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        result = measure(tmp, args, extra)
    finally:  # about 1 GB of databases a run
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result) if args.json else "\n".join(f"{k:34s} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
