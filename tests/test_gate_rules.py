"""Dukcapil's own photo rules on real photographs: no glasses, nothing over the brows or below the eyes
(a hijab is fine when the face is fully visible), and the backdrop colour by birth year (issue 15)."""

from __future__ import annotations

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest

from tests.conftest import ROOT
from tests.faces import face_mask, fringe, hijab

FRONTAL = "img62.jpg"  # accepted whole by the gate (tests/test_gate_faces.py)
FACES = ["img62.jpg", "img3.jpg", "img30.jpg", "img33.jpg", "img1.jpg", "img10.jpg", "img47.jpg"]


def photo(faces_dir, name: str) -> np.ndarray:
    img = cv2.imread(str(faces_dir / "photos" / name))
    assert img is not None
    return img


def landmarks(gate, img: np.ndarray) -> np.ndarray:
    return gate.judge(img).geometry.landmarks


def test_glasses_is_a_check_with_a_score_and_plain_words(faces_dir, still_gate):
    on = cv2.imread(str(faces_dir / "glasses" / "000020.jpg"))  # labelled without glasses
    v = still_gate.judge(on)
    assert 0.0 <= v.checks["glasses"].value <= 1.0
    worn = [r for r in _glasses_rows(faces_dir) if r[1]][:20]
    caught = 0
    for name, _ in worn:
        v = still_gate.judge(cv2.imread(str(faces_dir / "glasses" / name)))
        c = v.checks["glasses"]
        caught += not c.ok
        if not c.ok:
            assert "glasses" in v.reasons and "kacamata" in v.checks["glasses"].message
    assert caught >= 16  # of 20; the held-out rate over all 1,544 is tests/test_gate_models.py
    for name in FACES:
        assert still_gate.judge(photo(faces_dir, name)).checks["glasses"].ok, name


def _glasses_rows(faces_dir) -> list[tuple[str, bool]]:
    import csv

    with open(faces_dir / "glasses" / "labels.csv", newline="") as f:
        return [(r["file"], r["glasses"] == "yes") for r in csv.DictReader(f)]


@pytest.mark.parametrize("name", FACES)
def test_a_face_mask_is_refused_and_says_so(faces_dir, still_gate, name):
    img = photo(faces_dir, name)
    lm = landmarks(still_gate, img)
    for colour in ((200, 180, 140), (30, 30, 30), (235, 235, 235)):  # surgical blue, black, white (BGR)
        v = still_gate.judge(face_mask(img, lm, colour))
        assert "lower_face_visible" in v.reasons, (name, colour, v.checks["lower_face_visible"])
        assert "brows_visible" not in v.reasons
        assert "masker" in v.checks["lower_face_visible"].message


@pytest.mark.parametrize("name", FACES)
def test_hair_over_the_eyebrows_is_refused(faces_dir, still_gate, name):
    img = photo(faces_dir, name)
    v = still_gate.judge(fringe(img, landmarks(still_gate, img)))
    assert "brows_visible" in v.reasons, v.checks["brows_visible"]
    assert "lower_face_visible" not in v.reasons
    assert "rambut" in v.checks["brows_visible"].message


@pytest.mark.parametrize("name", FACES)
def test_a_hijab_with_the_face_fully_visible_is_allowed(faces_dir, still_gate, name):
    img = photo(faces_dir, name)
    before = still_gate.judge(img)
    for colour in ((95, 60, 40), (240, 240, 240), (20, 20, 20)):  # navy, white, black cloth (BGR)
        v = still_gate.judge(hijab(img, before.geometry.landmarks, colour))
        for check in ("brows_visible", "lower_face_visible", "glasses", "eyes_open"):
            assert v.checks[check].ok, (name, colour, check, v.checks[check])
    if before.accepted:
        assert still_gate.judge(hijab(img, before.geometry.landmarks)).accepted


def test_a_bearded_face_is_not_taken_for_a_covered_one(faces_dir, still_gate):
    v = still_gate.judge(photo(faces_dir, FRONTAL))  # full beard and moustache
    assert v.accepted and v.checks["lower_face_visible"].value > 0.3


# --- the backdrop by birth year -----------------------------------------------------------------------
RED, BLUE = (219, 21, 20), (0, 144, 255)


def with_backdrop(img: np.ndarray, v, rgb: tuple[int, int, int]) -> np.ndarray:
    """The photo with its background painted `rgb`, along the gate's own person mask."""
    from station.quality.backdrop import replace_background

    to_frame = np.array([[1 / v.person_scale, 0, 0], [0, 1 / v.person_scale, 0]])
    return replace_background(img, v.person, to_frame, rgb)


def test_backdrop_colour_follows_the_birth_year_when_the_office_asks(faces_dir, still_gate):
    from station.quality import GateConfig, PhotoGate

    img = photo(faces_dir, FRONTAL)
    v = still_gate.judge(img)
    red, blue = with_backdrop(img, v, RED), with_backdrop(img, v, BLUE)
    assert still_gate.judge(red, 1991).checks["backdrop_year"].value is None  # off by default
    with PhotoGate(GateConfig(backdrop_by_birth_year=True)) as office:
        assert office.judge(red, 1991).accepted and office.judge(blue, 1990).accepted
        wrong = office.judge(red, 1990)
        assert wrong.reasons == ["backdrop_year"] and "biru" in wrong.messages[0]
        assert office.judge(blue, 1993).reasons == ["backdrop_year"]
        assert office.judge(img, 1991).reasons == ["backdrop_year"]  # a dark grey wall is neither
        assert office.judge(red).checks["backdrop_year"].ok  # no NIK yet: nothing required
        assert office.judge(blue, 2002).to_json("x")["backdrop_required"] == "#0090ff"


def test_id_crop_gets_the_official_colour_and_the_frame_stays_as_taken(faces_dir, still_gate):
    from station.quality import GateConfig, PhotoGate
    from station.quality.gate import crop_id_photo, id_photo

    img = photo(faces_dir, FRONTAL)
    original = img.copy()
    cfg = GateConfig(backdrop_by_birth_year=True, replace_backdrop=True)
    with PhotoGate(cfg) as office:
        v = office.judge(img, 1991)
    crop = id_photo(img, v, cfg)
    assert np.array_equal(img, original)
    plain = crop_id_photo(img, v.geometry, cfg.crop_width, cfg.crop_height)
    corner = crop[:40, :40].reshape(-1, 3).mean(axis=0)[::-1]  # RGB of the top-left background
    assert np.abs(corner - RED).max() < 12, corner
    centre = (slice(300, 340), slice(220, 260))  # the face: untouched
    assert np.abs(crop[centre].astype(int) - plain[centre].astype(int)).mean() < 3
    assert np.array_equal(id_photo(img, still_gate.judge(img, 1991), GateConfig()), plain)  # option off


def test_live_capture_delivers_the_replaced_crop_and_keeps_the_frame(faces_dir):
    from station.quality import GateConfig, PhotoGate
    from station.quality.live import LiveCapture
    from tests.standin_video import fit, shift

    img = photo(faces_dir, FRONTAL)
    with PhotoGate() as still:
        img = with_backdrop(img, still.judge(img), (40, 100, 190))  # a blue cloth, not quite the official blue
    frame = fit(img)
    cfg = GateConfig(backdrop_by_birth_year=True, replace_backdrop=True, steady_seconds=0.3)
    capture = None
    with PhotoGate(cfg, live=True) as gate:
        live = LiveCapture(cfg, confirm=lambda f: gate.judge(f, 1990, complete=True))
        for i in range(30):
            f = shift(frame, (i % 3) * 0.5, 0)
            capture = live.update(f, gate.judge(f, 1990), i / 15).capture or capture
    assert capture is not None
    assert np.abs(capture.crop[:30, :30].reshape(-1, 3).mean(axis=0)[::-1] - BLUE).max() < 12
    assert np.abs(capture.frame[:30, :30].astype(int).mean(axis=(0, 1)) - frame[:30, :30].mean(axis=(0, 1))).max() < 3


def test_check_photo_birth_year_adds_fields_and_keeps_the_contract(faces_dir, tmp_path):
    from station.quality import PhotoGate

    img = photo(faces_dir, FRONTAL)
    with PhotoGate() as gate:
        red = with_backdrop(img, gate.judge(img), RED)
    path = tmp_path / "merah.png"
    cv2.imwrite(str(path), red)

    def run(*args: str) -> list[dict]:
        out = subprocess.run(
            [sys.executable, "-m", "station", "check-photo", "--json", "--data-dir", str(tmp_path / "d"), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]

    odd, even, none = run(str(path), "--birth-year", "1991"), run(str(path), "--birth-year", "1990"), run(str(path))
    for line in (odd[0], even[0], none[0]):
        assert {"file", "accepted", "faces", "eyes_open", "yaw", "pitch", "roll", "checks", "reasons"} <= set(line)
        assert {"messages", "background_rgb", "backdrop_required"} <= set(line)
        assert {"glasses", "brows_visible", "lower_face_visible", "backdrop_year"} <= set(line["checks"])
        assert set(line["checks"]["glasses"]) == {"value", "ok"}
    assert odd[0]["accepted"] and odd[0]["backdrop_required"] == "#db1514"
    assert not even[0]["accepted"] and even[0]["reasons"] == ["backdrop_year"]
    assert none[0]["accepted"] and none[0]["backdrop_required"] is None
    bad = subprocess.run(
        [sys.executable, "-m", "station", "check-photo", str(path), "--birth-year", "91"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode == 2 and "Tahun lahir" in bad.stderr and "Traceback" not in bad.stderr
