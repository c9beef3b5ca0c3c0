"""Helpers for the Dinas tests: records put through the central server's own intake (store_record, the same
function uploads use) with realistic biodata and a real face photo, recorded some days ago; staff accounts made
by the server's CLI; a headless Chromium for Playwright."""

from __future__ import annotations

import base64
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import uuid as uuidlib
from dataclasses import dataclass
from pathlib import Path

import cv2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from station.domain.payload import origin_message, payload_digest, sha256_hex
from station.domain.regions import load_regions
from station.services.demo import fake_enrolment
from sync.server.db import open_engine
from sync.server.intake import put_blob, store_record
from sync.server.models import StationRow
from sync.server.schemas import RecordIn

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "sandi-dinas-uji-123"


@dataclass
class Seeded:
    uuid: str
    code: str  # the receipt's QR text
    nik: str
    nama: str
    birth_year: int
    kecamatan: str


def portrait(photo: Path) -> bytes:
    """A 3:4 centre crop of a real photograph, as the station's gate would keep it."""
    img = cv2.imread(str(photo))
    h, w = img.shape[:2]
    cw = min(w, int(h * 3 / 4))
    ch = int(cw * 4 / 3)
    x, y = (w - cw) // 2, max((h - ch) // 2, 0)
    crop = cv2.resize(img[y : y + ch, x : x + cw], (300, 400))
    return cv2.imencode(".jpg", crop, [cv2.IMWRITE_JPEG_QUALITY, 88])[1].tobytes()


def seed(db_url: str, photos: list[Path], plan: list[tuple[str, float]], seed: int = 7) -> list[Seeded]:
    """One record per (kecamatan, days ago recorded), through the real intake."""
    regions, rng = load_regions(), random.Random(seed)
    today = dt.date.today()
    engine = open_engine(db_url)
    out, keys = [], {}
    try:
        with Session(engine) as s, s.begin():
            for i, (kecamatan, days_ago) in enumerate(plan):
                station_id = "ST-" + kecamatan.replace(".", "")
                if station_id not in keys:
                    keys[station_id] = Ed25519PrivateKey.from_private_bytes(
                        sha256_hex(station_id.encode())[:32].encode()
                    )
                if s.get(StationRow, station_id) is None:
                    public = keys[station_id].public_key().public_bytes_raw()
                    s.add(
                        StationRow(
                            station_id=station_id,
                            kecamatan=kecamatan,
                            key_sha256=sha256_hex(station_id.encode()),
                            registered_at=dt.datetime.now(dt.UTC).isoformat(),
                            signing_public_key=base64.b64encode(public).decode(),
                        )
                    )
                    s.flush()
                e = fake_enrolment(rng, regions, kecamatan, today)
                biodata = e.to_dict()
                crop = portrait(photos[i % len(photos)])
                rid = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
                blobs = {"crop": put_blob(s, crop)}
                digest = payload_digest(rid, biodata, {"demo": True}, blobs)
                created = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
                ack = store_record(
                    s,
                    station_id,
                    RecordIn(
                        uuid=rid,
                        origin=station_id,
                        origin_signature=base64.b64encode(keys[station_id].sign(origin_message(digest))).decode(),
                        payload_sha256=digest,
                        biodata=biodata,
                        quality={"demo": True},
                        created_at=created.isoformat(),
                        operator="ani",
                        blobs=blobs,
                    ),
                )
                assert ack.outcome == "stored", ack
                out.append(
                    Seeded(rid, f"EKTP1:{rid}:{digest[:10].upper()}", e.nik, e.nama, e.tanggal_lahir.year, kecamatan)
                )
    finally:
        engine.dispose()
    return out


def add_staff(db_url: str, username: str, role: str, password: str = PASSWORD) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sync.server", "dinas-user", "add", username, "--role", role, "--db", db_url],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), DINAS_PASSWORD=password),
        capture_output=True,
        text=True,
        timeout=120,
    )


def chromium_path(playwright) -> str | None:
    """Playwright's own Chromium when its download worked, else the OS package (Debian: chromium)."""
    own = playwright.chromium.executable_path
    if own and Path(own).exists():
        return None  # Playwright finds it itself
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        raise RuntimeError(
            "Tidak ada Chromium: jalankan `.venv/bin/python -m playwright install --with-deps chromium` "
            "atau `apt-get install chromium`."
        )
    return found
