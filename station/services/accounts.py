"""Accounts: first start, login and lockout, supervisor confirmation, adding and resetting users, recovery.

Logging in is unwrapping: a wrong password cannot open the data key. There is no default password: the
first start creates the first supervisor and shows a recovery code once, for the office safe. Five failed
attempts lock an account for 15 minutes, whether they were a login or a supervisor's confirmation.

A role is not what the keyring row says. Each wrap is bound to its account's name and role (crypto.wrap_aad),
and every account change writes the whole roster into the audit trail. At login the role is the one the wrap
opens under, and never more than the audited roster gives that name: a role edited in the database grants
nothing, is corrected, and leaves a `keyring_tampered` entry; `audit-verify` reports a roster that differs
from the audited one. (Anyone holding the data key could make a new wrap; the audited roster is what they
would also have to forge, and the central server's anchor on the audit trail is what catches that.)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from station.domain.errors import InvalidInput, LoginNeeded, NotAllowed
from station.domain.passwords import WeakSecret, check_password
from station.domain.permissions import ACCOUNT_ROLES, Action, Actor, Role, may
from station.domain.regions import Regions, spoken
from station.domain.settings import Office
from station.files import remove_papers
from station.services.base import Service
from station.services.context import Confirmation
from station.storage.accounts import Account, Lockout
from station.storage.crypto import RECOVERY_AAD, DataKey, recovery_code, typed_recovery_code, wrap_aad
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


class WeakPassword(AccountError):
    code = "weak_password"


def _policy(password: str, name: str) -> None:
    """The password policy (domain.passwords) as an account error."""
    try:
        check_password(password, name)
    except WeakSecret as err:
        raise WeakPassword(str(err)) from None


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: str
    locked_until: str | None  # office time, for the list


def clean(username: str) -> str:
    """How a typed user name is compared: no surrounding spaces, lower case."""
    return username.strip().lower()


@dataclass(frozen=True)
class Unlocked:
    """What a password opened: the account as stored, the data key, and the role the wrap is bound to."""

    account: Account
    key: DataKey
    bound_role: Role | None  # None for a wrap of the first version, bound to no role


def normalise(username: str) -> str:
    """A new account's name, checked."""
    name = clean(username)
    if not name or not name.replace(".", "").replace("_", "").isalnum():
        raise AccountError("Nama pengguna hanya huruf, angka, titik dan garis bawah.")
    return name


def _least(*roles: Role | str | None) -> Role | None:
    """The lesser of the roles given (None: the account is not known to that source)."""
    if any(r is None for r in roles):
        return None
    return Role.OPERATOR if Role.OPERATOR in {Role(r) for r in roles} else Role.SUPERVISOR


def _audited_roster(uow: UnitOfWork) -> dict[str, str]:
    """The roster as the audit trail last recorded it; the stored one on a station that never audited one."""
    audited = uow.audit.last_roster()
    return dict(audited[1]) if audited else uow.accounts.roster()


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
        _policy(password, name)
        key, code = DataKey.generate(), recovery_code()
        with ctx.db.unit(ctx.clock) as uow:
            if uow.accounts.any():
                raise AccountError("Stasiun ini sudah punya akun.")
            uow.accounts.put(Account(name, Role.SUPERVISOR, key.wrap(password, wrap_aad(name, Role.SUPERVISOR))))
            uow.accounts.set_recovery_wrap(key.wrap(code, RECOVERY_AAD))
            uow.records.note_padded()
            settings = uow.settings.load()
            office = _named_office(settings.office, ctx.regions, kecamatan)
            settings = settings.changed(station_id=station_id.strip(), kecamatan=kecamatan, office=office)
            uow.settings.save(settings)
            roster = {name: Role.SUPERVISOR.value}
            uow.audit.append(name, "first_start", None, {"role": Role.SUPERVISOR.value, "roster": roster})
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
            opened = self._verify(uow, name, password, "login_failed")
            role = self._settle_role(uow, opened)
            if role is None:
                uow.commit()
                raise LoginFailed("Akun ini tidak tercatat di jejak audit stasiun. Hubungi supervisor.")
            if role != opened.account.role or opened.bound_role != role or DataKey.stale(opened.account.wrap):
                # made again: bound to the settled role, at today's scrypt cost (first-version wraps, too)
                uow.accounts.put(Account(name, role, opened.key.wrap(password, wrap_aad(name, role))))
                roster = _audited_roster(uow) | {name: role.value}
                uow.audit.append(name, "key_rewrapped", None, {"user": name, "roster": roster})
            ctx.db.unlock(opened.key)  # sealing an older schema's plaintext needs it inside this same unit
            try:
                sealed = uow.records.seal_plaintext() + uow.photos.seal_plaintext()
                uow.audit.append(name, "login")
                uow.commit()
            except BaseException:
                ctx.db.lock()  # the login did not happen: the key does not stay in memory
                raise
        if sealed:
            ctx.db.compact()
        remove_papers(ctx.data_dir)
        ctx.who = Actor(name, role)
        log.info("login ok user=%s role=%s", name, role.value)
        return ctx.who

    def _settle_role(self, uow: UnitOfWork, opened: Unlocked) -> Role | None:
        """The role this login gets (see _granted); a stored role or a wrap that disagrees with it is
        tampering: audited, and the stored copy is made right by the caller."""
        role, stored, on_record = self._granted(uow, opened)
        if role != stored or opened.bound_role not in (None, role):
            name = opened.account.name
            detail = {"user": name, "stored": stored.value, "bound": opened.bound_role, "audited": on_record}
            uow.audit.append(name, "keyring_tampered", None, detail)
            log.warning("keyring_tampered user=%s stored=%s bound=%s audited=%s", name, stored.value,
                        opened.bound_role, on_record)  # fmt: skip
        return role

    @staticmethod
    def _granted(uow: UnitOfWork, opened: Unlocked) -> tuple[Role | None, Role, str | None]:
        """(granted, stored, audited): granted is what the wrap is bound to, never more than the audited
        roster gives the name; None when the audit trail never recorded this account."""
        stored = Role(opened.account.role)
        audited = uow.audit.last_roster()
        on_record = audited[1].get(opened.account.name) if audited else stored.value
        return _least(opened.bound_role or stored, on_record), stored, on_record

    def lock(self) -> None:
        """Idle, suspended or closed: the data key leaves memory until someone logs in again."""
        ctx = self._ctx
        with ctx.db.unit(ctx.clock) as uow:
            uow.audit.append(ctx.who.name if ctx.who else "?", "locked")
            uow.commit()
        ctx.db.lock()
        ctx.who = None
        remove_papers(ctx.data_dir)

    def confirm_supervisor(self, username: str, password: str) -> str:
        """A supervisor's confirmation (photo exceptions), without changing who is logged in. Counts
        towards the same lockout as a login, and is audited either way."""
        ctx = self._ctx
        operator = ctx.actor
        name = clean(username)
        with ctx.db.unit(ctx.clock) as uow:
            opened = self._verify(uow, name, password, "confirm_failed")
            role, _, _ = self._granted(uow, opened)
            if role is None or not may(role, Action.WAIVER_CONFIRM):
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

    def _verify(self, uow: UnitOfWork, name: str, password: str, failure: str) -> Unlocked:
        """What the password opened, or a counted failure (committed) and LoginFailed/LockedOut."""
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
        roles = {wrap_aad(name, r): r for r in ACCOUNT_ROLES}
        opened = DataKey.unwrap(account.wrap, password, *roles) if account else None
        if account is None:
            DataKey.spend(password)  # the same cost whether or not the account exists
        if opened is None:
            fails = lock.fails + 1
            until = clock.stamp_in(LOCK_MINUTES * 60) if fails >= MAX_FAILS else None
            uow.accounts.set_lockout(name, Lockout(0 if until else fails, until))
            uow.audit.append(name if account else "?", failure, None, {"locked": bool(until)})
            uow.commit()
            log.warning("%s user_known=%s locked=%s", failure, account is not None, bool(until))
            raise LoginFailed("Nama pengguna atau kata sandi salah.")
        uow.accounts.set_lockout(name, None)
        key, aad = opened
        return Unlocked(account, key, roles.get(aad))

    # --- a supervisor's account work -------------------------------------------------------------
    def add(self, username: str, password: str, role: str = Role.OPERATOR) -> Actor:
        name = normalise(username)
        if role not in ACCOUNT_ROLES:
            raise AccountError(f"Peran tidak dikenal: {role}")
        _policy(password, name)
        with self._ctx.unit(Action.ACCOUNT_ADD) as uow:
            if uow.accounts.get(name) is not None:
                raise AccountError(f"Pengguna {name} sudah ada.")
            uow.accounts.put(Account(name, Role(role), self._ctx.db.key().wrap(password, wrap_aad(name, role))))
            roster = _audited_roster(uow) | {name: Role(role).value}
            uow.audit.append(self._ctx.actor.name, "user_added", None, {"user": name, "role": role, "roster": roster})
            uow.commit()
        return Actor(name, Role(role))

    def reset_password(self, username: str, new_password: str) -> None:
        """A new password for an account, under the role the audit trail gives it (never the stored copy,
        which anyone with the file could have edited)."""
        name = normalise(username)
        _policy(new_password, name)
        with self._ctx.unit(Action.ACCOUNT_RESET) as uow:
            self._existing(uow, name)
            role, roster = self._role_on_record(uow, name)
            uow.accounts.put(Account(name, role, self._ctx.db.key().wrap(new_password, wrap_aad(name, role))))
            uow.accounts.set_lockout(name, None)
            uow.audit.append(self._ctx.actor.name, "password_reset", None, {"user": name, "roster": roster})
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
        name = normalise(username)
        _policy(new_password, name)
        code = typed_recovery_code(code)
        with ctx.db.unit(ctx.clock) as uow:
            wrap = uow.accounts.recovery_wrap()
            opened = DataKey.unwrap(wrap, code, RECOVERY_AAD) if wrap else None
            if opened is None:
                uow.audit.append(name, "recovery_failed")
                uow.commit()
                raise AccountError("Kode pemulihan salah.")
            key = opened[0]
            self._existing(uow, name)
            role, roster = self._role_on_record(uow, name)
            if DataKey.stale(wrap):
                uow.accounts.set_recovery_wrap(key.wrap(code, RECOVERY_AAD))
            uow.records.note_padded()
            uow.accounts.put(Account(name, role, key.wrap(new_password, wrap_aad(name, role))))
            uow.accounts.set_lockout(name, None)
            uow.audit.append(name, "password_recovered", None, {"user": name, "roster": roster})
            uow.commit()
        ctx.db.unlock(key)
        ctx.who = Actor(name, role)
        return ctx.who

    @staticmethod
    def _role_on_record(uow: UnitOfWork, name: str) -> tuple[Role, dict[str, str]]:
        """The audited role of an account and the roster to audit with it; refused for an account the audit
        trail never recorded (one written into the database by hand)."""
        roster = _audited_roster(uow)
        if name not in roster:
            raise AccountError(f"Akun {name} tidak tercatat di jejak audit stasiun; tidak bisa diubah.")
        return Role(roster[name]), roster

    @staticmethod
    def _existing(uow: UnitOfWork, name: str) -> Account:
        account = uow.accounts.get(name)
        if account is None:
            raise AccountError(f"Pengguna {name} tidak ada.")
        return account


def _named_office(office: Office, regions: Regions, kecamatan: str) -> Office:
    """An office still called by the default name is named after its kecamatan at first start, so tickets,
    receipts and the waiting-room display say which office ('Kantor Kecamatan Plantungan', Kab. Kendal)."""
    if office.name != Office().name:
        return office
    _, kabupaten, kec = regions.path(kecamatan)
    return replace(office, name=f"Kantor Kecamatan {kec.name}", kabupaten=office.kabupaten or spoken(kabupaten.name))
