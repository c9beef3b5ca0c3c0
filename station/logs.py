"""Logging to the data folder (private to the user: station.files). Personal data (NIK, names, photos) is never
logged: log record UUIDs."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from station.files import private_dir, private_file
from station.paths import log_dir

HANDLER = "station"


def setup_logging(folder: Path) -> None:
    root = logging.getLogger()
    if any(h.get_name() == HANDLER for h in root.handlers):
        return
    root.setLevel(logging.INFO)
    try:
        path = private_dir(log_dir(folder)) / "station.log"
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))  # private before the first line
        private_file(path)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # a read-only folder must not stop the station from starting
    handler.set_name(HANDLER)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
