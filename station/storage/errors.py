"""Storage failures an operator can act on, each with a message that says what to do."""

from __future__ import annotations

import sqlite3

from sqlalchemy import exc

from station.domain.errors import ExitCode, StationError


class StorageError(StationError):
    """The database could not do what was asked; nothing half-written is left behind."""

    code = "storage"
    exit_code = ExitCode.STORAGE


class StorageFull(StorageError):
    code = "storage_full"


class StorageReadOnly(StorageError):
    code = "storage_read_only"


class StorageCorrupt(StorageError):
    code = "storage_corrupt"


class StorageUnavailable(StorageError):
    code = "storage_unavailable"


class RecordNotFound(StorageError):
    code = "record_not_found"
    exit_code = ExitCode.INPUT


def translate(err: BaseException, path: str) -> StorageError:
    """Turn a SQLite/SQLAlchemy error into one of ours. Nothing committed is touched by any of them."""
    orig = err.orig if isinstance(err, exc.DBAPIError) else err
    text = str(orig).lower()
    if "disk is full" in text or "disk i/o error" in text and "full" in text:
        return StorageFull(
            f"Penyimpanan penuh: data baru belum tersimpan ({path}). Kosongkan ruang disk, lalu tekan Simpan lagi. "
            "Data yang sudah tersimpan aman."
        )
    if "readonly" in text or "read-only" in text:
        return StorageReadOnly(
            f"Folder data hanya-baca: tidak bisa menyimpan ke {path}. Periksa izin folder atau pilih --data-dir lain."
        )
    if "not a database" in text or "malformed" in text or isinstance(orig, sqlite3.DatabaseError) and "corrupt" in text:
        return StorageCorrupt(
            f"Berkas database rusak: {path}. Berkas tidak diubah. Hubungi admin untuk memulihkan dari cadangan; "
            "jangan menghapusnya."
        )
    if "unable to open" in text or "locked" in text:
        return StorageUnavailable(f"Database tidak bisa dibuka: {path} ({orig}). Tutup aplikasi lain yang memakainya.")
    return StorageError(f"Gagal menyimpan ke {path}: {orig}")
