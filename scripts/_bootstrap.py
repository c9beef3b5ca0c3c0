"""Set up a fresh clone: a private virtual environment with the locked packages.

Shared by scripts/run.py and scripts/test.py so both README commands work on a machine that has
only Python 3.11. Standard library only: nothing is installed when this runs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".installed"

# Qt's xcb platform plugin needs these on Debian/Ubuntu to open a real window (not for tests,
# which run offscreen).
QT_X11_PACKAGES = [
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libegl1",
    "libgl1",
    "libglib2.0-0",
]


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted() -> str:
    digest = hashlib.sha256()
    for f in (ROOT / "pyproject.toml", LOCK):
        digest.update(f.read_bytes())
    return digest.hexdigest()


def ensure_venv(extras: str = "dev") -> Path:
    """Create .venv and install the project once; again only when pyproject or the lock changed."""
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"station needs Python 3.11 (mediapipe 0.10.21 wheels); this is {sys.version.split()[0]}")
    if not venv_python().exists():
        print("[setup] membuat .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    want = _wanted() + extras
    if STAMP.exists() and STAMP.read_text() == want:
        return venv_python()
    print("[setup] memasang paket (sekali saja) ...", flush=True)
    subprocess.run(
        [
            str(venv_python()),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "-c",
            str(LOCK),
            "-e",
            f"{ROOT}[{extras}]",
        ],
        check=True,
    )
    STAMP.write_text(want)
    return venv_python()


def ensure_qt_x11_libs() -> None:
    """On Debian/Ubuntu, install the X11 libraries Qt's window needs, when they are missing."""
    if sys.platform != "linux" or not shutil.which("apt-get") or not shutil.which("dpkg-query"):
        return
    missing = [
        p
        for p in QT_X11_PACKAGES
        if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True).stdout.find(
            "install ok installed"
        )
        < 0
    ]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"[setup] memasang pustaka X11 untuk Qt: {' '.join(missing)}", flush=True)
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=False)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", *missing], check=False)


def ensure_postgresql() -> None:
    """The central server's tests start a real PostgreSQL of their own (tests/pg.py); on Debian/Ubuntu install
    the server from the OS packages when it is missing. Elsewhere tests/pg.py looks for initdb on PATH."""
    if sys.platform != "linux" or not shutil.which("apt-get") or not shutil.which("dpkg-query"):
        return
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "postgresql"], capture_output=True, text=True)
    if "install ok installed" in status.stdout:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print("[setup] memasang PostgreSQL untuk uji server pusat ...", flush=True)
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "postgresql"], check=False, env=env)
