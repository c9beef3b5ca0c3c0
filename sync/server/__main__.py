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
    """The card printing line reports back: these records are printed (no longer PRR)."""
    ap = argparse.ArgumentParser(prog="python -m sync.server mark-printed")
    ap.add_argument("uuids", nargs="+")
    ap.add_argument("--db", default=os.environ.get("CENTRAL_DB", "sqlite:///central.db"))
    args = ap.parse_args(argv)
    from sqlalchemy import update

    from sync.server.db import open_engine
    from sync.server.models import CentralRecordRow

    engine = open_engine(args.db)
    with engine.begin() as conn:
        n = conn.execute(
            update(CentralRecordRow)
            .where(CentralRecordRow.uuid.in_(args.uuids), CentralRecordRow.status != "rejected")
            .values(status="printed")
        )
    print(f"{n.rowcount} rekaman ditandai tercetak")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "dinas-user":
        from sync.server.dinas.cli import main as dinas_user

        raise SystemExit(dinas_user(sys.argv[2:]))
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
