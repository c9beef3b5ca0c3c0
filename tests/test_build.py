"""The installable station: build.spec builds a one-folder app that starts with no Python around it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_one_folder_build_starts_without_python(tmp_path, faces_dir):
    dist, work = tmp_path / "dist", tmp_path / "build"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "build.spec"),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    exe = dist / "station" / ("station.exe" if os.name == "nt" else "station")
    bare = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }  # no virtualenv, no PYTHONPATH: only what the bundle carries
    version = subprocess.run([str(exe), "--version"], env=bare, capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("station ")
    smoke = subprocess.run(
        [str(exe), "smoke", str(faces_dir / "photos" / "img62.jpg")],
        env=bare,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert smoke.returncode == 0, smoke.stderr[-3000:]
    result = json.loads(smoke.stdout.splitlines()[-1])
    assert result["faces"] == 1 and result["accepted"] is True
    internal = dist / "station" / "_internal"
    assert not (internal / "jax").exists() and not (internal / "matplotlib").exists()
    assert (internal / "resources" / "wilayah.tsv.gz").exists()
    assert not (internal / "shared").exists() and not list(internal.rglob("closed_eye_*"))  # test photos never ship
