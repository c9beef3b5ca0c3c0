"""Who may do what: one table, checked by the services and never by the window or the command line.

Actions only a supervisor may take are "privileged": each one leaves an audit entry, and so does every
refusal. The test `tests/test_permissions.py` walks this table through every command and service.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from station.domain.errors import NotAllowed


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    SYSTEM = "system"  # the station itself (the sync worker); never an account


ACCOUNT_ROLES = (Role.OPERATOR, Role.SUPERVISOR)


@dataclass(frozen=True)
class Actor:
    """Who does something: a logged-in account, or the station itself (Role.SYSTEM)."""

    name: str
    role: Role


SYSTEM = Actor("sync", Role.SYSTEM)


class Action(StrEnum):
    ACCOUNT_ADD = "account.add"
    ACCOUNT_RESET = "account.reset"
    ACCOUNT_UNLOCK = "account.unlock"
    ACCOUNT_LIST = "account.list"
    SETTINGS_CHANGE = "settings.change"
    RECORD_DRAFT = "record.draft"
    RECORD_ACCEPT = "record.accept"
    RECORD_READ = "record.read"
    WAIVER_CONFIRM = "waiver.confirm"
    REVIEW = "review.decide"
    QUEUE = "queue.serve"
    PAPERS = "papers.print"
    EXPORT = "transfer.export"
    IMPORT = "transfer.import"
    PURGE = "retention.purge"
    SYNC_REGISTER = "sync.register"
    SYNC_RUN = "sync.run"
    SYNC_RECORD = "sync.record"  # the centre's answers move records (sent, acknowledged, rejected)
    DEMO_DATA = "demo.fill"
    BIOMETRIC_CAPTURE = "biometrics.capture"  # signature, fingers, irises, verification through the devices
    BIOMETRIC_EXCEPTION = "biometrics.exception"  # a finger/eye recorded as an exception (a supervisor confirms)


_BOTH = frozenset({Role.OPERATOR, Role.SUPERVISOR})
_SUPERVISOR = frozenset({Role.SUPERVISOR})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.ACCOUNT_ADD: _SUPERVISOR,
    Action.ACCOUNT_RESET: _SUPERVISOR,
    Action.ACCOUNT_UNLOCK: _SUPERVISOR,
    Action.ACCOUNT_LIST: _SUPERVISOR,
    Action.SETTINGS_CHANGE: _SUPERVISOR,
    Action.RECORD_DRAFT: _BOTH,
    Action.RECORD_ACCEPT: _BOTH,
    Action.RECORD_READ: _BOTH,
    Action.WAIVER_CONFIRM: _SUPERVISOR,
    Action.REVIEW: _SUPERVISOR,
    Action.QUEUE: _BOTH,
    Action.PAPERS: _BOTH,
    Action.EXPORT: _SUPERVISOR,  # personal data leaves the laptop: the office answers for it (UU 27/2022)
    Action.IMPORT: _BOTH,
    Action.PURGE: _SUPERVISOR,
    Action.SYNC_REGISTER: _SUPERVISOR,  # decides where every record goes
    Action.SYNC_RUN: _BOTH | {Role.SYSTEM},
    Action.SYNC_RECORD: frozenset({Role.SYSTEM}),
    Action.DEMO_DATA: _SUPERVISOR,
    Action.BIOMETRIC_CAPTURE: _BOTH,
    Action.BIOMETRIC_EXCEPTION: _BOTH,
}

# What each role may not do, in words an operator understands.
REFUSALS: dict[Action, str] = {
    Action.ACCOUNT_ADD: "menambah akun",
    Action.ACCOUNT_RESET: "mengatur ulang kata sandi",
    Action.ACCOUNT_UNLOCK: "membuka kunci akun",
    Action.ACCOUNT_LIST: "melihat daftar akun",
    Action.SETTINGS_CHANGE: "mengubah pengaturan",
    Action.WAIVER_CONFIRM: "mengonfirmasi pengecualian",
    Action.REVIEW: "meninjau rekaman",
    Action.EXPORT: "mengekspor data (jemput bola)",
    Action.PURGE: "menghapus data",
    Action.SYNC_REGISTER: "mendaftarkan stasiun ke server pusat",
    Action.DEMO_DATA: "mengisi data contoh",
}


def may(role: Role | str | None, action: Action) -> bool:
    return role is not None and Role(role) in PERMISSIONS[action]


def is_privileged(action: Action) -> bool:
    return PERMISSIONS[action] == _SUPERVISOR


def require(role: Role | str | None, action: Action) -> None:
    if role is None:
        raise NotAllowed("Masuk (login) dulu.")
    if not may(role, action):
        if Role.SUPERVISOR in PERMISSIONS[action]:
            raise NotAllowed(f"Hanya supervisor yang dapat {REFUSALS.get(action, action.value)}.")
        raise NotAllowed(f"Langkah ini hanya dilakukan stasiun sendiri ({action.value}), bukan oleh {role}.")
