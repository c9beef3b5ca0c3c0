"""Start the reference central server as a real process on 127.0.0.1 with TLS, and a fault-injecting TCP
proxy in front of it (connection resets, stalls past the client's timeout, responses dropped after the
server stored the batch). The database is SQLite in the test's folder unless a URL is given (the central
tests pass a fresh PostgreSQL database from the `pg_url` fixture: tests/pg.py)."""

from __future__ import annotations

import contextlib
import os
import random
import socket
import struct
import subprocess
import sys
import threading
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
                return Central(url, ca, db_url, proc)
        if proc.poll() is not None:
            raise RuntimeError("central server exited")
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("central server did not start")


class FaultProxy:
    """TCP proxy; for each new connection it draws a fault: pass, reset at once, stall, or forward the
    request and drop the response (the server has stored the batch, the client never hears)."""

    def __init__(self, target_port: int, rates: dict[str, float], stall_s: float = 3.0, seed: int = 1) -> None:
        self.target_port, self.rates, self.stall_s = target_port, rates, stall_s
        self.rng = random.Random(seed)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.counts: dict[str, int] = {}
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _draw(self) -> str:
        roll = self.rng.random()
        for name, rate in self.rates.items():
            if roll < rate:
                return name
            roll -= rate
        return "pass"

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            fault = self._draw()
            self.counts[fault] = self.counts.get(fault, 0) + 1
            threading.Thread(target=self._serve, args=(client, fault), daemon=True).start()

    @staticmethod
    def _reset(s: socket.socket) -> None:
        with contextlib.suppress(OSError):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()

    def _serve(self, client: socket.socket, fault: str) -> None:
        if fault == "reset":
            self._reset(client)
            return
        if fault == "stall":
            time.sleep(self.stall_s)
            self._reset(client)
            return
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        done = threading.Event()
        sent = [0]  # bytes client -> server on this connection

        def pump(src: socket.socket, dst: socket.socket, upward: bool) -> None:
            try:
                while True:
                    data = src.recv(65536)
                    if not data:
                        break
                    if upward:
                        sent[0] += len(data)
                    elif fault == "drop_response" and sent[0] > 20_000:
                        # the server answered a batch upload it has stored: the client never hears
                        break
                    dst.sendall(data)
            except OSError:
                pass
            done.set()

        threading.Thread(target=pump, args=(client, upstream, True), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client, False), daemon=True).start()
        done.wait()
        self._reset(client)
        with contextlib.suppress(OSError):
            upstream.close()

    def close(self) -> None:
        self._stop = True
        self.sock.close()
