"""One station's database: the SQLite file, its sessions, and the data key while someone is logged in.

Everything that reads or writes goes through a unit of work (`db.unit(clock)`), which binds the
repositories to one session and commits only when told to.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import exc as saexc
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from station.domain.clock import Clock
from station.paths import database_path
from station.storage.crypto import DataKey, Locked
from station.storage.db import READ_ONLY, open_engine
from station.storage.unit import UnitOfWork


class Database:
    def __init__(self, path: Path, key: DataKey | None = None, check: bool = True) -> None:
        self.path = Path(path)
        self.engine = open_engine(self.path, check)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, autobegin=False)
        self.readers = sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False, autobegin=False
        )
        self._key: DataKey | None = key

    @classmethod
    def in_folder(cls, folder: Path) -> Database:
        return cls(database_path(Path(folder)))

    # --- the data key ---------------------------------------------------------------------------
    def key(self) -> DataKey:
        """The data key; Locked when nobody is logged in."""
        if self._key is None:
            raise Locked()
        return self._key

    def unlock(self, key: DataKey) -> None:
        """Give the database the data key (after a login)."""
        self._key = key

    def compact(self) -> None:
        """After sealing plaintext an older schema left: no old pages keep it (secure_delete + VACUUM)."""
        with self.engine.connect() as conn:
            conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.connection.driver_connection.execute("VACUUM")

    def lock(self) -> None:
        self._key = None

    def for_worker(self) -> Database:
        """A second connection pool with the same data key, for a background thread (sync)."""
        return Database(self.path, self._key, check=False)  # this process checked the file when it opened it

    # --- units and upkeep ----------------------------------------------------------------------
    def unit(self, clock: Clock) -> UnitOfWork:
        """A unit that may write: it holds the write lock from its first statement to commit or rollback."""
        return UnitOfWork(self.sessions, self.key, clock, str(self.path))

    def reader(self, clock: Clock) -> UnitOfWork:
        """A unit that only reads: a consistent snapshot that never waits for the write lock."""
        return UnitOfWork(self.readers, self.key, clock, str(self.path), read_only=True)

    def integrity_check(self) -> str:
        """'ok', or what SQLite found wrong: an answer, not an exception, so admins can read it."""
        try:
            with self.engine.connect() as conn:
                return "\n".join(r[0] for r in conn.execute(text("PRAGMA integrity_check")))
        except saexc.DBAPIError as err:
            return str(err.orig)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
