"""One command for a fresh machine: set up, then run the whole test suite headless.

python3.11 scripts/test.py [pytest arguments]
"""

from __future__ import annotations

import os
import subprocess
import sys

from _bootstrap import ROOT, ensure_postgresql, ensure_venv


def main() -> int:
    python = ensure_venv(extras="dev")
    ensure_postgresql()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.call([str(python), "-m", "pytest", *sys.argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
