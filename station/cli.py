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
from station.domain.errors import ExitCode, InvalidInput, StationError
from station.paths import ENV_VAR, data_dir

log = logging.getLogger("station.cli")

USER_HELP = "pengguna yang membuka data (kata sandi: $STATION_PASSWORD atau ditanyakan)"
SUPERVISOR_HELP = "supervisor (kata sandi: $STATION_PASSWORD atau ditanyakan)"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal harus YYYY-MM-DD, bukan {text!r}") from None


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat 1 atau lebih, bukan {text!r}")
    return int(text)


def _days(text: str) -> float:
    try:
        days = float(text)
    except ValueError:
        days = -1.0
    if not 0 <= days <= 3650:  # also nan and inf
        raise argparse.ArgumentTypeError(f"masa simpan 0 sampai 3650 hari, bukan {text!r}")
    return days


# argparse speaks English; these are the sentences an operator meets (the rest of the help is ours).
ARGPARSE_WORDS = [
    ("usage: ", "cara pakai: "),
    ("positional arguments:", "argumen:"),
    ("options:", "pilihan:"),
    ("show this help message and exit", "tampilkan bantuan ini lalu keluar"),
    ("show program's version number and exit", "tampilkan versi lalu keluar"),
    ("the following arguments are required: ", "argumen ini wajib: "),
    ("unrecognized arguments: ", "argumen tidak dikenal: "),
    ("invalid choice: ", "pilihan tidak dikenal: "),
    ("(choose from ", "(pilih dari "),
    ("expected one argument", "perlu satu nilai"),
    ("argument ", "argumen "),
]


def _indonesian(text: str) -> str:
    for english, indonesian in ARGPARSE_WORDS:
        text = text.replace(english, indonesian)
    return text


class Parser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return _indonesian(super().format_usage())

    def format_help(self) -> str:
        return _indonesian(super().format_help())

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(ExitCode.INPUT, f"{self.prog}: galat: {_indonesian(message)}\n")


def _common() -> argparse.ArgumentParser:
    p = Parser(add_help=False)
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder data stasiun (bawaan: ${ENV_VAR}, lalu folder data pengguna)",
    )
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = Parser(
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

    gui = command("gui", "buka jendela aplikasi (bawaan)")
    gui.add_argument("--camera", metavar="SUMBER", default=argparse.SUPPRESS, help="seperti --camera di atas")

    cp = command("check-photo", "nilai foto diam dengan gerbang mutu foto",
                 "Menilai tiap berkas gambar dengan gerbang mutu foto yang sama dengan kamera.")  # fmt: skip
    cp.add_argument("files", nargs="+", metavar="FILE")
    cp.add_argument("--json", action="store_true", help="satu objek JSON per baris, per berkas")
    cp.add_argument(
        "--birth-year",
        type=int,
        metavar="YYYY",
        help="tahun lahir warga: latar harus merah (ganjil) atau biru (genap), cek backdrop_year",
    )

    for name, what in (("check-fingers", "sidik jari (NFIQ 2, minutiae, jari yang sama)"), ("check-iris", "iris")):
        cb = command(name, f"nilai mutu {what} dari gambar atau rekaman ISO",
                     f"Menilai mutu {what} tiap berkas: gambar biasa atau rekaman ISO/IEC 19794 seperti dikirim "
                     "perangkat SBI.")  # fmt: skip
        cb.add_argument("files", nargs="+", metavar="FILE")
        cb.add_argument("--json", action="store_true", help="satu objek JSON per baris, per berkas")

    dd = command("demo-data", "isi stasiun dengan N rekaman contoh", user=SUPERVISOR_HELP)
    dd.add_argument("--count", type=_count, required=True, metavar="N")
    dd.add_argument("--photos", type=Path, required=True, metavar="DIR", help="folder foto wajah asli")
    dd.add_argument("--kecamatan", default=None, help="kode kecamatan rekaman contoh (bawaan: kecamatan stasiun)")

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
    on_off = rv.add_mutually_exclusive_group()
    on_off.add_argument("--enable", action="store_true", help="nyalakan tinjauan akhir hari untuk stasiun ini")
    on_off.add_argument("--disable", action="store_true", help="matikan tinjauan akhir hari")

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
    pg.add_argument("--days", type=_days, default=30.0, help="masa simpan setelah diakui pusat (hari)")

    sy = command("sync", "kirim rekaman ke server pusat Disdukcapil",
                 "Kirim isi outbox ke server pusat, ulangi dengan jeda bila gagal.", user=USER_HELP)  # fmt: skip
    sy.add_argument("--once", action="store_true", help="satu putaran lalu keluar (0 bila outbox kosong)")

    sr = command("sync-register", "daftarkan stasiun ke server pusat", user=SUPERVISOR_HELP)
    sr.add_argument("--url", required=True, help="alamat server pusat, https://...")
    sr.add_argument("--code", required=True, help="kode pendaftaran dari admin pusat")
    sr.add_argument("--ca", type=Path, default=None, help="berkas CA (PEM) untuk memverifikasi TLS server")

    command("transfer-code", "buat kode transfer kantor baru (jemput bola)",
            "Mencetak kode transfer acak yang panjang (120 bit) untuk export/import bundel.")  # fmt: skip

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
    """From the environment, or asked at the terminal; a script without either gets a message, not a hang."""
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise InvalidInput(f"Isi ${env} atau jalankan perintah ini di terminal (kata sandi/kode ditanyakan).")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise InvalidInput(f"Tidak ada masukan: isi ${env}.") from None


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


def _not_a_folder(path: Path, example: str) -> None:
    """Refused before any work when the output named is a folder."""
    if path.is_dir():
        raise InvalidInput(f"{path} adalah folder: sebutkan nama berkas, mis. {path / example}.")


def _out(path: Path, data: bytes) -> None:
    """Write atomically (a pulled-out USB stick leaves no half file under the real name), private (0600)."""
    from station.files import not_written, write_whole

    _not_a_folder(path, "hasil.pdf")
    try:
        write_whole(path, data)
    except OSError as err:
        raise InvalidInput(not_written(path, err)) from None


# --- the commands ---------------------------------------------------------------------------------
def cmd_setup(args) -> int:
    with _station(args) as station:
        code = station.accounts.first_start(
            args.station_id, args.kecamatan, args.user, _secret("STATION_PASSWORD", "Kata sandi baru: ")
        )
    print(f"Stasiun {args.station_id} siap. KODE PEMULIHAN (simpan di brankas kantor, tidak ditampilkan lagi): {code}")
    return ExitCode.OK


def cmd_audit_verify(args) -> int:
    with _station(args) as station:
        check = station.verify_audit()
    if check.ok:
        anchored = f"diterima server pusat sampai entri {check.anchored_upto}" if check.anchored_upto else "belum ada"
        print(f"Jejak audit utuh: {check.entries} entri ({anchored}).")
        return ExitCode.OK
    print(f"JEJAK AUDIT RUSAK di entri {check.broken_at}: {check.why}.", file=sys.stderr)
    return ExitCode.AUDIT_BROKEN


def cmd_info(args) -> int:
    with _station(args) as station:
        print(json.dumps(station.info(), indent=2))
    return ExitCode.OK


def cmd_review(args) -> int:
    from station.domain.lifecycle import WORDS

    with _logged_in(args) as station:
        if args.enable or args.disable:
            station.review.enable(args.enable)
            print(
                "Tinjauan akhir hari menyala: rekaman baru menunggu persetujuan supervisor."
                if args.enable
                else "Tinjauan akhir hari mati: rekaman baru langsung masuk antrean kirim."
            )
        if args.uuid is None:
            for r in station.review.waiting():
                print(f"{r.uuid}  {WORDS[r.status]:18s} {station.clock.local(r.created_at):%d-%m-%Y %H:%M}  {r.nama}")
            return ExitCode.OK
        if args.decision is None:
            raise _usage("Pilih --decision approve|hold|reject.")
        new = station.review.decide(args.uuid, args.decision, args.reason)
    print(f"{args.uuid}: {WORDS[new]}")
    return ExitCode.OK


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
    return ExitCode.OK


def cmd_export(args) -> int:
    def show(done: int, total: int) -> None:
        print(f"\r{done}/{total} rekaman", end="", file=sys.stderr, flush=True)

    with _logged_in(args) as station:
        code = _secret("STATION_TRANSFER_CODE", "Kode transfer kantor: ")
        _not_a_folder(args.out, "jemput.bundle")
        _, n = station.transfer.export(code, progress=show if sys.stderr.isatty() else None, to=args.out)
    print(f"{n} rekaman diekspor ke {args.out} (semua yang menunggu dikirim)")
    return ExitCode.OK


def cmd_import(args) -> int:
    with _logged_in(args) as station:
        data = args.file.read_bytes()
        r = station.transfer.import_bundle(data, _secret("STATION_TRANSFER_CODE", "Kode transfer kantor: "))
    print(
        f"dari {r.station_id}: {r.imported} baru, {r.repeats} sudah ada, {len(r.conflicts)} konflik, "
        f"{len(r.refused)} ditolak (aturan data)"
    )
    for uuid, why in r.refused:
        print(f"  ditolak {uuid[:8]}: {why}")
    return ExitCode.BUNDLE_CONFLICTS if r.conflicts or r.refused else ExitCode.OK


def cmd_purge(args) -> int:
    with _logged_in(args) as station:
        n = station.retention.purge(args.days)
    print(f"{n} rekaman dibersihkan (foto dan biodata), ringkasan tanda terima disimpan.")
    return ExitCode.OK


def cmd_demo_data(args) -> int:
    with _logged_in(args) as station:
        n = sum(1 for _ in station.demo.fill(args.count, args.photos, args.kecamatan))
        log.info("demo records added: %d", n)
        print(f"{n} rekaman contoh ditambahkan ke {station.info()['database']}")
    return ExitCode.OK


def cmd_sync(args) -> int:
    import threading

    with _logged_in(args) as station:
        if args.once:
            r = station.sync.run_once()
            fields = ("online", "busy", "acknowledged", "rejected", "deferred", "remaining", "error")
            print(json.dumps({f: getattr(r, f) for f in fields}), flush=True)
            return ExitCode.OK if r.remaining == 0 else ExitCode.FAILED
        stop = threading.Event()

        def show(r) -> None:
            extra = f" ({r.error})" if r.error else ""
            print(f"terkirim {r.acknowledged}, ditolak {r.rejected}, sisa {r.remaining}{extra}", flush=True)

        try:
            station.sync.run_forever(stop, show)
        except KeyboardInterrupt:
            stop.set()
    return ExitCode.OK


def cmd_sync_register(args) -> int:
    with _logged_in(args) as station:
        sid = station.sync.register(args.url, args.code, args.ca)
    print(f"Stasiun {sid} terdaftar di {args.url}")
    return ExitCode.OK


def cmd_user(args) -> int:
    if args.action != "list" and not args.name:
        raise _usage(f"user {args.action} perlu NAMA akun.")
    if args.action == "recover":
        with _station(args) as station:
            code = _secret("STATION_RECOVERY_CODE", "Kode pemulihan: ")
            station.accounts.recover(code, args.name, _secret("STATION_NEW_PASSWORD", "Kata sandi baru: "))
        print(f"Kata sandi {args.name} diganti dengan kode pemulihan.")
        return ExitCode.OK
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
    return ExitCode.OK


def cmd_transfer_code(args) -> int:
    from station.domain.passwords import new_transfer_code

    print(new_transfer_code())
    return ExitCode.OK


def cmd_check_photo(args) -> int:
    from station.quality import GateConfig, PhotoGate
    from station.quality.images import ImageRefused, load_image

    folder = data_dir(getattr(args, "data_dir", None))
    failed = 0
    config = GateConfig.load(folder if folder.exists() else None)
    if args.birth_year is not None and not 1900 <= args.birth_year <= 2100:
        raise InvalidInput(f"Tahun lahir {args.birth_year} tidak masuk akal (contoh: --birth-year 1991).")
    if args.birth_year is not None:  # asking with a birth year is asking for the birth-year backdrop
        config = config.with_overrides({"backdrop_by_birth_year": True})
    with PhotoGate(config) as gate:
        for name in args.files:
            try:  # sized from its header first: too large or cut short is refused, never decoded or judged
                image, why = load_image(name), ""
            except ImageRefused as err:
                image, why = None, str(err)
            if image is None:
                failed += 1
                if args.json:
                    print(json.dumps({"file": name, "error": why}), flush=True)
                else:
                    print(f"{name}: GALAT: {why}", flush=True)
                continue
            verdict = gate.judge(image, args.birth_year)
            if args.json:
                print(json.dumps(verdict.to_json(name)), flush=True)  # ASCII-escaped: safe in any locale
            else:
                head = "DITERIMA" if verdict.accepted else "DITOLAK"
                print(f"{name}: {head}")
                for m in verdict.messages:
                    print(f"  - {m}")
    return ExitCode.FAILED if failed else ExitCode.OK


def cmd_check_biometrics(args) -> int:
    """check-fingers / check-iris: one JSON object per file (issue 16's contract), or plain lines."""
    from station.biometrics.check import check_fingers, check_iris

    with _station(args) as station:
        thresholds = station.settings.current.biometrics  # the office's thresholds; no login needed
    check = check_fingers if args.command == "check-fingers" else check_iris
    failed = 0
    for obj in check(args.files, thresholds):
        failed += "error" in obj
        if args.json:
            print(json.dumps(obj), flush=True)
        elif "same_finger" in obj:
            for a, b, score in obj["same_finger"]:
                print(f"JARI SAMA: {a} = {b} (Bozorth3 {score})")
        elif "error" in obj:
            print(f"{obj['file']}: GALAT: {obj['error']}", flush=True)
        else:
            print(f"{obj['file']}: {'DITERIMA' if obj['ok'] else 'DITOLAK'}", flush=True)
            for m in obj["messages"]:
                print(f"  - {m}")
    return ExitCode.FAILED if failed else ExitCode.OK


def cmd_smoke(args) -> int:
    from station.ui.smoke import smoke

    result = smoke(args.photo)
    print(json.dumps(result))
    return ExitCode.OK if result["faces"] >= 1 else ExitCode.FAILED


def cmd_gui(args) -> int:
    from station.ui.app import run

    return run(data_dir(getattr(args, "data_dir", None)), camera=getattr(args, "camera", None))


def _usage(message: str) -> InvalidInput:
    return InvalidInput(message)


COMMANDS = {
    "check-photo": cmd_check_photo,
    "check-fingers": cmd_check_biometrics,
    "check-iris": cmd_check_biometrics,
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
    "transfer-code": cmd_transfer_code,
    "smoke": cmd_smoke,
}


def main(argv: list[str] | None = None) -> int:
    from station.files import private_umask

    private_umask()  # everything this process creates is its user's only (station.files)
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
    except OSError as err:
        log.warning("command=%s failed os_error=%s", command, err.errno)
        if err.filename:  # a file named on the command line: missing, unreadable, not writable
            print(f"Berkas tidak bisa dibaca/ditulis: {err.filename} ({err.strerror}).", file=sys.stderr)
        else:
            print(f"Galat sistem: {err.strerror or type(err).__name__}.", file=sys.stderr)
        return ExitCode.FAILED
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except Exception:  # a defect: the details go to the log file, the operator gets a sentence
        log.exception("command=%s crashed", command)
        print("Galat tak terduga; rinciannya tercatat di log stasiun. Data yang sudah tersimpan aman.", file=sys.stderr)
        return ExitCode.FAILED
