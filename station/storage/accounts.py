"""Accounts as stored: each user's role and wrapped data key, the recovery wrap, and lockouts.

Only data lives here; logging in, lockout rules and who may add whom are services.accounts. The role stored
beside each wrap is a copy for lists: the wrap itself is bound to the name and role it was made for
(crypto.wrap_aad), and the audit trail records every roster the station's services wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from station.storage.rows import read_json, write_json

KEYRING, LOCKOUT = "keyring", "lockout"


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    wrap: dict  # the data key wrapped under this user's password (crypto.DataKey.wrap)


@dataclass(frozen=True)
class Lockout:
    fails: int = 0
    until: str | None = None  # UTC stamp


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _ring(self) -> dict:
        return read_json(self._s, KEYRING, {}) or {}

    def any(self) -> bool:
        return bool(self._ring().get("users"))

    def get(self, name: str) -> Account | None:
        user = self._ring().get("users", {}).get(name)
        return Account(name, user["role"], user["wrap"]) if user else None

    def all(self) -> list[Account]:
        return [Account(n, u["role"], u["wrap"]) for n, u in sorted(self._ring().get("users", {}).items())]

    def roster(self) -> dict[str, str]:
        """name -> role as stored (no key needed: audit-verify compares it with the audited roster)."""
        return {n: u["role"] for n, u in sorted(self._ring().get("users", {}).items())}

    def put(self, account: Account) -> None:
        ring = self._ring()
        ring.setdefault("users", {})[account.name] = {"role": account.role, "wrap": account.wrap}
        write_json(self._s, KEYRING, ring)

    def recovery_wrap(self) -> dict | None:
        return self._ring().get("recovery")

    def set_recovery_wrap(self, wrap: dict) -> None:
        ring = self._ring()
        ring["recovery"] = wrap
        write_json(self._s, KEYRING, ring)

    def lockout(self, name: str) -> Lockout:
        entry = (read_json(self._s, LOCKOUT, {}) or {}).get(name)
        return Lockout(entry.get("fails", 0), entry.get("until")) if entry else Lockout()

    def set_lockout(self, name: str, lockout: Lockout | None) -> None:
        locks = read_json(self._s, LOCKOUT, {}) or {}
        if lockout is None or lockout == Lockout():
            if name not in locks:
                return
            locks.pop(name)
        else:
            locks[name] = {"fails": lockout.fails, "until": lockout.until}
        write_json(self._s, LOCKOUT, locks)
