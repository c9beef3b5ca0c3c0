"""Staff accounts, sessions and CSRF for the Dinas pages.

Passwords are hashed with argon2id (argon2-cffi, its RFC 9106 low-memory profile). A login makes a random session
token: the browser keeps it in an HttpOnly, SameSite=Strict cookie (Secure over TLS); the database keeps only its
SHA-256 with an expiry and the session's CSRF key, so any worker process can check it. Every form carries a
one-time token: a fresh nonce signed with the session's CSRF key (HMAC-SHA256), made when the page is rendered. A
POST whose token is not signed for this session is refused (CSRF); one whose token was already used is refused too
(a re-sent form must not record a delivery twice), since used tokens are kept, as digests, in dinas_form_tokens.
The login form itself is protected by a double-submit token (a cookie and a hidden field that must agree), since
there is no session yet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from station.domain.passwords import WeakSecret, check_password
from sync.server.dinas.models import DinasSessionRow, DinasUserRow, FormTokenRow, StatusLookupRow

ROLES = ("petugas_cetak", "kepala_dinas")
SESSION_COOKIE = "dinas_sesi"
LOGIN_COOKIE = "dinas_masuk"
SESSION_HOURS = 10  # one working day
MIN_PASSWORD = 10
# Wrong passwords within FAILURE_WINDOW_MIN minutes: MAX_FAILURES from one client address lock the name for that
# address (right password or not), MAX_FAILURES_ANY from all addresses together lock it everywhere. So a stranger
# cannot lock an officer out of the office PC with five tries, and a password still cannot be guessed at speed.
MAX_FAILURES, MAX_FAILURES_ANY, FAILURE_WINDOW_MIN = 5, 50, 15

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs the same time as a wrong password.
_DUMMY = _hasher.hash(secrets.token_hex(16))


class AuthError(ValueError):
    """An Indonesian message for the person at the form."""


@dataclass(frozen=True)
class Staff:
    username: str
    role: str
    csrf: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(s: Session, username: str, role: str, password: str) -> None:
    if role not in ROLES:
        raise AuthError(f"Peran harus salah satu dari: {', '.join(ROLES)}.")
    if not username or len(username) > 64 or not username.replace(".", "").replace("_", "").isalnum():
        raise AuthError("Nama pengguna hanya huruf, angka, titik dan garis bawah (paling panjang 64).")
    check_strength(password, username)
    if s.get(DinasUserRow, username) is not None:
        raise AuthError(f"Pengguna {username} sudah ada.")
    s.add(
        DinasUserRow(username=username, role=role, password_hash=_hasher.hash(password), created_at=_now().isoformat())
    )


def check_strength(password: str, username: str) -> None:
    """The station's policy (station/domain/passwords.py: no common password from resources/common-passwords.txt,
    no keyboard run, no repeated letters, not the name with a little added), at the Dinas's longer minimum."""
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"Kata sandi paling sedikit {MIN_PASSWORD} karakter.")
    try:
        check_password(password, username)
    except WeakSecret as err:
        raise AuthError(str(err)) from None


def _name_prefix(username: str) -> str:
    return "login:" + hashlib.sha256(username.lower().encode()).hexdigest()[:26]


def _failures_key(username: str, client: str) -> str:
    """One row per wrong password: the name's prefix, then the client (already a salted hash from the caller)."""
    return _name_prefix(username) + hashlib.sha256(b"client:" + client.encode()).hexdigest()[:32]


def login(s: Session, username: str, password: str, client: str = "") -> str:
    """Check the password; return a new session token (only its digest is stored). Wrong passwords are counted
    in the database (every worker) per name and client address; see MAX_FAILURES and MAX_FAILURES_ANY."""
    key, since = _failures_key(username, client), (_now() - dt.timedelta(minutes=FAILURE_WINDOW_MIN)).isoformat()
    recent = select(func.count()).where(StatusLookupRow.at >= since)
    here = s.scalar(recent.where(StatusLookupRow.client == key))
    anywhere = s.scalar(recent.where(StatusLookupRow.client.startswith(_name_prefix(username))))
    if here >= MAX_FAILURES or anywhere >= MAX_FAILURES_ANY:
        raise AuthError(f"Terlalu banyak percobaan masuk yang salah. Coba lagi dalam {FAILURE_WINDOW_MIN} menit.")
    user = s.get(DinasUserRow, username)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY, password)
        if user is None or user.disabled_at:  # a disabled account answers as a wrong password does
            raise VerificationError
    except (VerificationError, InvalidHashError):
        s.add(StatusLookupRow(client=key, at=_now().isoformat()))
        raise AuthError("Nama pengguna atau kata sandi salah.") from None  # the caller commits the failure row
    s.execute(delete(StatusLookupRow).where(StatusLookupRow.client == key))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    s.execute(delete(DinasSessionRow).where(DinasSessionRow.expires_at < _now().isoformat()))
    token = secrets.token_urlsafe(32)
    expires = _now() + dt.timedelta(hours=SESSION_HOURS)
    s.add(
        DinasSessionRow(
            token_sha256=_digest(token),
            username=username,
            csrf=secrets.token_urlsafe(24),
            expires_at=expires.isoformat(),
        )
    )
    return token


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    created_at: str
    disabled_at: str | None
    recent_failures: int  # wrong passwords within the last FAILURE_WINDOW_MIN minutes, all addresses
    worst_address: int  # the most of them from one client address
    sessions: int

    @property
    def locked(self) -> bool:
        """Locked for at least one client address (or everywhere)."""
        return self.worst_address >= MAX_FAILURES or self.recent_failures >= MAX_FAILURES_ANY


def accounts(s: Session) -> list[Account]:
    since = (_now() - dt.timedelta(minutes=FAILURE_WINDOW_MIN)).isoformat()
    out = []
    for u in s.scalars(select(DinasUserRow).order_by(DinasUserRow.username)):
        per_address = [
            n
            for (n,) in s.execute(
                select(func.count())
                .where(StatusLookupRow.client.startswith(_name_prefix(u.username)), StatusLookupRow.at >= since)
                .group_by(StatusLookupRow.client)
            )
        ]
        live = select(func.count()).where(
            DinasSessionRow.username == u.username, DinasSessionRow.expires_at >= _now().isoformat()
        )
        out.append(
            Account(
                u.username,
                u.role,
                u.created_at,
                u.disabled_at,
                sum(per_address),
                max(per_address, default=0),
                s.scalar(live),
            )
        )
    return out


def _user(s: Session, username: str) -> DinasUserRow:
    user = s.get(DinasUserRow, username)
    if user is None:
        raise AuthError(f"Pengguna {username} tidak ada.")
    return user


def unlock(s: Session, username: str) -> None:
    """Forget the wrong passwords counted against a name (someone else may have typed them on purpose)."""
    _user(s, username)
    s.execute(delete(StatusLookupRow).where(StatusLookupRow.client.startswith(_name_prefix(username))))


def reset_password(s: Session, username: str, password: str) -> None:
    """A new password (the same policy as a new account); the account's open sessions end and it is unlocked."""
    user = _user(s, username)
    check_strength(password, username)
    user.password_hash = _hasher.hash(password)
    s.execute(delete(DinasSessionRow).where(DinasSessionRow.username == username))
    unlock(s, username)


def set_disabled(s: Session, username: str, disabled: bool) -> None:
    """A disabled account cannot log in and its open sessions end at once; enabling it again keeps its password."""
    user = _user(s, username)
    user.disabled_at = _now().isoformat() if disabled else None
    if disabled:
        s.execute(delete(DinasSessionRow).where(DinasSessionRow.username == username))


def staff_for(s: Session, token: str | None) -> Staff | None:
    if not token:
        return None
    row = s.get(DinasSessionRow, _digest(token))
    if row is None or row.expires_at < _now().isoformat():
        return None
    role = s.scalar(
        select(DinasUserRow.role).where(DinasUserRow.username == row.username, DinasUserRow.disabled_at.is_(None))
    )
    return Staff(row.username, role, row.csrf) if role else None


def logout(s: Session, token: str | None) -> None:
    if token:
        s.execute(delete(DinasSessionRow).where(DinasSessionRow.token_sha256 == _digest(token)))


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a, b)


def _signature(key: str, nonce: str) -> str:
    return hmac.new(key.encode(), nonce.encode(), hashlib.sha256).hexdigest()[:32]


def form_token(staff: Staff) -> str:
    """A token for one rendered form: a random nonce and its signature with the session's CSRF key."""
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_signature(staff.csrf, nonce)}"


def signed_for(staff: Staff, token: str) -> bool:
    nonce, _, signature = (token or "").partition(".")
    return bool(nonce) and same(signature, _signature(staff.csrf, nonce))


def use_form_token(sessions, token: str) -> bool:
    """Record the token as used, in its own transaction; False when it was used before (two requests racing with
    one token: the primary key lets exactly one of them in). Tokens older than a session are forgotten."""
    cutoff = (_now() - dt.timedelta(hours=SESSION_HOURS + 1)).isoformat()
    try:
        with sessions.begin() as s:
            s.execute(delete(FormTokenRow).where(FormTokenRow.used_at < cutoff))
            s.add(FormTokenRow(token_sha256=_digest(token), used_at=_now().isoformat()))
    except IntegrityError:
        return False
    return True
