"""Iris quality on the 112 real CASIA eye images: the untouched ones pass, and copies spoiled three ways
(blurred, darkened, an eyelid band over the top third of the iris) are each flagged by their own
measure (focus, grey-level spread, usable iris area)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import cv2
import numpy as np
import pytest

from station.biometrics.iris import assess_iris
from tests.sbi import IRIS, ROOT, SAMPLES


def blurred(g: np.ndarray, _q) -> np.ndarray:
    return cv2.GaussianBlur(g, (0, 0), 2.0)


def darkened(g: np.ndarray, _q) -> np.ndarray:
    return (g.astype(np.float32) * 0.5).astype(np.uint8)


def eyelid_band(g: np.ndarray, q) -> np.ndarray:
    """A drooping upper eyelid: skin-bright, flat, over the top third of the iris."""
    _, iy, r = q.circles.iris
    out = g.copy()
    out[: int(round(iy - r + 2 * r / 3))] = 200
    return out


@pytest.fixture(scope="module")
def untouched():
    images = {p.name: cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in sorted(IRIS.glob("*.jpg"))}
    return {name: (g, assess_iris(g)) for name, g in images.items()}


def test_untouched_images_pass(untouched):
    assert len(untouched) == 112
    failing = {n: (q.reasons, round(q.usable_area, 2)) for n, (_, q) in untouched.items() if not q.ok}
    print(f"\nuntouched: {112 - len(failing)}/112 pass; failing: {failing}")
    # The few that fail have a third or more of the iris under the eyelid and lashes: ISO/IEC 29794-6
    # asks for 70% usable iris area, and the operator is told to have the eyes opened wider.
    assert len(failing) <= 5
    assert all(reasons == ("usable_area",) for reasons, _ in failing.values())
    diameters = [q.iris_diameter_px for _, q in untouched.values()]
    assert min(diameters) >= 150  # these cameras give 180-230 px irises: above MOSIP's 150 px


@pytest.mark.parametrize(
    "spoil, measure", [(blurred, "sharpness"), (darkened, "grey_spread_bits"), (eyelid_band, "usable_area")]
)
def test_spoiled_copies_are_flagged_by_their_own_measure(untouched, spoil, measure):
    flagged, reasons = 0, Counter()
    for _, (g, q) in untouched.items():
        verdict = assess_iris(spoil(g, q))
        flagged += measure in verdict.reasons and not verdict.ok
        reasons.update(verdict.reasons)
    print(f"\n{spoil.__name__}: {flagged}/112 flagged by {measure}; all reasons {dict(reasons)}")
    assert flagged == 112


def test_check_iris_command_line_contract(tmp_path, untouched):
    g, q = untouched["S1002L01.jpg"]
    spoiled = tmp_path / "blurred.png"
    cv2.imwrite(str(spoiled), blurred(g, q))
    files = [
        str(IRIS / "S1002L01.jpg"),
        str(spoiled),
        str(SAMPLES / "registration" / "Left_Iris.iso"),
        str(SAMPLES / "auth" / "Right_Iris.iso"),
        str(SAMPLES / "registration" / "Left_Index.iso"),  # a finger record
        str(tmp_path / "missing.jpg"),
    ]
    out = subprocess.run(
        [sys.executable, "-m", "station", "check-iris", *files, "--json", "--data-dir", str(tmp_path / "d")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 1 and [line["file"] for line in lines] == files
    for line in lines[:4]:
        assert set(line) >= {"file", "quality", "iris_diameter_px", "usable_area", "sharpness", "ok", "reasons"}
        assert 0 <= line["quality"] <= 100 and 0 <= line["usable_area"] <= 1
    assert [line["ok"] for line in lines[:4]] == [True, False, True, True]
    assert lines[1]["reasons"] == ["sharpness"]
    assert set(lines[4]) == {"file", "error"} and set(lines[5]) == {"file", "error"}
