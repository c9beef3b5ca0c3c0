"""Local storage: SQLAlchemy on SQLite. The only package that speaks SQL."""

from station.storage.errors import (
    InvalidTransition,
    RecordNotFound,
    StorageCorrupt,
    StorageError,
    StorageFull,
    StorageReadOnly,
    StorageUnavailable,
)
from station.storage.store import Photo, RecordStore, RecordSummary, StoredRecord

__all__ = [
    "InvalidTransition",
    "Photo",
    "RecordNotFound",
    "RecordStore",
    "RecordSummary",
    "StorageCorrupt",
    "StorageError",
    "StorageFull",
    "StorageReadOnly",
    "StorageUnavailable",
    "StoredRecord",
]
