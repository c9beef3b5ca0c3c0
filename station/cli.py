"""The command line beside the window: `python -m station [command] [--data-dir DIR]`.

Without a command it opens the window. Every command works on one station's data folder, chosen by
--data-dir, then $STATION_DATA_DIR, then the OS's per-user data folder.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from station import __version__
from station.paths import ENV_VAR, data_dir


def _date(text: str):
    import datetime as dt

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

    sub.add_parser("gui", parents=[common], help="buka jendela aplikasi (bawaan)")

    cp = sub.add_parser(
        "check-photo",
        parents=[common],
        help="nilai foto diam dengan gerbang mutu foto",
        description="Menilai tiap berkas gambar dengan gerbang mutu foto yang sama dengan kamera.",
    )
    cp.add_argument("files", nargs="+", metavar="FILE")
    cp.add_argument("--json", action="store_true", help="satu objek JSON per baris, per berkas")

    dd = sub.add_parser("demo-data", parents=[common], help="isi stasiun dengan N rekaman contoh")
    dd.add_argument("--count", type=int, required=True, metavar="N")
    dd.add_argument("--photos", type=Path, required=True, metavar="DIR", help="folder foto wajah asli")
    dd.add_argument("--kecamatan", default="33.24.01", help="kode kecamatan rekaman contoh (bawaan 33.24.01)")
    dd.add_argument("--user", required=True, help="operator yang membuka data (kata sandi: $STATION_PASSWORD)")

    sub.add_parser("info", parents=[common], help="ringkasan isi database stasiun")

    su = sub.add_parser(
        "setup",
        parents=[common],
        help="mulai pertama tanpa jendela: identitas + supervisor",
        description="Atur identitas stasiun dan buat supervisor pertama. Kata sandi dari "
        "$STATION_PASSWORD atau ditanyakan. Kode pemulihan dicetak sekali.",
    )
    su.add_argument("--station-id", required=True)
    su.add_argument("--kecamatan", required=True, help="kode kecamatan, mis. 33.24.01")
    su.add_argument("--user", required=True, help="nama pengguna supervisor")

    sub.add_parser("audit-verify", parents=[common], help="periksa rantai hash jejak audit")

    rv = sub.add_parser(
        "review",
        parents=[common],
        help="tinjauan akhir hari oleh supervisor",
        description="Tanpa UUID: daftar rekaman yang menunggu tinjauan. Dengan UUID: setujui (masuk "
        "outbox), tahan, atau tolak dengan alasan yang dilihat operator.",
    )
    rv.add_argument("uuid", nargs="?")
    rv.add_argument("--decision", choices=["approve", "hold", "reject"])
    rv.add_argument("--reason", default="")
    rv.add_argument("--user", required=True, help="supervisor (kata sandi: $STATION_PASSWORD)")
    rv.add_argument("--enable", action="store_true", help="nyalakan tinjauan akhir hari untuk stasiun ini")

    rp = sub.add_parser(
        "report",
        parents=[common],
        help="cetak PDF: bukti, nomor antrean, rekap, capaian, PRR",
        description="Membuat PDF (ReportLab) untuk dicetak dan diarsipkan.",
    )
    rp.add_argument("kind", choices=["receipt", "ticket", "recap", "progress", "prr"])
    rp.add_argument("--uuid", help="rekaman (untuk receipt)")
    rp.add_argument("--thermal", action="store_true", help="lebar kertas struk 80 mm (receipt)")
    rp.add_argument("--date", type=_date, default=None, help="tanggal YYYY-MM-DD (bawaan: hari ini di kantor)")
    rp.add_argument("--out", type=Path, required=True, help="berkas PDF yang ditulis")
    rp.add_argument("--user", required=True, help="operator (kata sandi: $STATION_PASSWORD)")

    ex = sub.add_parser(
        "export",
        parents=[common],
        help="jemput bola: outbox ke bundel terenkripsi di USB",
        description="Menulis semua rekaman yang belum diakui pusat ke satu bundel terenkripsi dan "
        "bertanda tangan. Kode transfer kantor dari $STATION_TRANSFER_CODE atau ditanyakan.",
    )
    ex.add_argument("--out", type=Path, required=True)
    ex.add_argument("--user", required=True, help="operator (kata sandi: $STATION_PASSWORD)")
    im = sub.add_parser("import", parents=[common], help="impor bundel jemput bola (sekali saja per rekaman)")
    im.add_argument("file", type=Path)
    im.add_argument("--user", required=True, help="operator (kata sandi: $STATION_PASSWORD)")

    sm = sub.add_parser(
        "smoke",
        parents=[common],
        help="uji asap: jendela, model wajah, satu foto (untuk paket)",
        description="Membuka jendela utama (offscreen), memuat model wajah dan menilai satu foto; "
        "keluar 0 bila semuanya bekerja. Dipakai untuk memeriksa hasil build PyInstaller.",
    )
    sm.add_argument("photo", type=Path)

    pg = sub.add_parser(
        "purge",
        parents=[common],
        help="hapus foto & biodata rekaman yang sudah diterima pusat",
        description="Setelah masa simpan, foto dan biodata rekaman yang sudah diakui server pusat "
        "dihapus dari laptop; ringkasan untuk tanda terima tetap ada.",
    )
    pg.add_argument("--days", type=float, default=30.0, help="masa simpan setelah diakui pusat (hari)")
    pg.add_argument("--user", required=True, help="supervisor (kata sandi: $STATION_PASSWORD)")

    sy = sub.add_parser(
        "sync",
        parents=[common],
        help="kirim rekaman ke server pusat Disdukcapil",
        description="Kirim isi outbox ke server pusat, ulangi dengan jeda bila gagal.",
    )
    sy.add_argument("--once", action="store_true", help="satu putaran lalu keluar (0 bila outbox kosong)")
    sy.add_argument("--user", required=True, help="operator yang membuka data (kata sandi: $STATION_PASSWORD)")

    sr = sub.add_parser("sync-register", parents=[common], help="daftarkan stasiun ke server pusat")
    sr.add_argument("--url", required=True, help="alamat server pusat, https://...")
    sr.add_argument("--code", required=True, help="kode pendaftaran dari admin pusat")
    sr.add_argument("--ca", type=Path, default=None, help="berkas CA (PEM) untuk memverifikasi TLS server")
    sr.add_argument("--user", required=True, help="supervisor (kata sandi: $STATION_PASSWORD)")
    return parser


def _password(prompt: str = "Kata sandi: ") -> str:
    import getpass
    import os

    return os.environ.get("STATION_PASSWORD") or getpass.getpass(prompt)


def _unlocked(args, supervisor: bool = False):
    """The station's store, unlocked by --user and its password; exits with a message otherwise.
    supervisor=True: exports and deletions need a supervisor (UU 27/2022: the office answers for them)."""
    from station.storage import RecordStore, keyring

    store = RecordStore.in_folder(data_dir(getattr(args, "data_dir", None)))
    if not keyring.has_users(store):
        store.close()
        raise SystemExit("Stasiun belum disiapkan: buka aplikasi (mulai pertama) atau jalankan `station setup`.")
    try:
        op = keyring.login(store, args.user, _password())
    except keyring.LockedOut as err:
        store.close()
        raise SystemExit(str(err)) from None
    if op is None:
        store.close()
        raise SystemExit("Nama pengguna atau kata sandi salah.")
    if supervisor and op.role != "supervisor":
        store.close()
        raise SystemExit("Perintah ini perlu supervisor (ekspor dan penghapusan data).")
    return store


def cmd_setup(args) -> int:
    from station.services.station import Station
    from station.storage import keyring

    station = Station(data_dir(getattr(args, "data_dir", None)))
    try:
        code = station.first_start(args.station_id, args.kecamatan, args.user, _password("Kata sandi baru: "))
    except keyring.AccountError as err:
        print(str(err), file=sys.stderr)
        return 2
    finally:
        station.close()
    print(f"Stasiun {args.station_id} siap. KODE PEMULIHAN (simpan di brankas kantor, tidak ditampilkan lagi): {code}")
    return 0


def cmd_audit_verify(args) -> int:
    from station.storage import RecordStore

    with RecordStore.in_folder(data_dir(getattr(args, "data_dir", None))) as store:
        check = store.verify_audit()
    if check.ok:
        print(f"Jejak audit utuh: {check.entries} entri.")
        return 0
    print(f"JEJAK AUDIT RUSAK di entri {check.broken_at}: {check.why}.", file=sys.stderr)
    return 4


def cmd_review(args) -> int:
    from station.domain.enrolment import RecordStatus
    from station.storage import keyring

    with _unlocked(args) as store:
        if keyring.confirm_supervisor(store, args.user, _password()) is None:
            print("Hanya supervisor yang dapat meninjau.", file=sys.stderr)
            return 2
        if args.enable:
            store.set_setting("review_required", True)
            print("Tinjauan akhir hari menyala: rekaman baru menunggu persetujuan supervisor.")
        if args.uuid is None:
            for status in (RecordStatus.CAPTURED, RecordStatus.HELD):
                for r in store.find(status=status):
                    print(f"{r.uuid}  {status.value:9s} {r.created_at[:16]}  {r.nama}")
            return 0
        if args.decision is None:
            print("Pilih --decision approve|hold|reject.", file=sys.stderr)
            return 2
        new = store.review(args.uuid, args.decision, args.user, args.reason)
    print(f"{args.uuid}: {new.value}")
    return 0


def cmd_report(args) -> int:
    import datetime as dt

    from station.services import papers
    from station.storage.queue import QueueStore

    with _unlocked(args) as store:
        day = args.date or papers.office_today(store)
        if args.kind == "receipt":
            if not args.uuid:
                print("receipt perlu --uuid", file=sys.stderr)
                return 2
            pdf = papers.receipt_pdf(store, args.uuid, args.thermal)
        elif args.kind == "ticket":
            ticket = QueueStore(store).issue(
                day,
                int(store.setting("daily_quota", 150)),
                [dt.date.fromisoformat(d) for d in store.setting("holidays", [])],
            )
            pdf = papers.ticket_pdf(store, ticket, day)
        elif args.kind == "recap":
            pdf = papers.recap_pdf(store, day)
        elif args.kind == "progress":
            pdf = papers.progress_pdf(store, day)
        else:
            pdf = papers.prr_pdf(store, day)
    args.out.write_bytes(pdf)
    print(f"{args.out} ({len(pdf)} byte)")
    return 0


def _transfer_code() -> str:
    import getpass
    import os

    return os.environ.get("STATION_TRANSFER_CODE") or getpass.getpass("Kode transfer kantor: ")


def cmd_export(args) -> int:
    from station.storage.bundle import export

    with _unlocked(args, supervisor=True) as store:
        data, n = export(store, _transfer_code(), args.user)
    tmp = args.out.with_suffix(args.out.suffix + ".part")
    tmp.write_bytes(data)
    tmp.replace(args.out)  # a pulled-out USB stick leaves no half bundle under the real name
    print(f"{n} rekaman diekspor ke {args.out}")
    return 0


def cmd_import(args) -> int:
    from station.storage.bundle import import_bundle
    from station.storage.bundle_format import BundleRefused

    with _unlocked(args) as store:
        try:
            r = import_bundle(store, args.file.read_bytes(), _transfer_code(), args.user)
        except BundleRefused as err:
            print(str(err), file=sys.stderr)
            return 5
    print(f"dari {r.station_id}: {r.imported} baru, {r.repeats} sudah ada, {len(r.conflicts)} konflik")
    return 0 if not r.conflicts else 6


def cmd_smoke(args) -> int:
    from station.ui.smoke import smoke

    result = smoke(args.photo)
    print(json.dumps(result))
    return 0 if result["faces"] >= 1 else 1


def cmd_purge(args) -> int:
    with _unlocked(args, supervisor=True) as store:
        n = store.purge_acknowledged(args.days, args.user)
    print(f"{n} rekaman dibersihkan (foto dan biodata), ringkasan tanda terima disimpan.")
    return 0


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
    return 1 if failed else 0


def cmd_demo_data(args) -> int:
    from station.domain.regions import load_regions
    from station.services.demo import fill

    folder = data_dir(getattr(args, "data_dir", None))
    regions = load_regions(folder)
    if not regions.exists(args.kecamatan) or args.kecamatan.count(".") != 2:
        print(f"Kode kecamatan {args.kecamatan} tidak dikenal.", file=sys.stderr)
        return 2
    with _unlocked(args) as store:
        n = sum(1 for _ in fill(store, regions, args.count, args.photos, args.kecamatan))
        logging.getLogger(__name__).info("demo records added: %d", n)
        print(f"{n} rekaman contoh ditambahkan ke {store.path}")
    return 0


def cmd_info(args) -> int:
    from station.storage import RecordStore

    folder = data_dir(getattr(args, "data_dir", None))
    with RecordStore.in_folder(folder) as store:
        print(
            json.dumps(
                {
                    "database": str(store.path),
                    "records": store.counts(),
                    "outbox": store.outbox_size(),
                    "integrity": store.integrity_check(),
                },
                indent=2,
            )
        )
    return 0


def cmd_sync(args) -> int:
    import threading

    from sync.station_sync import NotConfigured, run_forever, run_once

    with _unlocked(args) as store:
        try:
            if args.once:
                r = run_once(store)
                print(
                    json.dumps(
                        {
                            "online": r.online,
                            "acknowledged": r.acknowledged,
                            "rejected": r.rejected,
                            "deferred": r.deferred,
                            "remaining": r.remaining,
                            "error": r.error,
                        }
                    ),
                    flush=True,
                )
                return 0 if r.remaining == 0 else 1
            stop = threading.Event()
            try:
                run_forever(
                    store,
                    stop,
                    lambda r: print(
                        f"terkirim {r.acknowledged}, ditolak {r.rejected}, sisa {r.remaining}"
                        + (f" ({r.error})" if r.error else ""),
                        flush=True,
                    ),
                )
            except KeyboardInterrupt:
                stop.set()
            return 0
        except NotConfigured as err:
            print(str(err), file=sys.stderr)
            return 2


def cmd_sync_register(args) -> int:
    from sync.client import SyncError, SyncRefused
    from sync.station_sync import NotConfigured, register

    with _unlocked(args) as store:
        try:
            sid = register(store, args.url, args.code, args.ca, store.setting("kecamatan", "00.00.00"))
        except (NotConfigured, SyncError, SyncRefused, ValueError) as err:
            print(str(err), file=sys.stderr)
            return 2
    print(f"Stasiun {sid} terdaftar di {args.url}")
    return 0


def cmd_gui(args) -> int:
    from station.ui.app import run

    return run(data_dir(getattr(args, "data_dir", None)), camera=args.camera if hasattr(args, "camera") else None)


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
    "smoke": cmd_smoke,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from station.logs import setup_logging
    from station.storage import StorageError

    setup_logging(data_dir(getattr(args, "data_dir", None)))
    try:
        return COMMANDS[args.command or "gui"](args)
    except StorageError as err:
        print(str(err), file=sys.stderr)
        return 3
