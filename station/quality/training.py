"""Offline fitting for the gate's small models (scripts/train_gate.py and the held-out tests).

Plain numpy, so the tests can re-run the whole fitting procedure inside cross-validation without a
machine-learning library. The gate itself never fits anything: it evaluates the weights in trained.py.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Linear:
    """logit = x @ w + b, in the features' own units (standardisation folded in)."""

    w: np.ndarray
    b: float

    def logit(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x, np.float64) @ self.w + self.b

    def encode(self) -> str:
        return base64.b64encode(np.append(self.w, self.b).astype("<f4").tobytes()).decode()

    @classmethod
    def decode(cls, text: str) -> Linear:
        v = np.frombuffer(base64.b64decode(text), "<f4").astype(np.float64)
        return cls(v[:-1], float(v[-1]))


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, balanced: bool = True, iters: int = 30) -> Linear:
    """L2-penalised logistic regression by Newton's method on standardised features.

    `l2` is the penalty per standardised weight (the bias is free); `balanced` weighs both classes
    equally, as balanced accuracy does.
    """
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd < 1e-9] = 1.0
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    sw = np.ones(len(y))
    if balanced:
        pos = max(y.sum(), 1.0)
        neg = max(len(y) - y.sum(), 1.0)
        sw = np.where(y > 0.5, len(y) / (2 * pos), len(y) / (2 * neg))
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    beta = np.zeros(z.shape[1])
    for _ in range(iters):
        p = sigmoid(z @ beta)
        grad = z.T @ (sw * (p - y)) + reg * beta
        curv = sw * p * (1 - p)
        step = _solve_cg(lambda v, c=curv: z.T @ (c * (z @ v)) + (reg + 1e-9) * v, grad, (z * z).T @ curv + reg + 1e-9)
        beta -= step
        if np.max(np.abs(step)) < 1e-6:
            break
    w = beta[:-1] / sd
    return Linear(w, float(beta[-1] - np.sum(beta[:-1] * mu / sd)))


def _solve_cg(hv, b: np.ndarray, diag: np.ndarray, tol: float = 1e-8, max_iter: int = 200) -> np.ndarray:
    """Solve H x = b by conjugate gradients with a diagonal preconditioner, H given as a product hv(v):
    a Newton step costs a few passes over the data instead of forming the (features x features) Hessian."""
    x = np.zeros_like(b)
    r = b.copy()
    zr = r / diag
    d = zr.copy()
    rz = r @ zr
    limit = tol * (b @ b)
    for _ in range(max_iter):
        hd = hv(d)
        alpha = rz / (d @ hd)
        x += alpha * d
        r -= alpha * hd
        if r @ r <= limit:
            break
        zr = r / diag
        rz_next = r @ zr
        d = zr + (rz_next / rz) * d
        rz = rz_next
    return x


def stratified_folds(groups: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """A fold number (0..k-1) per item, each group (e.g. label x gender) spread evenly over the folds."""
    rng = np.random.default_rng(seed)
    fold = np.empty(len(groups), int)
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        rng.shuffle(idx)
        fold[idx] = (np.arange(len(idx)) + rng.integers(k)) % k
    return fold


def balanced_accuracy(truth: np.ndarray, said: np.ndarray) -> float:
    truth, said = np.asarray(truth, bool), np.asarray(said, bool)
    return float((np.mean(said[truth]) + np.mean(~said[~truth])) / 2)
