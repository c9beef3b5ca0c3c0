"""Start the reference central server:

    python -m sync.server --db sqlite:///central.db --port 8443 --cert server.pem --key server.key \\
        --registration-code KODE-PENDAFTARAN

TLS is on whenever --cert is given (stations refuse plain HTTP). --workers N runs N processes; with
PostgreSQL (--db postgresql+psycopg://...) they may sit behind a load balancer.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

import uvicorn


def import_main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(
        prog="python -m sync.server import-bundle", description="Impor bundel jemput bola langsung ke database pusat."
    )
    ap.add_argument("file")
    ap.add_argument("--db", default=os.environ.get("CENTRAL_DB", "sqlite:///central.db"))
    args = ap.parse_args(argv)
    from station.bundle_format import BundleRefused
    from sync.server.bundles import import_bundle

    code = os.environ.get("CENTRAL_TRANSFER_CODE") or getpass.getpass("Kode transfer: ")
    try:
        result = import_bundle(args.db, Path(args.file).read_bytes(), code)
    except BundleRefused as err:
        raise SystemExit(str(err)) from None
    print(f"stasiun {result.station_id}: {result.outcomes}")


def printed_main(argv: list[str]) -> None:
    """The card printing line reports back: these records are printed (no longer PRR). A record is named by its
    uuid (every origin's record with that uuid) or ORIGIN/UUID; its origin hears of it through its status feed."""
    ap = argparse.ArgumentParser(prog="python -m sync.server mark-printed")
    ap.add_argument("uuids", nargs="+", metavar="[ORIGIN/]UUID")
    ap.add_argument("--db", default=os.environ.get("CENTRAL_DB", "sqlite:///central.db"))
    args = ap.parse_args(argv)
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from sync.server.intake import set_status
    from sync.server.models import CentralRecordRow

    engine = create_engine(args.db)
    n = 0
    with Session(engine) as s, s.begin():
        for name in args.uuids:
            origin, _, uuid = name.rpartition("/")
            stmt = select(CentralRecordRow).where(CentralRecordRow.uuid == uuid, CentralRecordRow.status == "received")
            for row in s.scalars(stmt.where(CentralRecordRow.origin == origin) if origin else stmt):
                set_status(s, row, "printed")
                n += 1
    engine.dispose()
    print(f"{n} rekaman ditandai tercetak")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "import-bundle":
        import_main(sys.argv[2:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "mark-printed":
        printed_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(
        prog="python -m sync.server", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--db", default=os.environ.get("CENTRAL_DB", "sqlite:///central.db"))
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8443)
    ap.add_argument("--cert", help="PEM certificate chain for TLS")
    ap.add_argument("--key", help="PEM private key for TLS")
    ap.add_argument(
        "--registration-code",
        action="append",
        default=[],
        help="code a station must present to register (repeatable); also $CENTRAL_REGISTRATION_CODES",
    )
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--faults", default=os.environ.get("CENTRAL_FAULTS", ""), help=argparse.SUPPRESS
    )  # test mode, e.g. 500:0.1,503:0.1
    args = ap.parse_args()
    codes = args.registration_code + [c for c in os.environ.get("CENTRAL_REGISTRATION_CODES", "").split(",") if c]
    os.environ["CENTRAL_DB"] = args.db
    os.environ["CENTRAL_FAULTS"] = args.faults
    os.environ["CENTRAL_REGISTRATION_CODES"] = ",".join(codes)
    uvicorn.run(
        "sync.server.asgi:app",
        host=args.host,
        port=args.port,
        ssl_certfile=args.cert,
        ssl_keyfile=args.key,
        workers=args.workers,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
