"""Fingerprint quality and matching through NIST's own code: NFIQ 2 (ISO/IEC 29794-4), MINDTCT
minutiae, ISO/IEC 19794-2 templates and the Bozorth3 matcher, all from the `nbis-py` wheel.

Same-finger decision. Bozorth3 scores grow with the number of minutiae in both prints, for impostor
pairs as well as genuine ones, so one raw threshold either misses same-finger pairs of small prints or
lets chance matches of large prints through. A pair is judged the same finger when its score,
normalised by the minutiae counts (never inflating prints with fewer than `minutiae_floor`), reaches
`same_finger_normalised`, or when the raw score reaches NIST's "true match" level
(`same_finger_raw`, 40). The normalised threshold sits where an exponential fitted to the tail of
the different-finger scores predicts 1 false pair in 10,000: ten times safer than the 0.1% goal, to
leave room for other sensors. docs/biometrics.md has the numbers.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import cv2
import nbis
import numpy as np

from station.domain.biometrics import BiometricThresholds, FingerPosition

_lock = threading.Lock()
_extractors: dict[bool, object] = {}


def _extractor(nfiq2: bool = True):
    """NBIS extractors are costly to build and not documented as thread-safe: one each, behind a lock."""
    if nfiq2 not in _extractors:
        settings = nbis.NbisExtractorSettings(
            min_quality=0.0, get_center=False, check_fingerprint=False, compute_nfiq2=nfiq2, ppi=None
        )
        _extractors[nfiq2] = nbis.new_nbis_extractor(settings)
    return _extractors[nfiq2]


# NFIQ 2 actionable feedback: (name, failing when value is below/above, limit, message)
_FEEDBACK = (
    (
        "EmptyImageOrContrastTooLow",
        ">",
        250.0,
        "Gambar kosong atau kontras terlalu rendah: bersihkan kaca, tekan jari.",
    ),
    ("UniformImage", "<", 1.0, "Gambar rata tanpa guratan: jari belum menempel di kaca."),
    ("SufficientFingerprintForeground", "<", 50000.0, "Bagian jari yang terekam terlalu kecil: tekan lebih luas."),
    ("FingerprintImageWithMinutiae", "<", 5.0, "Guratan sidik jari hampir tidak terbaca."),
)


@dataclass(frozen=True)
class FingerQuality:
    """What the station knows of one print: NFIQ 2, minutiae, the ISO/IEC 19794-2 template, and the
    verdict against the office's threshold (reasons are codes, messages Indonesian)."""

    nfiq2: int | None
    minutiae: int
    template: bytes  # ISO/IEC 19794-2:2005 ("FMR\0 20\0"), as nbis writes it
    ok: bool
    reasons: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    feedback: dict = field(default_factory=dict, compare=False)
    # NBIS's own minutiae object, kept for Bozorth3; None once the template came back from storage.
    nbis_minutiae: object = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict:
        return {
            "nfiq2": self.nfiq2,
            "minutiae": self.minutiae,
            "ok": self.ok,
            "reasons": list(self.reasons),
            "messages": list(self.messages),
        }


def _image_bytes(image: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".bmp", np.ascontiguousarray(image, dtype=np.uint8))
    if not ok:
        raise ValueError("Gambar sidik jari tidak bisa dikodekan.")
    return buf.tobytes()


def assess_finger(
    image: np.ndarray,
    thresholds: BiometricThresholds | None = None,
    position: FingerPosition = FingerPosition.UNKNOWN,
    ppi: int = 500,
) -> FingerQuality:
    """NFIQ 2 and minutiae of a single-finger grey image at PPI (500 expected by NFIQ 2)."""
    t = thresholds or BiometricThresholds()
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if ppi != 500:  # NFIQ 2 is trained on 500 ppi: bring other resolutions there first
        f = 500.0 / ppi
        image = cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC)
    data = _image_bytes(image)
    name = position.label if position != FingerPosition.UNKNOWN else "jari"
    with _lock:
        try:
            m = _extractor(True).extract_minutiae(data)
            q = m.quality()
            nfiq2: int | None = int(q.score)
            feedback = {v.name: float(v.value) for v in q.actionable}
        except nbis.NbisError.Nfiq2ComputeFailed:
            m = _extractor(False).extract_minutiae(data)
            nfiq2, feedback = None, {}
        count = len(m.get())
        template = bytes(m.to_iso_19794_2_2005())
    reasons, messages = [], []
    if nfiq2 is None:
        reasons.append("nfiq2_failed")
        messages.append(f"Mutu sidik {name} tidak bisa diukur: tempelkan jari dengan benar di tengah kaca.")
    elif nfiq2 < t.finger_nfiq2_min:
        reasons.append("nfiq2_low")
        messages.append(
            f"Mutu sidik {name} rendah (NFIQ 2 = {nfiq2}, minimal {t.finger_nfiq2_min}): bersihkan jari dan kaca, "
            "tekan merata."
        )
    if count < t.finger_minutiae_min:
        reasons.append("minutiae_few")
        messages.append(f"Minutiae {name} terlalu sedikit ({count}, minimal {t.finger_minutiae_min}).")
    for key, op, limit, message in _FEEDBACK:
        v = feedback.get(key)
        if v is not None and ((op == "<" and v < limit) or (op == ">" and v > limit)) and reasons:
            messages.append(message)
    return FingerQuality(nfiq2, count, template, not reasons, tuple(reasons), tuple(messages), feedback, m)


def _loaded(q: FingerQuality):
    if q.nbis_minutiae is not None:
        return q.nbis_minutiae
    with _lock:
        return _extractor(False).load_iso_19794_2_2005(q.template)


@dataclass(frozen=True)
class MatchScore:
    raw: int  # Bozorth3
    normalised: float  # raw x 40 / sqrt(max(n_a, floor) x max(n_b, floor))
    same: bool


def match(a: FingerQuality, b: FingerQuality, thresholds: BiometricThresholds | None = None) -> MatchScore:
    """Bozorth3 between two prints, and whether the office's rule judges them the same finger."""
    t = thresholds or BiometricThresholds()
    ma, mb = _loaded(a), _loaded(b)
    with _lock:
        raw = int(ma.compare(mb))
    floor = t.minutiae_floor
    norm = raw * 40.0 / math.sqrt(max(a.minutiae, floor) * max(b.minutiae, floor))
    return MatchScore(raw, round(norm, 2), norm >= t.same_finger_normalised or raw >= t.same_finger_raw)


def template_quality(template: bytes) -> FingerQuality:
    """A stored ISO/IEC 19794-2 template as a FingerQuality that can be matched (no NFIQ 2)."""
    with _lock:
        m = _extractor(False).load_iso_19794_2_2005(template)
        n = len(m.get())
    return FingerQuality(None, n, template, True, nbis_minutiae=m)


def same_finger_pairs(
    prints: Sequence[tuple[Hashable, FingerQuality]], thresholds: BiometricThresholds | None = None
) -> list[tuple[Hashable, Hashable, MatchScore]]:
    """Every pair among PRINTS (key, quality) that the rule judges the same finger, best score first."""
    found = []
    for i in range(len(prints)):
        for j in range(i + 1, len(prints)):
            s = match(prints[i][1], prints[j][1], thresholds)
            if s.same:
                found.append((prints[i][0], prints[j][0], s))
    return sorted(found, key=lambda x: -x[2].normalised)
