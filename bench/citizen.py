"""One citizen at the counter, F3 to accepted: the operator's key presses and clicks, the seconds they wait on the
machine, and an estimate of the whole.

    python bench/citizen.py [--citizens N] [--mode both|biometrics|photo] [--json]

The real window (offscreen), a real store in a throw-away folder, driven as tests/test_ui_flow.py drives it
(tests.ui_driver: keys to whatever has the focus, clicks on what is on screen): F3, the biodata typed key by key
(tests.ui_driver.fill_citizen), Ctrl+Enter, the live gate takes the photo over a stand-in camera, Enter for the
citizen's approval; with biometrics, the citizen's signature drawn with the mouse and "Simpan tanda tangan"
clicked, every capture clicked on the SBI device simulator (its own HTTP server on 127.0.0.1, real prints and
eyes from ../shared) and "Selesai" clicked; Tinjau, Enter to accept (the receipt printed through Qt's PDF engine).
Each office is run `--citizens` times in a row on the same window; the figures are the last citizen's (the gate's
models and the scanners are warm by then, as they are from the second citizen of a day); the first citizen's
machine seconds are given beside them.

Fields (--json prints one object, {"biometrics": {...}, "photo_only": {...}}):
  keys                key presses (Shift for a capital and Ctrl in a chord counted: tests.ui_driver.Keys.presses)
  clicks              mouse clicks by the operator
  machine_s           wall seconds the operator waits on the machine: each action that hands over to it (F3 to the
                      form focused, Ctrl+Enter to the photo taken and shown, the approval to the next page, the
                      signature saved to the scanners found, each capture, Selesai to Tinjau, accept to the queue
                      with the receipt printed), timed from the key or click to the page ready for the next one
  machine_first_s     the same for the first citizen of the run (models loading, devices discovered cold)
  typing_ms_per_key   the window's own time per key while the form is typed (validation at every key): below the
                      0.28 s a typist takes per key, so the operator never waits on it and it is not in machine_s
  operator_s_estimate machine_s + keys x 0.28 s + clicks x 1.1 s
  waits_s             machine_s by step (the captures summed)

The estimate is the Keystroke-Level Model (Card, Moran & Newell, "The Psychology of Human-Computer Interaction",
1983; CACM 23(7), 1980): K = 0.28 s per keystroke for an average non-secretary typist, P = 1.1 s to point with the
mouse. It leaves out, and so it is a floor, not a forecast:
  - the operator reading the Kartu Keluarga and thinking (KLM's M, 1.35 s per mental step; a dozen steps here),
    and moving a hand between keyboard and mouse (H, 0.4 s each);
  - the citizen: the stand-in camera shows an already posed, still face (a photograph), so the gate takes the
    photo as soon as its steadiness rule allows; a real citizen needs seconds to sit, look up and hold still, and
    retakes happen. The simulator places each finger slap and eye at once; a real person takes a few seconds
    per slap, and real scanners take their own capture time. The signature is drawn by QTest in a blink.
So machine_s is what this software costs per citizen; the citizen's own seconds come on top.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from devices.keys import CA_CERT, DeviceKeys  # noqa: E402
from station.camera import ImageFolder  # noqa: E402
from station.devices.trust import trusted_folder  # noqa: E402
from station.ui.screenshots import signature_points  # noqa: E402
from tests.sbi import admin, running_simulator  # noqa: E402
from tests.standin_video import fit  # noqa: E402
from tests.stations import new_station, photo_only  # noqa: E402
from tests.ui_driver import Keys, fill_citizen, focused, key, make_window  # noqa: E402

K_S, P_S = 0.28, 1.1  # KLM: keystroke (average typist), pointing with the mouse
FACES = Path(os.environ.get("STATION_FACES_DIR", ROOT.parent / "shared" / "faces"))


class Counter:
    def __init__(self) -> None:
        self.clicks = 0
        self.machine = 0.0
        self.waits: dict[str, float] = {}

    def click(self, widget) -> None:
        assert widget.isVisible() and widget.isEnabled(), f"{widget.objectName() or widget} cannot be clicked"
        self.clicks += 1
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def wait(self, action: Callable[[], None], ready: Callable[[], bool], what: str, timeout: float = 120) -> None:
        """The operator's action, then the machine's turn until `ready`: the whole of it is machine time."""
        t0 = time.perf_counter()
        action()
        while not ready():
            if time.perf_counter() - t0 > timeout:
                raise SystemExit(f"timed out waiting for {what}")
            QApplication.processEvents()
            time.sleep(0.005)
        took = time.perf_counter() - t0
        self.machine += took
        self.waits[what] = round(self.waits.get(what, 0.0) + took, 2)


def camera(folder: Path) -> Path:
    """A posed, still citizen: img62.jpg (frontal, plain background) brought to a webcam's 640x480."""
    folder.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(folder / "img62.jpg"), fit(cv2.imread(str(FACES / "photos" / "img62.jpg"))))
    return folder


def has_focus(widget) -> bool:
    f = QApplication.focusWidget()
    return f is not None and (f is widget or widget.isAncestorOf(f))


def draw_signature(canvas) -> None:
    """The citizen signs (not the operator: no clicks counted)."""
    from PySide6.QtCore import QPoint

    for points in signature_points():
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
        for x, y in points[1:]:
            QTest.mouseMove(canvas, QPoint(x, y))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def one_citizen(window, n: int, biometrics: bool) -> dict:
    c = Counter()
    Keys.reset()
    c.wait(lambda: key(Qt.Key.Key_F3), lambda: has_focus(window.biodata_page.inputs["nik"]), "the form")
    t0 = time.perf_counter()
    fill_citizen(nik=f"33240155089{n:05d}", kk="3324010101150002", name="Siti Rahmawati")
    typed = Keys.presses
    typing_ms = (time.perf_counter() - t0) * 1000 / max(1, typed)
    assert window.biodata_page.problems() == [], [p.message for p in window.biodata_page.problems()]
    approval = window.approval_page
    c.wait(
        lambda: key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
        lambda: window.stack.currentWidget() is approval and has_focus(approval.view.yes),
        "the gate to take the photo",
    )
    review = window.review_page
    if biometrics:
        sign = window.signature_step
        c.wait(lambda: key(Qt.Key.Key_Return), lambda: window.stack.currentWidget() is sign, "the signature page")
        draw_signature(sign.page.canvas)
        page = window.biometrics_step.page
        c.wait(lambda: c.click(sign.page.save_btn), lambda: page.session is not None, "the scanners")
        for _ in range(12):
            if page.session.next_step() is None:
                break
            c.wait(lambda: c.click(page.capture_btn), lambda: not page.busy, "a capture")
        assert page.done_btn.isEnabled(), page.message.text()
        c.wait(lambda: c.click(page.done_btn), lambda: has_focus(review.accept_btn), "Tinjau")
    else:
        c.wait(lambda: key(Qt.Key.Key_Return), lambda: has_focus(review.accept_btn), "Tinjau")
    c.wait(lambda: key(Qt.Key.Key_Return), lambda: window.stack.currentWidget() is window.queue_page, "accepted")
    assert focused() is not None
    keys = Keys.presses
    return {
        "keys": keys,
        "clicks": c.clicks,
        "machine_s": round(c.machine, 2),
        "typing_ms_per_key": round(typing_ms, 1),
        "operator_s_estimate": round(c.machine + keys * K_S + c.clicks * P_S, 1),
        "waits_s": c.waits,
    }


def office(tmp: Path, biometrics: bool, citizens: int) -> dict:
    data = tmp / ("biometrics" if biometrics else "photo")
    data.mkdir()
    folder = camera(tmp / f"camera-{data.name}")
    with running_simulator(tmp / "device-keys", seed=5) as sim:
        admin(sim, "reset")
        admin(sim, "citizen", seed=5)
        DeviceKeys.ensure(tmp / "device-keys")
        trusted = trusted_folder(data)
        trusted.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp / "device-keys" / CA_CERT, trusted / CA_CERT)
        station = new_station(data, "ST-01")
        if not biometrics:
            photo_only(station)
        for _ in range(citizens):
            station.queue.issue()
        window = make_window(station, data, lambda: ImageFolder(folder, hold=1.0))
        window.biometrics_step.page.ports = [sim.port]
        runs = []
        try:
            for n in range(citizens):
                runs.append(one_citizen(window, n + 3, biometrics))
                if biometrics:
                    admin(sim, "citizen", seed=6 + n)  # the next citizen's own fingers and eyes
        finally:
            window.close()
            QApplication.processEvents()
            station.close()
    last = dict(runs[-1])
    last["machine_first_s"] = runs[0]["machine_s"]
    last["citizens"] = citizens
    return last


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--citizens", type=int, default=2)
    ap.add_argument("--mode", choices=["both", "biometrics", "photo"], default="both")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (FACES / "photos" / "img62.jpg").exists():
        raise SystemExit(f"{FACES}/photos/img62.jpg not found: the stand-in camera needs the research photos")
    tmp = Path(tempfile.mkdtemp(prefix="bench-citizen-"))
    out = {}
    try:
        if args.mode in ("both", "biometrics"):
            out["biometrics"] = office(tmp, True, max(1, args.citizens))
        if args.mode in ("both", "photo"):
            out["photo_only"] = office(tmp, False, max(1, args.citizens))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(out))
        return
    for name, r in out.items():
        print(
            f"{name}: {r['keys']} keys, {r['clicks']} clicks, machine {r['machine_s']} s "
            f"(first citizen {r['machine_first_s']} s), typing {r['typing_ms_per_key']} ms/key; "
            f"operator estimate {r['operator_s_estimate']} s"
        )


if __name__ == "__main__":
    main()
