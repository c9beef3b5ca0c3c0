"""One sync loop per station: an OS file lock in the data folder, held for each pass.

The window and the command line may both run the sync loop on one station. Two passes at once sent every record
twice and raced each other's audit uploads, so a pass first takes this lock and stands aside when another loop
holds it. It is the operating system's lock: it goes with the process that held it, so a crashed or killed sync
never leaves the station locked. On Windows it is a byte-range lock on the open file (which cannot be deleted
while it is open); on Linux and macOS it is flock on the data folder itself, because a lock file there can be
deleted by hand mid-pass (its PID makes it look stale), and the next pass would then lock a new file beside the
running one and send everything twice. The file names the holder's PID for a person looking.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO


class PassLock:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._file: IO[bytes] | None = None
        self._folder: int | None = None  # Linux and macOS: the data folder's descriptor, flocked

    def acquire(self) -> bool:
        """Take the lock if it is free (never waits)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            import fcntl

            folder = os.open(self.path.parent, os.O_RDONLY)
            try:
                fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(folder)
                return False
            self._folder = folder
        f = open(self.path, "a+b")  # noqa: SIM115 - held open for as long as the lock
        if sys.platform == "win32":
            import msvcrt

            try:
                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            except OSError:
                f.close()
                return False
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()).encode())  # for a person looking; the lock itself is the OS's
        f.flush()
        self._file = f
        return True

    def release(self) -> None:
        if self._file is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                self._file.seek(0)
                msvcrt.locking(self._file.fileno(), msvcrt.LK_UNLCK, 1)
        finally:
            self._file.close()
            self._file = None
            if self._folder is not None:
                os.close(self._folder)  # the flock goes with its last descriptor
                self._folder = None

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()
