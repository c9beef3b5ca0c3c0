"""One sync loop per station: an OS file lock in the data folder, held for each pass.

The window and the command line may both run the sync loop on one station. Two passes at once sent every record
twice and raced each other's audit uploads, so a pass first takes this lock and stands aside when another loop
holds it. It is the operating system's lock (flock on Linux and macOS, a byte-range lock on Windows) on an open
file: it goes with the process that held it, so a crashed or killed sync never leaves the station locked.
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

    def acquire(self) -> bool:
        """Take the lock if it is free (never waits)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+b")  # noqa: SIM115 - held open for as long as the lock
        try:
            if sys.platform == "win32":
                import msvcrt

                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
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
            else:
                import fcntl

                fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        finally:
            self._file.close()
            self._file = None

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()
