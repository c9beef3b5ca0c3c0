"""python -m sync.server dinas-user add NAME --role petugas_cetak|kepala_dinas [--db URL]

The password comes from DINAS_PASSWORD or is asked for (twice); there is no default account."""

from __future__ import annotations

import argparse
import getpass
import os

from sqlalchemy.orm import Session

from sync.server.dinas import auth


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m sync.server dinas-user", description="Akun petugas Dinas.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="buat akun baru")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.add_argument("--db", default=os.environ.get("CENTRAL_DB", "sqlite:///central.db"))
    args = ap.parse_args(argv)
    password = os.environ.get("DINAS_PASSWORD")
    if password is None:
        password = getpass.getpass("Kata sandi baru: ")
        if getpass.getpass("Ulangi kata sandi: ") != password:
            print("Kata sandi tidak sama.")
            return 2
    from sync.server.db import open_engine

    engine = open_engine(args.db)
    try:
        with Session(engine) as s, s.begin():
            auth.add_user(s, args.username, args.role, password)
    except auth.AuthError as err:
        print(err)
        return 2
    finally:
        engine.dispose()
    print(f"akun {args.username} ({args.role}) dibuat")
    return 0
