"""Logging to the data folder. Personal data (NIK, names, photos) is never logged: log record UUIDs."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from station.paths import log_dir

HANDLER = "station"


def setup_logging(folder: Path) -> None:
    root = logging.getLogger()
    if any(h.get_name() == HANDLER for h in root.handlers):
        return
    root.setLevel(logging.INFO)
    try:
        log_dir(folder).mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir(folder) / "station.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # a read-only folder must not stop the station from starting
    handler.set_name(HANDLER)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
