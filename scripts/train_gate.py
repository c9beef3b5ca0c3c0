"""Fit the photo gate's small models offline and measure them on faces they were not fitted on.

    .venv/bin/python scripts/train_gate.py [--faces ../shared/faces] [--write] [--json]

- pose: the per-axis linear map from the canonical-model fit to AFLW2000-3D's angles (faces/pose);
- eyes: the eye-patch model and the stacked eyes-open model (faces/open, faces/closed);
- glasses: the eye-band model (faces/glasses).

Every figure printed is held out: pose by 2-fold (fit the map on one half of the photos, measure on the
other, both ways), eyes and glasses by 10-fold cross-validation in which a face is never scored by a model
fitted on it. --write then fits on everything and writes station/quality/trained.py (weights only,
read with numpy at run time). tests/test_gate_models.py runs the same functions and asserts the figures.
The research photographs are test data: only the weights ship.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station.quality import eyes, glasses, pose  # noqa: E402
from station.quality.geometry import IRIS_A, IRIS_B  # noqa: E402
from station.quality.landmarks import FaceMesh  # noqa: E402
from station.quality.training import (  # noqa: E402
    Linear,
    balanced_accuracy,
    fit_logistic,
    sigmoid,
    stratified_folds,
)

EYE_PATCH_L2 = 100.0  # per standardised pixel; chosen once by cross-validation (docs/gate.md)
EYE_STACK_L2 = 1.0
GLASSES_L2 = 300.0
GLASSES_THRESHOLD = 0.6  # GateConfig.max_glasses: missing a few is better than flagging people without
POSE_FIT_RANGE = 20.0  # fit the pose map on photos within +-20 degrees of yaw and pitch, where the gate decides


def readme_canvas(img: np.ndarray) -> np.ndarray:
    """../shared/faces/README: bring every crop to 96 px (so sources cannot be told apart by
    resolution), enlarge, and put it on a plain canvas so the face detector sees a whole face."""
    small = cv2.resize(img, (96, 96), interpolation=cv2.INTER_AREA)
    big = cv2.resize(small, (240, 240), interpolation=cv2.INTER_CUBIC)
    canvas = np.full((480, 480, 3), 200, np.uint8)
    canvas[120:360, 120:360] = big
    return canvas


def main_face(faces: np.ndarray) -> np.ndarray | None:
    if len(faces) == 0:
        return None
    return faces[int(np.argmax([np.linalg.norm(f[IRIS_B, :2] - f[IRIS_A, :2]) for f in faces]))]


def _rows(path: Path) -> list[dict]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def plane_normal_pose(p: np.ndarray, roll: float) -> tuple[float, float]:
    """The gate before issue 15, kept here only to print the "before" figures: yaw and pitch from the
    normal of the least-squares plane through the mesh, with roll taken out first."""
    pts = p[:468].astype(np.float64) - p[:468].mean(axis=0)
    a = np.radians(-roll)
    rot = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]], np.float64)
    n = np.linalg.svd(pts @ rot.T, full_matrices=False)[2][2]
    if n[2] > 0:  # towards the camera (MediaPipe's z grows away from it)
        n = -n
    return float(np.degrees(np.arctan2(n[0], -n[2]))), float(np.degrees(np.arctan2(n[1], -n[2])))


# --- the data, through MediaPipe --------------------------------------------------------------
@dataclass
class PoseData:
    files: list[str]
    labels: np.ndarray  # (n, 3) yaw, pitch, roll; AFLW2000-3D
    raw: np.ndarray  # (n, 3) uncalibrated fit; NaN where no face was found
    eye_roll: np.ndarray  # (n,) the gate's roll (the eye line)
    before: np.ndarray | None = None  # (n, 3) the gate before issue 15 (plane normal); NaN where no face
    # Out of source, for the eyes and glasses models: photos within +-20 degrees with a face (no such labels)
    near_evidence: list = field(default_factory=list)
    near_views: list = field(default_factory=list)


def load_pose(faces: Path, mesh: FaceMesh) -> PoseData:
    rows = _rows(faces / "pose" / "labels.csv")
    raw = np.full((len(rows), 3), np.nan)
    eye_roll = np.full(len(rows), np.nan)
    labels = np.array([[float(r["yaw"]), float(r["pitch"]), float(r["roll"])] for r in rows])
    out = PoseData([r["file"] for r in rows], labels, raw, eye_roll, np.full((len(rows), 3), np.nan))
    for i, r in enumerate(rows):
        img = cv2.imread(str(faces / "pose" / r["file"]))
        p = main_face(mesh.landmarks(img))
        if p is not None:
            q = pose.raw_pose(p)
            raw[i] = q.yaw, q.pitch, q.roll
            d = p[IRIS_B, :2] - p[IRIS_A, :2]
            eye_roll[i] = np.degrees(np.arctan2(d[1], d[0]))
            out.before[i] = (*plane_normal_pose(p, eye_roll[i]), eye_roll[i])
            if np.all(np.abs(labels[i, :2]) <= 20):
                gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
                out.near_evidence.append(eyes.evidence(gray, p))
                out.near_views.append(glasses.both_views(glasses.eye_band(gray, p)))
    return out


@dataclass
class EyeData:
    files: list[str]
    open: np.ndarray  # bool
    evidence: list  # eyes.EyeEvidence per crop, README canvas
    evidence_raw: list  # the crop as it is (as a script would hand it to check-photo)
    open_views: list = field(default_factory=list)  # glasses band of each open crop, as it is


def load_eyes(faces: Path, mesh: FaceMesh) -> EyeData:
    rows = [r for r in _rows(faces / "labels.csv") if r["eyes"] in ("open", "closed")]
    ev, ev_raw, views = [], [], []
    for r in rows:
        img = cv2.imread(str(faces / r["file"]))
        for frame, out in ((readme_canvas(img), ev), (img, ev_raw)):
            p = main_face(mesh.landmarks(frame))
            if p is None:
                raise RuntimeError(f"no face found in {r['file']}")
            gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
            out.append(eyes.evidence(gray, p))
        if r["eyes"] == "open":
            views.append(glasses.both_views(glasses.eye_band(gray, p)))
    return EyeData([r["file"] for r in rows], np.array([r["eyes"] == "open" for r in rows]), ev, ev_raw, views)


@dataclass
class GlassesData:
    files: list[str]
    glasses: np.ndarray  # bool
    male: np.ndarray  # bool
    views: np.ndarray  # (n, 2, features): the band and its mirror image
    evidence: list = field(default_factory=list)  # eyes.EyeEvidence per face (open-eyed, out of source)


def load_glasses(faces: Path, mesh: FaceMesh) -> GlassesData:
    files, labels, male, views, evidence = [], [], [], [], []
    for r in _rows(faces / "glasses" / "labels.csv"):
        img = cv2.imread(str(faces / "glasses" / r["file"]))
        p = main_face(mesh.landmarks(img))
        if p is None:  # 4 of 1,548 small crops: no face found, nothing to judge
            continue
        gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        files.append(r["file"])
        labels.append(r["glasses"] == "yes")
        male.append(r["male"] == "yes")
        views.append(glasses.both_views(glasses.eye_band(gray, p)))
        evidence.append(eyes.evidence(gray, p))
    return GlassesData(files, np.array(labels), np.array(male), np.array(views), evidence)


# --- fitting -----------------------------------------------------------------------------------
def fit_pose(raw: np.ndarray, labels: np.ndarray) -> dict:
    """Least squares of the label on the raw angle, per axis, over near-frontal photos with a face."""
    near = ~np.isnan(raw[:, 0]) & (np.abs(labels[:, 0]) <= POSE_FIT_RANGE) & (np.abs(labels[:, 1]) <= POSE_FIT_RANGE)
    out = {}
    for axis, name in ((0, "yaw"), (1, "pitch")):
        gain, offset = np.polyfit(raw[near, axis], labels[near, axis], 1)
        out[name] = (round(float(offset), 4), round(float(gain), 4))
    return out


def _patch_rows(evidence: list) -> np.ndarray:
    return np.array([e.patches.reshape(2, -1) for e in evidence])  # (n, 2, pixels)


def fit_eyes(evidence: list, is_open: np.ndarray, seed: int = 0) -> eyes.EyeModel:
    """Patch model on every eye; stacker on geometry plus patch scores that are out-of-fold (5-fold
    inside the training faces), so the stacker learns how far to trust the patch model on new faces."""
    px = _patch_rows(evidence)
    y2 = np.repeat(is_open, 2)
    inner = np.zeros((len(evidence), 2))
    folds = stratified_folds(is_open.astype(int), 5, seed + 1000)
    for k in range(5):
        tr = folds != k
        m = fit_logistic(px[tr].reshape(-1, px.shape[2]), np.repeat(is_open[tr], 2), EYE_PATCH_L2)
        inner[~tr] = m.logit(px[~tr].reshape(-1, px.shape[2])).reshape(-1, 2)
    patch = fit_logistic(px.reshape(-1, px.shape[2]), y2, EYE_PATCH_L2)
    stack_x = np.array([eyes.stack_input(e, inner[i]) for i, e in enumerate(evidence)])
    return eyes.EyeModel(patch, fit_logistic(stack_x, is_open, EYE_STACK_L2))


def fit_glasses(views: np.ndarray, has: np.ndarray) -> glasses.GlassesModel:
    x = views.reshape(-1, views.shape[2])  # each face twice: as seen and mirrored
    return glasses.GlassesModel(fit_logistic(x, np.repeat(has, 2), GLASSES_L2))


# --- held-out figures --------------------------------------------------------------------------
def pose_figures(est: np.ndarray, labels: np.ndarray, eye_roll: np.ndarray, cfg=(5.0, 5.0)) -> dict:
    """The issue's figures: median |error| per axis and the signed pitch bias on near-frontal photos
    (|yaw|, |pitch| <= 30 by label), and how many truly frontal photos (|yaw|, |pitch| <= 5) the gate's
    yaw and pitch checks would refuse (roll, from the eye line, is its own check and unchanged)."""
    found = ~np.isnan(est[:, 0])
    near = found & (np.abs(labels[:, 0]) <= 30) & (np.abs(labels[:, 1]) <= 30)
    err = est[near] - labels[near]
    frontal = found & (np.abs(labels[:, 0]) <= 5) & (np.abs(labels[:, 1]) <= 5)
    refused = (np.abs(est[frontal, 0]) > cfg[0]) | (np.abs(est[frontal, 1]) > cfg[1])
    outside = near & ~frontal
    passed = (np.abs(est[outside, 0]) <= cfg[0]) & (np.abs(est[outside, 1]) <= cfg[1])
    return {
        "photos_near_frontal": int(near.sum()),
        "median_abs_error_yaw": round(float(np.median(np.abs(err[:, 0]))), 2),
        "median_abs_error_pitch": round(float(np.median(np.abs(err[:, 1]))), 2),
        "median_abs_error_roll": round(float(np.median(np.abs(eye_roll[near] - labels[near, 2]))), 2),
        "pitch_bias_median": round(float(np.median(err[:, 1])), 2),
        "pitch_bias_mean": round(float(np.mean(err[:, 1])), 2),
        "truly_frontal": int(frontal.sum()),
        "truly_frontal_refused_on_pose": round(float(refused.mean()), 3),
        "outside_5deg_passed": round(float(passed.mean()), 3),
    }


def pose_heldout(d: PoseData, seed: int = 0) -> np.ndarray:
    """Calibrated estimates where each photo's map was fitted on the other half of the photos."""
    half = np.random.default_rng(seed).permutation(len(d.files)) % 2
    est = np.full_like(d.raw, np.nan)
    for k in (0, 1):
        cal = fit_pose(d.raw[half != k], d.labels[half != k])
        for i in np.flatnonzero((half == k) & ~np.isnan(d.raw[:, 0])):
            q = pose.calibrate(pose.Pose(*d.raw[i]), cal)
            est[i] = q.yaw, q.pitch, q.roll
    return est


def pose_heldout_halvings(d: PoseData, n: int = 20) -> dict:
    """pose_heldout for n random halvings: the mean of each figure and its range (one halving has only
    44 truly frontal photos, so one photo moves that figure by 2.3 points)."""
    runs = [pose_figures(pose_heldout(d, seed), d.labels, d.eye_roll) for seed in range(n)]
    return {
        k: {
            "mean": round(float(np.mean([r[k] for r in runs])), 3),
            "min": round(float(np.min([r[k] for r in runs])), 3),
            "max": round(float(np.max([r[k] for r in runs])), 3),
        }
        for k in runs[0]
        if k not in ("photos_near_frontal", "truly_frontal")
    }


def eyes_heldout(d: EyeData, k: int = 10, seed: int = 0) -> dict:
    """10-fold: each crop is scored by a model fitted on the other nine tenths (canvas and raw alike)."""
    folds = stratified_folds(d.open.astype(int), k, seed)
    prob = np.zeros(len(d.files))
    prob_raw = np.zeros(len(d.files))
    for f in range(k):
        tr = np.flatnonzero(folds != f)
        m = fit_eyes([d.evidence[i] for i in tr], d.open[tr], seed)
        for i in np.flatnonzero(folds == f):
            prob[i] = m.probability(d.evidence[i])
            prob_raw[i] = m.probability(d.evidence_raw[i])
    out = {}
    for name, p in (("canvas", prob), ("raw", prob_raw)):
        said = p >= 0.5
        out[name] = {
            "balanced_accuracy": round(balanced_accuracy(d.open, said), 4),
            "open_recall": round(float(np.mean(said[d.open])), 4),
            "closed_recall": round(float(np.mean(~said[~d.open])), 4),
            "wrong": [d.files[i] for i in np.flatnonzero(said != d.open)],
        }
    return out


def glasses_heldout(d: GlassesData, k: int = 10, seed: int = 0, threshold: float = GLASSES_THRESHOLD) -> dict:
    folds = stratified_folds(d.glasses * 2 + d.male, k, seed)
    prob = np.zeros(len(d.files))
    for f in range(k):
        tr = folds != f
        m = fit_glasses(d.views[tr], d.glasses[tr])
        prob[~tr] = sigmoid(m.model.logit(d.views[~tr].reshape(-1, d.views.shape[2])).reshape(-1, 2).mean(axis=1))
    said = prob >= threshold
    return {
        "caught": round(float(np.mean(said[d.glasses])), 4),
        "flagged_without": round(float(np.mean(said[~d.glasses])), 4),
        "caught_men": round(float(np.mean(said[d.glasses & d.male])), 4),
        "caught_women": round(float(np.mean(said[d.glasses & ~d.male])), 4),
        "flagged_men": round(float(np.mean(said[~d.glasses & d.male])), 4),
        "flagged_women": round(float(np.mean(said[~d.glasses & ~d.male])), 4),
        "faces": len(d.files),
        "probabilities": prob,
    }


def old_eyes_open(ev: eyes.EyeEvidence) -> bool:
    """The gate before issue 15: the smaller eye's gap + 2 x lift at or above 0.35."""
    return min(g + 2 * lift for g, lift in zip(ev.gap, ev.lift, strict=True)) >= 0.35


def out_of_source(pd_: PoseData, ed: EyeData, gd: GlassesData, eye_model, glasses_model) -> dict:
    """The models fitted on all their data, on faces from sources they never saw. These sets carry no
    eye or glasses labels: the rates are not accuracies, they are what an inspection starts from."""
    no_glasses = [e for e, g in zip(gd.evidence, gd.glasses, strict=True) if not g]

    def share_open(evidence: list, model) -> float:
        return round(float(np.mean([model(e) for e in evidence])), 4)

    def share_flagged(views: list) -> float:
        p = sigmoid(glasses_model.model.logit(np.array(views).reshape(-1, views[0].shape[1])).reshape(-1, 2).mean(1))
        return round(float(np.mean(p >= GLASSES_THRESHOLD)), 4)

    new = lambda e: eye_model.probability(e) >= 0.5  # noqa: E731
    return {
        "eyes_called_open_celeba_without_glasses": share_open(no_glasses, new),
        "eyes_called_open_celeba_without_glasses_old_threshold": share_open(no_glasses, old_eyes_open),
        "eyes_called_open_aflw_within_20deg": share_open(pd_.near_evidence, new),
        "eyes_called_open_aflw_within_20deg_old_threshold": share_open(pd_.near_evidence, old_eyes_open),
        "glasses_flagged_utkface_open_crops": share_flagged(ed.open_views),
        "glasses_flagged_aflw_within_20deg": share_flagged(pd_.near_views),
        "faces": {"celeba_without_glasses": len(no_glasses), "aflw_within_20deg": len(pd_.near_evidence)},
    }


# --- writing the weights -----------------------------------------------------------------------
def _blob(name: str, m: Linear) -> str:
    lines = textwrap.wrap(m.encode(), 100)
    return f"{name} = (\n" + "".join(f'    "{s}"\n' for s in lines) + ")\n"


def write_trained(path: Path, pose_cal: dict, eye_model: eyes.EyeModel, glasses_model: glasses.GlassesModel) -> None:
    text = (
        '"""Weights of the gate\'s small models. Generated by scripts/train_gate.py --write; do not edit.\n\n'
        "Linear models as base64 little-endian float32 (weights, then the bias), in the features' own\n"
        'units; see station.quality.training.Linear."""\n\n'
        f"POSE_CALIBRATION = {json.dumps(pose_cal)}  # axis: (offset, gain)\n\n"
        + _blob("EYE_PATCH", eye_model.patch)
        + "\n"
        + _blob("EYE_STACK", eye_model.stack)
        + "\n"
        + _blob("GLASSES", glasses_model.model)
    )
    path.write_text(text, "utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--faces", type=Path, default=ROOT.parent / "shared" / "faces")
    ap.add_argument("--write", action="store_true", help="fit on everything and write station/quality/trained.py")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    mesh = FaceMesh(live=False)
    pd_, ed, gd = load_pose(args.faces, mesh), load_eyes(args.faces, mesh), load_glasses(args.faces, mesh)
    mesh.close()
    held_glasses = glasses_heldout(gd)
    report = {
        "pose_before_plane_normal": pose_figures(pd_.before, pd_.labels, pd_.eye_roll),
        "pose_uncalibrated": pose_figures(pd_.raw, pd_.labels, pd_.eye_roll),
        "pose_heldout_2fold": pose_figures(pose_heldout(pd_), pd_.labels, pd_.eye_roll),
        "pose_heldout_20_halvings": pose_heldout_halvings(pd_),
        "eyes_heldout_10fold": eyes_heldout(ed),
        "glasses_heldout_10fold": {k: v for k, v in held_glasses.items() if k != "probabilities"},
        "glasses_heldout_10fold_by_threshold": {  # the same held-out probabilities, other thresholds
            t: {
                "caught": round(float(np.mean(held_glasses["probabilities"][gd.glasses] >= t)), 4),
                "flagged_without": round(float(np.mean(held_glasses["probabilities"][~gd.glasses] >= t)), 4),
            }
            for t in (0.5, 0.6, 0.7)
        },
    }
    eye_model, glasses_model = fit_eyes(ed.evidence, ed.open), fit_glasses(gd.views, gd.glasses)
    report["out_of_source"] = out_of_source(pd_, ed, gd, eye_model, glasses_model)
    if args.write:
        target = ROOT / "station" / "quality" / "trained.py"
        write_trained(target, fit_pose(pd_.raw, pd_.labels), eye_model, glasses_model)
    print(json.dumps(report, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
