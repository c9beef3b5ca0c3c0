"""Start the reference central server as a real process on 127.0.0.1 with TLS (and start it again on the same
database after a SIGKILL). Faults between a station and the server are injected per request by tests/wire.py.
The database is SQLite in the test's folder unless a URL is given (the central tests pass a fresh PostgreSQL
database from the `pg_url` fixture: tests/pg.py); `dedup` also runs the fingerprint dedup worker."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
CODE = "KODE-UJI-123"  # a code the server never issued: refused


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Central:
    url: str
    ca: Path
    db_url: str  # SQLAlchemy URL of the server's database
    proc: subprocess.Popen
    tls: tuple[Path, Path, Path]
    folder: Path
    dedup: bool = False

    @property
    def db(self) -> Path:
        """The database file, when it is SQLite (the sync tests read it directly)."""
        assert self.db_url.startswith("sqlite:///"), self.db_url
        return Path(self.db_url.removeprefix("sqlite:///"))

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def kill(self) -> None:
        """SIGKILL: whatever the server was doing stops mid-way (its database must cope)."""
        self.proc.kill()
        self.proc.wait(10)

    def restarted(self) -> Central:
        """The same server, database and certificate again, on a new port."""
        return start_central(self.folder, *self.tls, db_url=self.db_url, dedup=self.dedup)

    def query(self, sql: str) -> list[tuple]:
        """Read the server's database directly (SQLite or PostgreSQL alike)."""
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.execute(text(sql))]
        finally:
            engine.dispose()

    def code(self, station, rekey: bool = False) -> str:
        """A one-time registration code for this station (a Station, or its id), as the central admin issues it
        (`python -m sync.server issue-code`), straight on the server's database."""
        from sync.server.admin import issue_code

        station_id = station if isinstance(station, str) else station.settings.current.station_id
        return issue_code(self.db_url, station_id, rekey)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start_central(
    folder: Path,
    ca: Path,
    cert: Path,
    key: Path,
    faults: str = "",
    workers: int = 1,
    db_url: str | None = None,
    dedup: bool = False,
) -> Central:
    port = free_port()
    db_url = db_url or f"sqlite:///{folder / 'central.db'}"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server",
            "--db",
            db_url,
            "--port",
            str(port),
            "--cert",
            str(cert),
            "--key",
            str(key),
            "--secrets",
            str(folder / "central-secrets.json"),
            "--faults",
            faults,
            "--workers",
            str(workers),
            *(["--dedup"] if dedup else []),
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/v1/health", verify=str(ca), timeout=2).ok:
                return Central(url, ca, db_url, proc, (ca, cert, key), folder, dedup)
        if proc.poll() is not None:
            raise RuntimeError("central server exited")
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("central server did not start")
