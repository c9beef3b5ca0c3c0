"""Accounts: first start, login and lockout, supervisor confirmation, adding and resetting users, recovery.

Logging in is unwrapping: a wrong password cannot open the data key. There is no default password: the
first start creates the first supervisor and shows a recovery code once, for the office safe. Five failed
attempts lock an account for 15 minutes, whether they were a login or a supervisor's confirmation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from station.domain.errors import InvalidInput, LoginNeeded, NotAllowed
from station.domain.permissions import ACCOUNT_ROLES, Action, Actor, Role, may
from station.services.base import Service
from station.services.context import Confirmation
from station.storage.accounts import Account, Lockout
from station.storage.crypto import DataKey, recovery_code
from station.storage.unit import UnitOfWork

log = logging.getLogger(__name__)
MAX_FAILS, LOCK_MINUTES = 5, 15


class AccountError(InvalidInput):
    code = "account"


class LoginFailed(LoginNeeded):
    code = "login_failed"


class LockedOut(LoginNeeded):
    code = "locked_out"


class NotSetUp(AccountError):
    code = "not_set_up"


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: str
    locked_until: str | None  # office time, for the list


def clean(username: str) -> str:
    """How a typed user name is compared: no surrounding spaces, lower case."""
    return username.strip().lower()


def normalise(username: str) -> str:
    """A new account's name, checked."""
    name = clean(username)
    if not name or not name.replace(".", "").replace("_", "").isalnum():
        raise AccountError("Nama pengguna hanya huruf, angka, titik dan garis bawah.")
    return name


def check_password(password: str) -> None:
    if len(password) < 8:
        raise AccountError("Kata sandi paling sedikit 8 karakter.")


class Accounts(Service):
    @property
    def configured(self) -> bool:
        with self._ctx.db.unit(self._ctx.clock) as uow:
            return uow.settings.load().configured and uow.accounts.any()

    def first_start(self, station_id: str, kecamatan: str, supervisor: str, password: str) -> str:
        """Station identity and the first supervisor, in one transaction; returns the recovery code, shown once."""
        ctx = self._ctx
        kecamatan = kecamatan.strip()
        if not ctx.regions.is_kecamatan(kecamatan):
            raise AccountError(f"Kode kecamatan {kecamatan} tidak dikenal.")
        if not station_id.strip():
            raise AccountError("ID stasiun wajib diisi.")
        name = normalise(supervisor)
        check_password(password)
        key, code = DataKey.generate(), recovery_code()
        with ctx.db.unit(ctx.clock) as uow:
            if uow.accounts.any():
                raise AccountError("Stasiun ini sudah punya akun.")
            uow.accounts.put(Account(name, Role.SUPERVISOR, key.wrap(password)))
            uow.accounts.set_recovery_wrap(key.wrap(code))
            settings = uow.settings.load().changed(station_id=station_id.strip(), kecamatan=kecamatan)
            uow.settings.save(settings)
            uow.audit.append(name, "first_start", None, {"role": Role.SUPERVISOR.value})
            uow.commit()
        ctx.use_settings(settings)
        ctx.db.unlock(key)
        ctx.who = Actor(name, Role.SUPERVISOR)
        return code

    def login(self, username: str, password: str) -> Actor:
        """Unlock the data with this password, in one transaction; LoginFailed or LockedOut otherwise."""
        ctx = self._ctx
        name = clean(username)
        with ctx.db.unit(ctx.clock) as uow:
            if not uow.accounts.any():
                raise NotSetUp("Stasiun belum disiapkan: buka aplikasi (mulai pertama) atau jalankan `station setup`.")
            account, key = self._verify(uow, name, password, "login_failed")
            ctx.db.unlock(key)  # sealing an older schema's plaintext needs it inside this same unit
            try:
                sealed = uow.records.seal_plaintext() + uow.photos.seal_plaintext()
                uow.audit.append(name, "login")
                uow.commit()
            except BaseException:
                ctx.db.lock()  # the login did not happen: the key does not stay in memory
                raise
        if sealed:
            ctx.db.compact()
        ctx.who = Actor(name, Role(account.role))
        log.info("login ok user=%s role=%s", name, account.role)
        return ctx.who

    def lock(self) -> None:
        """Idle, suspended or closed: the data key leaves memory until someone logs in again."""
        ctx = self._ctx
        with ctx.db.unit(ctx.clock) as uow:
            uow.audit.append(ctx.who.name if ctx.who else "?", "locked")
            uow.commit()
        ctx.db.lock()
        ctx.who = None

    def confirm_supervisor(self, username: str, password: str) -> str:
        """A supervisor's confirmation (photo exceptions), without changing who is logged in. Counts
        towards the same lockout as a login, and is audited either way."""
        ctx = self._ctx
        operator = ctx.actor
        name = clean(username)
        with ctx.db.unit(ctx.clock) as uow:
            account, _ = self._verify(uow, name, password, "confirm_failed")
            if not may(account.role, Action.WAIVER_CONFIRM):
                uow.audit.append(name, "confirm_failed", None, {"why": "not_supervisor"})
                uow.commit()
                raise NotAllowed("Konfirmasi pengecualian perlu akun supervisor.")
            if name == operator.name:
                uow.audit.append(name, "confirm_failed", None, {"why": "same_person"})
                uow.commit()
                raise NotAllowed("Pengecualian harus dikonfirmasi supervisor lain, bukan operator yang sama.")
            uow.audit.append(name, "supervisor_confirmed", None, {"for": operator.name})
            uow.commit()
        ctx.confirmation = Confirmation(name, operator.name, ctx.clock.stamp())
        return name

    def _verify(self, uow: UnitOfWork, name: str, password: str, failure: str) -> tuple[Account, DataKey]:
        """The account and its data key, or a counted failure (committed) and LoginFailed/LockedOut."""
        clock = self._ctx.clock
        lock = uow.accounts.lockout(name)
        if lock.until and lock.until > clock.stamp():
            uow.audit.append(name, failure, None, {"locked": True, "refused_while_locked": True})
            uow.commit()
            raise LockedOut(
                f"Akun {name} dikunci sampai {clock.local(lock.until):%H:%M} karena salah kata sandi berulang. "
                "Hubungi supervisor."
            )
        account = uow.accounts.get(name)
        key = DataKey.unwrap(account.wrap, password) if account else None
        if account is None:
            DataKey.generate().wrap(password)  # the same cost whether or not the account exists
        if key is None:
            fails = lock.fails + 1
            until = clock.stamp_in(LOCK_MINUTES * 60) if fails >= MAX_FAILS else None
            uow.accounts.set_lockout(name, Lockout(0 if until else fails, until))
            uow.audit.append(name if account else "?", failure, None, {"locked": bool(until)})
            uow.commit()
            log.warning("%s user_known=%s locked=%s", failure, account is not None, bool(until))
            raise LoginFailed("Nama pengguna atau kata sandi salah.")
        uow.accounts.set_lockout(name, None)
        return account, key

    # --- a supervisor's account work -------------------------------------------------------------
    def add(self, username: str, password: str, role: str = Role.OPERATOR) -> Actor:
        name = normalise(username)
        if role not in ACCOUNT_ROLES:
            raise AccountError(f"Peran tidak dikenal: {role}")
        check_password(password)
        with self._ctx.unit(Action.ACCOUNT_ADD) as uow:
            if uow.accounts.get(name) is not None:
                raise AccountError(f"Pengguna {name} sudah ada.")
            uow.accounts.put(Account(name, Role(role), self._ctx.db.key().wrap(password)))
            uow.audit.append(self._ctx.actor.name, "user_added", None, {"user": name, "role": role})
            uow.commit()
        return Actor(name, Role(role))

    def reset_password(self, username: str, new_password: str) -> None:
        name = normalise(username)
        check_password(new_password)
        with self._ctx.unit(Action.ACCOUNT_RESET) as uow:
            account = self._existing(uow, name)
            uow.accounts.put(Account(name, account.role, self._ctx.db.key().wrap(new_password)))
            uow.accounts.set_lockout(name, None)
            uow.audit.append(self._ctx.actor.name, "password_reset", None, {"user": name})
            uow.commit()

    def unlock(self, username: str) -> None:
        name = normalise(username)
        with self._ctx.unit(Action.ACCOUNT_UNLOCK) as uow:
            self._existing(uow, name)
            uow.accounts.set_lockout(name, None)
            uow.audit.append(self._ctx.actor.name, "user_unlocked", None, {"user": name})
            uow.commit()

    def list(self) -> list[AccountInfo]:
        clock = self._ctx.clock
        with self._ctx.unit(Action.ACCOUNT_LIST) as uow:
            out = []
            for a in uow.accounts.all():
                until = uow.accounts.lockout(a.name).until
                shown = f"{clock.local(until):%d-%m-%Y %H:%M}" if until and until > clock.stamp() else None
                out.append(AccountInfo(a.name, a.role, shown))
            uow.audit.append(self._ctx.actor.name, "accounts_listed")
            uow.commit()
        return out

    def recover(self, code: str, username: str, new_password: str) -> Actor:
        """A lost password: the office's recovery code opens the data key and sets a new password."""
        ctx = self._ctx
        check_password(new_password)
        name = normalise(username)
        with ctx.db.unit(ctx.clock) as uow:
            wrap = uow.accounts.recovery_wrap()
            key = DataKey.unwrap(wrap, code.strip().upper()) if wrap else None
            if key is None:
                uow.audit.append(name, "recovery_failed")
                uow.commit()
                raise AccountError("Kode pemulihan salah.")
            account = self._existing(uow, name)
            uow.accounts.put(Account(name, account.role, key.wrap(new_password)))
            uow.accounts.set_lockout(name, None)
            uow.audit.append(name, "password_recovered")
            uow.commit()
        ctx.db.unlock(key)
        ctx.who = Actor(name, Role(account.role))
        return ctx.who

    @staticmethod
    def _existing(uow: UnitOfWork, name: str) -> Account:
        account = uow.accounts.get(name)
        if account is None:
            raise AccountError(f"Pengguna {name} tidak ada.")
        return account
