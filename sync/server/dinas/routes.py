"""The Dinas web pages (/dinas/...) and the public status page (/cek). Server-rendered HTML, no script: forms
post back, every POST carries the session's CSRF token, errors come back as a message on the same page."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import delete, func, select
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.server.deps import central
from sync.server.dinas import auth, office
from sync.server.dinas.cards import card_pdf
from sync.server.dinas.lists import ready_list_pdf
from sync.server.dinas.models import PrintBatchRow, StatusLookupRow
from sync.server.dinas.suket import suket_pdf
from sync.server.models import BlobRow

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["mask"] = office.mask_nik
templates.env.filters["wib"] = office.wib
templates.env.filters["tanggal"] = lambda day: "-".join(reversed(day.split("-")))  # 25-11-2026
templates.env.globals["region_name"] = office.region_name
templates.env.globals["kinds"] = office.KINDS
templates.env.globals["relations"] = office.RELATIONS
templates.env.globals["proofs"] = office.PROOFS
templates.env.globals["form_token"] = auth.form_token

PLACE = "Kantor Dinas Kependudukan dan Pencatatan Sipil"
LOOKUPS_PER_WINDOW, LOOKUP_WINDOW_S = 10, 60  # public status page: per client address
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Strict-Transport-Security": "max-age=31536000",  # the pages are served over TLS only (stations refuse HTTP)
}
CSS = (Path(__file__).parent / "templates" / "gaya.css").read_text(encoding="utf-8")


# What a page may say after a redirect, by code (?m=...): the address carries only the code, never the words, so
# nobody can put a message of their own on an official page with a crafted link. An unknown code shows nothing.
# Refusals are not redirected: the page is rendered at once with the reason (it never travels in an address).
MESSAGES = {
    "keluar": "Anda sudah keluar.",
    "batch": "Batch dibuat. Unduh PDF, cetak, lalu tandai tiap kartu.",
    "tercetak": "Kartu ditandai tercetak.",
    "rusak": "Kartu ditandai rusak.",
    "koreksi": "Tanda kartu dibatalkan; kartu kembali belum ditandai. Koreksi dicatat di buku blanko.",
    "semua": "Semua kartu yang belum ditandai kini tercetak.",
    "batal": "Batch dibatalkan: kartu yang belum ditandai kembali ke antrean dan blankonya tersedia lagi.",
    "blanko": "Catatan blanko disimpan.",
    "serah": "Penyerahan dicatat: DIAMBIL.",
}


def _page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    context.setdefault("staff", None)
    context.setdefault("pesan", MESSAGES.get(request.query_params.get("m", "")))
    context.setdefault("galat", None)
    return templates.TemplateResponse(request, name, context, status_code=status, headers=HEADERS)


def _back(path: str, message: str | None = None) -> RedirectResponse:
    assert message is None or message in MESSAGES, message
    return RedirectResponse(path + (f"?m={message}" if message else ""), status_code=303, headers=HEADERS)


def _pdf(data: bytes, filename: str) -> Response:
    return Response(
        data, media_type="application/pdf", headers={**HEADERS, "Content-Disposition": f'inline; filename="{filename}"'}
    )


class Refused(Exception):
    """A staff page refused: shown as an HTML page with the reason (the API keeps FastAPI's JSON errors)."""

    def __init__(self, status: int, message: str, staff: auth.Staff | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.staff = status, message, staff


MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database: a larger number names nothing (404), not a crash
RowId = Annotated[int, PathParam(ge=1, le=MAX_ID)]
ERRORS = {
    404: "Halaman tidak ditemukan. Periksa alamatnya.",
    405: "Halaman ini tidak dapat dibuka dengan cara itu.",
    422: "Isian formulir tidak sah (mis. jumlah harus berupa angka). Periksa lalu kirim lagi.",
    500: "Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi pengelola server.",
}


def _ours(request: Request) -> bool:
    """The pages people read (Indonesian HTML errors); the station API keeps FastAPI's JSON errors."""
    path = request.url.path
    return path == "/cek" or path.startswith(("/dinas/", "/cek/")) or path == "/dinas"


def _error_page(request: Request, status: int, message: str, staff: auth.Staff | None = None) -> HTMLResponse:
    return _page(
        request, "galat.html", status=status, staff=staff, galat=message, public=request.url.path.startswith("/cek")
    )


def install(app) -> None:
    """Mount the pages, and the Indonesian HTML error pages for them, on the central app."""
    app.include_router(router)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> HTMLResponse:
        return _error_page(request, exc.status, exc.message, exc.staff)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _ours(request) and exc.status_code >= 400:
            return _error_page(request, exc.status_code, ERRORS.get(exc.status_code, ERRORS[404]))
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if not _ours(request):
            return await request_validation_exception_handler(request, exc)
        in_path = any(e.get("loc", ("",))[0] == "path" for e in exc.errors())
        return _error_page(request, 404 if in_path else 422, ERRORS[404 if in_path else 422])

    @app.exception_handler(500)
    async def crashed(request: Request, exc: Exception) -> Response:
        if _ours(request):  # the error is still logged: Starlette re-raises it after this response
            return _error_page(request, 500, ERRORS[500])
        return PlainTextResponse("Internal Server Error", status_code=500)


def _staff(request: Request, *roles: str) -> auth.Staff:
    with central(request).unit() as s:
        who = auth.staff_for(s, request.cookies.get(auth.SESSION_COOKIE))
    if who is None:
        raise HTTPException(303, headers={"Location": "/dinas/masuk"})
    if roles and who.role not in roles:
        raise Refused(403, "Halaman ini bukan untuk peran Anda.", who)
    return who


def _posted(request: Request, csrf: str, *roles: str) -> auth.Staff:
    """The officer behind a POST whose form token was made for this session and is used for the first time."""
    who = _staff(request, *roles)
    if not auth.signed_for(who, csrf):
        raise Refused(403, "Formulir kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman lalu coba lagi.", who)
    if not auth.use_form_token(central(request).sessions, csrf):
        raise Refused(
            409,
            "Formulir ini sudah dikirim sekali dan tidak dicatat dua kali. Muat ulang halaman untuk mengisi lagi.",
            who,
        )
    return who


CETAK = ("petugas_cetak",)
SEMUA = auth.ROLES


@router.get("/dinas/gaya.css")
def stylesheet() -> Response:
    return Response(CSS, media_type="text/css", headers={**HEADERS, "Cache-Control": "max-age=3600"})


# --- login ------------------------------------------------------------------------------------------------------


@router.get("/dinas/masuk")
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


def _login_page(request: Request, galat: str | None = None, status: int = 200) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    resp = _page(request, "masuk.html", status=status, login_token=token, galat=galat)
    resp.set_cookie(
        auth.LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https", max_age=900
    )
    return resp


@router.post("/dinas/masuk")
def login(
    request: Request, username: str = Form(""), password: str = Form(""), login_token: str = Form("")
) -> Response:
    if not auth.same(login_token, request.cookies.get(auth.LOGIN_COOKIE)):
        return _login_page(request, "Formulir masuk kedaluwarsa. Coba lagi.", 400)
    token, failure = "", None
    with central(request).unit() as s:
        try:
            token = auth.login(s, username.strip(), password, _client_id(request))
        except auth.AuthError as err:
            failure = err  # the transaction still commits: a wrong password's row must be kept
    if failure is not None:
        return _login_page(request, str(failure), 400)
    resp = _back("/dinas/")
    resp.set_cookie(
        auth.SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=auth.SESSION_HOURS * 3600,
        path="/dinas",
    )
    resp.delete_cookie(auth.LOGIN_COOKIE)
    return resp


@router.post("/dinas/keluar")
def logout(request: Request, csrf: str = Form("")) -> Response:
    _posted(request, csrf)
    with central(request).unit() as s:
        auth.logout(s, request.cookies.get(auth.SESSION_COOKIE))
    resp = _back("/dinas/masuk", "keluar")
    resp.delete_cookie(auth.SESSION_COOKIE, path="/dinas")
    return resp


# --- the PRR queue and print batches -----------------------------------------------------------------------------


@router.get("/dinas/")
def queue(request: Request) -> HTMLResponse:
    return _queue_page(request, _staff(request, *SEMUA))


def _queue_page(request: Request, who: auth.Staff, galat: str | None = None) -> HTMLResponse:
    with central(request).unit() as s:
        groups = office.queue_by_kecamatan(s)
        recent = office.batches(s)
        stock = office.ledger(s)
        free, pending = office.free_blanks(s)
    return _page(
        request,
        "antrean.html",
        status=400 if galat else 200,
        staff=who,
        galat=galat,
        groups=groups,
        batches=recent,
        ledger=stock,
        free=free,
        pending=pending,
        today=office.today(),
    )


@router.post("/dinas/batch")
def make_batch(request: Request, csrf: str = Form(""), kecamatan: str = Form(""), jumlah: int = Form(20)) -> Response:
    who = _posted(request, csrf, *CETAK)
    try:
        with central(request).unit() as s:
            batch_id = office.new_batch(s, kecamatan, jumlah, who.username)
    except office.OfficeError as err:
        return _queue_page(request, who, str(err))
    return _back(f"/dinas/batch/{batch_id}", "batch")


@router.get("/dinas/batch/{batch_id}")
def batch_page(request: Request, batch_id: RowId) -> HTMLResponse:
    return _batch_page(request, _staff(request, *SEMUA), batch_id)


def _batch_page(request: Request, who: auth.Staff, batch_id: int, galat: str | None = None) -> HTMLResponse:
    with central(request).unit() as s:
        batch = s.get(PrintBatchRow, batch_id)
        items = office.batch_items(s, batch_id)
        fetched = office.downloads(s, batch_id)
    if batch is None or not items:
        raise Refused(404, "Batch tidak ditemukan.", who)
    return _page(
        request,
        "batch.html",
        status=400 if galat else 200,
        staff=who,
        batch_id=batch_id,
        batch=batch,
        items=items,
        downloads=fetched,
        galat=galat,
    )


@router.get("/dinas/batch/{batch_id}/kartu.pdf")
def batch_pdf(request: Request, batch_id: RowId) -> Response:
    who = _staff(request, *CETAK)
    with central(request).unit() as s:
        cards = office.download_batch(s, batch_id, who.username)
        wanted = {h for c in cards for k, h in c.photos.items() if k in ("crop", "signature", "bio_sig_png")}
        blobs = dict(s.execute(select(BlobRow.sha256, BlobRow.data).where(BlobRow.sha256.in_(wanted))).all())
    if not cards:
        raise Refused(
            404, "Batch tidak ditemukan, atau semua kartunya sudah ditandai: tidak ada yang perlu dicetak.", who
        )
    return _pdf(card_pdf(cards, blobs, office.today()), f"batch-{batch_id}.pdf")


@router.post("/dinas/batch/{batch_id}/tandai")
def mark(
    request: Request,
    batch_id: RowId,
    csrf: str = Form(""),
    item: int = Form(..., ge=1, le=MAX_ID),
    tanda: str = Form(""),
    alasan: str = Form(""),
) -> Response:
    who = _posted(request, csrf, *CETAK)
    try:
        with central(request).unit() as s:
            office.mark(s, item, tanda, alasan, who.username, batch_id)
    except office.OfficeError as err:
        return _batch_page(request, who, batch_id, str(err))
    return _back(f"/dinas/batch/{batch_id}", "tercetak" if tanda == "printed" else "rusak")


@router.post("/dinas/batch/{batch_id}/koreksi")
def undo_mark(
    request: Request,
    batch_id: RowId,
    csrf: str = Form(""),
    item: int = Form(..., ge=1, le=MAX_ID),
    alasan: str = Form(""),
) -> Response:
    who = _posted(request, csrf, *CETAK)
    try:
        with central(request).unit() as s:
            office.undo_mark(s, item, batch_id, who.username, alasan)
    except office.OfficeError as err:
        return _batch_page(request, who, batch_id, str(err))
    return _back(f"/dinas/batch/{batch_id}", "koreksi")


@router.post("/dinas/batch/{batch_id}/semua")
def mark_all(request: Request, batch_id: RowId, csrf: str = Form(""), yakin: str = Form("")) -> Response:
    who = _posted(request, csrf, *CETAK)
    try:
        if yakin != "ya":
            raise office.OfficeError("Centang konfirmasi bahwa semua kartu tercetak baik.")
        with central(request).unit() as s:
            office.mark_all_printed(s, batch_id, who.username)
    except office.OfficeError as err:
        return _batch_page(request, who, batch_id, str(err))
    return _back(f"/dinas/batch/{batch_id}", "semua")


@router.post("/dinas/batch/{batch_id}/batal")
def cancel(
    request: Request, batch_id: RowId, csrf: str = Form(""), yakin: str = Form(""), alasan: str = Form("")
) -> Response:
    who = _posted(request, csrf, *CETAK)
    try:
        if yakin != "ya":
            raise office.OfficeError("Centang konfirmasi pembatalan batch.")
        with central(request).unit() as s:
            office.cancel_batch(s, batch_id, who.username, alasan)
    except office.OfficeError as err:
        return _batch_page(request, who, batch_id, str(err))
    return _back(f"/dinas/batch/{batch_id}", "batal")


def signatory() -> tuple[str, str]:
    """Who signs a suket: the head of the Dinas, named by the server's environment (DINAS_KEPALA_NAMA,
    DINAS_KEPALA_NIP); left as dotted lines to fill by hand when not set."""
    return os.environ.get("DINAS_KEPALA_NAMA", "").strip(), os.environ.get("DINAS_KEPALA_NIP", "").strip()


@router.post("/dinas/suket")
def suket(request: Request, csrf: str = Form(""), uuid: str = Form("")) -> Response:
    who = _posted(request, csrf, *CETAK)
    try:
        with central(request).unit() as s:
            letter = office.issue_suket(s, uuid, who.username)
            photo = s.get(BlobRow, letter.card.photos.get("crop", ""))
            data = suket_pdf(letter, photo.data if photo else None, office.today(), who.username, signatory())
    except office.OfficeError as err:
        return _queue_page(request, who, str(err))
    return _pdf(data, "suket.pdf")


# --- the blanko ledger --------------------------------------------------------------------------------------------


@router.get("/dinas/blanko")
def ledger_page(request: Request) -> HTMLResponse:
    return _ledger_page(request, _staff(request, *SEMUA))


def _ledger_page(request: Request, who: auth.Staff, galat: str | None = None) -> HTMLResponse:
    with central(request).unit() as s:
        book = office.ledger(s)
    return _page(
        request,
        "blanko.html",
        status=400 if galat else 200,
        staff=who,
        galat=galat,
        ledger=book,
        warn_days=office.WARN_DAYS,
        pace_days=office.PACE_DAYS,
    )


@router.post("/dinas/blanko")
def ledger_add(
    request: Request,
    csrf: str = Form(""),
    jenis: str = Form(""),
    jumlah: int = Form(0),
    saksi: str = Form(""),
    catatan: str = Form(""),
) -> Response:
    who = _posted(request, csrf, *CETAK)
    try:
        with central(request).unit() as s:
            office.ledger_entry(s, jenis, jumlah, saksi, catatan, who.username)
    except office.OfficeError as err:
        return _ledger_page(request, who, str(err))
    return _back("/dinas/blanko", "blanko")


# --- announce and hand over --------------------------------------------------------------------------------------


@router.get("/dinas/siap")
def ready_page(request: Request, cari: str = "") -> HTMLResponse:
    return _ready_page(request, _staff(request, *SEMUA), cari=cari)


def _ready_page(request: Request, who: auth.Staff, galat: str | None = None, cari: str = "") -> HTMLResponse:
    cari = " ".join(cari.split())[:80]
    with central(request).unit() as s:
        cards = office.ready_cards(s)
        if cari:  # the receipt's code (typed or scanned from its QR) or part of the name
            wanted = office.record_of_code(s, cari)
            cards = [c for c in cards if c.uuid == wanted or (not wanted and cari.lower() in c.nama.lower())]
    groups: dict[str, dict[str, list]] = {}
    for c in cards:
        groups.setdefault(c.kecamatan, {}).setdefault(c.desa, []).append(c)
    return _page(request, "siap.html", status=400 if galat else 200, staff=who, groups=groups, galat=galat, cari=cari)


@router.get("/dinas/siap/{kecamatan}.pdf")
def ready_pdf(request: Request, kecamatan: str, desa: str | None = None) -> Response:
    who = _staff(request, *SEMUA)
    if not office.known_region(kecamatan, 3) or (
        desa and not (office.known_region(desa, 4) and desa.startswith(kecamatan + "."))
    ):
        raise Refused(404, "Kecamatan atau desa/kelurahan tidak dikenal.", who)
    with central(request).unit() as s:
        cards = office.ready_cards(s, kecamatan, desa)
    return _pdf(ready_list_pdf(cards, kecamatan, PLACE, office.today()), f"siap-diambil-{kecamatan}.pdf")


@router.post("/dinas/serah")
def hand_over(
    request: Request,
    csrf: str = Form(""),
    uuid: str = Form(""),
    pengambil: str = Form(""),
    hubungan: str = Form("sendiri"),
    bukti: str = Form("bukti"),
    no_identitas: str = Form(""),
) -> Response:
    who = _posted(request, csrf, *CETAK)
    try:
        with central(request).unit() as s:
            office.collect(s, uuid, pengambil, who.username, hubungan, bukti, no_identitas)
    except office.OfficeError as err:
        return _ready_page(request, who, str(err))
    return _back("/dinas/siap", "serah")


# --- the head's dashboard ---------------------------------------------------------------------------------------


@router.get("/dinas/dasbor")
def dashboard_page(request: Request) -> HTMLResponse:
    who = _staff(request, "kepala_dinas")
    with central(request).unit() as s:
        board = office.dashboard(s)
    return _page(
        request,
        "dasbor.html",
        staff=who,
        board=board,
        buckets=[b[2] for b in office.AGE_BUCKETS],
        target=office.TARGET_DAYS,
    )


# --- the public status page ------------------------------------------------------------------------------------


def _lookup_salt(request: Request) -> bytes:
    """A salt every worker shares and nobody outside knows: derived from the centre's own signing key (the secrets
    file), so a stored hash cannot be tested against the 2^32 IPv4 addresses."""
    key = central(request).keys.signing.private_bytes_raw()
    return hashlib.sha256(b"dinas-cek-salt:" + key).digest()


def _client_id(request: Request) -> str:
    """The client's address as a salted hash: what the rate limits count, never the address itself."""
    host = request.client.host if request.client else "?"
    return hmac.new(_lookup_salt(request), host.encode(), hashlib.sha256).hexdigest()


def _allowed(request: Request) -> bool:
    """At most LOOKUPS_PER_WINDOW lookups per client address per window, counted in the database so every worker
    process sees the same count. The address is kept only as a salted hash, and only for the window."""
    client = "cek:" + _client_id(request)[:60]
    now = office.now()
    since = (now - office.dt.timedelta(seconds=LOOKUP_WINDOW_S)).isoformat()
    with central(request).unit() as s:
        s.execute(delete(StatusLookupRow).where(StatusLookupRow.client.startswith("cek:"), StatusLookupRow.at < since))
        seen = s.scalar(select(func.count()).where(StatusLookupRow.client == client, StatusLookupRow.at >= since))
        if seen >= LOOKUPS_PER_WINDOW:
            return False
        s.add(StatusLookupRow(client=client, at=now.isoformat()))
    return True


@router.get("/cek")
def status_page(request: Request, kode: str = "") -> HTMLResponse:
    if not kode:
        return _page(request, "cek.html", kode="", stage=None, asked=False)
    if not _allowed(request):
        return _page(
            request,
            "cek.html",
            status=429,
            kode="",
            stage=None,
            asked=False,
            galat="Terlalu banyak pencarian dari alamat ini. Coba lagi dalam satu menit.",
        )
    with central(request).unit() as s:
        stage = office.stage_of(s, kode)
    return _page(request, "cek.html", kode=kode[:60], stage=stage, asked=True)
