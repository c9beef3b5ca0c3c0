"""Start the reference central server, or do an admin task on its database:

    python -m sync.server --db sqlite:///central.db --port 8443 --cert server.pem --key server.key \\
        --secrets /etc/ektp/central-secrets.json
    python -m sync.server issue-code --station-id ST-07 [--rekey] [--valid-days 7]   # one-time, shown once
    python -m sync.server stations                  # registered stations, their signing keys, keys replaced
    python -m sync.server audit-breaks [--station-id ST-07]   # audit entries refused (gaps, rewrites)
    python -m sync.server import-bundle FILE        # a jemput-bola bundle straight into the database
    python -m sync.server mark-printed UUID...
    python -m sync.server dinas-user add|list|unlock|reset|disable|enable [NAME]   # Dinas staff accounts

--dedup also runs the fingerprint dedup worker (python -m sync.server.dedup, one per database): records sent with
fingers move from received to print_ready (PRR) or duplicate (DUP).

TLS is on whenever --cert is given (stations refuse plain HTTP). --workers N runs N processes; with
PostgreSQL (--db postgresql+psycopg://...) they may sit behind a load balancer. The centre's own key (it signs
the list of registered stations) lives in the --secrets file, made on first start, readable by the server's user
only; keep it out of database backups.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

import uvicorn

DB_DEFAULT = os.environ.get("CENTRAL_DB", "sqlite:///central.db")


def _db(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--db", default=DB_DEFAULT, help="SQLAlchemy URL of the central database ($CENTRAL_DB)")


def import_main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(
        prog="python -m sync.server import-bundle", description="Impor bundel jemput bola langsung ke database pusat."
    )
    ap.add_argument("file")
    _db(ap)
    args = ap.parse_args(argv)
    from station.bundle_format import BundleRefused
    from sync.server.bundles import import_bundle

    code = os.environ.get("CENTRAL_TRANSFER_CODE") or getpass.getpass("Kode transfer: ")
    try:
        result = import_bundle(args.db, Path(args.file).read_bytes(), code)
    except BundleRefused as err:
        raise SystemExit(str(err)) from None
    except OSError as err:
        raise SystemExit(f"Berkas tidak bisa dibaca: {args.file} ({err.strerror}).") from None
    origins = ", ".join(f"{k}: {v}" for k, v in sorted(result.origins.items()))
    print(f"stasiun {result.station_id}: {result.outcomes} (asal rekaman: {origins or '-'})")


def printed_main(argv: list[str]) -> None:
    """The card printing line reports back: these records are printed (no longer PRR). A record is named by its
    uuid (every origin's record with that uuid) or ORIGIN/UUID; its origin hears of it through its status feed."""
    ap = argparse.ArgumentParser(prog="python -m sync.server mark-printed")
    ap.add_argument("uuids", nargs="+", metavar="[ORIGIN/]UUID")
    _db(ap)
    args = ap.parse_args(argv)
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from sync.server.changes import set_status
    from sync.server.db import open_engine
    from sync.server.models import CentralRecordRow

    engine = open_engine(args.db)
    n = 0
    with Session(engine) as s, s.begin():
        for name in args.uuids:
            origin, _, uuid = name.rpartition("/")
            stmt = select(CentralRecordRow).where(
                CentralRecordRow.uuid == uuid, CentralRecordRow.status.not_in(("rejected", "printed"))
            )
            for row in s.scalars(stmt.where(CentralRecordRow.origin == origin) if origin else stmt):
                set_status(s, row, "printed")
                n += 1
    engine.dispose()
    print(f"{n} rekaman ditandai tercetak")


def issue_code_main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(
        prog="python -m sync.server issue-code",
        description="Buat kode pendaftaran sekali pakai untuk satu stasiun (disimpan hanya hash-nya).",
    )
    ap.add_argument("--station-id", required=True)
    ap.add_argument(
        "--rekey", action="store_true", help="stasiun sudah terdaftar: kode ini mengganti kuncinya (laptop diganti)"
    )
    ap.add_argument("--valid-days", type=float, default=7.0)
    _db(ap)
    args = ap.parse_args(argv)
    from sync.server.admin import AdminError, issue_code

    try:
        code = issue_code(args.db, args.station_id, args.rekey, args.valid_days)
    except AdminError as err:
        raise SystemExit(str(err)) from None
    print(f"Kode pendaftaran untuk {args.station_id} (sekali pakai, berlaku {args.valid_days:g} hari): {code}")


def audit_breaks_main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(
        prog="python -m sync.server audit-breaks", description="Entri jejak audit stasiun yang ditolak pusat."
    )
    ap.add_argument("--station-id")
    _db(ap)
    args = ap.parse_args(argv)
    from sync.server.admin import KINDS, audit_breaks

    breaks = audit_breaks(args.db, args.station_id)
    for b in breaks:
        print(f"{b.first_seen_at}  {b.station_id}  entri {b.seq}: {KINDS.get(b.kind, b.kind)} ({b.times}x)")
    print(f"{len(breaks)} putus rantai tercatat.")


def stations_main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m sync.server stations", description="Stasiun terdaftar.")
    _db(ap)
    args = ap.parse_args(argv)
    from sync.server.admin import stations

    for s in stations(args.db):
        print(
            f"{s['station_id']:12s} {s['kecamatan']}  terdaftar {s['registered_at']}  "
            f"kunci {s['signing_public_key']}  diganti {s['keys_replaced']}x"
        )


def dinas_user_main(argv: list[str]) -> None:
    from sync.server.dinas.cli import main as dinas_user

    raise SystemExit(dinas_user(argv))


COMMANDS = {
    "dinas-user": dinas_user_main,
    "import-bundle": import_main,
    "mark-printed": printed_main,
    "issue-code": issue_code_main,
    "audit-breaks": audit_breaks_main,
    "stations": stations_main,
}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in COMMANDS:
        COMMANDS[sys.argv[1]](sys.argv[2:])
        return
    ap = argparse.ArgumentParser(
        prog="python -m sync.server", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _db(ap)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8443)
    ap.add_argument("--cert", help="PEM certificate chain for TLS")
    ap.add_argument("--key", help="PEM private key for TLS")
    ap.add_argument(
        "--secrets",
        default=os.environ.get("CENTRAL_SECRETS", "central-secrets.json"),
        help="the centre's keys (made on first start, mode 0600); $CENTRAL_SECRETS",
    )
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--dedup",
        action="store_true",
        help="also run the fingerprint dedup worker (python -m sync.server.dedup) beside the API, one per database",
    )
    ap.add_argument(
        "--limit-concurrency",
        type=int,
        default=200,
        help="requests handled at once per worker; more get 503 (with the body limits, this bounds memory)",
    )
    ap.add_argument(
        "--forwarded-allow-ips",
        default="",
        help="addresses of the reverse proxy whose X-Forwarded-For is believed (default: none, not even 127.0.0.1)",
    )
    ap.add_argument(
        "--faults", default=os.environ.get("CENTRAL_FAULTS", ""), help=argparse.SUPPRESS
    )  # test mode, e.g. 500:0.1,503:0.1
    args = ap.parse_args()
    os.environ["CENTRAL_DB"] = args.db
    os.environ["CENTRAL_FAULTS"] = args.faults
    os.environ["CENTRAL_SECRETS"] = str(Path(args.secrets).resolve())
    worker = None
    if args.dedup:
        import subprocess

        worker = subprocess.Popen(
            [sys.executable, "-m", "sync.server.dedup", "--db", args.db, "--interval", "0.5"]
            + ["--parent", str(os.getpid())]
        )
    try:
        _serve(args)
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                worker.kill()


def _serve(args: argparse.Namespace) -> None:
    uvicorn.run(
        "sync.server.asgi:app",
        host=args.host,
        port=args.port,
        ssl_certfile=args.cert,
        ssl_keyfile=args.key,
        workers=args.workers,
        limit_concurrency=args.limit_concurrency,
        proxy_headers=bool(args.forwarded_allow_ips),  # else anyone could pick the address the rate limits count
        forwarded_allow_ips=args.forwarded_allow_ips or None,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
