"""Local operator accounts, until the security issue brings roles, lockout and key wrapping.

Passwords are hashed with scrypt (memory-hard, in the standard library). There is no default
password: the first start creates the first supervisor.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from station.storage import RecordStore

KEY = "accounts"
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MB, ~50 ms here


@dataclass(frozen=True)
class Operator:
    username: str
    role: str  # "operator" | "supervisor"


class AccountError(ValueError):
    pass


def _hash(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT).hex()


def has_accounts(store: RecordStore) -> bool:
    return bool(store.setting(KEY, {}))


def add_account(store: RecordStore, username: str, password: str, role: str = "operator") -> Operator:
    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        raise AccountError("Nama pengguna hanya huruf, angka, titik dan garis bawah.")
    if len(password) < 8:
        raise AccountError("Kata sandi paling sedikit 8 karakter.")
    if role not in ("operator", "supervisor"):
        raise AccountError(f"Peran tidak dikenal: {role}")
    accounts = store.setting(KEY, {})
    if username in accounts:
        raise AccountError(f"Pengguna {username} sudah ada.")
    salt = os.urandom(16)
    accounts[username] = {"role": role, "salt": salt.hex(), "hash": _hash(password, salt)}
    store.set_setting(KEY, accounts)
    return Operator(username, role)


def login(store: RecordStore, username: str, password: str) -> Operator | None:
    entry = store.setting(KEY, {}).get(username.strip().lower())
    if entry is None:
        _hash(password, b"0" * 16)  # same time whether or not the user exists
        return None
    if not hmac.compare_digest(entry["hash"], _hash(password, bytes.fromhex(entry["salt"]))):
        return None
    return Operator(username.strip().lower(), entry["role"])
