"""The unit of work: one transaction, the repositories bound to it, and an explicit commit.

    with db.unit(clock) as uow:
        uuid = uow.records.accept(...)
        uow.outbox.enqueue(uuid)
        uow.tickets.done(ticket_id, uuid)
        uow.commit()

Leaving the block without commit() rolls everything back: a record, its photos, its outbox entry, its
ticket and its audit entry are written together or not at all. Any database failure becomes a
StorageError with a message an operator can act on.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import exc as saexc
from sqlalchemy.orm import Session, sessionmaker

from station.domain.clock import Clock
from station.storage.accounts import AccountRepository
from station.storage.audit import AuditRepository
from station.storage.biometrics import BiometricRepository
from station.storage.crypto import DataKey
from station.storage.errors import StorageError, translate
from station.storage.keys import KeyRepository
from station.storage.outbox import OutboxRepository
from station.storage.photos import PhotoRepository
from station.storage.quarantine import QuarantineRepository
from station.storage.records import RecordRepository
from station.storage.settings import SettingsRepository
from station.storage.tickets import TicketRepository


class UnitOfWork:
    records: RecordRepository
    photos: PhotoRepository
    biometrics: BiometricRepository
    outbox: OutboxRepository
    tickets: TicketRepository
    settings: SettingsRepository
    audit: AuditRepository
    accounts: AccountRepository
    keys: KeyRepository
    quarantine: QuarantineRepository

    def __init__(
        self, sessions: sessionmaker, key: Callable[[], DataKey], clock: Clock, where: str, read_only: bool = False
    ) -> None:
        self._sessions, self._key, self.clock, self._where = sessions, key, clock, where
        self._read_only = read_only
        self._session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        s = self._session = self._sessions()
        try:
            s.begin()
        except saexc.SQLAlchemyError as err:
            s.close()
            raise translate(err, self._where) from err
        self.audit = AuditRepository(s, self.clock)
        self.settings = SettingsRepository(s)
        self.accounts = AccountRepository(s)
        self.keys = KeyRepository(s, self._key)
        self.photos = PhotoRepository(s, self._key)
        self.biometrics = BiometricRepository(s, self._key)
        self.records = RecordRepository(s, self._key, self.clock, self.audit, self.keys.signing_key)
        self.quarantine = QuarantineRepository(s, self.clock, self.audit)
        self.outbox = OutboxRepository(s, self.clock, self.records, self.photos, self.quarantine, self.biometrics)
        self.tickets = TicketRepository(s, self.clock)
        return self

    def commit(self) -> None:
        if self._read_only:
            raise RuntimeError("a read-only unit of work cannot commit")  # a programming error, not an operator's
        try:
            self._session.commit()
        except saexc.SQLAlchemyError as err:
            raise translate(err, self._where) from err

    def __exit__(self, exc_type, exc, tb) -> None:
        s, self._session = self._session, None
        try:
            if s.in_transaction():
                s.rollback()
        finally:
            s.close()
        if isinstance(exc, (saexc.SQLAlchemyError, OSError)) and not isinstance(exc, StorageError):
            raise translate(exc, self._where) from exc
