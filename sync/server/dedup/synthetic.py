"""Synthetic fingers for measuring the deduplication engine at gallery sizes no real data set here reaches.

For benchmarks and tests only: never a source of enrolled records.

A synthetic *finger* is a master set of minutiae; an *impression* is what one capture of it yields.
- Ridge flow: the Sherlock-Monro zero-pole model (the orientation model of the SFinGe generator, Cappelli et
  al.), with singular points placed by pattern class at population frequencies (loops about 65%, whorls 28%,
  arches 7%), plus a weak random low-frequency warp so no two fingers of a class share a flow.
- Minutiae: 70-110 per finger, uniformly scattered with a 10-pixel hard core (no two closer), directed along
  the ridge flow (either way along it), about 45% bifurcations.
- Impression: a 388 x 374 window at 500 ppi (the size of ../shared/fingers) around the core, placed and turned
  as a finger lands on a scanner (sigma 20-25 px, 10 degrees), a smooth elastic distortion of a few pixels,
  10-35% of minutiae lost, a few spurious ones added, position and direction noise.

What it can tell: the cost of a search (descriptor and gallery sizes, minutiae counts as real), and whether
an engine finds an impression among many others of a comparable kind. What it cannot tell: real false-match
rates (real ridge structure, families of similar fingers, scars, dry or worn skin, sensor artefacts are not
modelled, and minutiae here follow no ridge counts), nor real miss rates. `bench/dedup.py` prints how the
synthetic Bozorth3 score distributions compare with the real ones on ../shared/fingers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sync.server.dedup.minutiae import Minutiae

WINDOW = (388, 374)  # width, height of an impression, as FVC2002 DB1
CLASSES = (("left_loop", 0.34), ("right_loop", 0.31), ("whorl", 0.28), ("arch", 0.04), ("tented_arch", 0.03))


@dataclass(frozen=True)
class Finger:
    """A master finger: minutiae in its own frame (origin at the finger's centre, y down, maths angles)."""

    pattern: str
    core: tuple[float, float]
    x: np.ndarray
    y: np.ndarray
    alpha: np.ndarray  # direction, radians, y-down maths frame
    bifurcation: np.ndarray
    half_axes: tuple[float, float]


def _orientation(pattern: str, rng: np.random.Generator):
    """A function (x, y) -> ridge orientation (radians, mod pi), and the core position."""
    if pattern in ("left_loop", "right_loop"):
        side = 1 if pattern == "left_loop" else -1
        core = np.array([rng.uniform(-25, 25), rng.uniform(-50, -10)])
        deltas = [core + [side * rng.uniform(80, 130), rng.uniform(80, 140)]]
        cores = [core]
    elif pattern == "whorl":
        core = np.array([rng.uniform(-20, 20), rng.uniform(-40, 0)])
        gap = rng.uniform(12, 30)
        tilt = rng.uniform(-0.6, 0.6)
        cores = [
            core + gap * np.array([np.sin(tilt), -np.cos(tilt)]),
            core - gap * np.array([np.sin(tilt), -np.cos(tilt)]),
        ]
        deltas = [
            core + [-rng.uniform(90, 140), rng.uniform(90, 150)],
            core + [rng.uniform(90, 140), rng.uniform(90, 150)],
        ]
    elif pattern == "tented_arch":
        core = np.array([rng.uniform(-15, 15), rng.uniform(-30, 0)])
        cores, deltas = [core], [core + [rng.uniform(-10, 10), rng.uniform(45, 80)]]
    else:  # plain arch: no singular point
        core = np.array([rng.uniform(-15, 15), rng.uniform(-20, 20)])
        cores, deltas = [], []
    # a weak low-frequency warp makes each finger's flow its own
    kx, ky = rng.uniform(0.004, 0.012, 2)
    phase = rng.uniform(0, 2 * np.pi, 2)
    amp = rng.uniform(0.05, 0.2)
    arch_height, arch_width = rng.uniform(20, 45), rng.uniform(90, 140)

    def theta(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        if pattern == "arch":
            slope = -2 * arch_height * (x - core[0]) / arch_width**2 * np.exp(-(((x - core[0]) / arch_width) ** 2))
            slope *= np.exp(-np.maximum(y - core[1], 0) / 150)
            t = np.arctan(slope)
        else:
            t = np.zeros_like(x)
            for d in deltas:
                t += 0.5 * np.arctan2(y - d[1], x - d[0])
            for c in cores:
                t -= 0.5 * np.arctan2(y - c[1], x - c[0])
        return t + amp * np.sin(kx * x + phase[0]) * np.cos(ky * y + phase[1])

    return theta, (float(core[0]), float(core[1]))


def _scatter(n: int, half_axes: tuple[float, float], min_dist: float, rng: np.random.Generator) -> np.ndarray:
    """n points in the ellipse, no two closer than min_dist (random sequential adsorption)."""
    a, b = half_axes
    cand = rng.uniform(-1, 1, (n * 4, 2)) * [a, b]
    cand = cand[(cand[:, 0] / a) ** 2 + (cand[:, 1] / b) ** 2 <= 1]
    d2 = ((cand[:, None, :] - cand[None, :, :]) ** 2).sum(-1)
    close = d2 < min_dist**2
    keep = np.zeros(len(cand), bool)
    blocked = np.zeros(len(cand), bool)
    for i in range(len(cand)):
        if not blocked[i]:
            keep[i] = True
            blocked |= close[i]
            if keep.sum() >= n:
                break
    return cand[keep]


def finger(rng: np.random.Generator) -> Finger:
    names, weights = zip(*CLASSES, strict=True)
    pattern = str(rng.choice(names, p=np.array(weights) / sum(weights)))
    theta, core = _orientation(pattern, rng)
    half_axes = (rng.uniform(150, 180), rng.uniform(190, 230))
    pts = _scatter(int(rng.integers(55, 96)), half_axes, 10.0, rng)
    x, y = pts[:, 0], pts[:, 1]
    alpha = theta(x, y) + np.pi * rng.integers(0, 2, len(x)) + rng.normal(0, 0.05, len(x))
    # short ridges and islands: about a fifth of the minutiae have a partner a ridge-length away, facing it
    pair = rng.random(len(x)) < 0.2
    step = rng.uniform(6, 14, int(pair.sum()))
    px = x[pair] + step * np.cos(alpha[pair])
    py = y[pair] + step * np.sin(alpha[pair])
    x, y = np.concatenate([x, px]), np.concatenate([y, py])
    alpha = np.concatenate([alpha, alpha[pair] + np.pi])
    return Finger(pattern, core, x, y, np.mod(alpha, 2 * np.pi), rng.random(len(x)) < 0.45, half_axes)


def impression(f: Finger, rng: np.random.Generator) -> Minutiae:
    """One capture of the finger, as an extractor would report it from a 388 x 374 image."""
    w, h = WINDOW
    keep = rng.random(len(f.x)) < rng.uniform(0.7, 0.95)
    x, y, alpha, bif = f.x[keep], f.y[keep], f.alpha[keep], f.bifurcation[keep]
    # elastic distortion: a smooth displacement field of a few pixels
    amp = rng.uniform(1, 4, 2)
    lam = rng.uniform(250, 500, 2)
    ph = rng.uniform(0, 2 * np.pi, 2)
    x = x + amp[0] * np.sin(2 * np.pi * y / lam[0] + ph[0])
    y = y + amp[1] * np.sin(2 * np.pi * x / lam[1] + ph[1])
    # where the finger lands: centre near the core, turned a little
    phi = float(np.clip(rng.normal(0, np.deg2rad(10)), -np.deg2rad(25), np.deg2rad(25)))
    cx, cy = f.core[0] + rng.normal(0, 20), f.core[1] + rng.normal(0, 25)
    c, s = np.cos(phi), np.sin(phi)
    u = c * (x - cx) - s * (y - cy) + w / 2
    v = s * (x - cx) + c * (y - cy) + h / 2
    alpha = alpha + phi
    # the contact area of a plain impression is smaller than the finger
    ea, eb = f.half_axes[0] * rng.uniform(0.75, 0.95), f.half_axes[1] * rng.uniform(0.75, 0.95)
    inside = (((x - f.core[0]) / ea) ** 2 + ((y - f.core[1] - 30) / eb) ** 2 <= 1) & (u >= 8) & (u < w - 8)
    inside &= (v >= 8) & (v < h - 8)
    u, v, alpha, bif = u[inside], v[inside], alpha[inside], bif[inside]
    # spurious minutiae, noise, a few endings read as bifurcations and back
    extra = int(rng.poisson(rng.uniform(2, 8)))
    u = np.concatenate([u, rng.uniform(15, w - 15, extra)]) + rng.normal(0, 1.5, len(u) + extra)
    v = np.concatenate([v, rng.uniform(15, h - 15, extra)]) + rng.normal(0, 1.5, len(v) + extra)
    alpha = np.concatenate([alpha, rng.uniform(0, 2 * np.pi, extra)]) + rng.normal(0, 0.08, len(alpha) + extra)
    bif = np.concatenate([bif, rng.random(extra) < 0.45]) ^ (rng.random(len(bif) + extra) < 0.1)
    reliability = np.concatenate([rng.uniform(0.1, 0.8, len(u) - extra), rng.uniform(0.05, 0.4, extra)])
    return Minutiae.from_arrays(
        np.clip(u, 0, w - 1), np.clip(v, 0, h - 1), -alpha, reliability, bif, width=w, height=h
    )  # angle: counter-clockwise on screen, as extract() reports


def record(rng: np.random.Generator, positions=range(1, 11)) -> tuple[list[Finger], dict[int, Minutiae]]:
    """A synthetic person: one finger per position and one impression of each."""
    fingers = [finger(rng) for _ in positions]
    return fingers, {p: impression(f, rng) for p, f in zip(positions, fingers, strict=True)}
