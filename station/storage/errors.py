"""Storage failures an operator can act on, each with a message that says what to do."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

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

    def __init__(self, message: str, part: str = "") -> None:
        super().__init__(message)
        self.part = part  # which sealed field failed to open, when it was one (no personal data)


class StorageUnavailable(StorageError):
    code = "storage_unavailable"


class RecordNotFound(StorageError):
    code = "record_not_found"
    exit_code = ExitCode.INPUT


def read_only(path: str) -> StorageReadOnly:
    return StorageReadOnly(
        f"Folder data hanya-baca: tidak bisa menyimpan ke {path}. Periksa izin folder (atau kunci tulis pada "
        "flashdisk), atau pilih --data-dir lain."
    )


def corrupt_untouched(path: str, found: str) -> StorageCorrupt:
    """Only when the damage was found before anything was written (storage.db.preflight)."""
    first = found.splitlines()[0][:200] if found else ""
    return StorageCorrupt(
        f"Berkas database rusak: {path} ({first}). Berkas tidak diubah dan tidak dibuka. Hubungi admin untuk "
        "memulihkan dari cadangan; jangan menghapusnya."
    )


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
        return read_only(path)
    if "not a database" in text or "malformed" in text or isinstance(orig, sqlite3.DatabaseError) and "corrupt" in text:
        # Found while working: what this session committed before stays; whether the damage is older is not known.
        return StorageCorrupt(
            f"Berkas database rusak: {path}. Simpanan yang sedang berjalan dibatalkan. Berhenti memakai stasiun "
            "ini dan hubungi admin untuk memulihkan dari cadangan; jangan menghapusnya."
        )
    folder = Path(path).parent
    if "unable to open" in text and folder.exists() and not os.access(folder, os.W_OK):
        return read_only(path)
    if "unable to open" in text or "locked" in text:
        return StorageUnavailable(f"Database tidak bisa dibuka: {path} ({orig}). Tutup aplikasi lain yang memakainya.")
    return StorageError(f"Gagal menyimpan ke {path}: {orig}")
