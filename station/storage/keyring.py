"""Operators, their roles, and the station's data key wrapped once per operator and once for recovery.

Logging in is unwrapping: a wrong password cannot open the data key. There is no default password: the
first start creates the first supervisor and shows a recovery code once, for the office safe. Five
failed logins lock an account for 15 minutes.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from station.storage.crypto import DataKey, recovery_code
from station.storage.store import RecordStore

log = logging.getLogger(__name__)
KEYRING, LOCKOUT = "keyring", "lockout"
MAX_FAILS, LOCK_MINUTES = 5, 15
ROLES = ("operator", "supervisor")


@dataclass(frozen=True)
class Operator:
    username: str
    role: str


class AccountError(ValueError):
    pass


class LockedOut(AccountError):
    pass


def _norm(username: str) -> str:
    name = username.strip().lower()
    if not name or not name.replace(".", "").replace("_", "").isalnum():
        raise AccountError("Nama pengguna hanya huruf, angka, titik dan garis bawah.")
    return name


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise AccountError("Kata sandi paling sedikit 8 karakter.")


def has_users(store: RecordStore) -> bool:
    return bool(store.setting(KEYRING, {}).get("users"))


def create_first_supervisor(store: RecordStore, username: str, password: str) -> tuple[Operator, DataKey, str]:
    """Returns the supervisor, the new data key, and the recovery code (shown once, never stored)."""
    if has_users(store):
        raise AccountError("Stasiun ini sudah punya akun.")
    name = _norm(username)
    _check_password(password)
    key, code = DataKey.generate(), recovery_code()
    store.set_setting(
        KEYRING, {"users": {name: {"role": "supervisor", "wrap": key.wrap(password)}}, "recovery": key.wrap(code)}
    )
    store.unlock(key)
    store.audit(name, "first_start", None, {"role": "supervisor"})
    return Operator(name, "supervisor"), key, code


def add_user(store: RecordStore, by: Operator, username: str, password: str, role: str = "operator") -> Operator:
    if by.role != "supervisor":
        raise AccountError("Hanya supervisor yang dapat menambah akun.")
    if role not in ROLES:
        raise AccountError(f"Peran tidak dikenal: {role}")
    name = _norm(username)
    _check_password(password)
    ring = store.setting(KEYRING, {})
    if name in ring.get("users", {}):
        raise AccountError(f"Pengguna {name} sudah ada.")
    key = store._k()
    ring["users"][name] = {"role": role, "wrap": key.wrap(password)}
    store.set_setting(KEYRING, ring)
    store.audit(by.username, "user_added", None, {"user": name, "role": role})
    return Operator(name, role)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def login(store: RecordStore, username: str, password: str) -> Operator | None:
    """Unwrap the data key with this password; on success the store is unlocked."""
    name = username.strip().lower()
    locks = store.setting(LOCKOUT, {})
    entry = locks.get(name, {})
    if entry.get("until") and dt.datetime.fromisoformat(entry["until"]) > _now():
        raise LockedOut(
            f"Akun {name} dikunci sampai {dt.datetime.fromisoformat(entry['until']).astimezone():%H:%M} "
            "karena salah kata sandi berulang. Hubungi supervisor."
        )
    user = store.setting(KEYRING, {}).get("users", {}).get(name)
    key = DataKey.unwrap(user["wrap"], password) if user else None
    if key is None:
        if user is None:
            DataKey.generate().wrap(password)  # same cost whether or not the account exists
        fails = entry.get("fails", 0) + 1
        until = (_now() + dt.timedelta(minutes=LOCK_MINUTES)).isoformat() if fails >= MAX_FAILS else None
        locks[name] = {"fails": 0 if until else fails, "until": until}
        store.set_setting(LOCKOUT, locks)
        store.audit(name if user else "?", "login_failed", None, {"locked": bool(until)})
        return None
    if name in locks:
        locks.pop(name)
        store.set_setting(LOCKOUT, locks)
    store.unlock(key)
    store.audit(name, "login", None, {})
    log.info("login ok user=%s", name)
    return Operator(name, user["role"])


def confirm_supervisor(store: RecordStore, username: str, password: str) -> str | None:
    """A supervisor's confirmation (exceptions, deletions, exports), without changing who is logged in."""
    user = store.setting(KEYRING, {}).get("users", {}).get(username.strip().lower())
    if not user or user["role"] != "supervisor" or DataKey.unwrap(user["wrap"], password) is None:
        return None
    return username.strip().lower()


def recover(store: RecordStore, code: str, username: str, new_password: str) -> Operator:
    """A lost password: the recovery code opens the data key and sets a new password for the account."""
    _check_password(new_password)
    ring = store.setting(KEYRING, {})
    key = DataKey.unwrap(ring["recovery"], code.strip().upper())
    if key is None:
        raise AccountError("Kode pemulihan salah.")
    name = _norm(username)
    if name not in ring["users"]:
        raise AccountError(f"Pengguna {name} tidak ada.")
    ring["users"][name]["wrap"] = key.wrap(new_password)
    store.set_setting(KEYRING, ring)
    store.set_setting(LOCKOUT, {k: v for k, v in store.setting(LOCKOUT, {}).items() if k != name})
    store.unlock(key)
    store.audit(name, "password_recovered", None, {})
    return Operator(name, ring["users"][name]["role"])
