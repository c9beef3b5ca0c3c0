"""`station smoke PHOTO`: the packaged app's self-test. Opens the main window (offscreen), loads the face
models and judges one photo, on a throw-away data folder."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def smoke(photo: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    import cv2
    from PySide6.QtCore import QSettings

    from station.domain.enrolment import Enrolment
    from station.domain.payload import Photo
    from station.quality import PhotoGate
    from station.services.acceptance import encode_jpeg
    from station.services.station import Station
    from station.ui.app import make_app
    from station.ui.main_window import MainWindow

    app = make_app()
    folder = Path(tempfile.mkdtemp(prefix="station-smoke-"))
    station = Station(folder)
    station.accounts.first_start("SMOKE", "33.24.01", "smoke", "smoke-password")
    window = MainWindow(station, lambda: None, QSettings(str(folder / "w.ini"), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    window_s = time.perf_counter() - t0
    image = cv2.imread(str(photo))
    with PhotoGate() as gate:
        verdict = gate.judge(image)
    # A record committed and its receipt printed: storage, encryption and the papers (with the QR) work here too.
    uuid = station.records.store_unchecked(
        Enrolment(nik="3324015508900003", nama="Uji Asap"), {"crop": Photo(encode_jpeg(image))}, {}
    )
    receipt = station.papers.receipt(uuid)
    window.close()
    station.close()
    return {
        "window_s": round(window_s, 2),
        "total_s": round(time.perf_counter() - t0, 2),
        "receipt_bytes": len(receipt),
        **verdict.to_json(str(photo)),
    }
