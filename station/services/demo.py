"""demo-data: fill a station with realistic records (consistent NIKs, real region codes, real photos)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

from station.camera import IMAGE_SUFFIXES
from station.domain import values
from station.domain.enrolment import Enrolment
from station.domain.errors import InvalidInput
from station.domain.payload import Photo
from station.domain.permissions import Action
from station.domain.regions import Regions, UnknownRegion
from station.quality.config import GateConfig
from station.services.acceptance import encode_jpeg
from station.services.base import Service
from station.services.records import Records

FIRST_L = ["Agus", "Budi", "Dedi", "Eko", "Hendra", "Joko", "Rudi", "Slamet", "Wahyu", "Yusuf", "Ahmad", "Bambang"]
FIRST_P = ["Ani", "Dewi", "Fitri", "Lestari", "Nur", "Putri", "Rina", "Sari", "Siti", "Wulan", "Yuni", "Indah"]
LAST = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Rahmawati",
    "Setiawan",
    "Pratama",
    "Kurniawan",
    "Susanti",
    "Handayani",
    "Purnomo",
    "",
]


def fake_nik(district: str, birth: dt.date, sex: str, serial: int) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return district.replace(".", "") + f"{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def fake_enrolment(rng: random.Random, regions: Regions, kecamatan: str, today: dt.date) -> Enrolment:
    desa = rng.choice(regions.children(kecamatan)).code
    sex = rng.choice("LP")
    birth = today - dt.timedelta(days=rng.randint(17 * 366, 80 * 365))
    first = rng.choice(FIRST_L if sex == "L" else FIRST_P)
    kk_date = today - dt.timedelta(days=rng.randint(30, 3000))
    return Enrolment(
        nik=fake_nik(kecamatan, birth, sex, rng.randint(1, 9999)),
        no_kk=kecamatan.replace(".", "") + f"{kk_date:%d%m%y}" + f"{rng.randint(1, 9999):04d}",
        nama=f"{first} {rng.choice(LAST)}".strip(),
        tempat_lahir=regions.get(kecamatan.rsplit(".", 1)[0]).name.replace("KAB. ", "").title(),
        tanggal_lahir=birth,
        jenis_kelamin=sex,
        golongan_darah=rng.choice(values.GOLONGAN_DARAH),
        alamat=f"Jl. {rng.choice(['Merdeka', 'Pemuda', 'Diponegoro', 'Sudirman'])} No. {rng.randint(1, 200)}",
        rt=f"{rng.randint(1, 15):03d}",
        rw=f"{rng.randint(1, 9):03d}",
        desa_code=desa,
        agama=rng.choice(values.AGAMA),
        status_perkawinan=rng.choice(values.STATUS_PERKAWINAN),
        pekerjaan=rng.choice(values.PEKERJAAN),
        pendidikan=rng.choice(values.PENDIDIKAN),
        hubungan_keluarga=rng.choice(values.HUBUNGAN_KELUARGA),
        kewarganegaraan="WNI",
    )


def portrait_crops(folder: Path, cfg: GateConfig, count: int) -> list[bytes]:
    """One ICAO-geometry crop per photo with a face (a centred resize when none is found), for at most `count`
    photos. The face models load only here: no other command pays for them."""
    import cv2

    from station.quality.gate import PhotoGate, crop_id_photo
    from station.quality.images import ImageRefused, load_image

    if not Path(folder).is_dir():
        raise InvalidInput(f"Folder foto {folder} tidak ada.")
    files = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)[: max(1, count)]
    if not files:
        raise InvalidInput(f"Tidak ada foto di {folder}.")
    out = []
    with PhotoGate(cfg) as gate:
        for f in files:
            try:
                img = load_image(f)
            except ImageRefused:
                continue
            v = gate.judge(img)
            if v.geometry is not None:
                crop = crop_id_photo(img, v.geometry, cfg.crop_width, cfg.crop_height)
            else:
                crop = cv2.resize(img, (cfg.crop_width, cfg.crop_height), interpolation=cv2.INTER_AREA)
            out.append(encode_jpeg(crop))
    if not out:
        raise InvalidInput(f"Tidak ada foto yang bisa dibaca di {folder}.")
    return out


class DemoData(Service):
    def fill(self, count: int, photos: Path, kecamatan: str | None = None, seed: int = 1) -> Iterator[str]:
        """Realistic records for training and demos, accepted as the logged-in supervisor, in this station's
        kecamatan unless another is named."""
        ctx = self._ctx
        ctx.require(Action.DEMO_DATA)
        kecamatan = kecamatan or ctx.settings.kecamatan
        if not ctx.regions.is_kecamatan(kecamatan):
            raise UnknownRegion(kecamatan)
        if count < 1:
            raise InvalidInput("Jumlah rekaman contoh paling sedikit 1.")
        rng = random.Random(seed)
        crops = portrait_crops(photos, ctx.gate_config, count)
        records = Records(ctx)
        today = ctx.clock.today()
        for i in range(count):
            e = fake_enrolment(rng, ctx.regions, kecamatan, today)
            yield records.store_unchecked(e, {"crop": Photo(crops[i % len(crops)])}, {"demo": True})
