"""A real SBI device service for tests: the project's simulator, serving the real prints and eye images
of ../shared over HTTP on 127.0.0.1 (a free port in SBI's 4501-4600 range), with its admin calls."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

import requests

from devices.keys import DeviceKeys
from devices.simulator import Simulator, serve

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FINGERS = SHARED / "fingers"
IRIS = SHARED / "iris"
SAMPLES = SHARED / "sbi-samples"


def free_sbi_port() -> int:
    for port in range(4600, 4500, -1):  # from the top: a real device usually sits at 4501
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port in 4501-4600")


@contextlib.contextmanager
def running_simulator(keys_dir: Path, **options):
    keys = DeviceKeys.ensure(keys_dir)
    sim = Simulator(0, FINGERS, IRIS, keys, **options)
    server = serve(sim, free_sbi_port())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield sim
    finally:
        server.shutdown()
        server.server_close()


def admin(sim: Simulator, call: str, **body) -> dict:
    r = requests.post(f"{sim.base}admin/{call}", json=body, timeout=5)
    r.raise_for_status()
    return r.json()
