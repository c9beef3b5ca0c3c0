"""The fixes after the newcomer's review of the Dinas pages (/work/briefs/dinas-review.md), each tested over real
HTTP against the real central server (TLS, SQLite: the rules are the same on PostgreSQL, tests/test_dinas.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import random
import re
import subprocess
import sys

import pypdfium2
import pytest
import requests
from pypdf import PdfReader
from sqlalchemy.orm import Session

from station.domain.regions import load_regions
from station.services.demo import fake_enrolment
from sync.server.db import open_engine
from sync.server.dinas import auth
from sync.server.dinas.cards import BLUE, RED, card_pdf
from sync.server.dinas.office import Card
from tests.central import start_central
from tests.dinas import PASSWORD, ROOT, portrait, seed
from tests.stations import new_station, store_record
from tests.tls import make_ca_and_server

KEC = "33.24.01"
CARD_W_MM, CARD_H_MM = 85.6, 53.98


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("central")
    c = start_central(folder, *make_ca_and_server(folder / "tls"))
    engine = open_engine(c.db_url)
    with Session(engine) as s, s.begin():
        auth.add_user(s, "petugas", "petugas_cetak", PASSWORD)
        auth.add_user(s, "kadis", "kepala_dinas", PASSWORD)
    engine.dispose()
    yield c
    c.stop()


def token(html: str) -> str:
    """The form token of the first form on a page."""
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def officer(server, user: str = "petugas", password: str = PASSWORD) -> requests.Session:
    web = requests.Session()
    web.verify, web.trust_env = str(server.ca), False
    form = web.get(f"{server.url}/dinas/masuk").text
    login = re.search(r'name="login_token" value="([^"]+)"', form).group(1)
    r = web.post(f"{server.url}/dinas/masuk", data={"username": user, "password": password, "login_token": login})
    assert r.url.endswith("/dinas/"), r.url
    return web


def alert(html: str) -> str | None:
    found = re.search(r'<div class="(?:pesan|galat)"[^>]*>(.*?)</div>', html, re.S)
    return found.group(1) if found else None


def test_1_no_message_of_ones_own_on_an_official_page(server):
    forged = "Kartu Anda ditahan. Transfer Rp 500.000 ke rekening 123"
    pub = requests.get(f"{server.url}/cek", params={"galat": forged, "pesan": forged}, verify=server.ca)
    assert forged not in pub.text and alert(pub.text) is None
    web = officer(server)
    for path in ("/dinas/", "/dinas/blanko", "/dinas/siap", "/dinas/masuk"):
        page = web.get(f"{server.url}{path}", params={"galat": forged, "pesan": forged, "m": forged})
        assert forged not in page.text and alert(page.text) is None, path
    # the server's own messages come by code; a refusal is rendered on the spot, not carried in an address
    page = web.get(f"{server.url}/dinas/blanko")
    r = web.post(f"{server.url}/dinas/blanko", data={"csrf": token(page.text), "jenis": "received", "jumlah": "5"})
    assert r.url.endswith("/dinas/blanko?m=blanko") and alert(r.text) == "Catatan blanko disimpan."
    page = web.get(f"{server.url}/dinas/blanko")
    r = web.post(f"{server.url}/dinas/blanko", data={"csrf": token(page.text), "jenis": "destroyed", "jumlah": "1"})
    assert r.status_code == 400 and "wajib disaksikan" in alert(r.text) and "?" not in r.url


def test_2_a_form_is_recorded_once_and_the_ledger_names_letter_and_officer(server):
    web = officer(server)
    page = web.get(f"{server.url}/dinas/blanko")
    stock = int(re.search(r'id="stok">(\d+)<', page.text).group(1))
    form = {"csrf": token(page.text), "jenis": "received", "jumlah": "10", "catatan": "Surat Ditjen 470/123/2026"}
    assert web.post(f"{server.url}/dinas/blanko", data=form).status_code == 200
    again = web.post(f"{server.url}/dinas/blanko", data=form)  # the same form sent again (back button, replay)
    assert again.status_code == 409 and "sudah dikirim" in again.text
    page = web.get(f"{server.url}/dinas/blanko")
    assert int(re.search(r'id="stok">(\d+)<', page.text).group(1)) == stock + 10
    rincian = page.text.split('id="rincian"')[1]
    assert "Surat Ditjen 470/123/2026" in rincian and "petugas" in rincian and "WIB" in rincian
    # a token made for another session is no token at all
    other = officer(server)
    stolen = token(other.get(f"{server.url}/dinas/blanko").text)
    r = web.post(f"{server.url}/dinas/blanko", data={**form, "csrf": stolen})
    assert r.status_code == 403


def batch_of(web, server, kecamatan: str, size: int) -> str:
    """Blanko in stock, then a batch of the `size` oldest of a kecamatan; returns the batch page's address."""
    page = web.get(f"{server.url}/dinas/blanko")
    web.post(f"{server.url}/dinas/blanko", data={"csrf": token(page.text), "jenis": "received", "jumlah": str(size)})
    page = web.get(f"{server.url}/dinas/")
    r = web.post(
        f"{server.url}/dinas/batch", data={"csrf": token(page.text), "kecamatan": kecamatan, "jumlah": str(size)}
    )
    assert "/dinas/batch/" in r.url, alert(r.text)
    return r.url.split("?")[0]


def mark(web, batch_url: str, n: int, tanda: str, alasan: str = "") -> requests.Response:
    page = web.get(batch_url).text
    item = re.findall(r'<tr data-item="(\d+)">(?:(?!</tr>).)*?Belum ditandai', page, re.S)[n]  # n-th pending
    return web.post(batch_url + "/tandai", data={"csrf": token(page), "item": item, "tanda": tanda, "alasan": alasan})


def test_3_the_card_pdf_holds_only_cards_to_print_and_every_download_is_written_down(server, faces_dir):
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:2]
    people = seed(server.db_url, photos, [("33.24.03", 3), ("33.24.03", 2)], seed=31)
    web = officer(server)
    batch_url = batch_of(web, server, "33.24.03", 2)
    first = web.get(batch_url + "/kartu.pdf")
    assert len(PdfReader(io.BytesIO(first.content)).pages) == 2
    assert mark(web, batch_url, 0, "printed").status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(web.get(batch_url + "/kartu.pdf").content)).pages)
    assert people[0].nik not in text and people[1].nik in text  # the printed card's NIK is not handed out again
    assert mark(web, batch_url, 0, "spoiled", "macet").status_code == 200
    last = web.get(batch_url + "/kartu.pdf")
    assert last.status_code == 404 and "sudah ditandai" in last.text
    log = web.get(batch_url).text.split('id="unduhan"')[1]
    assert log.count("<td>petugas</td>") == 2 and "WIB" in log  # two downloads, the refused one is not one
    assert server.query("SELECT officer, cards FROM dinas_batch_downloads ORDER BY id") == [
        ("petugas", 2),
        ("petugas", 1),
    ]


def test_11_errors_on_the_pages_are_indonesian_html_and_a_huge_number_is_not_found(server):
    web = officer(server)
    cases = {
        "/dinas/batch/99999999999999999999999": 404,
        "/dinas/batch/2147483648": 404,
        "/dinas/batch/abc": 404,
        "/dinas/batch/0/kartu.pdf": 404,
        "/dinas/nope": 404,
        "/dinas/siap/99.99.99.pdf": 404,
        "/dinas/siap/33.24.01.pdf?desa=33.25.01.2001": 404,
        "/cek/nope": 404,
    }
    for path, status in cases.items():
        r = web.get(f"{server.url}{path}")
        assert r.status_code == status and r.headers["content-type"].startswith("text/html"), (path, r.status_code)
        assert "tidak" in alert(r.text).lower() and "detail" not in r.text, path
    page = web.get(f"{server.url}/dinas/")
    r = web.post(f"{server.url}/dinas/batch", data={"csrf": token(page.text), "kecamatan": KEC, "jumlah": "abc"})
    assert r.status_code == 422 and "tidak sah" in alert(r.text) and r.headers["content-type"].startswith("text/html")
    page = web.get(f"{server.url}/dinas/")
    r = web.post(f"{server.url}/dinas/batch/1/tandai", data={"csrf": token(page.text), "item": "9" * 30, "tanda": "x"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    # the station API keeps its JSON errors
    api = requests.get(f"{server.url}/v1/nope", verify=server.ca)
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


def test_4_nothing_printed_outside_the_fields_and_the_photo_background_is_the_birth_year_colour(faces_dir):
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:2]
    blobs = {f"h{i}": portrait(p) for i, p in enumerate(photos)}
    now = dt.datetime.now(dt.UTC)
    cards = [
        Card(
            f"u{i}",
            "3324014101900003",
            {"nama": "UJI", "tanggal_lahir": f"{1990 + i}-01-01"},
            {"crop": f"h{i}"},
            now,
            now,
            "ST",
        )
        for i in range(2)
    ]
    pdf = card_pdf(cards, blobs, dt.date.today())
    doc = pypdfium2.PdfDocument(pdf)
    for i, want in enumerate((BLUE, RED)):  # 1990 even: blue; 1991 odd: red
        img = doc[i].render(scale=4).to_pil().convert("RGB")

        def at(x_mm: float, y_mm: float, img=img) -> tuple[int, int, int]:
            return img.getpixel((int(img.width * x_mm / CARD_W_MM), int(img.height * y_mm / CARD_H_MM)))

        for corner in ((1, 1), (CARD_W_MM - 1, CARD_H_MM - 1), (40, 50)):  # white: the blanko's own background
            assert min(at(*corner)) > 245, (corner, at(*corner))
        rgb = tuple(int(want[k : k + 2], 16) for k in (1, 3, 5))
        box_left, box_top = CARD_W_MM - 23.5, 33.5 - 25  # the photo box, 20 x 25 mm
        for x, y in ((box_left + 2, box_top + 1.5), (box_left + 18, box_top + 1.5), (box_left + 2, box_top + 8)):
            got = at(x, y)  # inside the photo itself, above and beside the head: the replaced background
            assert max(abs(a - b) for a, b in zip(got, rgb, strict=True)) < 30, (i, (x, y), got, want)
    doc.close()


def dinas_user(server, *args: str, password: str = PASSWORD) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sync.server", "dinas-user", *args, "--db", server.db_url],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), DINAS_PASSWORD=password),
        capture_output=True,
        text=True,
        timeout=120,
    )


def can_login(server, user: str, password: str = PASSWORD) -> bool:
    web = requests.Session()
    web.verify, web.trust_env = str(server.ca), False
    form = web.get(f"{server.url}/dinas/masuk").text
    login = re.search(r'name="login_token" value="([^"]+)"', form).group(1)
    r = web.post(f"{server.url}/dinas/masuk", data={"username": user, "password": password, "login_token": login})
    return r.url.endswith("/dinas/")


def test_6_accounts_can_be_listed_unlocked_reset_and_disabled(server):
    helped = subprocess.run(
        [sys.executable, "-m", "sync.server", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert "dinas-user" in helped.stdout
    assert dinas_user(server, "add", "operator.enam", "--role", "petugas_cetak").returncode == 0
    for _ in range(auth.MAX_FAILURES):  # anybody can lock a name by typing wrong passwords
        assert not can_login(server, "operator.enam", "salah-salah-salah")
    assert not can_login(server, "operator.enam")
    listed = dinas_user(server, "list").stdout
    assert re.search(r"operator\.enam\s+petugas cetak\s+terkunci", listed), listed
    assert dinas_user(server, "unlock", "operator.enam").returncode == 0
    assert can_login(server, "operator.enam")
    web = officer(server, "operator.enam")
    assert dinas_user(server, "disable", "operator.enam").returncode == 0
    assert web.get(f"{server.url}/dinas/").url.endswith("/dinas/masuk")  # the open session ended at once
    assert not can_login(server, "operator.enam") and "nonaktif" in dinas_user(server, "list").stdout
    assert dinas_user(server, "enable", "operator.enam").returncode == 0
    web = officer(server, "operator.enam")
    weak = dinas_user(server, "reset", "operator.enam", password="password123")
    assert weak.returncode == 2 and "sering dipakai" in weak.stdout
    assert dinas_user(server, "reset", "operator.enam", password="ganti-sandi-baru-2026").returncode == 0
    assert web.get(f"{server.url}/dinas/").url.endswith("/dinas/masuk")
    assert not can_login(server, "operator.enam") and can_login(server, "operator.enam", "ganti-sandi-baru-2026")
    assert dinas_user(server, "unlock", "tidak.ada").returncode == 2


def test_7_the_receipt_names_the_status_page_and_its_printed_code_works_there(server, data_dir, faces_dir):
    crop = portrait(sorted((faces_dir / "photos").glob("img*.jpg"))[0])
    e = fake_enrolment(random.Random(17), load_regions(), "33.24.04", dt.date.today())
    with new_station(data_dir, "ST-TUJUH") as station:
        uuid = store_record(station, e, crop)
        station.sync.register(server.url, server.code(station), server.ca)
        assert station.sync.run_once().remaining == 0
        for thermal in (False, True):
            text = " ".join(
                p.extract_text() for p in PdfReader(io.BytesIO(station.papers.receipt(uuid, thermal))).pages
            )
            flat = " ".join(text.split())
            assert f"{server.url}/cek" in flat.replace(" ", "") or f"{server.url}/cek" in flat, flat
            found = re.search(r"Kode rekaman\s*:?\s*([0-9A-F]{8}-[0-9A-F]{10})", flat)
            assert found, flat
            printed = found.group(1)
            assert printed.startswith(uuid[:8].upper())
    for typed in (printed, printed.lower(), printed.replace("-", " ")):
        page = requests.get(f"{server.url}/cek", params={"kode": typed}, verify=server.ca)
        assert "Siap cetak (PRR)" in page.text, typed
        assert e.nik not in page.text and e.nama not in page.text and e.nama.upper() not in page.text
    wrong = printed[:-1] + ("0" if printed[-1] != "0" else "1")
    page = requests.get(f"{server.url}/cek", params={"kode": wrong}, verify=server.ca)
    assert "tidak dikenal" in page.text
    page = requests.get(f"{server.url}/cek", params={"kode": printed[:8]}, verify=server.ca)  # no check value
    assert "tidak dikenal" in page.text


def free_blanks(web, server) -> int:
    page = web.get(f"{server.url}/dinas/").text
    found = re.search(r'id="tersedia">(-?\d+)<', page)
    return int(found.group(1)) if found else int(re.search(r"Stok blanko: <b>(-?\d+)</b>", page).group(1))


def test_5_a_wrong_mark_is_corrected_a_batch_marked_at_once_or_cancelled(server, faces_dir):
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:3]
    people = seed(server.db_url, photos, [("33.24.05", 3), ("33.24.05", 2), ("33.24.05", 1)], seed=51)
    web = officer(server)
    batch_url = batch_of(web, server, "33.24.05", 3)
    page = web.get(batch_url).text
    info = re.search(r'id="batch-info">(.*?)</p>', page).group(1)  # the batch names kecamatan, date, officer
    assert "(33.24.05)" in info and "WIB" in info and "petugas" in info
    assert mark(web, batch_url, 0, "printed").status_code == 200
    uuid = people[0].uuid
    assert server.query(f"SELECT status FROM central_records WHERE uuid = '{uuid}'") == [("printed",)]
    page = web.get(batch_url).text
    item = re.search(r'action="[^"]*/koreksi".*?name="item" value="(\d+)"', page, re.S).group(1)
    r = web.post(batch_url + "/koreksi", data={"csrf": token(page), "item": item, "alasan": "salah klik baris"})
    assert r.status_code == 200 and "dibatalkan" in alert(r.text)
    assert server.query(f"SELECT status FROM central_records WHERE uuid = '{uuid}'") == [("received",)]
    assert server.query(f"SELECT state FROM dinas_print_items WHERE id = {item}") == [("pending",)]
    ledger = web.get(f"{server.url}/dinas/blanko").text.split('id="rincian"')[1]
    assert "salah klik baris" in ledger and ">-1<" in ledger
    # mark all: only with the confirmation ticked
    page = web.get(batch_url).text
    r = web.post(batch_url + "/semua", data={"csrf": token(page)})
    assert r.status_code == 400 and "Centang konfirmasi" in alert(r.text)
    page = web.get(batch_url).text
    r = web.post(batch_url + "/semua", data={"csrf": token(page), "yakin": "ya"})
    assert r.status_code == 200 and r.text.count('class="status-printed"') == 3
    # cancel: the pending cards leave, their blanks are free again, their records are back in the queue
    seed(server.db_url, photos, [("33.24.06", 2), ("33.24.06", 1)], seed=52)
    other = batch_of(web, server, "33.24.06", 2)
    before = free_blanks(web, server)
    page = web.get(other).text
    r = web.post(other + "/batal", data={"csrf": token(page), "yakin": "ya", "alasan": "printer rusak"})
    assert r.status_code == 200 and r.text.count('class="status-cancelled"') == 2
    assert free_blanks(web, server) == before + 2
    assert "(33.24.06) · 2 menunggu" in web.get(f"{server.url}/dinas/").text
    assert "/dinas/batch/" in batch_of(web, server, "33.24.06", 2)  # the same records can be batched again


def test_12_no_inline_style_for_the_csp_to_block_and_hsts_on_every_page(server, faces_dir):
    web = officer(server)
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:1]
    seed(server.db_url, photos, [("33.24.07", 1)], seed=71)
    batch_url = batch_of(web, server, "33.24.07", 1)
    for url in (batch_url, f"{server.url}/dinas/", f"{server.url}/dinas/blanko", f"{server.url}/cek"):
        r = web.get(url)
        assert "style=" not in r.text and "<style" not in r.text, url
        assert "style-src" not in r.headers["Content-Security-Policy"]  # no 'unsafe-inline' needed
        assert r.headers["Strict-Transport-Security"].startswith("max-age="), url
    css = web.get(f"{server.url}/dinas/gaya.css").text
    assert "form.sebaris" in css and 'class="sebaris"' in web.get(batch_url).text


def test_13_every_time_on_the_pages_is_office_time(server, faces_dir):
    web = officer(server)
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:1]
    seed(server.db_url, photos, [("33.24.08", 1)], seed=81)
    batch_url = batch_of(web, server, "33.24.08", 1)
    for url in (batch_url, f"{server.url}/dinas/", f"{server.url}/dinas/blanko"):
        text = web.get(url).text
        assert "UTC" not in text and "WIB" in text, url
        assert not re.search(r"\d{4}-\d\d-\d\d", text), url  # dates as the office writes them: 25-11-2026
    assert "UTC" not in dinas_user(server, "list").stdout


def test_15_the_status_page_limit_counts_the_real_address_under_a_secret_salt(server):
    statuses = [
        requests.get(
            f"{server.url}/cek",
            params={"kode": "80299009-ABCDEF0123"},
            headers={"X-Forwarded-For": f"10.0.{i}.1"},  # a client pretending to be many behind a local proxy
            verify=server.ca,
        ).status_code
        for i in range(12)
    ]
    assert 429 in statuses
    fixed = "cek:" + hashlib.sha256(b"cek-status:127.0.0.1").hexdigest()[:60]
    stored = {c for (c,) in server.query("SELECT client FROM dinas_status_lookups WHERE client LIKE 'cek:%'")}
    assert stored and fixed not in stored


def test_18_the_dashboard_counts_open_batches_uncollected_cards_and_spoilage(server, faces_dir):
    web = officer(server)
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:3]
    seed(server.db_url, photos, [("33.24.09", 3), ("33.24.09", 2), ("33.24.09", 1)], seed=91)
    batch_url = batch_of(web, server, "33.24.09", 3)
    assert mark(web, batch_url, 0, "printed").status_code == 200
    assert mark(web, batch_url, 0, "spoiled", "tergores").status_code == 200  # the third stays pending
    board = officer(server, "kadis").get(f"{server.url}/dinas/dasbor").text

    def shown(element: str) -> str:
        return re.search(rf'id="{element}">([^<]*)<', board).group(1)

    [(printed,)] = server.query("SELECT count(*) FROM central_records WHERE status = 'printed'")
    [(collected,)] = server.query("SELECT count(*) FROM dinas_collections")
    [(open_batches, open_cards)] = server.query(
        "SELECT count(DISTINCT batch_id), count(*) FROM dinas_print_items WHERE state = 'pending'"
    )
    [(spoiled, marked)] = server.query(
        "SELECT sum(CASE WHEN state = 'spoiled' THEN 1 ELSE 0 END), count(*) FROM dinas_print_items"
        " WHERE state IN ('printed', 'spoiled')"
    )
    assert open_batches >= 1 and shown("batch-terbuka") == f"{open_batches} ({open_cards} kartu)"
    assert shown("belum-diambil") == str(printed - collected) and printed - collected >= 1
    assert shown("rusak") == f"{100 * spoiled / marked:.1f}%"


def test_7b_the_ready_list_finds_a_card_by_the_receipts_code_or_a_name(server, faces_dir):
    web = officer(server)
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:2]
    a, b = seed(server.db_url, photos, [("33.24.10", 2), ("33.24.10", 1)], seed=101)
    batch_url = batch_of(web, server, "33.24.10", 2)
    page = web.get(batch_url).text
    assert web.post(batch_url + "/semua", data={"csrf": token(page), "yakin": "ya"}).status_code == 200
    printed_code = f"{a.uuid[:8]}-{a.code.rsplit(':', 1)[1]}".upper()
    for query in (a.code, printed_code, printed_code.lower()):
        found = web.get(f"{server.url}/dinas/siap", params={"cari": query}).text
        assert a.nama in found and b.nama not in found, query
    found = web.get(f"{server.url}/dinas/siap", params={"cari": b.nama.split()[-1].lower()}).text
    assert b.nama in found
    assert "Tidak ada KTP-el siap diambil yang cocok" in web.get(f"{server.url}/dinas/siap?cari=zzzz").text


def test_8_a_hand_over_records_the_document_checked_and_who_the_representative_is(server, faces_dir):
    web = officer(server)
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:2]
    a, b = seed(server.db_url, photos, [("33.24.11", 2), ("33.24.11", 1)], seed=111)
    batch_url = batch_of(web, server, "33.24.11", 2)
    page = web.get(batch_url).text
    assert web.post(batch_url + "/semua", data={"csrf": token(page), "yakin": "ya"}).status_code == 200

    def hand_over(**form) -> requests.Response:
        page = web.get(f"{server.url}/dinas/siap").text
        return web.post(f"{server.url}/dinas/serah", data={"csrf": token(page), **form})

    r = hand_over(uuid=a.uuid, pengambil="Budi Santoso", hubungan="suami_istri", bukti="bukti_kk")
    assert r.status_code == 400 and "nomor identitas" in alert(r.text)  # a representative must show an ID
    r = hand_over(
        uuid=a.uuid, pengambil="Budi Santoso", hubungan="suami_istri", bukti="bukti_kk", no_identitas="3324011203800001"
    )
    assert "DIAMBIL" in alert(r.text)
    r = hand_over(uuid=b.uuid, pengambil=b.nama, hubungan="sendiri", bukti="bukti")
    assert "DIAMBIL" in alert(r.text)
    rows = server.query(
        "SELECT record_uuid, collected_by, relation, proof, representative_id, officer FROM dinas_collections"
        f" WHERE record_uuid IN ('{a.uuid}', '{b.uuid}') ORDER BY collected_at"
    )
    assert rows == [
        (a.uuid, "Budi Santoso", "suami_istri", "bukti_kk", "3324011203800001", "petugas"),
        (b.uuid, b.nama, "sendiri", "bukti", None, "petugas"),
    ]


def test_9_a_suket_has_a_number_the_heads_signature_block_and_a_reprint_says_so(server, faces_dir):
    web = officer(server)
    photos = sorted((faces_dir / "photos").glob("img*.jpg"))[:1]
    [a] = seed(server.db_url, photos, [("33.24.12", 1)], seed=121)

    def suket() -> str:
        page = web.get(f"{server.url}/dinas/").text
        r = web.post(f"{server.url}/dinas/suket", data={"csrf": token(page), "uuid": a.uuid})
        assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
        return " ".join(PdfReader(io.BytesIO(r.content)).pages[0].extract_text().split())

    first, again = suket(), suket()
    number = re.search(r"Nomor: (470/\d{5}/DISDUKCAPIL/\d{4})", first).group(1)
    assert "PEMERINTAH KABUPATEN KENDAL" in first and a.nik in first
    assert "Kepala Dinas Kependudukan" in first and "NIP." in first and "cap dinas" in first
    assert "dicetak oleh petugas petugas" in first and "CETAK ULANG" not in first
    assert f"Nomor: {number}" in again and "CETAK ULANG ke-1" in again  # the same letter, not a second one
    assert server.query(f"SELECT count(*) FROM dinas_sukets WHERE record_uuid = '{a.uuid}'") == [(2,)]


def test_11b_a_crash_under_dinas_is_an_indonesian_page_and_the_api_keeps_its_plain_500(tmp_path):
    import threading
    import time

    import uvicorn

    from sync.server.app import create_app
    from tests.central import free_port

    app = create_app(f"sqlite:///{tmp_path / 'central.db'}", tmp_path / "secrets.json")

    def boom() -> None:
        raise RuntimeError("uji")

    app.add_api_route("/dinas/uji-galat", boom)
    app.add_api_route("/v1/uji-galat", boom)
    port = free_port()
    runner = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not runner.started and time.monotonic() < deadline:
            time.sleep(0.05)
        page = requests.get(f"http://127.0.0.1:{port}/dinas/uji-galat", timeout=10)
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "kesalahan di server" in alert(page.text) and "uji" not in alert(page.text)
        api = requests.get(f"http://127.0.0.1:{port}/v1/uji-galat", timeout=10)
        assert api.status_code == 500 and api.text == "Internal Server Error"
    finally:
        runner.should_exit = True
        thread.join(10)
