"""1:N fingerprint search over every record held: a fast prefilter over the whole gallery, a geometric
re-ranking of the best few hundred, NIST Bozorth3 on a shortlist; fingers fused per record.

1. Scan, per finger position the probe has (right thumb with right thumb...): one matrix product of the
   probe's minutia descriptors (descriptors.py) with every enrolled finger at that position. A finger's score
   is the mean of the `top_minutiae` best per-minutia similarities (each probe minutia taking its best
   partner). Scores become robust z-scores within the scan (median, MAD) and add up per record, so a record
   that resembles the probe on several fingers rises; a missing finger adds nothing.
2. Re-rank the best `rerank` fingers' worth of records: the best-matching minutia pairs of each finger vote
   for the rotation and shift that would lay the probe on the candidate; the score is the similarity mass of
   the largest set of pairs that agree (a Hough-style consensus). Impostors rarely agree; partial or turned
   genuine impressions do. Summed over fingers per record.
3. Verify the `shortlist` best records with Bozorth3, most promising fingers first. A record matches when
   `fingers_to_match` fingers (or every finger both have, if fewer) score `bozorth_threshold` or more; a
   candidate is dropped after `give_up_after` fingers verified without a match.

DUP names every matching record, for an officer to resolve; otherwise PRR. The index lives in memory in one
process (one dedup worker) and is not thread-safe.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from sync.server.dedup.descriptors import DIM, SLOTS, describe, geometry
from sync.server.dedup.minutiae import Minutiae, bozorth3

POSITIONS = range(1, 11)  # ISO/IEC 19794-2 finger positions: 1-5 right thumb..little, 6-10 left thumb..little
_CHUNK = 2048  # fingers per matrix product (about 20 MB of descriptors)


@dataclass(frozen=True)
class DedupConfig:
    scan_minutiae: int = 32  # scan: the probe's most reliable minutiae compared with every finger...
    top_minutiae: int = 8  # ...and a finger's score is the mean of this many best minutia similarities
    rerank: int = 500  # finger pairs re-ranked by geometric consensus per search
    consensus_pairs: int = 12  # best minutia pairs that vote on the alignment
    consensus_angle: float = np.deg2rad(20)  # pairs agree within this rotation...
    consensus_distance: float = 20.0  # ...and these many pixels once aligned
    shortlist: int = 10  # records verified by Bozorth3
    bozorth_threshold: int = 40
    fingers_to_match: int = 2
    give_up_after: int = 3
    prefilter_fingers: int = 10  # probe fingers scanned (those with most minutiae first); all are verified


@dataclass(frozen=True)
class Candidate:
    record_id: str
    prefilter: float  # geometric consensus summed over fingers (higher: more alike)
    bozorth: dict[int, int]  # finger position -> Bozorth3 score, for the fingers verified
    matched: bool

    @property
    def score(self) -> int:
        """Sum of the Bozorth3 scores verified: orders matches for the officer."""
        return sum(self.bozorth.values())


@dataclass(frozen=True)
class SearchResult:
    decision: str  # "DUP" | "PRR"
    matches: list[Candidate]  # best first; empty for PRR
    candidates: list[Candidate]  # every shortlisted record, verified, in shortlist order
    gallery_records: int
    prefilter_s: float  # scan + re-rank
    verify_s: float
    comparisons: int  # Bozorth3 comparisons made

    @property
    def match(self) -> Candidate | None:
        return self.matches[0] if self.matches else None


@dataclass
class _Gallery:
    """The enrolled fingers at one position: descriptors, minutia geometry, and the record row of each."""

    desc: np.ndarray = field(default_factory=lambda: np.zeros((0, SLOTS, DIM), np.float32))
    geom: np.ndarray = field(default_factory=lambda: np.zeros((0, SLOTS, 3), np.float32))
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    n: int = 0

    def append(self, rows: np.ndarray, desc: np.ndarray, geom: np.ndarray) -> None:
        need = self.n + len(rows)
        if need > len(self.rows):
            cap = max(need, 2 * len(self.rows), 1024)
            self.desc = _grown(self.desc, self.n, cap)
            self.geom = _grown(self.geom, self.n, cap)
            self.rows = np.concatenate([self.rows[: self.n], np.full(cap - self.n, -1, np.int64)])
        self.desc[self.n : need] = desc
        self.geom[self.n : need] = geom
        self.rows[self.n : need] = rows
        self.n = need

    def scan(self, probe: np.ndarray, top: int) -> np.ndarray:
        """Finger scores of the probe (n, DIM) against every finger here."""
        out = np.empty(self.n, np.float32)
        probe_t = np.ascontiguousarray(probe.T)
        n = len(probe)
        k = min(top, n)
        for start in range(0, self.n, _CHUNK):
            g = self.desc[start : min(start + _CHUNK, self.n)]
            sims = (g.reshape(-1, DIM) @ probe_t).reshape(len(g), SLOTS, n)  # (fingers, gallery m., probe m.)
            best = sims.max(axis=1)  # each probe minutia's best partner in each finger
            out[start : start + len(g)] = np.partition(best, n - k, axis=1)[:, n - k :].mean(axis=1)
        return out


def _grown(a: np.ndarray, n: int, cap: int) -> np.ndarray:
    out = np.zeros((cap, *a.shape[1:]), a.dtype)
    out[:n] = a[:n]
    return out


def _robust_z(scores: np.ndarray) -> np.ndarray:
    median = float(np.median(scores))
    mad = float(np.median(np.abs(scores - median))) * 1.4826
    return (scores - median) / max(mad, 1e-3)


def consensus(
    probe_desc: np.ndarray, probe_geom: np.ndarray, desc: np.ndarray, geom: np.ndarray, cfg: DedupConfig
) -> np.ndarray:
    """Alignment consensus of one probe finger with each of M gallery fingers: (M,) float.

    Each of the probe's `consensus_pairs` best-matched minutiae proposes the rotation and shift that lays it
    on its partner; the score is the largest similarity mass of pairs that agree with one proposal."""
    probe_ok = ~np.isnan(probe_geom[:, 0])
    m, slots, dim = desc.shape
    sims = (desc.reshape(-1, dim) @ probe_desc.T).reshape(m, slots, -1).transpose(0, 2, 1)  # (M, P, G)
    sims[:, ~probe_ok, :] = -1.0
    sims = np.where(np.isnan(geom[:, None, :, 0]), -1.0, sims)
    partner = sims.argmax(axis=2)
    strength = sims.max(axis=2)  # (M, P)
    pick = np.argsort(-strength, axis=1)[:, : cfg.consensus_pairs]
    s = np.maximum(np.take_along_axis(strength, pick, axis=1), 0)  # (M, T)
    p = np.nan_to_num(probe_geom)[pick]  # (M, T, 3)
    g = np.nan_to_num(np.take_along_axis(geom, np.take_along_axis(partner, pick, axis=1)[..., None], axis=1))
    rot = np.mod(g[..., 2] - p[..., 2] + np.pi, 2 * np.pi) - np.pi  # (M, T)
    c, sn = np.cos(rot), np.sin(rot)
    tx = g[..., 0] - (c * p[..., 0] - sn * p[..., 1])
    ty = g[..., 1] - (sn * p[..., 0] + c * p[..., 1])
    same_turn = np.abs(np.mod(rot[:, :, None] - rot[:, None, :] + np.pi, 2 * np.pi) - np.pi) < cfg.consensus_angle
    # pair j laid by pair i's alignment: does it land on its partner?
    ci, si = c[:, :, None], sn[:, :, None]
    lx = ci * p[:, None, :, 0] - si * p[:, None, :, 1] + tx[:, :, None]
    ly = si * p[:, None, :, 0] + ci * p[:, None, :, 1] + ty[:, :, None]
    lands = np.hypot(lx - g[:, None, :, 0], ly - g[:, None, :, 1]) < cfg.consensus_distance
    return ((same_turn & lands) * s[:, None, :]).sum(axis=2).max(axis=1)


class DedupIndex:
    """Every enrolled record's fingers, searchable 1:N. Record ids are the central record uuids."""

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or DedupConfig()
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self._alive = np.zeros(0, bool)
        self._galleries = {p: _Gallery() for p in POSITIONS}
        self._templates: dict[tuple[int, int], bytes] = {}  # (row, position) -> Minutiae.to_bytes()

    def __len__(self) -> int:
        return int(self._alive.sum())

    def __contains__(self, record_id: str) -> bool:
        row = self._row.get(record_id)
        return row is not None and bool(self._alive[row])

    def add(self, record_id: str, fingers: Mapping[int, Minutiae]) -> None:
        """Enrol one record (finger position -> minutiae); a record id already held is refused."""
        self.add_many([(record_id, fingers)])

    def add_many(self, records: Iterable[tuple[str, Mapping[int, Minutiae]]], workers: int = 1) -> int:
        """Enrol many records at once (descriptors computed in batches, on `workers` processes); returns how
        many. A backlog or a restart is where this matters: describing costs about 3 ms a finger."""
        batch = [(rid, {p: m for p, m in fingers.items() if len(m)}) for rid, fingers in records]
        flat = [m for _, fingers in batch for m in fingers.values()]
        return self.add_described(batch, describe_parallel(flat, workers))

    def add_described(self, batch: list[tuple[str, Mapping[int, Minutiae]]], desc: np.ndarray) -> int:
        """Enrol records whose descriptors are already made: desc[i] belongs to the i-th finger met when
        walking the records in order and each record's fingers in its mapping's order."""
        seen = set()
        for rid, fingers in batch:
            if rid in self._row or rid in seen:
                raise ValueError(f"rekaman {rid} sudah ada di indeks")
            if not fingers or not set(fingers) <= set(POSITIONS):
                raise ValueError(f"rekaman {rid}: posisi jari harus 1-10 dan paling sedikit satu jari")
            seen.add(rid)
        first = len(self._ids)
        by_position: dict[int, tuple[list[int], list[int], list[Minutiae]]] = {p: ([], [], []) for p in POSITIONS}
        i = 0
        for k, (rid, fingers) in enumerate(batch):
            self._row[rid] = first + k
            self._ids.append(rid)
            for p, m in fingers.items():
                rows, where, ms = by_position[p]
                rows.append(first + k)
                where.append(i)
                ms.append(m)
                self._templates[(first + k, p)] = m.to_bytes()
                i += 1
        self._alive = np.concatenate([self._alive[:first], np.ones(len(batch), bool)])
        for p, (rows, where, ms) in by_position.items():
            if rows:
                self._galleries[p].append(np.asarray(rows, np.int64), desc[where], geometry(ms))
        return len(batch)

    def remove(self, record_id: str) -> None:
        """Take a record out of future searches (e.g. a duplicate resolved as the same person)."""
        row = self._row.get(record_id)
        if row is not None:
            self._alive[row] = False

    def search(self, fingers: Mapping[int, Minutiae], exclude: Iterable[str] = ()) -> SearchResult:
        cfg = self.config
        fingers = {p: m for p, m in fingers.items() if p in self._galleries and len(m)}
        if not fingers:  # an enrolment failure, not a unique person: the caller must say so
            raise ValueError("tidak ada sidik jari (posisi 1-10) untuk dicari")
        started = time.perf_counter()
        n_rows = len(self._ids)
        alive = self._alive.copy()
        for rid in exclude:
            if rid in self._row:
                alive[self._row[rid]] = False
        scanned = [p for p in sorted(fingers, key=lambda p: -len(fingers[p])) if self._galleries[p].n][
            : cfg.prefilter_fingers
        ]
        probe_desc = dict(zip(scanned, describe([fingers[p] for p in scanned]), strict=True))
        probe_geom = dict(zip(scanned, geometry([fingers[p] for p in scanned]), strict=True))
        # 1. scan everything, fuse per record
        fused = np.zeros(n_rows, np.float64)
        for p in scanned:
            g = self._galleries[p]
            probe = probe_desc[p][_most_reliable(fingers[p], cfg.scan_minutiae)]
            fused += np.bincount(g.rows[: g.n], weights=_robust_z(g.scan(probe, cfg.top_minutiae)), minlength=n_rows)
        fused[~alive] = -np.inf
        held = int(alive.sum())
        # 2. re-rank the best records by geometric consensus, finger by finger
        reranked = _top(fused, min(held, max(cfg.shortlist, cfg.rerank // max(len(scanned), 1))))
        per_finger: dict[int, dict[int, float]] = {}  # row -> position -> consensus
        for p in scanned:
            g = self._galleries[p]
            at = np.searchsorted(g.rows[: g.n], reranked)  # rows ascend: records are appended in row order
            has = (at < g.n) & (g.rows[np.minimum(at, g.n - 1)] == reranked)
            if not has.any():
                continue
            idx = at[has]
            votes = consensus(probe_desc[p], probe_geom[p], g.desc[idx], g.geom[idx], cfg)
            for row, v in zip(reranked[has], votes, strict=True):
                per_finger.setdefault(int(row), {})[p] = float(v)
        totals = np.array([sum(per_finger.get(int(r), {}).values()) for r in reranked])
        order = reranked[np.argsort(-totals, kind="stable")][: cfg.shortlist]
        prefilter_s = time.perf_counter() - started
        # 3. verify the shortlist with Bozorth3
        started = time.perf_counter()
        candidates, comparisons = [], 0
        for row in order:
            cand, n = self._verify(int(row), fingers, per_finger.get(int(row), {}))
            candidates.append(cand)
            comparisons += n
        matches = sorted((c for c in candidates if c.matched), key=lambda c: -c.score)
        return SearchResult(
            decision="DUP" if matches else "PRR",
            matches=matches,
            candidates=candidates,
            gallery_records=held,
            prefilter_s=prefilter_s,
            verify_s=time.perf_counter() - started,
            comparisons=comparisons,
        )

    def _verify(self, row: int, fingers: Mapping[int, Minutiae], votes: dict[int, float]) -> tuple[Candidate, int]:
        cfg = self.config
        shared = sorted((p for p in fingers if (row, p) in self._templates), key=lambda p: -votes.get(p, -1.0))
        need = min(cfg.fingers_to_match, len(shared))
        scores: dict[int, int] = {}
        matched = 0
        for i, p in enumerate(shared):
            [score] = bozorth3(fingers[p], [Minutiae.from_bytes(self._templates[(row, p)])])
            scores[p] = score
            matched += score >= cfg.bozorth_threshold
            if matched >= need or matched + len(shared) - i - 1 < need:
                break
            if matched == 0 and i + 1 >= cfg.give_up_after:
                break
        ok = need > 0 and matched >= need
        return Candidate(self._ids[row], sum(votes.values()), scores, ok), len(scores)


def _most_reliable(m: Minutiae, n: int) -> np.ndarray:
    """Descriptor slots (as describe() fills them) of the n most reliable minutiae."""
    rel = m.best(SLOTS).reliability
    return np.sort(np.argsort(-rel, kind="stable")[:n])


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest finite scores, highest first."""
    if k <= 0:
        return np.zeros(0, np.int64)
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.isfinite(scores[idx])]
    return idx[np.argsort(-scores[idx], kind="stable")]


def describe_parallel(fingers: list[Minutiae], workers: int) -> np.ndarray:
    if workers <= 1 or len(fingers) < 4 * 256:
        return describe(fingers)
    from concurrent.futures import ProcessPoolExecutor

    parts = [fingers[i : i + 256] for i in range(0, len(fingers), 256)]
    with ProcessPoolExecutor(workers) as pool:
        return np.concatenate(list(pool.map(describe, parts)))
