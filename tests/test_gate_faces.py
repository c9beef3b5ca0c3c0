"""The gate on real faces: eyes, face count, pose, exposure, blur, background (../shared/faces)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from tests.conftest import face_rows
from tests.faces import motion_blur, pad_crop, rotate

# Untouched real portraits on plain backgrounds. The gate accepts GOOD whole; the others it accepts on
# every check but pitch: they are taken from slightly above with the chin lowered (5-7 degrees chin-down
# by the canonical-model pose; the old plane-normal pose read them level because of its -5 degree bias).
GOOD = ["img62.jpg"]
CHIN_DOWN = ["img3.jpg", "img30.jpg", "img33.jpg"]
PORTRAITS = GOOD + CHIN_DOWN + ["img35.jpg"]


def load(faces_dir, name: str) -> np.ndarray:
    img = cv2.imread(str(faces_dir / (name if "/" in name else f"photos/{name}")))
    assert img is not None, name
    return img


@pytest.mark.parametrize("padded", [True, False], ids=["padded-canvas", "raw-crop"])
def test_eyes_open_balanced_accuracy_on_600_real_crops(faces_dir, still_gate, padded):
    """The whole gate, as check-photo runs it, on the crops its eye model was fitted on (in-sample: the
    held-out figure is tests/test_gate_models.py). Padded as the set's README advises; raw as a script
    would hand the crops to check-photo."""
    rows = [r for r in face_rows() if r["eyes"] in ("open", "closed")]
    assert len(rows) == 600
    hits = {"open": [0, 0], "closed": [0, 0]}
    for r in rows:
        img = load(faces_dir, r["file"])
        verdict = still_gate.judge(pad_crop(img) if padded else img)
        said_open = verdict.eyes_open
        assert said_open is not None, f"no face found in {r['file']}"
        hits[r["eyes"]][0] += said_open == (r["eyes"] == "open")
        hits[r["eyes"]][1] += 1
    recall_open = hits["open"][0] / hits["open"][1]
    recall_closed = hits["closed"][0] / hits["closed"][1]
    balanced = (recall_open + recall_closed) / 2
    print(f"eyes open: recall open {recall_open:.4f}, closed {recall_closed:.4f}, balanced {balanced:.4f}")
    assert balanced >= 0.985


def test_live_face_counter_agrees_with_the_labels_on_every_photo(faces_dir):
    """Live video counts faces with the detector beside the one-face mesh (quality.surroundings)."""
    from station.quality.landmarks import FaceFinder

    finder = FaceFinder()
    for r in face_rows():
        if r["file"].startswith("photos/"):
            n = len(finder.boxes(load(faces_dir, r["file"])))
            assert n >= 3 if r["faces"] == "many" else n == int(r["faces"]), r["file"]
    finder.close()


def test_face_count_on_every_photo(faces_dir, still_gate):
    for r in face_rows():
        if not r["file"].startswith("photos/"):
            continue
        verdict = still_gate.judge(load(faces_dir, r["file"]))
        if r["faces"] == "many":
            assert verdict.faces >= 3, r["file"]
            assert "face_count" in verdict.reasons
        else:
            assert verdict.faces == int(r["faces"]), r["file"]
            assert (verdict.faces == 2) == ("face_count" in verdict.reasons)


def test_roll_follows_known_rotations(faces_dir, still_gate):
    errors = []
    for name in ["img1.jpg", "img3.jpg", "img10.jpg", "img30.jpg", "img33.jpg", "img35.jpg", "img47.jpg"]:
        img = load(faces_dir, name)
        base = still_gate.judge(img).geometry.roll
        for angle in (-20, -10, -5, 5, 10, 20):
            g = still_gate.judge(rotate(img, angle)).geometry
            errors.append(abs((g.roll - base) - (-angle)))  # counter-clockwise image turn = negative roll
            if abs(angle) >= 10:
                assert "roll" in still_gate.judge(rotate(img, angle)).reasons or abs(base - angle) <= 8
    median = float(np.median(errors))
    print(f"roll: median error {median:.2f} deg over {len(errors)} rotations, max {max(errors):.2f}")
    assert median < 2.0


def test_yaw_changes_sign_with_a_mirror_and_pitch_does_not(faces_dir, still_gate):
    for name in ["img4.jpg", "img34.jpg", "img59.jpg", "img61.jpg"]:  # heads visibly turned
        img = load(faces_dir, name)
        a, b = still_gate.judge(img).geometry, still_gate.judge(img[:, ::-1].copy()).geometry
        assert abs(a.yaw) > 5 and np.sign(a.yaw) == -np.sign(b.yaw)
        assert abs(a.yaw + b.yaw) < 3 and abs(a.pitch - b.pitch) < 3


@pytest.mark.parametrize("name", GOOD)
def test_good_real_portraits_are_accepted_whole(faces_dir, still_gate, name):
    verdict = still_gate.judge(load(faces_dir, name))
    assert verdict.accepted, verdict.reasons


@pytest.mark.parametrize("name", CHIN_DOWN)
def test_portraits_with_the_chin_lowered_are_refused_on_pitch_alone(faces_dir, still_gate, name):
    verdict = still_gate.judge(load(faces_dir, name))
    assert verdict.reasons == ["pitch"]
    assert 5 < verdict.geometry.pitch < 9  # chin down: "Angkat dagu sedikit"
    assert verdict.messages[0].startswith("Angkat dagu")


@pytest.mark.parametrize("name", CHIN_DOWN + ["img35.jpg"])
def test_darkened_brightened_blurred_each_flagged_by_its_own_check(faces_dir, still_gate, name):
    img = load(faces_dir, name)
    ied = still_gate.judge(img).geometry.eye_distance
    dark = (img.astype(np.float32) * 0.3).astype(np.uint8)
    bright = cv2.convertScaleAbs(img, alpha=1.3, beta=90)
    blurred = cv2.GaussianBlur(img, (0, 0), ied / 40)
    moved = motion_blur(img, int(ied / 5))
    assert "exposure" in still_gate.judge(dark).reasons
    assert "exposure" in still_gate.judge(bright).reasons
    for frame in (blurred, moved):
        reasons = still_gate.judge(frame).reasons
        assert "sharpness" in reasons and "exposure" not in reasons


def test_harsh_side_shadow_is_flagged(faces_dir, still_gate):
    img = load(faces_dir, "img33.jpg")
    g = still_gate.judge(img).geometry
    x = int(g.eyes_centre[0])
    shaded = img.copy()
    shaded[:, :x] = (shaded[:, :x].astype(np.float32) * 0.35).astype(np.uint8)
    assert "illumination" in still_gate.judge(shaded).reasons


def test_busy_background_is_flagged_and_plain_is_not(faces_dir, still_gate):
    busy = ["img2.jpg", "img4.jpg", "img26.jpg", "img39.jpg", "img54.jpg"]
    for name in busy:
        assert "background" in still_gate.judge(load(faces_dir, name)).reasons, name
    for name in PORTRAITS:
        v = still_gate.judge(load(faces_dir, name))
        assert v.checks["background"].ok and v.background_rgb is not None


def test_required_background_colour_is_an_office_option(faces_dir):
    from station.quality import GateConfig, PhotoGate

    img = load(faces_dir, "img33.jpg")
    with PhotoGate(GateConfig(required_background="#d0021b")) as red_office:
        v = red_office.judge(img)
    assert "background_colour" in v.reasons and v.checks["background_colour"].value > 60


def test_nothing_in_frame_and_broken_frames(still_gate):
    from station.quality.gate import BadFrame

    empty = still_gate.judge(np.full((480, 640, 3), 128, np.uint8))
    assert empty.faces == 0 and empty.reasons == ["face_count"] and not empty.accepted
    assert empty.to_json("x")["eyes_open"] is None
    for broken in (None, np.zeros((0, 0, 3), np.uint8), np.zeros((480, 640, 3), np.float64)):
        with pytest.raises(BadFrame):
            still_gate.judge(broken)


def test_crop_is_icao_portrait(faces_dir, still_gate):
    from station.quality.gate import crop_id_photo

    img = load(faces_dir, "img33.jpg")
    v = still_gate.judge(img)
    crop = crop_id_photo(img, v.geometry, 480, 640)
    assert crop.shape == (640, 480, 3)
    again = still_gate.judge(crop).geometry
    assert abs(again.eyes_centre[0] - 240) < 10  # head centred
    assert abs(again.eyes_centre[1] / 640 - 0.44) < 0.03  # eye line where ICAO wants it
    assert abs(again.roll) < 1.5


@pytest.mark.parametrize("head_ratio", [0.72, 0.78])
def test_an_icao_portrait_passes_its_own_gate(faces_dir, still_gate, head_ratio):
    """A still that is already a tight ID photo (head 72-78% of the height) is not refused for its framing."""
    from station.quality.gate import crop_id_photo
    from station.quality.geometry import measure

    img = load(faces_dir, "img62.jpg")
    g = measure(still_gate.judge(img).geometry.landmarks, head_ratio, 0.44, 0.75)
    portrait = crop_id_photo(img, g, 480, 640)
    verdict = still_gate.judge(portrait)
    assert verdict.accepted, verdict.reasons
