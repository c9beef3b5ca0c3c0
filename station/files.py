"""Files the station writes are private to the person running it.

On Linux and macOS: folders 0700 and files 0600 (the database with its -wal and -shm, logs, papers, bundles
and reports written by the command line), and the process's umask is 077 from the start, so a file some
library creates is private too. On Windows the data folder is under %LOCALAPPDATA%, whose ACL gives the user,
SYSTEM and Administrators access and nobody else; files inherit it (docs/threat-model.md).

Papers (receipts, tickets) are only passed through DATA_DIR/papers on their way to the printer: every lock,
login and purge removes those older than PAPER_MAX_AGE_S, and a purge removes all of them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from pathlib import Path

PRIVATE_UMASK = 0o077
PAPERS = "papers"
PAPER_MAX_AGE_S = 600.0  # the viewer has had ten minutes to print it


def private_umask() -> None:
    """From here on, whatever this process creates is readable by its user only."""
    os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> Path:
    """The folder, created 0700 if missing and made 0700 if it is ours."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    _chmod(path, 0o700)
    return path


def private_file(path: Path) -> None:
    """An existing file made 0600 (a database an older version created 0644)."""
    if path.exists():
        _chmod(path, 0o600)


def write_private(path: Path, data: bytes, sync: bool = False) -> Path:
    """Write `data` to a file that is 0600 from the moment it exists; `sync`: on the disk before it returns."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        _fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            fd = -1
            f.write(data)
            if sync:
                f.flush()
                os.fsync(f.fileno())
    finally:
        if fd >= 0:
            os.close(fd)
    return path


def write_whole(path: Path, data: bytes) -> Path:
    """write_private under a temporary name, on the disk, then renamed: a USB stick pulled out mid-write leaves no
    half file under the real name. OSError as it came (the caller says it in words)."""
    tmp = path.with_name(path.name + ".part")
    try:
        write_private(tmp, data, sync=True)
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return path


_WHY = {
    errno.ENOENT: "foldernya tidak ada; apakah flashdisk terpasang?",
    errno.ENOSPC: "disk atau flashdisk penuh",
    errno.EACCES: "tidak ada izin menulis di sana",
    errno.EPERM: "tidak ada izin menulis di sana",
    errno.EROFS: "disk atau flashdisk hanya bisa dibaca (terkunci)",
    errno.EISDIR: "itu sebuah folder; sebutkan nama berkas",
    errno.EIO: "flashdisk tidak terbaca (dicabut atau rusak?)",
}


def not_written(path: Path, err: OSError) -> str:
    """Why a file could not be written, in the operator's words (the OS says it in English)."""
    return f"Berkas {path} tidak bisa ditulis: {_WHY.get(err.errno, err.strerror or 'kesalahan disk')}."


MOUNT_ROOTS = ("/media/{user}", "/run/media/{user}", "/Volumes")  # where Linux desktops and macOS mount sticks


def removable_drives() -> list[Path]:
    """USB sticks plugged in now (Windows: removable drive letters; Linux and macOS: what the desktop mounted),
    for the export to offer one rather than the home folder."""
    if os.name == "nt":
        import ctypes
        import string

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        return [Path(f"{d}:\\") for d in string.ascii_uppercase if kernel.GetDriveTypeW(f"{d}:\\") == 2]
    user = os.environ.get("USER") or os.environ.get("LOGNAME") or ""
    found: list[Path] = []
    for root in (Path(r.format(user=user)) for r in MOUNT_ROOTS):
        with contextlib.suppress(OSError):
            found += [p for p in sorted(root.iterdir()) if p.is_dir() and not p.is_symlink()]
    return found


def papers_dir(data_dir: Path) -> Path:
    return Path(data_dir) / PAPERS


def remove_papers(data_dir: Path, older_than_s: float = PAPER_MAX_AGE_S) -> int:
    """Remove papers left in DATA_DIR/papers older than this; a file a viewer still holds open (Windows) is
    left for the next time. Returns how many went."""
    folder = papers_dir(data_dir)
    if not folder.is_dir():
        return 0
    cutoff, removed = time.time() - older_than_s, 0
    for p in folder.iterdir():
        try:
            if p.is_file() and p.stat().st_mtime <= cutoff:
                p.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _chmod(path: Path, mode: int) -> None:
    if os.name == "nt":
        return  # Windows: the per-user folder's ACL decides (see the module docstring)
    with contextlib.suppress(OSError):  # not ours (a folder someone else made): its owner decides
        os.chmod(path, mode)


def _fchmod(fd: int, mode: int) -> None:
    if os.name != "nt":
        os.fchmod(fd, mode)
