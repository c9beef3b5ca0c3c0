"""Local storage: SQLAlchemy on SQLite. The only package that speaks SQL.

The services open a unit of work on the Database and use its repositories; nothing above storage sees a
Session or an ORM row.
"""

from station.storage.crypto import DataKey, Locked
from station.storage.database import Database
from station.storage.errors import (
    RecordNotFound,
    StorageCorrupt,
    StorageError,
    StorageFull,
    StorageReadOnly,
    StorageUnavailable,
)
from station.storage.outbox import Answer, Outbox, Outgoing
from station.storage.quarantine import Quarantined
from station.storage.records import DayRecord, RecordSummary, StoredRecord
from station.storage.unit import UnitOfWork

__all__ = [
    "Answer",
    "DataKey",
    "Database",
    "DayRecord",
    "Locked",
    "Outbox",
    "Outgoing",
    "Quarantined",
    "RecordNotFound",
    "RecordSummary",
    "StorageCorrupt",
    "StorageError",
    "StorageFull",
    "StorageReadOnly",
    "StorageUnavailable",
    "StoredRecord",
    "UnitOfWork",
]
