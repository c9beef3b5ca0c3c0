"""Where a station keeps its database, settings and logs: the per-user data folder of the OS.

Order: --data-dir, then STATION_DATA_DIR, then the OS folder (Windows %LOCALAPPDATA%\\Disdukcapil\\
station, Linux ~/.local/share/station, macOS ~/Library/Application Support/station). Never next to
the program: an installed bundle may be read-only and is replaced on update.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_VAR = "STATION_DATA_DIR"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser().resolve()
    return Path(user_data_dir("station", "Disdukcapil", roaming=False))


def database_path(folder: Path) -> Path:
    return folder / "station.db"


def log_dir(folder: Path) -> Path:
    return folder / "logs"
