"""A real PostgreSQL server for the central server's tests, started from the OS packages' programs.

initdb writes a throw-away cluster into a temporary folder; `postgres` listens on a free 127.0.0.1 port (no
Unix socket), as an unprivileged user when the tests run as root (PostgreSQL refuses to run as root; Debian's
package creates the `postgres` user, else `nobody`). Durability is switched off (fsync, full-page writes):
this server only has to be correct, not survive a power cut (`durable=True` keeps it, for bench/sync.py --pg).
Each test gets a fresh database on it, so tests
stay independent without paying for a new cluster. scripts/test.py installs the server when it is missing
(scripts/_bootstrap.py, ensure_postgresql).

Use from a test:  def test_x(pg_url): create_engine(pg_url) ...   (conftest.py: `pg_server`, `pg_url`)
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import itertools
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

SUPERUSER = "postgres"


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir() -> Path:
    """Debian keeps the server programs out of PATH, one folder per major version; take the newest."""

    def major(path: str) -> int:
        m = re.search(r"/postgresql/(\d+)/", path)
        return int(m.group(1)) if m else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=major)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise PostgresUnavailable(
        "PostgreSQL tidak terpasang (initdb tidak ditemukan). Jalankan `python3.11 scripts/test.py` (memasang paket "
        "postgresql lewat apt), atau pasang PostgreSQL dan letakkan initdb di PATH."
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child before exec: stop postgres (fast shutdown) if the test process dies without cleaning up."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGINT)  # PR_SET_PDEATHSIG


class PostgresServer:
    """One throw-away PostgreSQL cluster; `database()` hands out fresh, empty databases on it."""

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable  # fsync and full-page writes on, as a real centre runs (bench/sync.py --pg)
        self.bindir = find_bindir()
        self.user = self._unprivileged_user()
        self.folder = Path(tempfile.mkdtemp(prefix="station-pg-"))
        self.data = self.folder / "data"
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self._names = itertools.count(1)

    @staticmethod
    def _unprivileged_user() -> str | None:
        if os.geteuid() != 0:
            return None  # run as whoever runs the tests
        for name in ("postgres", "nobody"):
            with contextlib.suppress(KeyError):
                pwd.getpwnam(name)
                return name
        raise PostgresUnavailable("tests run as root and there is no 'postgres' or 'nobody' user to run PostgreSQL")

    def _chown(self, path: Path) -> None:
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def _run_kwargs(self) -> dict:
        if self.user is None:
            return {}
        entry = pwd.getpwnam(self.user)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def start(self) -> PostgresServer:
        self._chown(self.folder)
        subprocess.run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ],
            cwd=self.folder,
            check=True,
            capture_output=True,
            **self._run_kwargs(),
        )
        for _ in range(5):  # a free port can be taken between the probe and postgres binding it
            self.port = _free_port()
            log = open(self.folder / "postgres.log", "ab")  # noqa: SIM115 (the server process owns it)
            self.proc = subprocess.Popen(
                [
                    str(self.bindir / "postgres"),
                    "-D",
                    str(self.data),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-c",
                    "unix_socket_directories=",
                    *([] if self.durable else ["-c", "fsync=off", "-c", "synchronous_commit=off"]),
                    *([] if self.durable else ["-c", "full_page_writes=off"]),
                    "-c",
                    "max_connections=200",
                ],
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
                **self._run_kwargs(),
            )
            log.close()
            if self._wait_ready():
                return self
            self._stop_process()
        raise PostgresUnavailable(f"PostgreSQL did not start; see {self.folder / 'postgres.log'}")

    def _wait_ready(self, timeout_s: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with psycopg.connect(self.dsn("postgres"), connect_timeout=2):
                    return True
            except psycopg.OperationalError:
                time.sleep(0.1)
        return False

    def dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    def url(self, database: str) -> str:
        """SQLAlchemy URL (psycopg 3 driver)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def database(self, prefix: str = "t") -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _stop_process(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)  # fast shutdown: roll back, disconnect, stop
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def stop(self) -> None:
        self._stop_process()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
