"""One command for a fresh machine: set up, then start the station window.

    python3.11 scripts/run.py [--data-dir DIR] [--camera SOURCE]

With no webcam the window uses a stand-in camera (a video file or a folder of images). With no
biometric device answering on 127.0.0.1:4501-4600, the SBI device simulator is started beside it
(real prints and eye images from ../shared), its provider certificate trusted by this station.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time

from _bootstrap import ROOT, ensure_qt_x11_libs, ensure_venv

SHARED = ROOT.parent / "shared"


def _sbi_answers(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=0.5)
    try:
        conn.request("MOSIPDISC", "/device", body='{"type": "Biometric Device"}')
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def start_device_simulator(python, args: list[str]) -> subprocess.Popen | None:
    """The simulator on the first free SBI port, unless a real device service already answers."""
    if any(_sbi_answers(p) for p in range(4501, 4601)):
        return None
    if not (SHARED / "fingers").is_dir() or not (SHARED / "iris").is_dir():
        return None
    data = args[args.index("--data-dir") + 1] if "--data-dir" in args[:-1] else None
    code = "import sys; from station.paths import data_dir; print(data_dir(sys.argv[1] if len(sys.argv) > 1 else None))"
    data = subprocess.check_output([str(python), "-c", code, *([data] if data else [])], text=True).strip()
    trusted = os.path.join(data, "devices", "trusted")
    port = next(p for p in range(4501, 4601) if _free(p))
    print(f"[run] tidak ada perangkat biometrik: simulator SBI di port {port}", flush=True)
    proc = subprocess.Popen(
        [str(python), "-m", "devices.simulator", "--port", str(port), "--trust-into", trusted], cwd=ROOT
    )
    for _ in range(100):  # the window looks for devices as it opens: wait until the simulator answers
        if proc.poll() is not None or _sbi_answers(port):
            break
        time.sleep(0.1)
    return proc


def main() -> int:
    python = ensure_venv(extras="dev")
    ensure_qt_x11_libs()
    env = dict(os.environ)
    if sys.platform == "linux" and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        print("[run] tidak ada layar (DISPLAY kosong): jendela dijalankan offscreen", flush=True)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    asking = {"-h", "--help", "--version"} & set(sys.argv[1:])  # help only: no simulator, no trust copied
    simulator = None if asking else start_device_simulator(python, sys.argv[1:])
    try:
        return subprocess.call([str(python), "-m", "station", *sys.argv[1:]], cwd=ROOT, env=env)
    finally:
        if simulator is not None:
            simulator.terminate()
            simulator.wait(10)


if __name__ == "__main__":
    sys.exit(main())
