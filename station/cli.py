"""The command line beside the window: `python -m station [command] [--data-dir DIR]`.

Without a command it opens the window. Every command works on one station's data folder, chosen by
--data-dir, then $STATION_DATA_DIR, then the OS's per-user data folder. Each command parses, calls one
service of `Station`, and prints; the services check who may do what. Errors are StationErrors: their
Indonesian message goes to stderr and their exit_code is the command's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import sys
from pathlib import Path

from station import __version__
from station.domain.errors import InvalidInput, StationError
from station.paths import ENV_VAR, data_dir

log = logging.getLogger("station.cli")

EXIT_OK = 0
EXIT_FAILED = 1  # some input could not be judged, or records are still waiting
EXIT_AUDIT_BROKEN = 4
EXIT_CONFLICTS = 6
EXIT_INTERRUPTED = 130

USER_HELP = "pengguna yang membuka data (kata sandi: $STATION_PASSWORD atau ditanyakan)"
SUPERVISOR_HELP = "supervisor (kata sandi: $STATION_PASSWORD atau ditanyakan)"


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder data stasiun (bawaan: ${ENV_VAR}, lalu folder data pengguna)",
    )
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="station",
        description="Stasiun perekaman e-KTP. Tanpa perintah: membuka jendela aplikasi.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"station {__version__}")
    parser.add_argument(
        "--camera",
        metavar="SUMBER",
        default=None,
        help="indeks webcam (0, 1, ...), berkas video, atau folder gambar sebagai kamera pengganti",
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")

    def command(name: str, help: str, description: str | None = None, user: str | None = None):
        p = sub.add_parser(name, parents=[common], help=help, description=description or help)
        if user:
            p.add_argument("--user", required=True, help=user)
        return p

    command("gui", "buka jendela aplikasi (bawaan)")

    cp = command("check-photo", "nilai foto diam dengan gerbang mutu foto",
                 "Menilai tiap berkas gambar dengan gerbang mutu foto yang sama dengan kamera.")  # fmt: skip
    cp.add_argument("files", nargs="+", metavar="FILE")
    cp.add_argument("--json", action="store_true", help="satu objek JSON per baris, per berkas")

    dd = command("demo-data", "isi stasiun dengan N rekaman contoh", user=SUPERVISOR_HELP)
    dd.add_argument("--count", type=int, required=True, metavar="N")
    dd.add_argument("--photos", type=Path, required=True, metavar="DIR", help="folder foto wajah asli")
    dd.add_argument("--kecamatan", default="33.24.01", help="kode kecamatan rekaman contoh (bawaan 33.24.01)")

    command("info", "ringkasan isi database stasiun")

    su = command(
        "setup",
        "mulai pertama tanpa jendela: identitas + supervisor",
        "Atur identitas stasiun dan buat supervisor pertama. Kata sandi dari $STATION_PASSWORD atau "
        "ditanyakan. Kode pemulihan dicetak sekali.",
        user="nama pengguna supervisor",
    )
    su.add_argument("--station-id", required=True)
    su.add_argument("--kecamatan", required=True, help="kode kecamatan, mis. 33.24.01")

    command("audit-verify", "periksa rantai hash jejak audit")

    rv = command(
        "review",
        "tinjauan akhir hari oleh supervisor",
        "Tanpa UUID: daftar rekaman yang menunggu tinjauan. Dengan UUID: setujui (masuk outbox), tahan, atau "
        "tolak dengan alasan yang dilihat operator.",
        user=SUPERVISOR_HELP,
    )
    rv.add_argument("uuid", nargs="?")
    rv.add_argument("--decision", choices=["approve", "hold", "reject"])
    rv.add_argument("--reason", default="")
    rv.add_argument("--enable", action="store_true", help="nyalakan tinjauan akhir hari untuk stasiun ini")

    rp = command(
        "report",
        "cetak PDF: bukti, nomor antrean, rekap, capaian, PRR",
        "Membuat PDF (ReportLab) untuk dicetak dan diarsipkan.",
        user=USER_HELP,
    )
    rp.add_argument("kind", choices=["receipt", "ticket", "recap", "progress", "prr"])
    rp.add_argument("--uuid", help="rekaman (untuk receipt)")
    rp.add_argument("--number", type=int, help="nomor antrean yang sudah diambil (untuk ticket: cetak ulang)")
    rp.add_argument("--thermal", action="store_true", help="lebar kertas struk 80 mm (receipt)")
    rp.add_argument("--date", type=_date, default=None, help="tanggal YYYY-MM-DD (bawaan: hari ini di kantor)")
    rp.add_argument("--out", type=Path, required=True, help="berkas PDF yang ditulis")

    ex = command(
        "export",
        "jemput bola: outbox ke bundel terenkripsi di USB",
        "Menulis semua rekaman yang belum diakui pusat ke satu bundel terenkripsi dan bertanda tangan. Kode "
        "transfer kantor dari $STATION_TRANSFER_CODE atau ditanyakan.",
        user=SUPERVISOR_HELP,
    )
    ex.add_argument("--out", type=Path, required=True)
    im = command("import", "impor bundel jemput bola (sekali saja per rekaman)", user=USER_HELP)
    im.add_argument("file", type=Path)

    sm = command(
        "smoke",
        "uji asap: jendela, model wajah, satu foto (untuk paket)",
        "Membuka jendela utama (offscreen), memuat model wajah dan menilai satu foto; keluar 0 bila semuanya "
        "bekerja. Dipakai untuk memeriksa hasil build PyInstaller.",
    )
    sm.add_argument("photo", type=Path)

    pg = command(
        "purge",
        "hapus foto & biodata rekaman yang sudah diterima pusat",
        "Setelah masa simpan, foto dan biodata rekaman yang sudah diakui server pusat dihapus dari laptop; "
        "ringkasan untuk tanda terima tetap ada.",
        user=SUPERVISOR_HELP,
    )
    pg.add_argument("--days", type=float, default=30.0, help="masa simpan setelah diakui pusat (hari)")

    sy = command("sync", "kirim rekaman ke server pusat Disdukcapil",
                 "Kirim isi outbox ke server pusat, ulangi dengan jeda bila gagal.", user=USER_HELP)  # fmt: skip
    sy.add_argument("--once", action="store_true", help="satu putaran lalu keluar (0 bila outbox kosong)")

    sr = command("sync-register", "daftarkan stasiun ke server pusat", user=SUPERVISOR_HELP)
    sr.add_argument("--url", required=True, help="alamat server pusat, https://...")
    sr.add_argument("--code", required=True, help="kode pendaftaran dari admin pusat")
    sr.add_argument("--ca", type=Path, default=None, help="berkas CA (PEM) untuk memverifikasi TLS server")

    us = command(
        "user",
        "akun: tambah, daftar, atur ulang, buka kunci, pulihkan",
        "Kelola akun stasiun. Supervisor yang bertindak: --user dan $STATION_PASSWORD. Kata sandi baru dari "
        "$STATION_NEW_PASSWORD atau ditanyakan. `user recover NAMA` memakai kode pemulihan kantor "
        "($STATION_RECOVERY_CODE atau ditanyakan) dan tidak perlu --user.",
    )
    us.add_argument("action", choices=["add", "list", "reset", "unlock", "recover"])
    us.add_argument("name", nargs="?", help="akun yang dikelola")
    us.add_argument("--role", choices=["operator", "supervisor"], default="operator")
    us.add_argument("--user", help=SUPERVISOR_HELP)
    return parser


# --- what every command needs ---------------------------------------------------------------------
def _secret(env: str, prompt: str) -> str:
    return os.environ.get(env) or getpass.getpass(prompt)


def _station(args):
    from station.services.station import Station

    return Station(data_dir(getattr(args, "data_dir", None)))


def _logged_in(args):
    """The station, unlocked by --user and its password."""
    station = _station(args)
    try:
        station.accounts.login(args.user, _secret("STATION_PASSWORD", "Kata sandi: "))
    except BaseException:
        station.close()
        raise
    return station


def _out(path: Path, data: bytes) -> None:
    """Write atomically: a pulled-out USB stick leaves no half file under the real name."""
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


# --- the commands ---------------------------------------------------------------------------------
def cmd_setup(args) -> int:
    with _station(args) as station:
        code = station.accounts.first_start(
            args.station_id, args.kecamatan, args.user, _secret("STATION_PASSWORD", "Kata sandi baru: ")
        )
    print(f"Stasiun {args.station_id} siap. KODE PEMULIHAN (simpan di brankas kantor, tidak ditampilkan lagi): {code}")
    return EXIT_OK


def cmd_audit_verify(args) -> int:
    with _station(args) as station:
        check = station.verify_audit()
    if check.ok:
        print(f"Jejak audit utuh: {check.entries} entri.")
        return EXIT_OK
    print(f"JEJAK AUDIT RUSAK di entri {check.broken_at}: {check.why}.", file=sys.stderr)
    return EXIT_AUDIT_BROKEN


def cmd_info(args) -> int:
    with _station(args) as station:
        print(json.dumps(station.info(), indent=2))
    return EXIT_OK


def cmd_review(args) -> int:
    from station.domain.lifecycle import WORDS

    with _logged_in(args) as station:
        if args.enable:
            station.review.enable()
            print("Tinjauan akhir hari menyala: rekaman baru menunggu persetujuan supervisor.")
        if args.uuid is None:
            for r in station.review.waiting():
                print(f"{r.uuid}  {WORDS[r.status]:18s} {station.clock.local(r.created_at):%d-%m-%Y %H:%M}  {r.nama}")
            return EXIT_OK
        if args.decision is None:
            raise _usage("Pilih --decision approve|hold|reject.")
        new = station.review.decide(args.uuid, args.decision, args.reason)
    print(f"{args.uuid}: {WORDS[new]}")
    return EXIT_OK


def cmd_report(args) -> int:
    with _logged_in(args) as station:
        day = args.date or station.clock.today()
        papers = station.papers
        if args.kind == "receipt":
            if not args.uuid:
                raise _usage("receipt perlu --uuid.")
            pdf = papers.receipt(args.uuid, args.thermal)
        elif args.kind == "ticket":
            if args.number is None:
                raise _usage("ticket perlu --number (mencetak ulang nomor yang sudah diambil).")
            pdf = papers.ticket(papers.find_ticket(day, args.number))
        else:
            pdf = {"recap": papers.recap, "progress": papers.progress, "prr": papers.prr}[args.kind](day)
    _out(args.out, pdf)
    print(f"{args.out} ({len(pdf)} byte)")
    return EXIT_OK


def cmd_export(args) -> int:
    def show(done: int, total: int) -> None:
        print(f"\r{done}/{total} rekaman", end="", file=sys.stderr, flush=True)

    with _logged_in(args) as station:
        code = _secret("STATION_TRANSFER_CODE", "Kode transfer kantor: ")
        data, n = station.transfer.export(code, progress=show if sys.stderr.isatty() else None)
    _out(args.out, data)
    print(f"{n} rekaman diekspor ke {args.out} (semua yang menunggu dikirim)")
    return EXIT_OK


def cmd_import(args) -> int:
    with _logged_in(args) as station:
        data = args.file.read_bytes()
        r = station.transfer.import_bundle(data, _secret("STATION_TRANSFER_CODE", "Kode transfer kantor: "))
    print(f"dari {r.station_id}: {r.imported} baru, {r.repeats} sudah ada, {len(r.conflicts)} konflik")
    return EXIT_CONFLICTS if r.conflicts else EXIT_OK


def cmd_purge(args) -> int:
    with _logged_in(args) as station:
        n = station.retention.purge(args.days)
    print(f"{n} rekaman dibersihkan (foto dan biodata), ringkasan tanda terima disimpan.")
    return EXIT_OK


def cmd_demo_data(args) -> int:
    with _logged_in(args) as station:
        n = sum(1 for _ in station.demo.fill(args.count, args.photos, args.kecamatan))
        log.info("demo records added: %d", n)
        print(f"{n} rekaman contoh ditambahkan ke {station.info()['database']}")
    return EXIT_OK


def cmd_sync(args) -> int:
    import threading

    with _logged_in(args) as station:
        if args.once:
            r = station.sync.run_once()
            fields = ("online", "busy", "acknowledged", "rejected", "deferred", "remaining", "error")
            print(json.dumps({f: getattr(r, f) for f in fields}), flush=True)
            return EXIT_OK if r.remaining == 0 else EXIT_FAILED
        stop = threading.Event()

        def show(r) -> None:
            extra = f" ({r.error})" if r.error else ""
            print(f"terkirim {r.acknowledged}, ditolak {r.rejected}, sisa {r.remaining}{extra}", flush=True)

        try:
            station.sync.run_forever(stop, show)
        except KeyboardInterrupt:
            stop.set()
    return EXIT_OK


def cmd_sync_register(args) -> int:
    with _logged_in(args) as station:
        sid = station.sync.register(args.url, args.code, args.ca)
    print(f"Stasiun {sid} terdaftar di {args.url}")
    return EXIT_OK


def cmd_user(args) -> int:
    if args.action != "list" and not args.name:
        raise _usage(f"user {args.action} perlu NAMA akun.")
    if args.action == "recover":
        with _station(args) as station:
            code = _secret("STATION_RECOVERY_CODE", "Kode pemulihan: ")
            station.accounts.recover(code, args.name, _secret("STATION_NEW_PASSWORD", "Kata sandi baru: "))
        print(f"Kata sandi {args.name} diganti dengan kode pemulihan.")
        return EXIT_OK
    if not args.user:
        raise _usage("Sebutkan supervisor yang bertindak: --user NAMA.")
    with _logged_in(args) as station:
        accounts = station.accounts
        if args.action == "list":
            for a in accounts.list():
                print(f"{a.name:20s} {a.role:10s} {'dikunci sampai ' + a.locked_until if a.locked_until else ''}")
        elif args.action == "add":
            accounts.add(args.name, _secret("STATION_NEW_PASSWORD", "Kata sandi akun baru: "), args.role)
            print(f"Akun {args.name} ({args.role}) ditambahkan.")
        elif args.action == "reset":
            accounts.reset_password(args.name, _secret("STATION_NEW_PASSWORD", "Kata sandi baru: "))
            print(f"Kata sandi {args.name} diatur ulang.")
        else:
            accounts.unlock(args.name)
            print(f"Akun {args.name} dibuka kuncinya.")
    return EXIT_OK


def cmd_check_photo(args) -> int:
    import cv2

    from station.quality import GateConfig, PhotoGate

    folder = data_dir(getattr(args, "data_dir", None))
    failed = 0
    with PhotoGate(GateConfig.load(folder if folder.exists() else None)) as gate:
        for name in args.files:
            image = cv2.imread(name) if Path(name).is_file() else None
            if image is None:
                failed += 1
                why = "berkas tidak ada" if not Path(name).exists() else "bukan berkas gambar yang bisa dibaca"
                if args.json:
                    print(json.dumps({"file": name, "error": why}), flush=True)
                else:
                    print(f"{name}: GALAT: {why}", flush=True)
                continue
            verdict = gate.judge(image)
            if args.json:
                print(json.dumps(verdict.to_json(name)), flush=True)  # ASCII-escaped: safe in any locale
            else:
                head = "DITERIMA" if verdict.accepted else "DITOLAK"
                print(f"{name}: {head}")
                for m in verdict.messages:
                    print(f"  - {m}")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_smoke(args) -> int:
    from station.ui.smoke import smoke

    result = smoke(args.photo)
    print(json.dumps(result))
    return EXIT_OK if result["faces"] >= 1 else EXIT_FAILED


def cmd_gui(args) -> int:
    from station.ui.app import run

    return run(data_dir(getattr(args, "data_dir", None)), camera=getattr(args, "camera", None))


def _usage(message: str) -> InvalidInput:
    return InvalidInput(message)


COMMANDS = {
    "check-photo": cmd_check_photo,
    "demo-data": cmd_demo_data,
    "info": cmd_info,
    "gui": cmd_gui,
    "sync": cmd_sync,
    "sync-register": cmd_sync_register,
    "setup": cmd_setup,
    "audit-verify": cmd_audit_verify,
    "purge": cmd_purge,
    "review": cmd_review,
    "report": cmd_report,
    "export": cmd_export,
    "import": cmd_import,
    "user": cmd_user,
    "smoke": cmd_smoke,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from station.logs import setup_logging

    command = args.command or "gui"
    setup_logging(data_dir(getattr(args, "data_dir", None)))
    try:
        return COMMANDS[command](args)
    except StationError as err:
        log.warning("command=%s failed code=%s", command, err.code)  # the code, never the message's data
        print(str(err), file=sys.stderr)
        return err.exit_code
    except OSError as err:  # a file named on the command line: missing, unreadable, not writable
        log.warning("command=%s failed os_error=%s", command, err.errno)
        print(f"Berkas tidak bisa dibaca/ditulis: {err.filename} ({err.strerror}).", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
