"""Fingerprint deduplication at the centre: accuracy on the real prints, cost of a 1:N search at scale.

    python bench/dedup.py [--sizes 1000,10000,100000] [--layouts single,tenprint] [--probes 30] [--json]

Real (../shared/fingers, 80 FVC2002 prints, 10 fingers x 8): NBIS minutiae and Bozorth3 costs; a record
enrolled from impression 1 must find impressions 2-8 and nothing else; all 80 enrolled, each finding its
7 mates among the 79 others; the ten fingers as one person's ten prints (8 captures) among 9 impostor
ten-prints made of the same real fingers in other positions.

Scale: galleries of synthetic templates (sync/server/dedup/synthetic.py; what they can and cannot tell is
written there), N templates as N single-finger records ("single") or N/10 ten-print records ("tenprint").
Probes are second impressions of enrolled fingers (must be found) and fingers never enrolled (must not
match); in "single" the 10 real fingers' first impressions are enrolled too and their other impressions
searched, so real probes meet a large synthetic gallery. Medians of --probes searches each, wall-clock and
CPU time (all threads); the machine's load average is printed, because this machine is shared.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pickle
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.server.dedup import DedupConfig, DedupIndex, Minutiae, bozorth3, extract  # noqa: E402
from sync.server.dedup import synthetic as synth  # noqa: E402
from sync.server.dedup.descriptors import DIM, SLOTS, VERSION, describe  # noqa: E402

FINGERS = Path(os.environ.get("STATION_FINGERS_DIR", ROOT.parent / "shared" / "fingers"))


def ms(seconds: list[float]) -> float:
    return round(1000 * statistics.median(seconds), 2)


# -- real prints ------------------------------------------------------------------------------------------------


def load_real() -> dict[str, Minutiae]:
    files = sorted(glob.glob(str(FINGERS / "1*_*.tif")))
    if len(files) != 80:
        sys.exit(f"expected 80 prints in {FINGERS}, found {len(files)}")
    return {Path(f).stem: extract(Path(f).read_bytes()) for f in files}


def real_accuracy(real: dict[str, Minutiae]) -> dict:
    names = sorted(real)
    t = []
    for f in sorted(glob.glob(str(FINGERS / "1*_*.tif")))[:20]:
        data = Path(f).read_bytes()
        start = time.perf_counter()
        extract(data)
        t.append(time.perf_counter() - start)
    genuine, impostor, bz_t = [], [], []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            start = time.perf_counter()
            [s] = bozorth3(real[a], [real[b]])
            bz_t.append(time.perf_counter() - start)
            (genuine if a[:3] == b[:3] else impostor).append(s)
    out = {
        "prints": len(names),
        "extract_ms_p50": ms(t),
        "bozorth3_us_p50": round(1e6 * statistics.median(bz_t), 1),
        "bozorth3_genuine_pairs_ge40": f"{sum(s >= 40 for s in genuine)}/{len(genuine)}",
        "bozorth3_impostor_pairs_ge40": f"{sum(s >= 40 for s in impostor)}/{len(impostor)}",
        "bozorth3_genuine_p50": statistics.median(genuine),
        "bozorth3_impostor_p50": statistics.median(impostor),
        "bozorth3_impostor_max": max(impostor),
    }
    # A: impression 1 enrolled, impressions 2-8 searched
    index = DedupIndex()
    index.add_many([(f"{f}_1", {2: real[f"{f}_1"]}) for f in range(101, 111)])
    found = false = 0
    for f in range(101, 111):
        for i in range(2, 9):
            r = index.search({2: real[f"{f}_{i}"]})
            ids = [c.record_id for c in r.matches]
            found += f"{f}_1" in ids
            false += sum(x != f"{f}_1" for x in ids)
    out["enrol_1_search_2_to_8"] = {"found": found, "of": 70, "false_matches": false}
    # B: all enrolled, each searches the other 79
    index = DedupIndex()
    index.add_many([(n, {2: real[n]}) for n in names])
    pairs = with_mate = false = listed = 0
    for n in names:
        r = index.search({2: real[n]}, exclude=[n])
        mates = {m for m in names if m[:3] == n[:3] and m != n}
        ids = {c.record_id for c in r.matches}
        listed += len(mates & {c.record_id for c in r.candidates})
        pairs += len(ids & mates)
        with_mate += bool(ids & mates)
        false += len(ids - mates)
    out["all_80_each_vs_79"] = {
        "mate_pairs_found": pairs,
        "of": 560,
        "probes_finding_a_mate": with_mate,
        "false_matches": false,
        "mates_in_shortlist": f"{listed}/560",
    }

    # C: the ten fingers as one person's ten prints; impostors: the same fingers in other positions
    def person(shift: int, capture: int) -> dict[int, Minutiae]:
        return {p: real[f"{101 + (p - 1 + shift) % 10}_{capture}"] for p in range(1, 11)}

    index = DedupIndex()
    index.add_many([(f"shift{s}", person(s, 1)) for s in range(10)])
    found = false = 0
    for capture in range(2, 9):
        r = index.search(person(0, capture))
        ids = [c.record_id for c in r.matches]
        found += "shift0" in ids
        false += sum(x != "shift0" for x in ids)
    out["tenprint_1_person_vs_9_impostors"] = {"found": found, "of": 7, "false_matches": false}
    return out


def synthetic_check(real: dict[str, Minutiae], n: int = 120) -> dict:
    """How the synthetic fingers compare with the real ones under Bozorth3 and the prefilter."""
    rng = np.random.default_rng(99)
    fingers = [synth.finger(rng) for _ in range(n)]
    a = [synth.impression(f, rng) for f in fingers]
    b = [synth.impression(f, rng) for f in fingers]
    genuine = [bozorth3(x, [y])[0] for x, y in zip(a, b, strict=True)]
    impostor = [bozorth3(a[i], [b[j]])[0] for i in range(n) for j in range(0, n, 4) if i != j]
    return {
        "minutiae_p50": statistics.median(len(m) for m in a),
        "real_minutiae_p50": statistics.median(len(m) for m in real.values()),
        "bozorth3_genuine_p50": statistics.median(genuine),
        "bozorth3_genuine_ge40": round(sum(s >= 40 for s in genuine) / n, 3),
        "bozorth3_impostor_p50": statistics.median(impostor),
        "bozorth3_impostor_max": max(impostor),
    }


# -- synthetic galleries ----------------------------------------------------------------------------------------


def _make(args: tuple[int, int, int]) -> tuple[list, list, np.ndarray]:
    """Worker: `count` synthetic records of `per` fingers; returns their impressions, masters, descriptors."""
    seed, count, per = args
    rng = np.random.default_rng(seed)
    recs, masters = [], []
    for _ in range(count):
        fingers, imps = synth.record(rng, positions=range(1, per + 1))
        recs.append(imps)
        masters.append(fingers)
    flat = [m for r in recs for m in r.values()]
    return recs, masters, describe(flat)


def build_gallery(records: int, per: int, seed: int, workers: int, cache: Path | None = None):
    """An index of `records` synthetic records with `per` fingers each; the masters of the first 200 are kept
    (to make mated probes). Returns the index, those masters, and the CPU seconds spent making and describing
    a finger. With a cache folder, the generated gallery is kept there and reused by the next run."""
    stem = cache / f"gallery-{records}x{per}-{seed}-{VERSION}" if cache else None
    if stem and stem.with_suffix(".npy").exists():
        desc = np.load(stem.with_suffix(".npy"), mmap_mode="r")
        with open(stem.with_suffix(".pkl"), "rb") as f:
            templates, kept, per_finger = pickle.load(f)
        index = DedupIndex()
        for start in range(0, records, 5000):
            part = [
                (f"S{k}", {p: Minutiae.from_bytes(b) for p, b in templates[k].items()})
                for k in range(start, min(start + 5000, records))
            ]
            index.add_described(part, np.asarray(desc[start * per : (start + len(part)) * per]))
        return index, kept, per_finger
    index = DedupIndex()
    chunk = 500
    jobs = [(seed * 1_000_003 + i, min(chunk, records - i), per) for i in range(0, records, chunk)]
    kept: list = []
    templates: list[dict[int, bytes]] = []
    descs: list[np.ndarray] = []
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        for job, (recs, masters, desc) in zip(jobs, pool.map(_make, jobs), strict=True):
            base = job[0] - seed * 1_000_003
            index.add_described([(f"S{base + k}", r) for k, r in enumerate(recs)], desc)  # made in the workers
            if stem:
                templates.extend({p: m.to_bytes() for p, m in r.items()} for r in recs)
                descs.append(desc)
            if len(kept) < 200:
                kept.extend(masters[: 200 - len(kept)])
    per_finger = (time.perf_counter() - start) * workers / (records * per)
    if stem:
        stem.parent.mkdir(parents=True, exist_ok=True)
        np.save(stem.with_suffix(".npy"), np.concatenate(descs))
        with open(stem.with_suffix(".pkl"), "wb") as f:
            pickle.dump((templates, kept, per_finger), f)
    return index, kept, per_finger


def scale_run(
    records: int, per: int, probes: int, workers: int, real: dict[str, Minutiae], cache, scan_fingers: int
) -> dict:
    index, masters, build_s = build_gallery(records, per, seed=records + per, workers=workers, cache=cache)
    index.config = DedupConfig(prefilter_fingers=scan_fingers)
    if per == 1:
        index.add_many([(f"{f}_1", {1: real[f"{f}_1"]}) for f in range(101, 111)])
    rng = np.random.default_rng(7)
    mated = [{p: synth.impression(f, rng) for p, f in enumerate(m, start=1)} for m in masters[:probes]]
    unmated = [synth.record(rng, positions=range(1, per + 1))[1] for _ in range(probes)]
    times, cpu, pre, ver, comps = [], [], [], [], []
    found = false = 0
    for i, probe in enumerate(mated + unmated):
        start = time.process_time()
        r = index.search(probe)
        cpu.append(time.process_time() - start)
        times.append(r.prefilter_s + r.verify_s)
        pre.append(r.prefilter_s)
        ver.append(r.verify_s)
        comps.append(r.comparisons)
        ids = [c.record_id for c in r.matches]
        if i < len(mated):
            found += f"S{i}" in ids
            false += sum(x != f"S{i}" for x in ids)
        else:
            false += len(ids)
    out = {
        "layout": "single" if per == 1 else "tenprint",
        "fingers_scanned": min(per, scan_fingers),
        "templates": records * per,
        "records": len(index),
        "search_ms_p50": ms(times),
        "search_ms_p90": round(1000 * float(np.percentile(times, 90)), 2),
        "search_cpu_ms_p50": ms(cpu),  # CPU time of all threads: less swayed by other jobs on the machine
        "prefilter_ms_p50": ms(pre),
        "verify_ms_p50": ms(ver),
        "bozorth3_comparisons_p50": statistics.median(comps),
        "mated_found": f"{found}/{len(mated)}",
        "false_matches": false,
        "unmated_probes": len(unmated),
        "make_and_describe_ms_per_finger": round(1000 * build_s, 2),  # wall x workers, while generating
        "index_bytes_per_finger": SLOTS * DIM * 4,
    }
    if per == 1:
        rf = rfalse = 0
        for f in range(101, 111):
            for i in range(2, 9):
                ids = [c.record_id for c in index.search({1: real[f"{f}_{i}"]}).matches]
                rf += f"{f}_1" in ids
                rfalse += sum(x != f"{f}_1" for x in ids)
        out["real_probes_found"] = f"{rf}/70"
        out["real_probes_false_matches"] = rfalse
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="gallery sizes in finger templates")
    ap.add_argument("--layouts", default="single,tenprint")
    ap.add_argument("--probes", type=int, default=30, help="mated and as many unmated searches per gallery")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--scan-fingers", type=int, default=10, help="probe fingers in the 1:N scan (all are verified)")
    ap.add_argument("--skip-real", action="store_true")
    ap.add_argument("--cache", type=Path, default=None, help="keep generated galleries here for the next run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    real = load_real()
    result: dict = {"cores": os.cpu_count(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]}
    if not args.skip_real:
        result["real"] = real_accuracy(real)
        result["synthetic_vs_real"] = synthetic_check(real)
    result["scale"] = []
    for layout in args.layouts.split(","):
        per = 1 if layout == "single" else 10
        for size in (int(s) for s in args.sizes.split(",")):
            run = scale_run(size // per, per, args.probes, args.workers, real, args.cache, args.scan_fingers)
            result["scale"].append(run)
            print(json.dumps(run), file=sys.stderr, flush=True)  # progress: a long run keeps what it measured
    bz_us = result.get("real", {}).get("bozorth3_us_p50")
    if bz_us:
        result["exhaustive_bozorth3_s_per_search_at_100k"] = round(bz_us * 100_000 / 1e6, 1)
    result["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
