"""Storage failures an operator can act on, each with a message that says what to do."""

from __future__ import annotations

import sqlite3

from sqlalchemy import exc


class StorageError(RuntimeError):
    """Base class: str() is the Indonesian message for the operator."""


class StorageFull(StorageError):
    pass


class StorageReadOnly(StorageError):
    pass


class StorageCorrupt(StorageError):
    pass


class StorageUnavailable(StorageError):
    pass


class InvalidTransition(StorageError):
    pass


class RecordNotFound(StorageError):
    pass


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
