"""Load test of the central server: N simulated stations at once push a day's records through real TLS to
several API worker processes on a real PostgreSQL (a throw-away server from tests/pg.py, or --db).

    python bench/load.py [--stations 200] [--records 150] [--batch 50] [--workers 2] [--clients 2] [--json]

Each station registers with its own one-time code and bearer key, then pushes its records in batches (the
station's sync sends 50 a batch) on its own HTTPS connection, as fast as the server answers. The stations run as
threads spread over --clients processes, so the load generator shares the machine with the server: on a small
machine the figures are a floor for the server, not a ceiling. Prints records/s, batch latency (p50, p95, max)
and errors (any answer but 200 with every record stored, and any connection failure).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.central import start_central  # noqa: E402
from tests.forge import citizen, record  # noqa: E402
from tests.tls import make_ca_and_server  # noqa: E402


def quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def signed_record(station_id: str, key, i: int, photo_kb: int) -> tuple[dict, dict[str, bytes]]:
    """A record as a station sends it (sync/client.py): its fields signed by its origin, its blobs apart."""
    from station.bundle_format import origin_message
    from station.domain.payload import payload_digest, sha256_hex
    from tests.forge import b64

    r = record(station_id, citizen(i))
    blobs = {"crop": os.urandom(photo_kb * 1024)}
    hashes = {k: sha256_hex(v) for k, v in blobs.items()}
    digest = payload_digest(r["uuid"], r["biodata"], r["quality"], hashes)
    fields = {k: r[k] for k in ("uuid", "biodata", "quality", "created_at", "operator")}
    fields |= {"origin": station_id, "payload_sha256": digest, "blobs": hashes}
    fields["origin_signature"] = b64(key.sign(origin_message(digest)))
    return fields, {hashes[k]: v for k, v in blobs.items()}


def station_run(
    url: str,
    ca: str,
    station_id: str,
    bearer: str,
    key: bytes,
    n: int,
    batch: int,
    photo_kb: int,
    first: int,
    out: list,
) -> None:
    """One station: its records pushed batch after batch (blobs, then the records), the next as soon as the last
    is answered; a batch's latency covers both requests."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sync.client import CentralClient

    signer = Ed25519PrivateKey.from_private_bytes(key)
    client = CentralClient(url, bearer, Path(ca))
    for i in range(0, n, batch):  # each batch made just before it is sent (memory), outside the timing
        made = [signed_record(station_id, signer, first + j, photo_kb) for j in range(i, min(n, i + batch))]
        t = time.perf_counter()
        try:
            client.upload_blobs([(sha, data, 0) for _, blobs in made for sha, data in blobs.items()])
            r = client.session.post(
                f"{url}/v1/records", json={"records": [f for f, _ in made]}, verify=client.verify, timeout=120
            )
            ok = r.status_code == 200 and all(a["outcome"] == "stored" for a in r.json()["results"])
            err = None if ok else f"http {r.status_code}"
        except Exception as e:  # noqa: BLE001 (a transport or server error is counted, never fatal)
            ok, err = False, type(e).__name__
        out.append((time.perf_counter() - t, len(made), ok, err, time.perf_counter()))


def client_process(
    url: str, ca: str, stations: list[tuple[str, str, bytes, int]], args: dict, start_at: float, q
) -> None:
    out: list = []
    threads = [
        threading.Thread(
            target=station_run,
            args=(url, ca, sid, bearer, key, args["records"], args["batch"], args["photo_kb"], first, out),
        )
        for sid, bearer, key, first in stations
    ]
    time.sleep(max(0.0, start_at - time.time()))  # every process starts its stations at the same moment
    begun = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    q.put([(lat, n, ok, err, end - begun) for lat, n, ok, err, end in out])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stations", type=int, default=200)
    ap.add_argument("--records", type=int, default=150, help="records per station (a counter's day: about 150)")
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--photo-kb", type=int, default=40, help="size of each record's ID crop")
    ap.add_argument("--workers", type=int, default=2, help="API worker processes")
    ap.add_argument("--clients", type=int, default=2, help="load-generator processes")
    ap.add_argument("--db", help="SQLAlchemy URL; default: a throw-away PostgreSQL")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="load-"))
    pg = None
    if args.db:
        db_url = args.db
    else:
        from tests.pg import PostgresServer

        pg = PostgresServer().start()
        db_url = pg.database("load")
    central = start_central(tmp, *make_ca_and_server(tmp / "tls"), workers=args.workers, db_url=db_url)
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

        from station.bundle_format import public_bytes
        from sync.client import CentralClient
        from tests.forge import b64

        t = time.perf_counter()
        anon = CentralClient(central.url, None, central.ca)
        stations = []
        for i in range(args.stations):
            sid = f"ST-L{i:04d}"
            signer = Ed25519PrivateKey.generate()
            bearer = anon.register(sid, "33.24.01", central.code(sid), b64(public_bytes(signer)))
            raw = signer.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
            stations.append((sid, bearer, raw, i * args.records))
        register_s = time.perf_counter() - t

        q: mp.Queue = mp.Queue()
        start_at = time.time() + 3  # every client process has started its threads
        opts = {"records": args.records, "batch": args.batch, "photo_kb": args.photo_kb}
        procs = [
            mp.Process(
                target=client_process,
                args=(central.url, str(central.ca), stations[k :: args.clients], opts, start_at, q),
            )
            for k in range(args.clients)
        ]
        load0 = os.getloadavg()
        for p in procs:
            p.start()
        samples = []
        for _ in procs:
            samples += q.get()
        for p in procs:
            p.join()
        load1 = os.getloadavg()
        latencies = [s[0] for s in samples]
        stored = sum(s[1] for s in samples if s[2])
        if not samples:
            raise SystemExit("no batch was sent (see the errors above)")
        elapsed = max(s[4] for s in samples)
        errors: dict[str, int] = {}
        for s in samples:
            if not s[2]:
                errors[s[3]] = errors.get(s[3], 0) + 1
        [(held,)] = central.query("SELECT count(*) FROM central_records")
        result = {
            "stations": args.stations,
            "records_per_station": args.records,
            "batch": args.batch,
            "photo_kb": args.photo_kb,
            "api_workers": args.workers,
            "client_processes": args.clients,
            "cores": os.cpu_count(),
            "database": "postgresql (throw-away)" if pg else db_url.split(":", 1)[0],
            "register_s": round(register_s, 1),
            "elapsed_s": round(elapsed, 1),
            "records_stored": stored,
            "records_in_database": held,
            "records_per_s": round(stored / elapsed, 1),
            "batches": len(samples),
            "batch_latency_ms_p50": round(statistics.median(latencies) * 1000, 1),
            "batch_latency_ms_p95": round(quantile(latencies, 0.95) * 1000, 1),
            "batch_latency_ms_max": round(max(latencies) * 1000, 1),
            "errors": sum(errors.values()),
            "error_kinds": errors,
            "loadavg_start": [round(x, 2) for x in load0],
            "loadavg_end": [round(x, 2) for x in load1],
        }
    finally:
        central.stop()
        if pg is not None:
            pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for k, v in result.items():
            print(f"{k:24s} {v}")


if __name__ == "__main__":
    main()
