"""The gate on faces it was not tuned on: pose, eyes and glasses measured held-out (issue 15).

Each test re-runs the committed fitting procedure (scripts/train_gate.py) inside the split, on real
MediaPipe landmarks of the real photographs in ../shared/faces, and asserts the issue's targets on the
faces left out. The weights that ship (station/quality/trained.py) are the same procedure fitted on
everything; test_shipped_weights_are_what_the_script_fits checks they were not edited by hand.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import train_gate  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mesh():
    from station.quality.landmarks import FaceMesh

    m = FaceMesh(live=False)
    yield m
    m.close()


@pytest.fixture(scope="module")
def pose_data(faces_dir, mesh):
    return train_gate.load_pose(faces_dir, mesh)


@pytest.fixture(scope="module")
def eye_data(faces_dir, mesh):
    return train_gate.load_eyes(faces_dir, mesh)


@pytest.fixture(scope="module")
def glasses_data(faces_dir, mesh):
    return train_gate.load_glasses(faces_dir, mesh)


def test_pose_without_bias_on_held_out_halves(pose_data):
    """AFLW2000-3D: the map is fitted on one half and measured on the other, both ways, for 20 random
    halvings. Targets: |pitch bias| <= 1, median |error| pitch <= 4 and yaw <= 2.2, truly frontal
    photos (|yaw|, |pitch| <= 5 by label) refused on pose <= 30% (mean over the halvings: one halving
    has 44 such photos, so a single one moves by 2.3 points; the worst is printed and bounded too)."""
    runs = [
        train_gate.pose_figures(train_gate.pose_heldout(pose_data, seed), pose_data.labels, pose_data.eye_roll)
        for seed in range(20)
    ]
    mean = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]}
    worst = {k: float(np.max(np.abs([r[k] for r in runs]))) for k in runs[0]}
    print("pose held out, mean of 20 halvings:", {k: round(v, 3) for k, v in mean.items()})
    print("pose held out, worst halving:", {k: round(v, 3) for k, v in worst.items()})
    assert abs(mean["pitch_bias_median"]) <= 1.0 and worst["pitch_bias_median"] <= 1.0
    assert mean["median_abs_error_pitch"] <= 4.0 and worst["median_abs_error_pitch"] <= 4.0
    assert mean["median_abs_error_yaw"] <= 2.2 and worst["median_abs_error_yaw"] <= 2.2
    assert mean["truly_frontal_refused_on_pose"] <= 0.30
    assert worst["truly_frontal_refused_on_pose"] <= 0.37  # 16 of 44: sampling noise of one halving


def test_the_old_plane_normal_was_biased_and_the_canonical_fit_is_not(pose_data):
    """The cause, not a constant: MediaPipe's own canonical face posed frontal reads 0 with the rigid
    fit, and on real photos the fit's raw pitch bias is already within about 1 degree."""
    from station.quality.facemodel import canonical_face
    from station.quality.pose import raw_pose

    face = canonical_face() * np.array([30.0, -30.0, -30.0]) + np.array([320.0, 240.0, 0.0])  # pixels, frontal
    lm = np.vstack([face, np.zeros((10, 3))])
    p = raw_pose(lm)
    assert abs(p.yaw) < 1e-6 and abs(p.pitch) < 1e-6 and abs(p.roll) < 1e-6
    raw = train_gate.pose_figures(pose_data.raw, pose_data.labels, pose_data.eye_roll)
    print("pose, canonical fit before calibration:", raw)
    assert abs(raw["pitch_bias_median"]) <= 1.5


def test_eyes_open_held_out_by_10_fold_cross_validation(eye_data):
    """600 real crops (300 CEW closed, 300 UTKFace open): each crop scored by a model (patch model and
    stack) fitted on the other nine tenths. Target 98.5% balanced accuracy; canvas as the set's README
    advises, raw as a script hands the crops to check-photo."""
    out = train_gate.eyes_heldout(eye_data)
    print("eyes held out:", {k: {m: v for m, v in d.items() if m != "wrong"} for k, d in out.items()})
    print("wrong (canvas):", out["canvas"]["wrong"])
    assert out["canvas"]["balanced_accuracy"] >= 0.985
    assert out["raw"]["balanced_accuracy"] >= 0.985


def test_glasses_held_out_by_10_fold_cross_validation(glasses_data):
    """1,544 CelebA faces (half with glasses, same share of men in both halves), folds stratified by
    glasses and gender. Targets: at least 90% of glasses caught, at most 5% of faces without flagged;
    each gender is reported too, so a rate carried by one gender alone would show."""
    out = train_gate.glasses_heldout(glasses_data)
    print("glasses held out:", {k: v for k, v in out.items() if k != "probabilities"})
    assert out["caught"] >= 0.90
    assert out["flagged_without"] <= 0.05
    assert out["caught_men"] >= 0.88 and out["caught_women"] >= 0.88
    assert out["flagged_men"] <= 0.06 and out["flagged_women"] <= 0.06


def test_shipped_weights_are_what_the_script_fits(pose_data, eye_data, glasses_data):
    from station.quality import trained
    from station.quality.training import Linear

    fitted = train_gate.fit_pose(pose_data.raw, pose_data.labels)
    for axis, (offset, gain) in trained.POSE_CALIBRATION.items():
        assert fitted[axis] == pytest.approx((offset, gain), abs=0.01)
    eye = train_gate.fit_eyes(eye_data.evidence, eye_data.open)
    glasses = train_gate.fit_glasses(glasses_data.views, glasses_data.glasses)
    for fitted, shipped in (
        (eye.patch, trained.EYE_PATCH),
        (eye.stack, trained.EYE_STACK),
        (glasses.model, trained.GLASSES),
    ):
        s = Linear.decode("".join(shipped))
        assert np.allclose(fitted.w, s.w, rtol=1e-3, atol=1e-5) and abs(fitted.b - s.b) < 1e-3


def test_out_of_source_open_eyes_and_no_false_glasses(pose_data, eye_data, glasses_data):
    """The models fitted on all their data, on faces from sources they never saw (CelebA without glasses,
    AFLW2000-3D within +-20 degrees, UTKFace open crops). These sets carry no eye or glasses labels, so
    the figures are bounds, not accuracies: the new eyes model must call at least as many of these
    mostly open-eyed faces open as the old threshold did, and the glasses model must not flag many."""
    eye = train_gate.fit_eyes(eye_data.evidence, eye_data.open)
    glasses = train_gate.fit_glasses(glasses_data.views, glasses_data.glasses)
    out = train_gate.out_of_source(pose_data, eye_data, glasses_data, eye, glasses)
    for source in ("celeba_without_glasses", "aflw_within_20deg"):
        new, old = out[f"eyes_called_open_{source}"], out[f"eyes_called_open_{source}_old_threshold"]
        assert new >= old and new >= 0.93, (source, new, old)
        assert out["faces"][source] >= 300
    assert out["glasses_flagged_aflw_within_20deg"] <= 0.08
    assert out["glasses_flagged_utkface_open_crops"] <= 0.20  # most of those flagged wear glasses (docs/gate.md)
