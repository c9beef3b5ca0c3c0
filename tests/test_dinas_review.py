"""The fixes after the newcomer's review of the Dinas pages (/work/briefs/dinas-review.md), each tested over real
HTTP against the real central server (TLS, SQLite: the rules are the same on PostgreSQL, tests/test_dinas.py)."""

from __future__ import annotations

import re

import pytest
import requests
from sqlalchemy.orm import Session

from sync.server.db import open_engine
from sync.server.dinas import auth
from tests.central import start_central
from tests.dinas import PASSWORD
from tests.tls import make_ca_and_server

KEC = "33.24.01"


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


def officer(server, user: str = "petugas") -> requests.Session:
    web = requests.Session()
    web.verify, web.trust_env = str(server.ca), False
    form = web.get(f"{server.url}/dinas/masuk").text
    login = re.search(r'name="login_token" value="([^"]+)"', form).group(1)
    r = web.post(f"{server.url}/dinas/masuk", data={"username": user, "password": PASSWORD, "login_token": login})
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
