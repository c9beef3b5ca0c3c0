"""python -m sync.server dinas-user add NAME --role petugas_cetak|kepala_dinas [--db URL]
python -m sync.server dinas-user list | unlock NAME | reset NAME | disable NAME | enable NAME [--db URL]

A password (add, reset) comes from DINAS_PASSWORD or is asked for (twice); there is no default account. `unlock`
forgets the wrong passwords that locked a name for 15 minutes; `reset` sets a new password and ends the account's
sessions; `disable` stops an account at once (its sessions end), `enable` lets it in again."""

from __future__ import annotations

import argparse
import getpass
import os

from sqlalchemy.orm import Session

from sync.server.dinas import auth, office

ROLE_NAMES = {"petugas_cetak": "petugas cetak", "kepala_dinas": "kepala dinas"}


def _password() -> str | None:
    password = os.environ.get("DINAS_PASSWORD")
    if password is None:
        password = getpass.getpass("Kata sandi baru: ")
        if getpass.getpass("Ulangi kata sandi: ") != password:
            print("Kata sandi tidak sama.")
            return None
    return password


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m sync.server dinas-user", description="Akun petugas Dinas.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", default=os.environ.get("CENTRAL_DB", "sqlite:///central.db"))
    add = sub.add_parser("add", parents=[db], help="buat akun baru")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    sub.add_parser("list", parents=[db], help="daftar akun: peran, status, terkunci, sesi aktif")
    for name, text in (
        ("unlock", "buka kunci setelah terlalu banyak kata sandi salah"),
        ("reset", "kata sandi baru (sesi akun ini berakhir)"),
        ("disable", "nonaktifkan akun (sesi berakhir seketika)"),
        ("enable", "aktifkan kembali akun"),
    ):
        sub.add_parser(name, parents=[db], help=text).add_argument("username")
    args = ap.parse_args(argv)
    password = None
    if args.cmd in ("add", "reset"):
        password = _password()
        if password is None:
            return 2
    from sync.server.db import open_engine

    engine = open_engine(args.db)
    try:
        with Session(engine) as s, s.begin():
            if args.cmd == "add":
                auth.add_user(s, args.username, args.role, password)
                done = f"akun {args.username} ({args.role}) dibuat"
            elif args.cmd == "list":
                rows = auth.accounts(s)
                for a in rows:
                    state = "nonaktif" if a.disabled_at else "terkunci" if a.locked else "aktif"
                    print(
                        f"{a.username:24s} {ROLE_NAMES.get(a.role, a.role):14s} {state:9s} "
                        f"salah {a.recent_failures}x/{auth.FAILURE_WINDOW_MIN} menit "
                        f"(terbanyak dari satu alamat {a.worst_address}x)  "
                        f"sesi {a.sessions}  "
                        f"dibuat {office.wib(a.created_at)}"
                    )
                done = f"{len(rows)} akun."
            elif args.cmd == "unlock":
                auth.unlock(s, args.username)
                done = f"akun {args.username} tidak terkunci lagi"
            elif args.cmd == "reset":
                auth.reset_password(s, args.username, password)
                done = f"kata sandi {args.username} diganti; sesinya berakhir"
            else:
                auth.set_disabled(s, args.username, args.cmd == "disable")
                done = f"akun {args.username} " + ("dinonaktifkan" if args.cmd == "disable" else "aktif kembali")
    except auth.AuthError as err:
        print(err)
        return 2
    finally:
        engine.dispose()
    print(done)
    return 0
